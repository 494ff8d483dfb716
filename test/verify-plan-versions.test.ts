import { afterEach, describe, expect, it } from 'vitest';
import { catalogFor, secretFieldNamesInAnyRelease } from '../constructs/catalog/catalog';
import { AUTHENTIK_VERSIONS, type AuthentikVersion } from '../constructs/catalog/versions';
import { isSecretField } from '../constructs/plan/plan-run';
import { notReturnedReason } from '../constructs/catalog/unreturned-fields';
import { ModelName } from '../constructs/catalog/model-facts';
import { ReleaseDefaults } from '../constructs/verify/release-defaults';
import { AuthentikApiError, AuthentikUnreachableError, type AuthentikReader } from '../constructs/verify/authentik-reader';
import { ModelEndpoints } from '../constructs/verify/model-endpoints';
import { runAgainst, zotAppDist } from './verify-zot-app';
import { sharedOpenApiResponses } from './verify-openapi';
import {
  FAKE_TOKEN, FakeAuthentik, appliedWorld, application, binding, group, objectIn, renderInRelease, uuid, writeFixtureDist, type World,
} from './verify-fake-authentik';

/**
 * verify and plan, in-process, against the fake authentik playing 2026.5 and 2026.8 (answers
 * validated against that release's OpenAPI document), with the dist/ of an app whose AuthentikChart
 * declares that release.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** The dist/ of an app declaring `version` (test/verify-zot-app.ts), removed after the test. */
function synthesize(version: AuthentikVersion): { dir: string; blueprints: Record<string, string> } {
  const dist = zotAppDist(version, 'versions-dist-');
  cleanups.push(dist.remove);
  return dist;
}

interface Run {
  code: number;
  stdout: string;
  fake: FakeAuthentik;
}

async function start(world: World, version: AuthentikVersion): Promise<FakeAuthentik> {
  const fake = await new FakeAuthentik(world, FAKE_TOKEN, version).start();
  cleanups.push(() => fake.close());
  return fake;
}

async function run(command: 'verify' | 'plan', fake: FakeAuthentik, dist: string, argv: string[] = []): Promise<Run> {
  const { code, stdout } = await runAgainst(command, fake, dist, argv);
  // every answer was one the release could send, and the command only read
  expect(fake.violations).toEqual([]);
  expect(fake.requests.every((q) => q.startsWith('GET '))).toBe(true);
  return { code, stdout, fake };
}

const zotApp = (w: World) => objectIn(w, '/core/applications/', (a) => a.slug === 'zot');
const zotProvider = (w: World) => objectIn(w, '/providers/oauth2/', (p) => p.name === 'Zot');

/** authentik after applying the app's blueprints (appliedWorld takes the grant types they write). */
const applied = (blueprints: Record<string, string>): World => appliedWorld(blueprints);

