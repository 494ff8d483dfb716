/**
 * A local HTTP server playing one authentik release (2026.2 unless told otherwise) for the tests of
 * verify, plan and import, on 127.0.0.1 and a free port. Every API response it sends is checked
 * against that release's OpenAPI document first; a response that release could not send (a field it
 * lacks, a required field missing) is recorded in `violations` (the tests require none), and so is any
 * request that is not a GET: those commands must never write.
 *
 * The world is written as 2026.2's serializers render objects; the fake renders each object as the
 * release it plays would (`renderInRelease`): the fields a later release added, with the value an
 * object made before the upgrade holds, unless the world sets them.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { AUTHENTIK_VERSIONS, compareVersions, type AuthentikVersion } from '../constructs/catalog/versions';
import { OpenApiResponses, sharedOpenApiResponses } from './verify-openapi';

export type ApiObject = Record<string, any>;

/** The token the fake accepts. */
export const FAKE_TOKEN = 'ak-test-token-5f3c9e1d2b7a';

/** A fixed UUID per number, so objects are easy to tell apart in messages. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const WHEN = '2026-11-22T06:00:00.000000Z';

// ---------------------------------------------------------------------------------------------
// the blueprints of the fixture dist/ (the shape npm run synth writes)

export const FIXTURE_BLUEPRINTS: Record<string, string> = {
  'common.yaml': `version: 1
metadata:
  name: BlumeOps Common Identity
  labels:
    blueprints.goauthentik.io/description: Shared groups and identity resources
entries:
  - model: authentik_core.group
    id: admins
    state: present
    identifiers:
      name: admins
`,
  'zot.yaml': `version: 1
metadata:
  name: BlumeOps Zot SSO
entries:
  - model: authentik_blueprints.metaapplyblueprint
    id: apply-common
    state: present
    attrs:
      identifiers:
        name: BlumeOps Common Identity
      required: true
  - model: authentik_core.group
    id: artifact-workloads
    state: present
    identifiers:
      name: artifact-workloads
  - model: authentik_core.user
    id: zot-service-account-zot-ci
    state: present
    identifiers:
      username: zot-ci
    attrs:
      groups:
        - !KeyOf artifact-workloads
      is_active: true
      name: Zot CI Service Account
      type: service_account
  - model: authentik_providers_oauth2.oauth2provider
    id: zot-provider
    state: present
    identifiers:
      name: Zot
    attrs:
      authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]
      client_id: zot
      client_secret: !Env AUTHENTIK_ZOT_CLIENT_SECRET
      client_type: confidential
      include_claims_in_id_token: true
      invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]
      property_mappings:
        - !Find [authentik_providers_oauth2.scopemapping, [scope_name, openid]]
        - !Find [authentik_providers_oauth2.scopemapping, [scope_name, email]]
        - !Find [authentik_providers_oauth2.scopemapping, [scope_name, profile]]
      redirect_uris:
        - matching_mode: strict
          url: https://registry.ops.eblu.me/zot/auth/callback/oidc
      signing_key: !Find [authentik_crypto.certificatekeypair, [name, authentik Self-signed Certificate]]
      sub_mode: hashed_user_id
  - model: authentik_core.application
    id: zot-application
    state: present
    identifiers:
      slug: zot
    attrs:
      meta_launch_url: https://registry.ops.eblu.me
      name: Zot Registry
      policy_engine_mode: any
      provider: !KeyOf zot-provider
  - model: authentik_policies.policybinding
    id: zot-binding-admins
    state: present
    identifiers:
      group: !Find [authentik_core.group, [name, admins]]
      target: !KeyOf zot-application
    attrs:
      enabled: true
      negate: false
      order: 0
      timeout: 30
  - model: authentik_policies.policybinding
    id: zot-binding-artifact-workloads
    state: present
    identifiers:
      group: !KeyOf artifact-workloads
      target: !KeyOf zot-application
    attrs:
      enabled: true
      negate: false
      order: 1
      timeout: 30
  - model: authentik_policies.policybinding
    id: zot-binding-ops
    state: absent
    identifiers:
      group: !Find [authentik_core.group, [name, ops]]
      target: !KeyOf zot-application
`,
  'legacy.yaml': `version: 1
metadata:
  name: BlumeOps Legacy SSO
entries:
  - model: authentik_providers_oauth2.oauth2provider
    id: legacy-provider
    state: absent
    identifiers:
      name: Legacy
  - model: authentik_core.application
    id: legacy-application
    state: absent
    identifiers:
      slug: legacy
`,
};

/** A temporary dist/ holding `blueprints` in a ConfigMap and the worker patch that mounts it. */
export function writeFixtureDist(blueprints: Record<string, string> = FIXTURE_BLUEPRINTS): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'verify-dist-'));
  const data = Object.fromEntries(Object.keys(blueprints).sort().map((k) => [k, blueprints[k]]));
  writeFileSync(join(dir, 'configmap-authentik-blueprints.yaml'), stringify({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'authentik-blueprints', namespace: 'authentik' }, data,
  }));
  writeFileSync(join(dir, 'deployment-authentik-worker.patch.yaml'), stringify({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'authentik-worker', namespace: 'authentik' },
    spec: { template: { spec: {
      containers: [{ name: 'worker', volumeMounts: [{ mountPath: '/blueprints/custom', name: 'blueprints', readOnly: true }] }],
      volumes: [{ name: 'blueprints', configMap: { name: 'authentik-blueprints' } }],
    } } },
  }));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** sha512 hex of a text, as authentik stores `last_applied_hash`. */
