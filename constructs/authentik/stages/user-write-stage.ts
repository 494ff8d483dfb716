import type { UserWriteStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { IGroup } from '../group';
import type { Attributes } from '../model-schema';
import { Model } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

/** Props for `UserWriteStage`. */
export interface UserWriteStageProps extends BlueprintEntryOptions, Attributes<Omit<UserWriteStageRequest, 'name' | 'createUsersGroup'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Group that newly created users join.
   * @default - none
   */
  readonly createUsersGroup?: IGroup;
}

const MODEL = Model.USER_WRITE_STAGE;
const SPEC = registerTypedEntry(MODEL, 'UserWriteStage', { orderRank: 28 });

/**
 * An `authentik_stages_user_write.userwritestage`: writes what earlier stages collected (prompts, a source) to the
 * pending user, creating it if allowed.
 */
export class UserWriteStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-source-enrollment-write`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: UserWriteStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
