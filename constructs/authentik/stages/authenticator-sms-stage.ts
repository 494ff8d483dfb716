import type { AuthenticatorSMSStageRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { Tag } from '../../blueprint/tags';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import type { Attributes } from '../model-schema';
import { type IFlow, type IPropertyMapping } from '../models';
import { registerTypedEntry } from '../private/entry-registry';
import type { SecretValue } from '../private/secret-props';
import { ModelName } from '../../catalog/model-facts';

// typed below: relations as objects, secrets as references, fields required on create as optional
type RetypedFields = 'name' | 'provider' | 'fromNumber' | 'accountSid' | 'configureFlow' | 'mapping' | 'auth' | 'authPassword';

/** Props for `AuthenticatorSmsStage`. */
export interface AuthenticatorSmsStageProps extends BlueprintEntryOptions, Attributes<Omit<AuthenticatorSMSStageRequest, RetypedFields>> {
  /** Name (unique among stages), the identifier. */
  readonly name: string;
  /**
   * `twilio` or `generic` (required when the stage is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly provider?: AuthenticatorSMSStageRequest['provider'] | Tag;
  /**
   * Sender phone number (required when the stage is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly fromNumber?: AuthenticatorSMSStageRequest['fromNumber'] | Tag;
  /**
   * Twilio account SID, or the generic provider's endpoint URL (required when the stage is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly accountSid?: AuthenticatorSMSStageRequest['accountSid'] | Tag;
  /**
   * Flow in which a signed-in user sets this authenticator up (from their settings).
   * @default - users cannot set it up from their settings
   */
  readonly configureFlow?: IFlow;
  /**
   * Webhook mapping that shapes the payload sent to a generic provider.
   * @default - the default payload
   */
  readonly mapping?: IPropertyMapping;
  /**
   * Twilio auth token, or the generic provider's bearer token or basic-auth user (required when the stage is created):
   * a worker secret or `!Env`, never a literal.
   * @default - none: only valid with `updatesExisting`
   */
  readonly auth?: SecretValue;
  /**
   * Basic-auth password of a generic provider: a worker secret or `!Env`, never a literal.
   * @default - none
   */
  readonly authPassword?: SecretValue;
}

const MODEL = ModelName.AUTHENTICATORSMSSTAGE;
const SPEC = registerTypedEntry(MODEL, 'AuthenticatorSmsStage', {
  orderRank: 28,
});

/**
 * An `authentik_stages_authenticator_sms.authenticatorsmsstage`: verifies the user's phone number with codes sent by
 * SMS (Twilio or a generic HTTP provider).
 */
export class AuthenticatorSmsStage extends AuthentikEntry implements IAuthentikObject<typeof MODEL> {
  /** The stage with this name, living outside this app (made in the admin interface or by another blueprint). */
  public static fromName(name: string): IAuthentikObject<typeof MODEL> {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AuthenticatorSmsStageProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
