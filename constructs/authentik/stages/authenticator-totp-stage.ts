import type { AuthenticatorTOTPStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { type IFlow } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import { ModelName } from '../../catalog/model-facts';

// typed below: relations as objects, secrets as references, fields required on create as optional
type RetypedFields = 'name' | 'digits' | 'configureFlow';

/** Props for `AuthenticatorTotpStage`. */
export interface AuthenticatorTotpStageProps extends BlueprintEntryOptions, Attributes<Omit<AuthenticatorTOTPStageRequest, RetypedFields>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * Digits per code, `6` or `8` (required when the stage is created). authentik's API types them as
   * strings and its serializer takes either; a number is written as the string.
   * @default - none: only valid with `updatesExisting`
   */
  readonly digits?: AuthenticatorTOTPStageRequest['digits'] | 6 | 8;
  /**
   * Flow in which a signed-in user sets this authenticator up (from their settings).
   * @default - users cannot set it up from their settings
   */
  readonly configureFlow?: IFlow;
}

const MODEL = ModelName.AUTHENTICATORTOTPSTAGE;
const SPEC = registerTypedEntry(MODEL, 'AuthenticatorTotpStage', { orderRank: 28 });

/**
 * An `authentik_stages_authenticator_totp.authenticatortotpstage`: sets up a TOTP authenticator app for the user.
 */
export class AuthenticatorTotpStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app, e.g. `default-authenticator-totp-setup`. */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AuthenticatorTotpStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }

  protected override typedAttributes(): Record<string, unknown> {
    const attrs = super.typedAttributes();
    // the OpenAPI enum is "6" | "8"; blueprints (authentik's own too) often write the number
    return typeof attrs.digits === 'number' ? { ...attrs, digits: String(attrs.digits) } : attrs;
  }
}