describe.each(['2026.5', '2026.8'] as const)('verify and plan against authentik %s', (version) => {
  it('see no change when authentik holds what the app declares', async () => {
    const { dir, blueprints } = synthesize(version);
    const fake = await start(applied(blueprints), version);
    const verify = await run('verify', fake, dir);
    expect(verify.stdout).toContain('Result: applied and matching');
    expect(verify.code).toBe(0);
    const plan = await run('plan', fake, dir);
    expect(plan.stdout).toContain('Result: nothing to apply, no undeclared access');
    expect(plan.stdout).toContain('0 to create, 0 to update, 0 to delete');
    expect(plan.code).toBe(0);
  });

  it('report a UI edit: verify as drift, plan as an update old → new', async () => {
    const { dir, blueprints } = synthesize(version);
    const world = applied(blueprints);
    zotApp(world).meta_launch_url = 'https://changed-in-the-ui.example';
    const fake = await start(world, version);
    const verify = await run('verify', fake, dir);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('meta_launch_url is "https://changed-in-the-ui.example", declared "https://registry.ops.eblu.me"');
    const plan = await run('plan', fake, dir);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('meta_launch_url: https://changed-in-the-ui.example → https://registry.ops.eblu.me');
  });

  it('report a policy binding made in the UI as undeclared access (exit 1)', async () => {
    const { dir, blueprints } = synthesize(version);
    const world = applied(blueprints);
    const ops = objectIn(world, '/core/groups/', (g) => g.name === 'ops');
    world['/policies/bindings/'].push(binding(uuid(40), zotApp(world).pk, ops, 5));
    const fake = await start(world, version);
    const verify = await run('verify', fake, dir);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`undeclared access: group ops may open it through policy binding ${uuid(40)} (order 5)`);
    const plan = await run('plan', fake, dir);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('group ops');
    expect(plan.stdout).toContain(uuid(40));
  });

  it('expect the site root as issuer of a provider in global issuer mode', async () => {
    const { dir, blueprints } = synthesize(version);
    const world = applied(blueprints);
    zotProvider(world).issuer_mode = 'global';
    const fake = await start(world, version);
    const verify = await run('verify', fake, dir);
    expect(verify.stdout).toMatch(/zot +http:\/\/127\.0\.0\.1:\d+\/ +ok/);
    expect(verify.code).toBe(0);
    // not declared by the app: the apply leaves it
    expect((await run('plan', fake, dir)).code).toBe(0);
  });

  it('fill in the default of a nested field the app leaves out, as the release does, and report a UI edit of it', async () => {
    // RedirectURI.redirect_uri_type (2026.5, default authorization): the app declares only url and matching_mode
    const { dir, blueprints } = synthesize(version);
    const world = applied(blueprints);
    zotProvider(world).redirect_uris = [{ matching_mode: 'strict', url: 'https://registry.ops.eblu.me/zot/auth/callback/oidc', redirect_uri_type: 'logout' }];
    const fake = await start(world, version);
    const verify = await run('verify', fake, dir);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`redirect_uris[0].redirect_uri_type is "logout"; the blueprint leaves it out, so authentik ${version} sets "authorization" when it applies the file`);
    const plan = await run('plan', fake, dir);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('redirect_uris: [{matching_mode: strict, redirect_uri_type: logout, url: https://registry.ops.eblu.me/zot/auth/callback/oidc}] → [{matching_mode: strict, url: https://registry.ops.eblu.me/zot/auth/callback/oidc}]');
    expect(fake.requests).toContain('GET /api/v3/admin/version/');
  });

  it('read lists of several pages', async () => {
    const { dir, blueprints } = synthesize(version);
    const world = applied(blueprints);
    const many = Array.from({ length: 250 }, (_, i) => group(uuid(5000 + i), 100 + i, `team-${String(i).padStart(3, '0')}`));
    world['/core/groups/'] = [...many, ...world['/core/groups/']];
    world['/policies/bindings/'] = [...Array.from({ length: 230 }, (_, i) => binding(uuid(6000 + i), uuid(7000 + i), many[i], 0)), ...world['/policies/bindings/']];
    const instances = world['/managed/blueprints/'];
    world['/managed/blueprints/'] = [
      ...Array.from({ length: 230 }, (_, i) => ({ ...instances[0], pk: uuid(1000 + i), name: `Default ${i}`, path: `default/${i}.yaml` })),
      ...instances,
    ];
    const fake = await start(world, version);
    expect((await run('verify', fake, dir)).code).toBe(0);
    expect(fake.requests).toContain('GET /api/v3/managed/blueprints/?page=3&page_size=100');
    expect(fake.requests).toContain(`GET /api/v3/policies/bindings/?target=${zotApp(world).pk}&page=1&page_size=100`);
    expect((await run('plan', fake, dir)).code).toBe(0);
  });
});

