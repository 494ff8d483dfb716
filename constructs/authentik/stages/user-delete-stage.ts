import type { UserDeleteStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { registerTypedEntry } from '../private/entry-registry';
import { ModelName } from '../../catalog/model-facts';

/** Props for `UserDeleteStage`. */
export interface UserDeleteStageProps extends BlueprintEntryOptions, Attributes<Omit<UserDeleteStageRequest, 'name'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
}

const MODEL = ModelName.USERDELETESTAGE;
const SPEC = registerTypedEntry(MODEL, 'UserDeleteStage', { orderRank: 28 });

/**
 * An `authentik_stages_user_delete.userdeletestage`: deletes the pending user (for unenrollment flows).
 */
export class UserDeleteStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app (made in the admin interface or by another blueprint). */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: UserDeleteStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
