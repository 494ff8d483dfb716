import type { UserLoginStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { Model } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

/** Props for `UserLoginStage`. */
export interface UserLoginStageProps extends BlueprintEntryOptions, Attributes<Omit<UserLoginStageRequest, 'name'>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
}

const MODEL = Model.USER_LOGIN_STAGE;
const SPEC = registerTypedEntry(MODEL, 'UserLoginStage', { orderRank: 28 });

/**
 * An `authentik_stages_user_login.userloginstage`: starts a session for the pending user.
 */
export class UserLoginStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-authentication-login`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: UserLoginStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
