import type { AuthenticatorDuoStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { Tag } from '../../blueprint/tags';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { type IFlow } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import type { SecretValue } from '../private/secret-props';
import { ModelName } from '../../catalog/model-facts';

// typed below: relations as objects, secrets as references, fields required on create as optional
type RetypedFields = 'name' | 'clientId' | 'apiHostname' | 'configureFlow' | 'clientSecret' | 'adminSecretKey';

/** Props for `AuthenticatorDuoStage`. */
export interface AuthenticatorDuoStageProps extends BlueprintEntryOptions, Attributes<Omit<AuthenticatorDuoStageRequest, RetypedFields>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Duo integration key (required when the stage is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly clientId?: AuthenticatorDuoStageRequest['clientId'] | Tag;
  /**
   * Duo API hostname, e.g. `api-xxxx.duosecurity.com` (required when the stage is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly apiHostname?: AuthenticatorDuoStageRequest['apiHostname'] | Tag;
  /**
   * Flow in which a signed-in user sets this authenticator up (from their settings).
   * @default - users cannot set it up from their settings
   */
  readonly configureFlow?: IFlow;
  /**
   * Duo secret key (required when the stage is created): a worker secret or `!Env`, never a literal.
   * @default - none: only valid with `updatesExisting`
   */
  readonly clientSecret?: SecretValue;
  /**
   * Duo Admin API secret key, for importing devices: a worker secret or `!Env`, never a literal.
   * @default - none
   */
  readonly adminSecretKey?: SecretValue;
}

const MODEL = ModelName.AUTHENTICATORDUOSTAGE;
const SPEC = registerTypedEntry(MODEL, 'AuthenticatorDuoStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_authenticator_duo.authenticatorduostage`: enrolls the user in Duo push authentication.
 */
export class AuthenticatorDuoStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app (made in the admin interface or by another blueprint). */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AuthenticatorDuoStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
