/**
 * Typed props for the fields authentik 2026.5 and 2026.8 add to (or widen on) models that have a
 * hand-written construct. The constructs' other props are typed from `@goauthentik/api` 2026.2; these
 * come from the releases that added them (`@goauthentik/api-2026.5`, `@goauthentik/api-2026.8`), so a
 * `main.ts` can write them without a type error. Which release accepts a field is checked at synth,
 * against the chart's `authentikVersion`: a field the declared release lacks is an error naming the
 * releases that have it (and, for a renamed field, its new name), a value it does not accept names the
 * releases that do.
 *
 * `test/release-props.test.ts` compares the three catalogs mechanically: every field a later release adds
 * to one of these models is either typed here or listed there as left to `ModelEntry`/`Cfn…`, with why.
 */
import type * as v2026_2 from '@goauthentik/api';
import type * as v2026_5 from '@goauthentik/api-2026.5';
import type * as v2026_8 from '@goauthentik/api-2026.8';
import type { Tag } from '../blueprint/tags';
import type { ICertificateKeyPair, IFlow } from './models';

/** The choices of an enum of the API, without the generator's catch-all (`11184809`), which authentik refuses. */
export type ApiChoice<E> = Exclude<E, '11184809'>;

/**
 * An OAuth2 grant type (authentik 2026.5 and later; `urn:ietf:params:oauth:grant-type:token-exchange`
 * from 2026.8).
 */
export type GrantType = ApiChoice<v2026_5.GrantTypesEnum | v2026_8.GrantTypeEnum>;

/** A WebAuthn client hint (WebAuthn Level 3 `hints`; authentik 2026.5 and later). */
export type WebAuthnHint = ApiChoice<v2026_5.WebAuthnHintEnum | v2026_8.WebAuthnHintEnum>;

/** How a captcha stage sends its verification request (authentik 2026.8 and later). */
export type CaptchaRequestContentType = ApiChoice<v2026_8.RequestContentTypeEnum>;

/** A source matching failure a source stage resumes its flow on (authentik 2026.8 and later). */
export type SourceMatchFailure = ApiChoice<v2026_8.ResumeOnMatchFailuresEnum>;

/** A flow's required authentication, of any release (`require_token` from 2026.5). */
export type FlowAuthentication = ApiChoice<v2026_2.AuthenticationEnum | v2026_5.AuthenticationEnum | v2026_8.AuthenticationEnum>;

/** A prompt's type, of any release (`alert_info`, `alert_warning`, `alert_danger` from 2026.5). */
export type PromptType = ApiChoice<v2026_2.PromptTypeEnum | v2026_5.PromptTypeEnum | v2026_8.PromptTypeEnum>;

/** An event action an event matcher policy matches, of any release (`user_offboarded`, `access_request_*` from 2026.8). */
export type EventAction = ApiChoice<v2026_2.EventActions | v2026_5.EventActions | v2026_8.EventActions>;

/** An authentik app an event matcher policy matches, of any release. */
export type EventApp = ApiChoice<v2026_2.AppEnum | v2026_5.AppEnum | v2026_8.AppEnum>;

/** A model an event matcher policy matches, of any release. */
export type EventModel = ApiChoice<v2026_2.ModelEnum | v2026_5.ModelEnum | v2026_8.ModelEnum>;

/** Fields later releases add to `authentik_core.application`. */
export interface ApplicationReleaseProps {
  /**
   * Hide the application from the Application Dashboard (authentik 2026.5 and later; refused under
   * 2026.2, where a launch URL of `blank://blank` hid it, which 2026.5 migrates to this).
   * @default false
   */
  readonly metaHide?: boolean | Tag;
}

/** Fields later releases add to `authentik_providers_oauth2.oauth2provider`. */
export interface OAuth2ProviderReleaseProps {
  /**
   * The grant types the client may use (authentik 2026.5 and later; the token-exchange grant from
   * 2026.8). Refused under 2026.2, which allows every grant. Stating them turns off the rest, e.g.
   * implicit and password: `['authorization_code', 'refresh_token']` for a web login.
   * @default - the release's default: existing providers keep every grant when 2026.5 adds the field;
   * from 2026.8 the model's default is an empty list (migration `0033_alter_oauth2provider_grant_types`)
   */
  readonly grantTypes?: readonly GrantType[] | Tag;
}

/** Fields later releases add to `authentik_providers_saml.samlprovider`. */
export interface SamlProviderReleaseProps {
  /**
   * The issuer (EntityID) the provider writes, overriding the one authentik generates (authentik
   * 2026.5 and later, which renamed `issuer` to `issuer_override`; under 2026.2 write `issuer`).
   * @default - the issuer authentik generates
   */
  readonly issuerOverride?: string | Tag;
  /**
   * Sign the logout responses the provider sends (authentik 2026.5 and later).
   * @default false
   */
  readonly signLogoutResponse?: boolean | Tag;
}

