/**
 * authentik's judgement of sources (OAuth, SAML, LDAP and every source's user path template), read
 * from their serializers' `validate*` and from what authentik does with the saved values.
 */
import { ModelName } from '../../catalog/model-facts';
import type { BlueprintEntry } from '../../blueprint/blueprint-entry';
import { isKnown, show, type AppRule, type EntryRule } from './rule';

/** The models these rules judge, by the catalog's names. */
const MODEL = {
  OAUTH_SOURCE: ModelName.OAUTHSOURCE,
  SAML_SOURCE: ModelName.SAMLSOURCE,
  LDAP_SOURCE: ModelName.LDAPSOURCE,
  KERBEROS_SOURCE: ModelName.KERBEROSSOURCE,
  PLEX_SOURCE: ModelName.PLEXSOURCE,
  SCIM_SOURCE: ModelName.SCIMSOURCE,
  TELEGRAM_SOURCE: ModelName.TELEGRAMSOURCE,
} as const;

/** Every source model with a `user_path_template` (authentik/core/models.py `Source`). */
const SOURCES_WITH_USER_PATH = [
  MODEL.OAUTH_SOURCE, MODEL.SAML_SOURCE, MODEL.LDAP_SOURCE, MODEL.KERBEROS_SOURCE, MODEL.PLEX_SOURCE, MODEL.SCIM_SOURCE, MODEL.TELEGRAM_SOURCE,
];

/**
 * OAuth source types that ship no URLs of their own (`SourceType` leaves `authorization_url`,
 * `access_token_url` and `profile_url` None): authentik/sources/oauth/types/oidc.py, okta.py, mailcow.py.
 * Every other type (GitHub, Google, Discord, Entra ID, GitLab, …) has them built in.
 */
const TYPES_WITHOUT_URLS: Readonly<Record<string, string>> = {
  openidconnect: 'OpenID Connect',
  okta: 'Okta',
  mailcow: 'Mailcow',
};
const OAUTH_URLS = ['authorization_url', 'access_token_url', 'profile_url'] as const;
const camel = (field: string): string => field.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