describe('the fake authentik answers as the release it plays', () => {
  const page = (results: unknown[]) => ({
    pagination: { next: 0, previous: 0, count: results.length, current: 1, total_pages: 1, start_index: 1, end_index: results.length }, results, autocomplete: {},
  });

  it('reports the release through /admin/version/, which any token may read', async () => {
    for (const version of ['2026.2', '2026.5', '2026.8'] as const) {
      const fake = await start(appliedWorld(), version);
      const answer = await fetch(`${fake.url}/api/v3/admin/version/`, { headers: { Authorization: `Bearer ${FAKE_TOKEN}` } });
      expect(((await answer.json()) as { version_current: string }).version_current.startsWith(`${version}.`)).toBe(true);
      expect(fake.violations).toEqual([]);
    }
  });

  it('fails validation when it sends a field the release does not have', async () => {
    // 2026.2 has no Application.meta_hide (2026.5 added it)
    const world = appliedWorld();
    zotApp(world).meta_hide = false;
    const fake = await start(world, '2026.2');
    await fetch(`${fake.url}/api/v3/core/applications/zot/`, { headers: { Authorization: `Bearer ${FAKE_TOKEN}` } });
    expect(fake.violations).toEqual([expect.stringMatching(/^GET \/core\/applications\/\{slug\}\/ 200: \/ must NOT have additional properties \{"additionalProperty":"meta_hide"\}/)]);
    // 2026.5 has no PolicyBinding.expires (2026.8 added it)
    const b = renderInRelease('/policies/bindings/', binding(uuid(30), uuid(20), group(uuid(10), 1, 'admins'), 0), '2026.8');
    expect(sharedOpenApiResponses('2026.5').check('/policies/bindings/', 200, page([b])))
      .toContainEqual(expect.stringContaining('{"additionalProperty":"expires"}'));
    expect(sharedOpenApiResponses('2026.8').check('/policies/bindings/', 200, page([b]))).toEqual([]);
  });

  it('fails validation when it leaves out a field the release requires', () => {
    // 2026.8's Application requires pbm_uuid, which 2026.2 does not send
    const app = application(uuid(20), 'zot', 'Zot Registry', null, { meta_launch_url: 'https://registry.ops.eblu.me' });
    expect(sharedOpenApiResponses('2026.2').check('/core/applications/', 200, page([app]))).toEqual([]);
    expect(sharedOpenApiResponses('2026.8').check('/core/applications/', 200, page([app])))
      .toContainEqual(expect.stringContaining("must have required property 'pbm_uuid'"));
    expect(sharedOpenApiResponses('2026.8').check('/core/applications/', 200, page([renderInRelease('/core/applications/', app, '2026.8')]))).toEqual([]);
  });

  it('renders the fields a later release added, as an object made before the upgrade holds them', () => {
    const world = appliedWorld();
    const provider = renderInRelease('/providers/oauth2/', zotProvider(world), '2026.5');
    expect(provider.redirect_uris).toEqual([{ matching_mode: 'strict', url: 'https://registry.ops.eblu.me/zot/auth/callback/oidc', redirect_uri_type: 'authorization' }]);
    expect(provider.grant_types).toContain('authorization_code');
    expect(renderInRelease('/core/applications/', zotApp(world), '2026.8')).toMatchObject({ meta_hide: false, pbm_uuid: zotApp(world).pk });
    expect(renderInRelease('/core/applications/', zotApp(world), '2026.2')).not.toHaveProperty('meta_hide');
  });
});

describe('plan judges left-out nested fields by the release authentik reports', () => {
  const reporting = (release: () => Promise<string | undefined>) => ({ release } as unknown as AuthentikReader);
  const redirectUriType = (d: ReleaseDefaults) =>
    d.resolve(d.fieldSchema('authentik_providers_oauth2.oauth2provider', 'redirect_uris')?.items)?.properties?.redirect_uri_type;

  it('uses the request schemas of the reported release: 2026.5 states the default, 2026.2 has no such field', async () => {
    const at5 = await ReleaseDefaults.of(reporting(async () => '2026.5'));
    expect(at5.release).toBe('2026.5');
    expect(at5.resolve(redirectUriType(at5))?.default).toBe('authorization');
    const at2 = await ReleaseDefaults.of(reporting(async () => '2026.2'));
    expect(redirectUriType(at2)).toBeUndefined();
  });

  it('knows no defaults when authentik reports no release this project knows, or hides /admin/version/', async () => {
    for (const d of [
      await ReleaseDefaults.of(reporting(async () => '2027.1')),
      await ReleaseDefaults.of(reporting(async () => undefined)),
      await ReleaseDefaults.of(reporting(async () => { throw new AuthentikApiError('answered 404'); })),
    ]) {
      expect(d.fieldSchema('authentik_providers_oauth2.oauth2provider', 'redirect_uris')).toBeUndefined();
    }
    await expect(ReleaseDefaults.of(reporting(async () => { throw new AuthentikUnreachableError('connection refused'); }))).rejects.toThrow('connection refused');
  });
});

