import type { UserLogoutStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { Model } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

/** Props for `UserLogoutStage`. */
export interface UserLogoutStageProps extends BlueprintEntryOptions, Attributes<Omit<UserLogoutStageRequest, 'name'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
}

const MODEL = Model.USER_LOGOUT_STAGE;
const SPEC = registerTypedEntry(MODEL, 'UserLogoutStage', { orderRank: 28 });

/**
 * An `authentik_stages_user_logout.userlogoutstage`: ends the user's session.
 */
export class UserLogoutStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-invalidation-logout`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: UserLogoutStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
