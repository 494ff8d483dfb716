/**
 * Where each blueprint model lives in authentik's API (`/api/v3`), one row per model. An entry
 * whose model has no row is reported as "not checked (no API mapping)", never passed.
 */

/** How verify reads the objects of one model. */
export interface ModelEndpoint {
  /** List endpoint, relative to `/api/v3`. */
  readonly list: string;
  /** Query parameters of the list endpoint named like the field they filter on (exactly). */
  readonly filters: readonly string[];
  /** Retrieve endpoint by a unique field, `{value}` standing for it (404 = no such object). */
  readonly detail?: { readonly field: string; readonly path: string };
  /** Short name in reports, e.g. `provider`. */
  readonly label: string;
}

const m = (label: string, list: string, filters: string[] = [], detail?: ModelEndpoint['detail']): ModelEndpoint =>
  ({ label, list, filters, detail });

/** The table. Every path and filter is checked against the pinned `schema.yml` by a test. */
export const MODEL_ENDPOINTS: Readonly<Record<string, ModelEndpoint>> = {
  'authentik_core.group': m('group', '/core/groups/', ['name']),
  'authentik_core.user': m('user', '/core/users/', ['username', 'name', 'email', 'uuid', 'path']),
  // the list filters by the reader's own access policy; the detail by slug does not
  'authentik_core.application': m('application', '/core/applications/', ['slug', 'name'], { field: 'slug', path: '/core/applications/{value}/' }),
  'authentik_core.token': m('token', '/core/tokens/', ['identifier', 'intent'], { field: 'identifier', path: '/core/tokens/{value}/' }),
  'authentik_core.applicationentitlement': m('entitlement', '/core/application_entitlements/', ['name', 'app']),
  'authentik_brands.brand': m('brand', '/core/brands/', ['domain', 'default']),
  'authentik_rbac.role': m('role', '/rbac/roles/', ['name']),
  'authentik_crypto.certificatekeypair': m('certificate', '/crypto/certificatekeypairs/', ['name']),
  'authentik_flows.flow': m('flow', '/flows/instances/', ['slug', 'name', 'designation'], { field: 'slug', path: '/flows/instances/{value}/' }),
  'authentik_flows.flowstagebinding': m('stage binding', '/flows/bindings/', ['target', 'stage', 'order']),
  'authentik_policies.policybinding': m('binding', '/policies/bindings/', ['target', 'policy', 'order']),
  'authentik_policies_expression.expressionpolicy': m('expression policy', '/policies/expression/', ['name']),
  'authentik_policies_password.passwordpolicy': m('password policy', '/policies/password/', ['name']),
  'authentik_policies_event_matcher.eventmatcherpolicy': m('event matcher policy', '/policies/event_matcher/', ['name']),
  'authentik_policies_reputation.reputationpolicy': m('reputation policy', '/policies/reputation/', ['name']),
  'authentik_policies_dummy.dummypolicy': m('dummy policy', '/policies/dummy/', ['name']),
  'authentik_providers_oauth2.oauth2provider': m('provider', '/providers/oauth2/', ['name', 'client_id']),
  'authentik_providers_oauth2.scopemapping': m('scope mapping', '/propertymappings/provider/scope/', ['name', 'scope_name', 'managed']),
  'authentik_providers_proxy.proxyprovider': m('proxy provider', '/providers/proxy/'),
  'authentik_providers_ldap.ldapprovider': m('LDAP provider', '/providers/ldap/'),
  'authentik_providers_saml.samlprovider': m('SAML provider', '/providers/saml/', ['name']),
  'authentik_providers_saml.samlpropertymapping': m('SAML property mapping', '/propertymappings/provider/saml/', ['name', 'saml_name', 'managed']),
  'authentik_providers_radius.radiusprovider': m('RADIUS provider', '/providers/radius/'),
  'authentik_providers_rac.racprovider': m('RAC provider', '/providers/rac/'),
  'authentik_outposts.outpost': m('outpost', '/outposts/instances/'),
  'authentik_sources_oauth.oauthsource': m('OAuth source', '/sources/oauth/', ['slug', 'name'], { field: 'slug', path: '/sources/oauth/{value}/' }),
  'authentik_sources_saml.samlsource': m('SAML source', '/sources/saml/', ['slug', 'name'], { field: 'slug', path: '/sources/saml/{value}/' }),
  'authentik_sources_ldap.ldapsource': m('LDAP source', '/sources/ldap/', ['slug', 'name'], { field: 'slug', path: '/sources/ldap/{value}/' }),
  'authentik_events.notificationrule': m('notification rule', '/events/rules/', ['name', 'severity']),
  'authentik_events.notificationtransport': m('notification transport', '/events/transports/', ['name', 'mode']),
  'authentik_blueprints.blueprintinstance': m('blueprint instance', '/managed/blueprints/', ['name', 'path']),
  'authentik_stages_authenticator_validate.authenticatorvalidatestage': m('stage', '/stages/authenticator/validate/', ['name']),
  'authentik_stages_authenticator_totp.authenticatortotpstage': m('stage', '/stages/authenticator/totp/', ['name']),
  'authentik_stages_authenticator_static.authenticatorstaticstage': m('stage', '/stages/authenticator/static/', ['name']),
  'authentik_stages_authenticator_webauthn.authenticatorwebauthnstage': m('stage', '/stages/authenticator/webauthn/', ['name']),
  'authentik_stages_identification.identificationstage': m('stage', '/stages/identification/', ['name']),
  'authentik_stages_password.passwordstage': m('stage', '/stages/password/', ['name']),
  'authentik_stages_user_login.userloginstage': m('stage', '/stages/user_login/', ['name']),
  'authentik_stages_user_logout.userlogoutstage': m('stage', '/stages/user_logout/', ['name']),
  'authentik_stages_user_write.userwritestage': m('stage', '/stages/user_write/', ['name']),
  'authentik_stages_consent.consentstage': m('stage', '/stages/consent/', ['name']),
  'authentik_stages_deny.denystage': m('stage', '/stages/deny/', ['name']),
  'authentik_stages_email.emailstage': m('stage', '/stages/email/', ['name']),
  'authentik_stages_prompt.prompt': m('prompt', '/stages/prompt/prompts/', ['name', 'field_key']),
  'authentik_stages_prompt.promptstage': m('stage', '/stages/prompt/stages/', ['name']),
};

/** The meta model that applies another blueprint first: checked through its blueprint instance. */
export const META_APPLY_BLUEPRINT = 'authentik_blueprints.metaapplyblueprint';

/** The blueprint instances' list endpoint. */
export const BLUEPRINT_INSTANCES = '/managed/blueprints/';

/** Permission a token needs to read `model`: `authentik_core.group` → `authentik_core.view_group`. */
export function viewPermission(model: string): string {
  const dot = model.indexOf('.');
  return `${model.slice(0, dot)}.view_${model.slice(dot + 1)}`;
}

/** Short name of a model for reports. */
export function modelLabel(model: string): string {
  if (model === META_APPLY_BLUEPRINT) return 'blueprint';
  return MODEL_ENDPOINTS[model]?.label ?? model;
}