describe('verify and plan read each model at the API of the release authentik reports (its catalog)', () => {
  // authentik_stages_account_lockdown.accountlockdownstage: new in 2026.5, served at /stages/account_lockdown/
  const blueprints = {
    'lockdown.yaml': 'version: 1\nmetadata:\n  name: lockdown.yaml\nentries:\n  - model: authentik_stages_account_lockdown.accountlockdownstage\n'
      + '    identifiers:\n      name: lockdown\n    attrs:\n      deactivate_user: true\n',
  };
  const stage = {
    pk: uuid(80), name: 'lockdown', component: 'ak-stage-account-lockdown-form', verbose_name: 'Account Lockdown Stage',
    verbose_name_plural: 'Account Lockdown Stages', meta_model_name: 'authentik_stages_account_lockdown.accountlockdownstage', flow_set: [], deactivate_user: true,
  };
  const distOf = (): string => {
    const dist = writeFixtureDist(blueprints);
    cleanups.push(dist.remove);
    return dist.dir;
  };

  it.each(['2026.5', '2026.8'] as const)('checks a model authentik %s has at its catalog path', async (version) => {
    const dir = distOf();
    const fake = await start({ ...appliedWorld(blueprints), '/stages/account_lockdown/': [stage] }, version);
    const verify = await run('verify', fake, dir);
    expect(verify.stdout).toMatch(/account lockdown stage lockdown +present +ok/);
    expect(verify.code).toBe(0);
    const plan = await run('plan', fake, dir, ['--verbose']);
    expect(plan.stdout).toContain(`= nothing  account lockdown stage lockdown (pk ${uuid(80)})`);
    expect(fake.requests.some((q) => q.startsWith('GET /api/v3/stages/account_lockdown/?'))).toBe(true);
  });

  it('does not look for it in authentik 2026.2, whose API has no such model: not checked, naming the release', async () => {
    const dir = distOf();
    const fake = await start(appliedWorld(blueprints), '2026.2');
    const verify = await run('verify', fake, dir);
    expect(verify.stdout).toContain('lockdown.yaml: account lockdown stage lockdown: not checked (no API mapping for model '
      + 'authentik_stages_account_lockdown.accountlockdownstage in authentik 2026.2)');
    const plan = await run('plan', fake, dir);
    expect(plan.stdout).toContain('no API mapping for model authentik_stages_account_lockdown.accountlockdownstage');
    expect(fake.requests.some((q) => q.includes('/stages/account_lockdown/'))).toBe(false);
  });
});

describe('verify says why a declared field cannot be compared, from the catalog of the release authentik reports', () => {
  // a user's password and permissions are blueprint-only (authentik/core/api/users.py, UserSerializer.__init__ in blueprint context);
  // a key pair's certificate_data and key_data are write-only in the API (CertificateKeyPairSerializer, write_only=True)
  const blueprints = {
    'fields.yaml': 'version: 1\nmetadata:\n  name: fields.yaml\nentries:\n'
      + '  - model: authentik_core.user\n    identifiers:\n      username: zot-ci\n    attrs:\n      name: Zot CI Service Account\n'
      + '      password: !Env ZOT_CI_PASSWORD\n      permissions: []\n'
      + '  - model: authentik_crypto.certificatekeypair\n    identifiers:\n      name: authentik Self-signed Certificate\n    attrs:\n'
      + '      certificate_data: !File /certs/cert.pem\n      key_data: !File /certs/key.pem\n',
  };

  it.each(AUTHENTIK_VERSIONS)('names blueprint-only and write-only fields, and secrets, under authentik %s', async (version) => {
    const dist = writeFixtureDist(blueprints);
    cleanups.push(dist.remove);
    const fake = await start(appliedWorld(blueprints), version);
    const verify = await run('verify', fake, dist.dir);
    expect(verify.stdout).toContain('password: not compared (a secret only the blueprint importer takes: the API never returns it)');
    expect(verify.stdout).toContain('permissions: not compared (blueprint-only: the blueprint importer takes it, the API does not return it as part of the object)');
    expect(verify.stdout).toContain('certificate_data: not compared (write-only in the API)');
    expect(verify.stdout).toContain('key_data: not compared (a secret: write-only in the API)');
  });

  it('reads the reasons from the catalogs: blueprint-only fields, write-only fields, nothing for a field the API returns', () => {
    expect(notReturnedReason(ModelName.APPLICATION, 'icon')).toBe('blueprint-only: stored as meta_icon');
    expect(notReturnedReason(ModelName.TOKEN, 'key')).toBe('a secret only the blueprint importer takes: the API never returns it');
    expect(notReturnedReason(ModelName.LDAPSOURCE, 'bind_password')).toBe('a secret: write-only in the API');
    // a credential the API returns to administrators (credential-fields.ts) is compared like any field
    expect(notReturnedReason(ModelName.OAUTH2PROVIDER, 'client_secret')).toBeUndefined();
    expect(notReturnedReason(ModelName.APPLICATION, 'slug')).toBeUndefined();
    // by release: the SMS stage's credentials are write-only from 2026.8 on
    expect(notReturnedReason(ModelName.AUTHENTICATORSMSSTAGE, 'auth_password', catalogFor('2026.2'))).toBeUndefined();
    expect(notReturnedReason(ModelName.AUTHENTICATORSMSSTAGE, 'auth_password', catalogFor('2026.8'))).toBe('a secret: write-only in the API');
    // every write-only field of every release's catalog has a reason, and so does every blueprint-only one
    for (const version of AUTHENTIK_VERSIONS) {
      const catalog = catalogFor(version);
      for (const model of catalog.modelNames()) {
        for (const [field, facts] of Object.entries(catalog.model(model)!.fields)) {
          expect(notReturnedReason(model, field, catalog) !== undefined, `${version} ${model}.${field}`).toBe(Boolean(facts.writeOnly || facts.blueprintOnly));
        }
      }
    }
  });
});

