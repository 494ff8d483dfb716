/**
 * Hand-written facts about single fields of authentik's models that the OpenAPI documents do not state
 * (or state only in prose): which fields name or find an object, which the serializer sets itself,
 * which hold a duration string.
 */
import { ModelName } from './model-facts';

/**
 * Fields that name or find an object, on any model: any whitespace authentik trims from them matters
 * (DRF's `CharField` strips them, so a padded value never matches the stored object).
 */
export const NAME_FIELDS: ReadonlySet<string> = new Set(['name', 'slug', 'username', 'title', 'identifier', 'domain', 'email', 'scope_name', 'managed', 'client_id']);

/** Fields the blueprint schema lists, but the serializer sets itself and drops what a blueprint gives, by model. */
export const SERIALIZER_READ_ONLY: Readonly<Record<string, readonly string[]>> = {
  [ModelName.INVITATION]: ['created_by'],
};

/** One authentik field that holds a duration string: the model and its wire (snake_case) name. */
export interface TimedeltaField {
  readonly model: string;
  readonly field: string;
}

/**
 * Every field of authentik 2026.2 validated by `timedelta_string_validator`, by model (wire names).
 * Found in two ways that agree: the `(Format: hours=…)` hints of the API descriptions in
 * @goauthentik/api 2026.2.0, and `validators=[timedelta_string_validator]` in authentik's models
 * (which also covers fields whose description has no hint: agent connector, lifecycle rule, SSF,
 * sync page timeouts, last_auth_threshold, SCIM's cache timeout, connector snapshot_expiry).
 */
export const TIMEDELTA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  [ModelName.AGENTCONNECTOR]: ['auth_session_duration', 'challenge_idle_timeout', 'refresh_interval', 'snapshot_expiry'],
  [ModelName.LIFECYCLERULE]: ['grace_period', 'interval'],
  [ModelName.GOOGLEWORKSPACEPROVIDER]: ['sync_page_timeout'],
  [ModelName.MICROSOFTENTRAPROVIDER]: ['sync_page_timeout'],
  [ModelName.OAUTH2PROVIDER]: ['access_code_validity', 'access_token_validity', 'refresh_token_threshold', 'refresh_token_validity'],
  [ModelName.PROXYPROVIDER]: ['access_token_validity', 'refresh_token_validity'],
  [ModelName.RACPROVIDER]: ['connection_expiry'],
  [ModelName.SAMLPROVIDER]: ['assertion_valid_not_before', 'assertion_valid_not_on_or_after', 'session_valid_not_on_or_after'],
  [ModelName.SCIMPROVIDER]: ['service_provider_config_cache_timeout', 'sync_page_timeout'],
  [ModelName.SSFPROVIDER]: ['event_retention'],
  [ModelName.WSFEDERATIONPROVIDER]: ['assertion_valid_not_before', 'assertion_valid_not_on_or_after', 'session_valid_not_on_or_after'],
  [ModelName.SAMLSOURCE]: ['temporary_user_delete_after'],
  [ModelName.AUTHENTICATOREMAILSTAGE]: ['token_expiry'],
  [ModelName.AUTHENTICATORVALIDATESTAGE]: ['last_auth_threshold'],
  [ModelName.CONSENTSTAGE]: ['consent_expire_in'],
  [ModelName.EMAILSTAGE]: ['recovery_cache_timeout', 'token_expiry'],
  [ModelName.SOURCESTAGE]: ['resume_timeout'],
  [ModelName.USERLOGINSTAGE]: ['remember_device', 'remember_me_offset', 'session_duration'],
};

/** Whether `field` (wire name) of `model` is a duration string. */
export function isTimedeltaField(model: string, field: string): boolean {
  return TIMEDELTA_FIELDS[model]?.includes(field) ?? false;
}