const isGiven = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** Problems of a Python `%`-template formatted with `{"slug": ...}`, as `Source.get_user_path` does. */
function userPathTemplateProblem(template: string, slug: unknown): { why: string; raises: boolean } | undefined {
  const raises = (why: string) => ({ why, raises: true });
  const spec = /%(?:\(([^)]*)\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([\s\S]?)/g;
  let positional = 0;
  for (let match = spec.exec(template); match; match = spec.exec(template)) {
    const [whole, key, , , type] = match;
    if (whole === '%%') continue;
    if (type === '') return raises(`${JSON.stringify(whole)} leaves a conversion unfinished, so Python's % formatting raises`);
    if (key === undefined) {
      positional += 1;
      continue;
    }
    if (key !== 'slug') return raises(`${JSON.stringify(whole)} names "${key}", but authentik formats the template with the slug alone, so it raises`);
    if ('sra'.includes(type!) || (type === 'c' && typeof slug === 'string' && [...slug].length === 1)) continue;
    if ('diouxXeEfFgGc'.includes(type!)) return raises(`${JSON.stringify(whole)} converts the slug, a string, as a number or character, so Python's % formatting raises`);
    return raises(`${JSON.stringify(whole)} has no conversion Python knows (${JSON.stringify(type)}), so its % formatting raises`);
  }
  if (positional === 1) return { why: 'a bare % conversion (not %(slug)s) is given the whole mapping, so the path holds "{\'slug\': …}"', raises: false };
  if (positional > 1) return raises('bare % conversions (not %(slug)s) find no positional values, so Python\'s % formatting raises');
  if (template.includes('{slug}')) return { why: '"{slug}" is str.format syntax, which authentik does not apply, so the path keeps "{slug}" literally', raises: false };
  return undefined;
}

export const SOURCE_RULES: readonly EntryRule[] = [
  {
    id: 'oauth-source-type-needs-its-urls',
    source: 'authentik/sources/oauth/api/source.py',
    models: [MODEL.OAUTH_SOURCE],
    check: ({ path, fields, updatesExisting }) => {
      const type = fields.provider_type;
      const wellKnown = fields.oidc_well_known_url;
      if (wellKnown !== undefined && (!isKnown(wellKnown) || isGiven(wellKnown))) return [];
      if (type === undefined && updatesExisting) {
        // validate() runs on an update too and finds the type in the request: without it, no type's URLs are built in
        const missing = OAUTH_URLS.filter((f) => !(f in fields));
        if (missing.length === 0) return [];
        return [`${path}.provider_type: not given in this update, but authentik validates an OAuth source against the type in the `
          + `request (a blueprint update is a partial one) and, with none, needs ${missing.join(', ')} in it ("… is required for provider …"); `
          + 'give the providerType the source has, e.g. providerType: \'github\''];
      }
      if (typeof type !== 'string' || !(type in TYPES_WITHOUT_URLS)) return [];
      const missing = OAUTH_URLS.filter((f) => !(f in fields));
      const empty = OAUTH_URLS.filter((f) => f in fields && isKnown(fields[f]) && !isGiven(fields[f]));
      const fix = 'give oidcWellKnownUrl (e.g. \'https://idp.example/.well-known/openid-configuration\'), from which authentik reads all '
        + `three, or give ${OAUTH_URLS.map(camel).join(', ')}`;
      const problems: string[] = [];
      if (missing.length > 0) {
        problems.push(`${path}.provider_type: ${show(type)} has no built-in URLs and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} `
          + `not given: authentik refuses it ("${missing[0]} is required for provider ${TYPES_WITHOUT_URLS[type]}"), on an update too; ${fix}`);
      }
      if (empty.length > 0) {
        problems.push(`${path}.${empty[0]}: ${show(fields[empty[0]!])} for provider type ${show(type)}, which has no built-in URL to fall back `
          + `on: authentik saves it (its check only asks that ${empty.join(' and ')} be present), but logins through the source then have no `
          + `URL to go to; ${fix}`);
      }
      return problems;
    },
  },
  {
    id: 'saml-source-verification-key-verifies-something',
    source: 'authentik/sources/saml/api/source.py',
    models: [MODEL.SAML_SOURCE],
    check: ({ path, fields }) => {
      const { verification_kp: key, signed_assertion: assertion, signed_response: response } = fields;
      if (key === undefined || key === null || assertion === true || response === true) return [];
      if ((assertion !== undefined && !isKnown(assertion)) || (response !== undefined && !isKnown(response))) return [];
      return [`${path}.verification_kp: ${show(key)} is given, but neither signed_assertion nor signed_response is true in this entry: `
        + 'authentik refuses it ("With a Verification Certificate selected, at least one of \'Verify Assertion Signature\' or \'Verify '
        + 'Response Signature\' must be selected."; a field left out counts as false, on an update too); set signedAssertion: true '
        + '(and/or signedResponse: true), or drop verificationKp'];
    },
  },
  {
    id: 'ldap-source-sync-needs-property-mappings',
    source: 'authentik/sources/ldap/api.py',
    models: [MODEL.LDAP_SOURCE],
    check: ({ path, fields, updatesExisting }) => {
      const problems: string[] = [];
      const examples: Record<string, string> = {
        user: "[PropertyMapping.fromManaged('goauthentik.io/sources/ldap/default-name'), PropertyMapping.fromManaged('goauthentik.io/sources/ldap/default-mail'), "
          + "PropertyMapping.fromManaged('goauthentik.io/sources/ldap/ms-samaccountname')]",
        group: "[PropertyMapping.fromManaged('goauthentik.io/sources/ldap/openldap-cn')]",
      };
      for (const kind of ['user', 'group'] as const) {
        const toggle = fields[`sync_${kind}s`];
        const mappings = fields[`${kind}_property_mappings`];
        if (mappings !== undefined && !Array.isArray(mappings)) continue;
        if (Array.isArray(mappings) && mappings.length > 0) continue;
        const prop = `${kind}PropertyMappings`;
        if (toggle === true) {
          problems.push(`${path}.${kind}_property_mappings: ${show(mappings ?? [])} with sync_${kind}s: true: authentik refuses it ("When 'Sync `
            + `${kind}s' is enabled, '${kind}s property mappings' cannot be empty."), on an update too; give ${prop}, e.g. ${examples[kind]}, `
            + `or set sync${kind[0]!.toUpperCase()}${kind.slice(1)}s: false`);
        } else if (toggle === undefined && !updatesExisting) {
          problems.push(`${path}.sync_${kind}s: not given, so the model's default (true) syncs ${kind}s, but ${kind}_property_mappings is `
            + `${show(mappings ?? [])}: authentik saves it (its check reads only a sync_${kind}s given in the request), and the sync then has no `
            + `mappings to build ${kind}s with; give ${prop}, e.g. ${examples[kind]}, or set sync${kind[0]!.toUpperCase()}${kind.slice(1)}s: false`);
        }
      }
      return problems;
    },
  },
  {
    id: 'ldap-source-additional-dn-is-relative',
    source: 'authentik/sources/ldap/sync/base.py',
    models: [MODEL.LDAP_SOURCE],
    check: ({ path, fields }) => {
      const base = fields.base_dn;
      const norm = (dn: string): string => dn.toLowerCase().replace(/\s*([,=])\s*/g, '$1').trim();
      const problems: string[] = [];
      for (const [field, kind] of [['additional_user_dn', 'user'], ['additional_group_dn', 'group']] as const) {
        const extra = fields[field];
        if (typeof extra !== 'string' || extra === '' || !isKnown(extra)) continue;
        const edges = extra.trim().startsWith(',') || extra.trim().endsWith(',');
        const repeatsBase = typeof base === 'string' && base !== '' && isKnown(base)
          && (norm(extra) === norm(base) || norm(extra).endsWith(`,${norm(base)}`));
        if (!edges && !repeatsBase) continue;
        const relative = repeatsBase ? extra.trim().slice(0, Math.max(0, extra.trim().length - String(base).trim().length)).replace(/,\s*$/, '')
          : extra.trim().replace(/^,+|,+$/g, '');
        const searched = typeof base === 'string' ? `${extra},${base}` : `${extra},<base_dn>`;
        problems.push(`${path}.${field}: ${show(extra)} ${repeatsBase ? 'repeats base_dn' : 'has a comma at its edge'}, but authentik appends `
          + `base_dn to it, so the ${kind} sync searches ${JSON.stringify(searched)}, which holds no ${kind}s; give only the part below base_dn`
          + `${relative === '' ? ', or leave it out to search all of base_dn' : `, e.g. ${JSON.stringify(relative)}`}`);
      }
      return problems;
    },
  },
  {
    id: 'kerberos-source-sync-has-credentials',
    source: 'authentik/sources/kerberos/models.py',
    models: [MODEL.KERBEROS_SOURCE],
    check: ({ path, fields, updatesExisting, refusedSecrets = [] }) => {
      if (fields.sync_users !== true || updatesExisting) return [];
      const principal = fields.sync_principal;
      const credentials = ['sync_password', 'sync_keytab', 'sync_ccache'].filter((f) => isGiven(fields[f]) || refusedSecrets.includes(f));
      if (principal !== undefined && !isKnown(principal)) return [];
      const missing = !isGiven(principal) ? 'no sync_principal' : credentials.length === 0 ? 'no sync_password, sync_keytab or sync_ccache' : undefined;
      if (!missing) return [];
      return [`${path}.sync_users: true with ${missing}: authentik saves it, but KerberosSource.connection() then has no kadmin `
        + 'connection (its status reads "no connection") and the sync finds no principals, so no user is synced; give syncPrincipal '
        + '(e.g. \'authentik/admin@EXAMPLE.COM\') and one of syncPassword, syncKeytab (from a WorkerSecret) or syncCcache, or set '
        + 'syncUsers: false to authenticate by password and SPNEGO only'];
    },
  },
  {
    id: 'plex-source-admits-someone',
    source: 'authentik/sources/plex/api/source.py',
    models: [MODEL.PLEX_SOURCE],
    check: ({ path, fields, updatesExisting }) => {
      const { allow_friends: friends, allowed_servers: servers } = fields;
      if (friends !== false) return [];
      if (servers !== undefined && (!Array.isArray(servers) || servers.length > 0)) return [];
      if (servers === undefined && updatesExisting) return [];
      return [`${path}.allowed_servers: ${show(servers ?? [])} with allow_friends: false: authentik saves it, but redeem_token lets a Plex `
        + 'user in only as a friend of the token\'s owner (allow_friends) or as a member of a listed server, and an empty list lists none '
        + '(whatever its help text says, authentik/sources/plex/plex.py checks membership in it), so every login is "Access denied."; list '
        + 'your servers\' machine identifiers in allowedServers, or set allowFriends: true'];
    },
  },
  {
    id: 'source-user-path-template-formats',
    source: 'authentik/core/models.py',
    models: SOURCES_WITH_USER_PATH,
    check: ({ path, fields }) => {
      const template = fields.user_path_template;
      if (typeof template !== 'string' || !isKnown(template)) return [];
      const problem = userPathTemplateProblem(template, fields.slug);
      if (!problem) return [];
      const outcome = problem.raises ? 'puts every user this source creates under the default path "users", logging only a warning'
        : 'gives every user this source creates that mangled path';
      return [`${path}.user_path_template: ${show(template)}: ${problem.why}; authentik saves it, and Source.get_user_path then ${outcome}; `
        + 'write the slug as %(slug)s, e.g. "goauthentik.io/sources/%(slug)s" (authentik\'s default)'];
    },
  },
];

const fieldsOf = (e: BlueprintEntry): Record<string, unknown> => ({ ...e.attributes, ...e.identifiers });

export const SOURCE_APP_RULES: readonly AppRule[] = [
  {
    id: 'ldap-source-one-password-sync',
    source: 'authentik/sources/ldap/api.py',
    check: (entries) => {
      const sources = entries.filter((e) => e.model === MODEL.LDAP_SOURCE && !e.retired);
      const explicit = sources.filter((e) => fieldsOf(e).sync_users_password === true);
      // left out on create, the model's default (true) applies without the serializer's check
      const byDefault = sources.filter((e) => !e.updatesExisting && fieldsOf(e).sync_users_password === undefined);
      if (explicit.length === 0 || explicit.length + byDefault.length < 2) return [];
      // one message per clash: on every explicit one after the first, or on the one explicit when the others have it by default
      const refused = explicit.length > 1 ? explicit.slice(1) : explicit;
      return refused.map((e) => {
        const others = [...explicit, ...byDefault].filter((o) => o !== e);
        return `${e.path}.sync_users_password: true, but ${others.map((o) => `${o.path}${explicit.includes(o) ? '' : ' (left out: the model\'s default is true)'}`).join(' and ')} `
          + `${others.length === 1 ? 'syncs' : 'sync'} passwords too: authentik refuses every LDAP source after the first with it `
          + '("Only a single LDAP Source with password synchronization is allowed"), so which one fails depends on apply order; keep '
          + 'syncUsersPassword: true on one LDAP source and set syncUsersPassword: false on the others';
      });
    },
  },
];