describe('the model table of verify and plan in every release', () => {
  it.each(AUTHENTIK_VERSIONS)('points every model at a list endpoint of authentik %s, filtering only on parameters it has, as its catalog does', (version) => {
    // the release's document as the fake's validation parsed it (one parse per release and worker)
    const schema = sharedOpenApiResponses(version).document;
    const parameters = (path: string): string[] => (schema.paths[path]?.get?.parameters ?? [])
      .map((p: { $ref?: string; name?: string }) => (p.$ref ? schema.components.parameters[p.$ref.split('/').pop()!].name : p.name));
    const catalog = catalogFor(version);
    const endpoints = ModelEndpoints.forRelease(version);
    for (const model of catalog.modelNames()) {
      const spec = endpoints.get(model);
      if (!spec) {
        // not served: no API, or a path that only creates
        expect(!catalog.model(model)?.api?.path || catalog.model(model)?.api?.unlisted === true, `${version} ${model}`).toBe(true);
        continue;
      }
      expect(catalog.model(model)?.api?.path, `${version} ${model}: the catalog's path`).toBe(spec.list);
      expect(schema.paths[spec.list]?.get, `${version} ${model}: ${spec.list}`).toBeDefined();
      for (const f of spec.filters) expect(parameters(spec.list), `${version} ${model}: ?${f}`).toContain(f);
      if (spec.detail) expect(schema.paths[spec.detail.path.replace('{value}', `{${spec.detail.field}}`)]?.get, `${version} ${model}: ${spec.detail.path}`).toBeDefined();
    }
    expect(schema.paths['/admin/version/']?.get, `${version}: /admin/version/`).toBeDefined();
  });
});

describe('plan never shows a secret of any release', () => {
  it('treats as secret what any release\'s catalog calls secret, beside the named fields and !Env values', () => {
    // authentik_sources_kerberos.kerberossource: sync_password in every release, sync_ccache from 2026.8 (write-only in its API)
    expect(isSecretField('authentik_sources_kerberos.kerberossource', 'sync_password', 'literal')).toBe(true);
    expect(catalogFor('2026.2').secretFields('authentik_sources_kerberos.kerberossource')).not.toContain('sync_ccache');
    expect(isSecretField('authentik_sources_kerberos.kerberossource', 'sync_ccache', 'literal')).toBe(true);
    expect(isSecretField('authentik_providers_oauth2.oauth2provider', 'client_secret', 'literal')).toBe(true);
    expect(isSecretField('authentik_core.application', 'meta_launch_url', { $symbol: '!Env LAUNCH_URL' })).toBe(true);
    expect(isSecretField('authentik_core.application', 'meta_launch_url', 'https://registry.ops.eblu.me')).toBe(false);
    expect(isSecretField('authentik_sources_kerberos.kerberossource', 'realm', 'EXAMPLE.COM')).toBe(false);
  });

  it('takes the names it never shows from the catalogs alone: every secret field of every model of every release, on any model', () => {
    // read from catalog.json itself (each field's `secret` flag), not from the index plan reads
    const names = new Set<string>();
    for (const version of AUTHENTIK_VERSIONS) {
      const catalog = catalogFor(version);
      for (const model of catalog.modelNames()) {
        for (const [field, facts] of Object.entries(catalog.model(model)!.fields)) if (facts.secret) names.add(field);
      }
    }
    expect([...secretFieldNamesInAnyRelease()].sort()).toEqual([...names].sort());
    // the names the old hand list held that are fields of some model are all there ...
    for (const field of ['client_secret', 'password', 'key', 'bind_password', 'token', 'consumer_secret', 'shared_secret', 'private_key', 'key_data']) {
      expect(names, field).toContain(field);
    }
    // ... and those it invented (no model of any release has them, so no declared object can hold them) are not
    for (const field of ['secret', 'api_key']) expect(isSecretField('authentik_core.application', field, 'x'), field).toBe(false);
    // a secret name is hidden on a model where it is no secret too (a license's key, an object attribute's key)
    expect(catalogFor('2026.8').secretFields('authentik_core.objectattribute')).not.toContain('key');
    expect(isSecretField('authentik_core.objectattribute', 'key', 'department')).toBe(true);
    // one the hand list lacked: the bot token of a Telegram source
    expect(isSecretField('authentik_sources_telegram.telegramsource', 'bot_token', 'literal')).toBe(true);
  });
});