/** Fields later releases add to `authentik_brands.brand`. */
export interface BrandReleaseProps {
  /**
   * Flow that runs when an account is locked down (authentik 2026.5 and later).
   * @default - none
   */
  readonly flowLockdown?: IFlow;
  /**
   * Flow users request access to applications with (authentik 2026.8 and later).
   * @default - none
   */
  readonly flowRequest?: IFlow;
  /**
   * Flow that switches between signed-in accounts; user switching is on once it is set (authentik 2026.8 and later).
   * @default - none: user switching is off
   */
  readonly flowUserSwitch?: IFlow;
  /**
   * Vector tile source of the events map: an XYZ template with `{z}`, `{x}`, `{y}` or a `pmtiles://`
   * URL; served to unauthenticated clients, so never with a credential in it (authentik 2026.8 and later).
   * @default - the basemap bundled with authentik
   */
  readonly brandingMapTiles?: string | Tag;
}

/** Fields later releases add to `authentik_events.notificationtransport`. */
export interface NotificationTransportReleaseProps {
  /**
   * Certificate that validates the webhook server's certificate (authentik 2026.5 and later).
   * @default - the system's trusted certificates
   */
  readonly webhookCa?: ICertificateKeyPair;
}

/** Fields later releases add to (or widen on) `authentik_flows.flow`. */
export interface FlowReleaseProps {
  /**
   * Required level of authentication and authorization to access the flow (`require_token` from authentik 2026.5).
   * @default 'none'
   */
  readonly authentication?: FlowAuthentication | Tag;
}

/** Fields later releases add to (or widen on) `authentik_policies_event_matcher.eventmatcherpolicy`. */
export interface EventMatcherPolicyReleaseProps {
  /**
   * An AKQL query the event must match (authentik 2026.5 and later).
   * @default - none
   */
  readonly query?: string | Tag | null;
  /**
   * Match events of this action (the actions of the declared release).
   * @default - any action
   */
  readonly action?: EventAction | Tag | null;
  /**
   * Match events created by this authentik app (the apps of the declared release).
   * @default - any app
   */
  readonly app?: EventApp | Tag | null;
  /**
   * Match events about objects of this model (the models of the declared release).
   * @default - any model
   */
  readonly model?: EventModel | Tag | null;
}

/** Fields later releases add to `authentik_stages_authenticator_validate.authenticatorvalidatestage`. */
export interface AuthenticatorValidateStageReleaseProps {
  /**
   * WebAuthn hints sent to the browser: which authenticator to offer first (authentik 2026.5 and later).
   * @default - none
   */
  readonly webauthnHints?: readonly WebAuthnHint[] | Tag;
  /**
   * Throttling factor of failed email OTP attempts (authentik 2026.5 and later).
   * @default 1
   */
  readonly emailOtpThrottlingFactor?: number | Tag;
  /**
   * Throttling factor of failed SMS OTP attempts (authentik 2026.5 and later).
   * @default 1
   */
  readonly smsOtpThrottlingFactor?: number | Tag;
  /**
   * Throttling factor of failed TOTP attempts (authentik 2026.5 and later).
   * @default 1
   */
  readonly totpOtpThrottlingFactor?: number | Tag;
  /**
   * Throttling factor of failed static-token attempts (authentik 2026.5 and later).
   * @default 1
   */
  readonly staticOtpThrottlingFactor?: number | Tag;
}

/** Fields later releases add to `authentik_stages_authenticator_webauthn.authenticatorwebauthnstage`. */
export interface AuthenticatorWebAuthnStageReleaseProps {
  /**
   * WebAuthn hints sent to the browser when a key is registered (authentik 2026.5 and later).
   * @default - none
   */
  readonly hints?: readonly WebAuthnHint[] | Tag;
}

/** Fields later releases add to `authentik_stages_captcha.captchastage`. */
export interface CaptchaStageReleaseProps {
  /**
   * How the verification request is sent: form-encoded, or JSON for providers that want it (authentik 2026.8 and later).
   * @default 'application/x-www-form-urlencoded'
   */
  readonly requestContentType?: CaptchaRequestContentType | Tag;
}

/** Fields later releases add to `authentik_stages_source.sourcestage`. */
export interface SourceStageReleaseProps {
  /**
   * Source matching failures on which the flow resumes instead of failing (authentik 2026.8 and later).
   * @default - none: a matching failure ends the flow
   */
  readonly resumeOnMatchFailures?: readonly SourceMatchFailure[] | Tag;
}

/** Fields later releases widen on `authentik_stages_prompt.prompt`. */
export interface PromptReleaseProps {
  /**
   * Field type: `text`, `email`, `password`, `username`, `dropdown`, … (`alert_info`, `alert_warning`,
   * `alert_danger` from authentik 2026.5); required when the prompt is created.
   * @default - none: only valid with `updatesExisting`
   */
  readonly type?: PromptType | Tag;
}