export function sha512(text: string): string {
  return createHash('sha512').update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// objects as authentik's serializers render them (every required response field present)

const EMPTY_PAGE = { next: 0, previous: 0, count: 0, current: 1, total_pages: 1, start_index: 0, end_index: 0 };

export function group(pk: string, numPk: number, name: string): ApiObject {
  return {
    pk, num_pk: numPk, name, is_superuser: false, parents: [], parents_obj: [], users: [], users_obj: [], attributes: {},
    roles: [], roles_obj: [], inherited_roles_obj: [], children: [], children_obj: [],
  };
}

export function user(pk: number, username: string, name: string, groups: string[]): ApiObject {
  return {
    pk, username, name, is_active: true, last_login: null, date_joined: WHEN, is_superuser: false, groups, groups_obj: null,
    roles: [], roles_obj: null, email: `${username}@users.invalid`, avatar: 'data:image/svg+xml;base64,', attributes: {}, uid: `uid-${pk}`,
    path: 'goauthentik.io/service-accounts', type: 'service_account', uuid: uuid(9000 + pk), password_change_date: WHEN, last_updated: WHEN,
  };
}

export function flow(pk: string, pbm: string, slug: string): ApiObject {
  return {
    pk, policybindingmodel_ptr_id: pbm, name: slug, slug, title: slug, designation: slug.includes('invalidation') ? 'invalidation' : 'authorization',
    background: '', background_url: '/static/dist/assets/images/flow_background.jpg', background_themed_urls: null, stages: [], policies: [],
    cache_count: 0, policy_engine_mode: 'any', compatibility_mode: false, export_url: `/api/v3/flows/instances/${slug}/export/`,
    layout: 'stacked', denied_action: 'message_continue', authentication: 'require_authenticated',
  };
}

export function certificate(pk: string, name: string): ApiObject {
  return {
    pk, name, fingerprint_sha256: 'ab', fingerprint_sha1: 'cd', cert_expiry: '2027-11-22T06:00:00Z', cert_subject: 'CN=authentik Self-signed Certificate',
    private_key_available: true, key_type: 'rsa', certificate_download_url: `/api/v3/crypto/certificatekeypairs/${pk}/view_certificate/?download`,
    private_key_download_url: `/api/v3/crypto/certificatekeypairs/${pk}/view_private_key/?download`, managed: null,
  };
}

export function scopeMapping(pk: string, scope: string): ApiObject {
  return {
    pk, managed: `goauthentik.io/providers/oauth2/scope-${scope}`, name: `authentik default OAuth Mapping: OpenID '${scope}'`,
    expression: 'return {}', component: 'ak-property-mapping-provider-scope-form', verbose_name: 'Scope Mapping',
    verbose_name_plural: 'Scope Mappings', meta_model_name: 'authentik_providers_oauth2.scopemapping', scope_name: scope, description: '',
  };
}

export function oauth2Provider(pk: number, name: string, fields: ApiObject): ApiObject {
  return {
    pk, name, authentication_flow: null, property_mappings: [], component: 'ak-provider-oauth2-form',
    assigned_application_slug: null, assigned_application_name: null, assigned_backchannel_application_slug: null,
    assigned_backchannel_application_name: null, verbose_name: 'OAuth2/OpenID Provider', verbose_name_plural: 'OAuth2/OpenID Providers',
    meta_model_name: 'authentik_providers_oauth2.oauth2provider', client_type: 'confidential', client_id: name.toLowerCase(),
    client_secret: 'generated-secret-from-env', access_code_validity: 'minutes=1', access_token_validity: 'hours=1',
    refresh_token_validity: 'days=30', refresh_token_threshold: 'seconds=0', include_claims_in_id_token: true, signing_key: null,
    encryption_key: null, redirect_uris: [], logout_method: 'backchannel', sub_mode: 'hashed_user_id',
    issuer_mode: 'per_provider', jwt_federation_sources: [], jwt_federation_providers: [],
    ...fields,
  };
}

export function application(pk: string, slug: string, name: string, provider: ApiObject | null, fields: ApiObject = {}): ApiObject {
  return {
    pk, name, slug, provider: provider ? provider.pk : null,
    provider_obj: provider ? {
      pk: provider.pk, name: provider.name, authentication_flow: provider.authentication_flow, authorization_flow: provider.authorization_flow,
      invalidation_flow: provider.invalidation_flow, property_mappings: provider.property_mappings, component: provider.component,
      assigned_application_slug: slug, assigned_application_name: name, assigned_backchannel_application_slug: null,
      assigned_backchannel_application_name: null, verbose_name: provider.verbose_name, verbose_name_plural: provider.verbose_name_plural,
      meta_model_name: provider.meta_model_name,
    } : null,
    backchannel_providers: [], backchannel_providers_obj: [], launch_url: null, open_in_new_tab: false, meta_launch_url: '',
    meta_icon: '', meta_icon_url: null, meta_icon_themed_urls: null, meta_description: '', meta_publisher: '',
    policy_engine_mode: 'any', group: '',
    ...fields,
  };
}

export function binding(pk: string, target: string, groupObj: ApiObject, order: number): ApiObject {
  return {
    pk, policy: null, group: groupObj.pk, user: null, policy_obj: null,
    group_obj: { pk: groupObj.pk, num_pk: groupObj.num_pk, name: groupObj.name, is_superuser: false, attributes: {} },
    user_obj: null, target, negate: false, enabled: true, order, timeout: 30, failure_result: false,
  };
}

/**
 * `b` as authentik 2026.8 holds a binding that expires at `expires` (ISO date-time): `expiring` true,
 * as its privileged-access requests set it (authentik/policies/migrations/0012_…: both fields exist from
 * 2026.8, `expires` null and `expiring` false by default).
 */
export function expiringBinding(b: ApiObject, expires: string): ApiObject {
  return { ...b, expires, expiring: true };
}

/** Whether authentik leaves a binding out of its default query (authentik/lib/models.py, ExpiringManager: `expires < now() AND expiring`). */
export function bindingExpired(b: ApiObject, now: Date = new Date()): boolean {
  return b.expiring === true && typeof b.expires === 'string' && Date.parse(b.expires) < now.getTime();
}

export function blueprintInstance(pk: string, name: string, path: string, hash: string, status = 'successful'): ApiObject {
  return {
    pk, name, path, context: {}, last_applied: WHEN, last_applied_hash: hash, status, enabled: true,
    managed_models: [], metadata: { name, labels: {} },
  };
}

/** authentik's objects by list endpoint (relative to /api/v3). */
export type World = Record<string, ApiObject[]>;

/**
 * authentik as it is after applying the fixture blueprints at this commit: every object present
 * and as declared, the retired ones gone, every instance successful with the files' hashes.
 */
export function appliedWorld(blueprints: Record<string, string> = FIXTURE_BLUEPRINTS): World {
  const implicit = flow(uuid(1), uuid(101), 'default-provider-authorization-implicit-consent');
  const invalidation = flow(uuid(2), uuid(102), 'default-provider-invalidation-flow');
  const cert = certificate(uuid(3), 'authentik Self-signed Certificate');
  const scopes = [scopeMapping(uuid(4), 'openid'), scopeMapping(uuid(5), 'email'), scopeMapping(uuid(6), 'profile')];
  const admins = group(uuid(10), 1, 'admins');
  const workloads = group(uuid(11), 2, 'artifact-workloads');
  const ops = group(uuid(12), 3, 'ops');
  const zotCi = user(7, 'zot-ci', 'Zot CI Service Account', [workloads.pk]);
  const zotProvider = oauth2Provider(3, 'Zot', {
    authorization_flow: implicit.pk, invalidation_flow: invalidation.pk, property_mappings: scopes.map((s) => s.pk),
    client_id: 'zot', signing_key: cert.pk, redirect_uris: [{ matching_mode: 'strict', url: 'https://registry.ops.eblu.me/zot/auth/callback/oidc' }],
    assigned_application_slug: 'zot', assigned_application_name: 'Zot Registry',
  });
  // from 2026.8 an OidcClient states its login grants (a provider created without them gets none);
  // before that the provider keeps every grant, as the upgrade leaves them
  const grants = declaredGrantTypes(blueprints['zot.yaml']);
  if (grants) zotProvider.grant_types = grants;
  const zotApp = application(uuid(20), 'zot', 'Zot Registry', zotProvider, { meta_launch_url: 'https://registry.ops.eblu.me' });
  const names: Record<string, string> = { 'common.yaml': 'BlumeOps Common Identity', 'zot.yaml': 'BlumeOps Zot SSO', 'legacy.yaml': 'BlumeOps Legacy SSO' };
  return {
    '/flows/instances/': [implicit, invalidation],
    '/crypto/certificatekeypairs/': [cert],
    '/propertymappings/provider/scope/': scopes,
    '/core/groups/': [admins, workloads, ops],
    '/core/users/': [user(1, 'akadmin', 'authentik Default Admin', [admins.pk]), zotCi],
    '/providers/oauth2/': [zotProvider],
    '/core/applications/': [zotApp],
    '/policies/bindings/': [binding(uuid(30), zotApp.pk, admins, 0), binding(uuid(31), zotApp.pk, workloads, 1)],
    '/managed/blueprints/': [
      blueprintInstance(uuid(50), 'Default - Authentication flow', 'default/flow-default-authentication-flow.yaml', sha512('default')),
      ...Object.keys(blueprints).sort().map((file, i) => blueprintInstance(uuid(60 + i), names[file] ?? file, `custom/${file}`, sha512(blueprints[file]))),
    ],
  };
}

/** The grant types a blueprint file's OAuth2 provider entry writes, if any. */
function declaredGrantTypes(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const doc = parse(text, { logLevel: 'error' }) as { entries?: Array<{ attrs?: { grant_types?: unknown } }> } | null;
  const grants = doc?.entries?.find((e) => Array.isArray(e.attrs?.grant_types))?.attrs?.grant_types;
  return Array.isArray(grants) ? grants.map(String) : undefined;
}

/** One object of `world` at `list` matching `where`; throws when there is none (a test bug). */
export function objectIn(world: World, list: string, where: (o: ApiObject) => boolean): ApiObject {
  const found = (world[list] ?? []).find(where);
  if (!found) throw new Error(`fixture: nothing in ${list} matches`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// objects as a later release renders them

const since = (version: AuthentikVersion, release: AuthentikVersion): boolean => compareVersions(version, release) >= 0;

/**
 * `obj` (listed at `list`, shaped as 2026.2 renders it) as `version` renders it: the fields the
 * release's serializer adds, each with the value an object made before the upgrade gets, where the
 * object does not set it already. Fields a release lacks are never removed: a world that sets one is a
 * response that release could not send, and the fake's validation reports it.
 * Sources (goauthentik/authentik, the release's schema.yml and migrations):
 * - 2026.5: `Application.meta_hide` (false unless the launch URL was blank://blank, release notes
 *   "Application Dashboard"); `OAuth2Provider.grant_types` (existing providers keep every grant type,
 *   providers/oauth2/migrations/0032_oauth2provider_grant_types.py); `RedirectURI.redirect_uri_type`
 *   (default `authorization`);
 * - 2026.8: `Application.pbm_uuid` (the application's pk: its primary key is the policy binding
 *   model's `pbm_uuid`); `PolicyBinding.expires` (null) and `expiring` (false).
 */
export function renderInRelease(list: string, obj: ApiObject, version: AuthentikVersion): ApiObject {
  if (version === AUTHENTIK_VERSIONS[0]) return obj;
  const out: ApiObject = { ...obj };
  const fill = (field: string, value: unknown): void => {
    if (!(field in out)) out[field] = value;
  };
  if (list === '/core/applications/') {
    if (since(version, '2026.5')) fill('meta_hide', obj.meta_launch_url === 'blank://blank');
    if (since(version, '2026.8')) fill('pbm_uuid', obj.pk);
  }
  if (list === '/providers/oauth2/' && since(version, '2026.5')) {
    fill('grant_types', [
      'authorization_code', 'implicit', 'hybrid', 'refresh_token', 'client_credentials', 'password', 'urn:ietf:params:oauth:grant-type:device_code',
    ]);
    if (Array.isArray(obj.redirect_uris)) {
      out.redirect_uris = obj.redirect_uris.map((u: ApiObject) => ('redirect_uri_type' in u ? u : { ...u, redirect_uri_type: 'authorization' }));
    }
  }
  if (list === '/policies/bindings/' && since(version, '2026.8')) {
    fill('expires', null);
    fill('expiring', false);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// the server

const DETAIL_ROUTES: Array<{ pattern: RegExp; list: string; field: string; model: string }> = [
  { pattern: /^\/core\/applications\/([^/]+)\/$/, list: '/core/applications/', field: 'slug', model: 'Application' },
  { pattern: /^\/flows\/instances\/([^/]+)\/$/, list: '/flows/instances/', field: 'slug', model: 'Flow' },
];

/** authentik on the loopback address. */
export class FakeAuthentik {
  /** Base URL once started, e.g. `http://127.0.0.1:41234`. */
  url = '';
  /** Responses authentik could not send, and requests verify must not make. */
  readonly violations: string[] = [];
  /** Every request, `GET /api/v3/core/groups/?name=admins`. */
  readonly requests: string[] = [];
  /** API paths (relative to /api/v3) answered 403 for lack of permission. */
  readonly forbidden = new Set<string>();
  /** Issuers the discovery documents claim instead of the right one, by slug. */
  readonly wrongIssuer = new Map<string, string>();
  /**
   * How a refused token is answered: 403, as authentik 2026.2 does (its TokenAuthentication has no
   * `authenticate_header`, so DRF turns AuthenticationFailed into 403), or 401, as a proxy in front of
   * it or the bearer scheme of the OpenAPI document would.
   */
  refusedTokenStatus: 401 | 403 = 403;
  /**
   * The token's user, as `/core/users/me/` shows it. Its groups and superuser flag decide which
   * applications `/core/applications/` lists (see `mayOpen`).
   */
  tokenUser = { pk: 42, username: 'verify-bot', isSuperuser: false, groups: [] as string[] };
  /**
   * Whether `/policies/bindings/` lists expired bindings (2026.8). authentik's policy engine and
   * blueprint importer never see them (`PolicyBinding.objects` leaves them out); whether its binding
   * list shows them depends on the queryset of its viewset, so the fake shows them by default, the
   * case verify and plan must not count as access, and hides them when this is false.
   */
  listsExpiredBindings = true;
  /** Called before each request is answered (to change the world while `--wait` polls). */
  beforeRequest?: (path: string) => void;
  private server?: Server;
  private readonly openapi: OpenApiResponses;

  /**
   * @param openapi the release to play: its compiled OpenAPI document, or the release (its document
   * shared per worker, `sharedOpenApiResponses`); default 2026.2
   */
  constructor(public world: World, public token: string = FAKE_TOKEN, openapi: OpenApiResponses | AuthentikVersion = AUTHENTIK_VERSIONS[0]) {
    this.openapi = typeof openapi === 'string' ? sharedOpenApiResponses(openapi) : openapi;
  }

  /** The release the fake plays. */
  get version(): AuthentikVersion {
    return this.openapi.version;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.method !== 'GET') {
      this.violations.push(`verify sent ${req.method} ${url.pathname}: it must only read`);
      this.send(res, 405, { detail: 'verify must not write' });
      return;
    }
    this.beforeRequest?.(url.pathname);
    if (url.pathname.startsWith('/api/v3/')) {
      const path = url.pathname.slice('/api/v3'.length);
      const [status, body] = this.api(req, path, url.searchParams);
      this.violations.push(...this.openapi.check(path, status, body));
      this.send(res, status, body);
      return;
    }
    const discovery = /^\/application\/o\/([^/]+)\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (discovery) {
      const slug = decodeURIComponent(discovery[1]);
      const app = (this.world['/core/applications/'] ?? []).find((a) => a.slug === slug && a.provider !== null);
      if (!app) {
        this.send(res, 404, {});
        return;
      }
      // OAuth2Provider.get_issuer: global mode is the site root, per-provider the provider root
      const provider = (this.world['/providers/oauth2/'] ?? []).find((p) => p.pk === app.provider);
      const issuer = this.wrongIssuer.get(slug) ?? (provider?.issuer_mode === 'global' ? `${this.url}/` : `${this.url}/application/o/${slug}/`);
      this.send(res, 200, {
        issuer,
        authorization_endpoint: `${this.url}/application/o/authorize/`,
        token_endpoint: `${this.url}/application/o/token/`,
        userinfo_endpoint: `${this.url}/application/o/userinfo/`,
        jwks_uri: `${this.url}/application/o/${slug}/jwks/`,
      });
      return;
    }
    this.violations.push(`verify asked for ${url.pathname}, which the fake does not serve`);
    this.send(res, 404, { detail: 'Not found.' });
  }

  private api(req: IncomingMessage, path: string, query: URLSearchParams): [number, unknown] {
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return [this.refusedTokenStatus, { detail: req.headers.authorization ? 'Token invalid/expired' : 'Authentication credentials were not provided.' }];
    }
    if (this.forbidden.has(path)) return [403, { detail: 'You do not have permission to perform this action.' }];
    if (path === '/core/users/me/') {
      const me = this.tokenUser;
      const self: ApiObject = {
        pk: me.pk, username: me.username, name: 'verify', is_active: true, is_superuser: me.isSuperuser, groups: [], roles: [],
        email: `${me.username}@users.invalid`, avatar: '', uid: `uid-${me.pk}`, settings: {}, type: 'service_account', system_permissions: [],
      };
      // 2026.8: UserSelf.is_current, and SessionUser.users (the users of the browser session; a token has its own)
      if (since(this.version, '2026.8')) return [200, { user: { ...self, is_current: true }, users: [{ ...self, is_current: true }] }];
      return [200, { user: self }];
    }
    if (path === '/admin/version/') {
      // admin/api/version.py VersionView: IsAuthenticated, any token's user may read it
      const current = this.openapi.documentVersion;
      return [200, { version_current: current, version_latest: current, version_latest_valid: true, build_hash: '', outdated: false, outpost_outdated: false }];
    }
    for (const route of DETAIL_ROUTES) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      const value = decodeURIComponent(m[1]);
      const found = (this.world[route.list] ?? []).find((o) => String(o[route.field]) === value);
      return found ? [200, renderInRelease(route.list, found, this.version)] : [404, { detail: `No ${route.model} matches the given query.` }];
    }
    // a list the release's API has, of which the world holds nothing, is an empty page, as in authentik
    let objects = this.world[path] ?? (this.openapi.document.paths?.[path]?.get && !path.includes('{') ? [] : undefined);
    if (!objects) return [404, { detail: 'Not found.' }];
    if (path === '/core/applications/') {
      // ApplicationViewSet.list: only what the user may open, unless a superuser asks for the full list
      const full = this.tokenUser.isSuperuser && ['true', 'True', '1'].includes(query.get('superuser_full_list') ?? '');
      if (!full) objects = objects.filter((app) => this.mayOpen(app));
    }
    if (path === '/policies/bindings/' && !this.listsExpiredBindings) objects = objects.filter((b) => !bindingExpired(b));
    const filtered = objects.filter((o) => [...query].every(([k, v]) => ['page', 'page_size', 'ordering', 'search'].includes(k) || !(k in o) || String(o[k]) === v));
    // authentik's Pagination: 100 per page unless ?page_size says otherwise
    const size = Number(query.get('page_size') ?? 100);
    const page = Number(query.get('page') ?? 1);
    const pages = Math.max(1, Math.ceil(filtered.length / size));
    const results = filtered.slice((page - 1) * size, page * size).map((o) => renderInRelease(path, o, this.version));
    return [200, {
      pagination: {
        ...EMPTY_PAGE, count: filtered.length, current: page, total_pages: pages, next: page < pages ? page + 1 : 0,
        previous: page > 1 ? page - 1 : 0, start_index: results.length ? (page - 1) * size + 1 : 0, end_index: (page - 1) * size + results.length,
      },
      results,
      autocomplete: {},
    }];
  }

  /**
   * Whether the token's user may open `app`, as authentik's PolicyEngine decides for the application
   * list: the enabled bindings on it; none passes everyone; a group binding passes its members, a user
   * binding that user (negate inverts); a policy binding is taken as failing (the fake evaluates no
   * expressions); mode `any` needs one to pass, `all` every one. An expired binding is not among them
   * (authentik/policies/engine.py reads `PolicyBinding.objects`, which leaves expired ones out).
   */
  mayOpen(app: ApiObject): boolean {
    const bindings = (this.world['/policies/bindings/'] ?? []).filter((b) => b.target === app.pk && b.enabled !== false && !bindingExpired(b));
    if (bindings.length === 0) return true;
    const results = bindings.map((b) => {
      const hit = b.group ? this.tokenUser.groups.includes(b.group) : b.user ? b.user === this.tokenUser.pk : false;
      return b.negate ? !hit : hit;
    });
    return app.policy_engine_mode === 'all' ? results.every(Boolean) : results.some(Boolean);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }
}

/**
 * A blueprint file `odd.yaml` declaring a dummy stage `hold` (authentik_stages_dummy.dummystage, served at
 * /stages/dummy/), beside the fixture blueprints: a model outside verify's hand-written endpoint table of old.
 */
export const DUMMY_STAGE_BLUEPRINTS: Record<string, string> = {
  ...FIXTURE_BLUEPRINTS,
  'odd.yaml': 'version: 1\nmetadata:\n  name: odd.yaml\nentries:\n  - model: authentik_stages_dummy.dummystage\n    identifiers:\n      name: hold\n    attrs:\n      throw_error: false\n',
};

/** The dummy stage `hold` as authentik serves it. */
export function dummyStage(throwError: boolean): ApiObject {
  return {
    pk: uuid(70), name: 'hold', component: 'ak-stage-dummy-form', verbose_name: 'Dummy Stage', verbose_name_plural: 'Dummy Stages',
    meta_model_name: 'authentik_stages_dummy.dummystage', flow_set: [], throw_error: throwError,
  };
}
