import type { AuthenticatorValidateStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import type { AuthenticatorValidateStageReleaseProps } from '../release-props';
import { Model, type IStage } from '../models';
import { registerTypedEntry } from '../private/entry-registry';

// typed below: relations as objects, secrets as references, fields required on create as optional
type RetypedFields = 'name' | 'configurationStages';

/** Props for `AuthenticatorValidateStage`. */
export interface AuthenticatorValidateStageProps extends BlueprintEntryOptions, AuthenticatorValidateStageReleaseProps, Attributes<Omit<AuthenticatorValidateStageRequest, RetypedFields>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Setup stages offered when the user has no device of the allowed classes (with `notConfiguredAction: 'configure'`).
   * @default - none
   */
  readonly configurationStages?: readonly IStage[];
}

const MODEL = Model.AUTHENTICATOR_VALIDATE_STAGE;
const SPEC = registerTypedEntry(MODEL, 'AuthenticatorValidateStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_authenticator_validate.authenticatorvalidatestage`: asks for a second factor from the user's
 * devices, and can send users without one to set one up.
 *
 * @example
 * // require MFA in the default login: update the built-in stage in place, writing only these fields
 * new AuthenticatorValidateStage(mfa, 'MfaValidation', {
 *   name: 'default-authentication-mfa-validation',
 *   updatesExisting: true,
 *   notConfiguredAction: 'configure',
 *   deviceClasses: ['totp', 'webauthn', 'static'],
 *   configurationStages: [
 *     AuthenticatorTotpStage.fromName('default-authenticator-totp-setup'),
 *     AuthenticatorStaticStage.fromName('default-authenticator-static-setup'),
 *   ],
 * });
 */
export class AuthenticatorValidateStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-authentication-mfa-validation`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AuthenticatorValidateStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
