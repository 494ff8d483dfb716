/**
 * Which validator authentik runs on each URL field its OpenAPI marks `format: uri`, read from its source
 * (goauthentik/authentik, the same in 2026.2, 2026.5 and 2026.8), so the judgement (constructs/authentik/
 * rules/urls.ts) checks them as authentik does and not as RFC 3986 says. authentik 2026.x runs on
 * Django 5.2 (pyproject.toml: `django==5.2.x`), whose django/core/validators.py URLValidator every one of
 * these extends.
 *
 * The blueprint importer validates through the model's DRF serializer, so what counts is the serializer
 * field: a model `TextField(validators=[…])` becomes a DRF `CharField` carrying the model's validators; a
 * model `URLField` becomes a DRF `URLField`, which drops the model's URL validators and adds Django's own
 * `URLValidator()` (rest_framework/utils/field_mapping.py `get_field_kwargs`, rest_framework/fields.py
 * `URLField`); a field the serializer declares itself carries only what it declares. DRF's `CharField`
 * strips surrounding whitespace before validating, and takes `''` (and `null` where nullable) without
 * running a validator when the model field has `blank=True`.
 */

/** The validator classes authentik uses on URL fields. */
export type UrlValidatorKind =
  /** django/core/validators.py `URLValidator`: a host needs a top-level domain (or is `localhost`, an IP). */
  | 'django'
  /** authentik/lib/models.py `DomainlessURLValidator`: a host needs no top-level domain; `blank://` is taken. */
  | 'domainless'
  /** authentik/lib/models.py `DomainlessFormattedURLValidator`: as `domainless`, the host may start with `%(field)s` placeholders. */
  | 'domainless-formatted'
  /** authentik/sources/ldap/models.py `MultiURLValidator`: `domainless` on each part of a comma-separated list. */
  | 'multi-domainless';

/** How authentik validates one URL field. */
export interface UrlFieldFacts {
  /** The validator class. */
  readonly validator: UrlValidatorKind;
  /**
   * The `schemes` the validator is built with, as its constructor receives them (`undefined`: Django's
   * default `["http", "https", "ftp", "ftps"]`). authentik's Domainless validators add `http`, `https`
   * and `blank` in front.
   */
  readonly schemes?: readonly string[];
  /** Whether `''` is taken (the model field's `blank=True`, DRF's `allow_blank`). */
  readonly blank: boolean;
  /** Whether `null` is taken (`null=True`). @default false */
  readonly nullable?: boolean;
  /** The goauthentik/authentik file the field and its validator are read from. */
  readonly source: string;
}

/** Django's default `URLValidator.schemes` (django/core/validators.py). */
export const DJANGO_DEFAULT_SCHEMES: readonly string[] = ['http', 'https', 'ftp', 'ftps'];

/** By model, by wire field name: how authentik validates each `format: uri` field. */
export const URL_FIELDS: Readonly<Record<string, Readonly<Record<string, UrlFieldFacts>>>> = {
  // authentik/core/models.py: `meta_launch_url = models.TextField(default="", blank=True,
  // validators=[DomainlessFormattedURLValidator()])`
  'authentik_core.application': {
    meta_launch_url: { validator: 'domainless-formatted', blank: true, source: 'authentik/core/models.py' },
  },
  // authentik/enterprise/endpoints/connectors/fleet/models.py: `url = models.URLField()` (max_length 200),
  // so DRF's URLField with Django's URLValidator()
  'authentik_endpoints_connectors_fleet.fleetconnector': {
    url: { validator: 'django', blank: false, source: 'authentik/enterprise/endpoints/connectors/fleet/models.py' },
  },
  // authentik/events/models.py: `webhook_url = models.TextField(blank=True, validators=[DomainlessURLValidator()])`
  'authentik_events.notificationtransport': {
    webhook_url: { validator: 'domainless', blank: true, source: 'authentik/events/models.py' },
  },
  // authentik/providers/oauth2/models.py: `logout_uri = models.TextField(validators=[DomainlessURLValidator(
  // schemes=("http", "https"))], verbose_name=_("Logout URI"), blank=True)`. The stored copy of that file predates the
  // field, so this is checked against what the releases publish instead: the OpenAPI (no maxLength, so a TextField;
  // no minLength, so blank; `format: uri`, so a URLValidator) and the blueprint schema (title "Logout URI", no
  // `format`, so the model's validator, not a DRF URLField); the schemes (http, https) are not confirmed by either
  'authentik_providers_oauth2.oauth2provider': {
    logout_uri: { validator: 'domainless', schemes: ['http', 'https'], blank: true, source: 'authentik/providers/oauth2/models.py' },
  },
  // authentik/providers/proxy/models.py: `internal_host = models.TextField(validators=[DomainlessURLValidator(
  // schemes=("http", "https"))], blank=True)`, `external_host = models.TextField(validators=[DomainlessURLValidator(
  // schemes=("http", "https"))])`
  'authentik_providers_proxy.proxyprovider': {
    external_host: { validator: 'domainless', schemes: ['http', 'https'], blank: false, source: 'authentik/providers/proxy/models.py' },
    internal_host: { validator: 'domainless', schemes: ['http', 'https'], blank: true, source: 'authentik/providers/proxy/models.py' },
  },
  // authentik/providers/saml/models.py: `acs_url = models.TextField(validators=[DomainlessURLValidator(
  // schemes=("http", "https"))])`, `sls_url = models.TextField(blank=True, validators=[DomainlessURLValidator(
  // schemes=("http", "https"))])`
  'authentik_providers_saml.samlprovider': {
    acs_url: { validator: 'domainless', schemes: ['http', 'https'], blank: false, source: 'authentik/providers/saml/models.py' },
    sls_url: { validator: 'domainless', schemes: ['http', 'https'], blank: true, source: 'authentik/providers/saml/models.py' },
  },
  // authentik/enterprise/providers/ws_federation/api/providers.py: `reply_url = URLField(source="acs_url")`, a
  // DRF URLField declared by the serializer: Django's URLValidator(), not the model's validator
  'authentik_providers_ws_federation.wsfederationprovider': {
    reply_url: { validator: 'django', blank: false, source: 'authentik/enterprise/providers/ws_federation/api/providers.py' },
  },
  // authentik/sources/ldap/models.py: `server_uri = models.TextField(validators=[MultiURLValidator(schemes=["ldap", "ldaps"])])`,
  // `class MultiURLValidator(DomainlessURLValidator)` splitting on ","
  'authentik_sources_ldap.ldapsource': {
    server_uri: { validator: 'multi-domainless', schemes: ['ldap', 'ldaps'], blank: false, source: 'authentik/sources/ldap/models.py' },
  },
  // authentik/sources/saml/models.py: `sso_url = models.TextField(validators=[DomainlessURLValidator(schemes=("http", "https"))])`,
  // `slo_url = models.TextField(validators=[DomainlessURLValidator(schemes=("http", "https"))], default=None, blank=True, null=True)`
  'authentik_sources_saml.samlsource': {
    slo_url: { validator: 'domainless', schemes: ['http', 'https'], blank: true, nullable: true, source: 'authentik/sources/saml/models.py' },
    sso_url: { validator: 'domainless', schemes: ['http', 'https'], blank: false, source: 'authentik/sources/saml/models.py' },
  },
};

/** The URL fields of `model` authentik judges with its own validators (empty when none). */
export function urlFieldsOf(model: string): Readonly<Record<string, UrlFieldFacts>> {
  return URL_FIELDS[model] ?? {};
}
