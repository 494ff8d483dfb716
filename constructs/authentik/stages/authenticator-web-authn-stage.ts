import type { AuthenticatorWebAuthnStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import type { AuthenticatorWebAuthnStageReleaseProps } from '../release-props';
import { type IFlow } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import { ModelName } from '../../catalog/model-facts';

// typed below: relations as objects, secrets as references, fields required on create as optional
type RetypedFields = 'name' | 'configureFlow';

/** Props for `AuthenticatorWebAuthnStage`. */
export interface AuthenticatorWebAuthnStageProps extends BlueprintEntryOptions, AuthenticatorWebAuthnStageReleaseProps, Attributes<Omit<AuthenticatorWebAuthnStageRequest, RetypedFields>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Flow in which a signed-in user sets this authenticator up (from their settings).
   * @default - users cannot set it up from their settings
   */
  readonly configureFlow?: IFlow;
}

const MODEL = ModelName.AUTHENTICATORWEBAUTHNSTAGE;
const SPEC = registerTypedEntry(MODEL, 'AuthenticatorWebAuthnStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_authenticator_webauthn.authenticatorwebauthnstage`: registers a security key or passkey for the
 * user.
 */
export class AuthenticatorWebAuthnStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-authenticator-webauthn-setup`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AuthenticatorWebAuthnStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
