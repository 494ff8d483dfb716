import type { AuthenticatorEmailStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { type IFlow } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import type { SecretValue } from '../private/secret-props';
import { ModelName } from '../../catalog/model-facts';

// typed below: relations as objects, secrets as references, fields required on create as optional
type RetypedFields = 'name' | 'configureFlow' | 'password';

/** Props for `AuthenticatorEmailStage`. */
export interface AuthenticatorEmailStageProps extends BlueprintEntryOptions, Attributes<Omit<AuthenticatorEmailStageRequest, RetypedFields>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Flow in which a signed-in user sets this authenticator up (from their settings).
   * @default - users cannot set it up from their settings
   */
  readonly configureFlow?: IFlow;
  /**
   * SMTP password, when `useGlobalSettings` is false: a worker secret or `!Env`, never a literal.
   * @default - none
   */
  readonly password?: SecretValue;
}

const MODEL = ModelName.AUTHENTICATOREMAILSTAGE;
const SPEC = registerTypedEntry(MODEL, 'AuthenticatorEmailStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_authenticator_email.authenticatoremailstage`: sets up one-time codes sent by email, through the
 * global email settings or its own SMTP server.
 */
export class AuthenticatorEmailStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app (made in the admin interface or by another blueprint). */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AuthenticatorEmailStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
