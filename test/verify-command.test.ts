import { createServer } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommand } from '../constructs/verify';
import { OpenApiResponses, sharedOpenApiResponses } from './verify-openapi';
import {
  DUMMY_STAGE_BLUEPRINTS, dummyStage,
  FAKE_TOKEN, FIXTURE_BLUEPRINTS, FakeAuthentik, appliedWorld, binding, flow, group, objectIn, sha512, writeFixtureDist, oauth2Provider, uuid,
  type World,
} from './verify-fake-authentik';

let openapi: OpenApiResponses;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(() => {
  openapi = sharedOpenApiResponses();
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  fake: FakeAuthentik;
}

/** Starts a fake authentik holding `world` and runs verify against the fixture dist/. */
async function run(world: World, argv: string[] = [], options: {
  blueprints?: Record<string, string>; token?: string; setup?: (fake: FakeAuthentik) => void; env?: Record<string, string | undefined>;
} = {}): Promise<Run> {
  const fake = await new FakeAuthentik(world, FAKE_TOKEN, openapi).start();
  cleanups.push(() => fake.close());
  options.setup?.(fake);
  const dist = writeFixtureDist(options.blueprints);
  cleanups.push(dist.remove);
  let stdout = '';
  let stderr = '';
  const token = options.token ?? FAKE_TOKEN;
  const code = await verifyCommand({
    argv: ['--dist', dist.dir, ...argv],
    env: options.env ?? { AUTHENTIK_URL: fake.url, AUTHENTIK_TOKEN: token },
    defaultDist: dist.dir,
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    sleep: async () => {},
  });
  // every response was one authentik could send, verify only read, and never printed the token
  expect(fake.violations).toEqual([]);
  expect(stdout + stderr).not.toContain(token);
  return { code, stdout, stderr, fake };
}

const ZOT = 'zot.yaml';
const providers = (w: World) => w['/providers/oauth2/'];
const instanceOf = (w: World, file: string) => objectIn(w, '/managed/blueprints/', (i) => i.path === `custom/${file}`);

describe('npm run verify against a fake authentik', () => {
  it('exits 0 when every file is applied at this commit and every object holds', async () => {
    const r = await run(appliedWorld());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('zot.yaml  instance "BlumeOps Zot SSO" at custom/zot.yaml');
    expect(r.stdout).toContain('hash matches dist/: applied at this commit');
    expect(r.stdout).toMatch(/binding of group artifact-workloads to application zot +present +ok/);
    expect(r.stdout).toMatch(/binding of group ops to application zot +absent +gone/);
    expect(r.stdout).toContain('Drift: none');
    expect(r.stdout).toContain('Result: applied and matching (3 of 3 blueprint files applied at this commit, no drift)');
    expect(r.fake.requests.every((q) => q.startsWith('GET '))).toBe(true);
  });

  it('says plainly what it cannot see and which values it did not compare', async () => {
    const r = await run(appliedWorld());
    expect(r.stdout).toContain('What verify cannot see');
    expect(r.stdout).toContain('1Password');
    expect(r.stdout).toContain("the consumers' Secrets");
    expect(r.stdout).toContain('zot.yaml: provider Zot: client_secret: not compared: comes from !Env AUTHENTIK_ZOT_CLIENT_SECRET');
  });

  it('fails when authentik last applied another version of a file (stale hash)', async () => {
    const world = appliedWorld();
    instanceOf(world, ZOT).last_applied_hash = sha512('the previous commit');
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('hash differs from dist/: NOT applied at this commit');
    expect(r.stdout).toMatch(/zot\.yaml: blueprint instance custom\/zot\.yaml: authentik last applied another version of the file .*this commit is not applied yet/);
    expect(r.stdout).toContain('Result: NOT applied or drifted (2 of 3 blueprint files applied at this commit');
  });

  it('fails when a blueprint status is error, even with the hash of an earlier successful apply', async () => {
    const world = appliedWorld();
    instanceOf(world, ZOT).status = 'error';
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('status error, last applied');
    expect(r.stdout).toContain('status error: the last apply failed');
    expect(r.stdout).toContain('goauthentik/authentik#21441');
  });

  it('fails when authentik has no instance at a file\'s path', async () => {
    const world = appliedWorld();
    world['/managed/blueprints/'] = world['/managed/blueprints/'].filter((i) => i.path !== 'custom/zot.yaml');
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no blueprint instance at path custom/zot.yaml: authentik has not discovered the file');
  });

  it('fails when a declared object is missing', async () => {
    const world = appliedWorld();
    world['/core/users/'] = world['/core/users/'].filter((u) => u.username !== 'zot-ci');
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/service account zot-ci +present +MISSING/);
    expect(r.stdout).toContain('zot.yaml: service account zot-ci: missing: no user with username zot-ci in authentik');
  });

  it('fails when a provider\'s signing key came out null', async () => {
    const world = appliedWorld();
    objectIn(world, '/providers/oauth2/', (p) => p.name === 'Zot').signing_key = null;
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/provider Zot +present +DRIFT/);
    expect(r.stdout).toContain('zot.yaml: provider Zot: signing_key is null, but declared certificate authentik Self-signed Certificate');
    expect(r.stdout).toContain('goauthentik/authentik#19715');
  });

  it('fails when a provider\'s flow came out null', async () => {
    // authentication_flow is the provider flow authentik can hold as null (the other two are required)
    const blueprints = {
      ...FIXTURE_BLUEPRINTS,
      [ZOT]: FIXTURE_BLUEPRINTS[ZOT].replace(
        '      client_id: zot\n',
        '      authentication_flow: !Find [authentik_flows.flow, [slug, default-authentication-flow]]\n      client_id: zot\n',
      ),
    };
    const world = appliedWorld(blueprints);
    world['/flows/instances/'].push(flow(uuid(7), uuid(107), 'default-authentication-flow'));
    const r = await run(world, [], { blueprints });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`zot.yaml: provider Zot: authentication_flow is null, but declared flow default-authentication-flow (${uuid(7)})`);
  });

  it('fails when a reference points to another object than declared', async () => {
    const world = appliedWorld();
    objectIn(world, '/providers/oauth2/', (p) => p.name === 'Zot').invalidation_flow = uuid(1);
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`invalidation_flow points to ${uuid(1)}, declared flow default-provider-invalidation-flow (${uuid(2)})`);
  });

  it('fails when declared attributes drifted, naming them as the blueprint does', async () => {
    const world = appliedWorld();
    const provider = objectIn(world, '/providers/oauth2/', (p) => p.name === 'Zot');
    provider.redirect_uris = [{ matching_mode: 'regex', url: 'https://registry.ops.eblu.me/.*' }];
    provider.property_mappings = provider.property_mappings.slice(0, 2);
    objectIn(world, '/policies/bindings/', (b) => b.order === 1).order = 5;
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('zot.yaml: provider Zot: property_mappings lacks scope mapping profile');
    expect(r.stdout).toContain('zot.yaml: provider Zot: redirect_uris[0].matching_mode is "regex", declared "strict"');
    expect(r.stdout).toContain('zot.yaml: binding of group artifact-workloads to application zot: order is 5, declared 1');
  });

  it('fails when the worker gave authentik an empty !Env secret', async () => {
    const world = appliedWorld();
    objectIn(world, '/providers/oauth2/', (p) => p.name === 'Zot').client_secret = '';
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("provider Zot: client_secret is empty: the worker's AUTHENTIK_ZOT_CLIENT_SECRET was unset or empty");
  });

  it('fails when a retired object is still present', async () => {
    const world = appliedWorld();
    providers(world).push(oauth2Provider(9, 'Legacy', {
      authorization_flow: uuid(1), invalidation_flow: uuid(2), client_id: 'legacy',
    }));
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/provider Legacy +absent +STILL PRESENT +9/);
    expect(r.stdout).toContain('legacy.yaml: provider Legacy: retired (state: absent) but still in authentik (pk 9)');
  });

  it('fails when a discovery document names the wrong issuer', async () => {
    const r = await run(appliedWorld(), [], { setup: (fake) => fake.wrongIssuer.set('zot', 'https://elsewhere.example/application/o/zot/') });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/zot +http:\/\/127\.0\.0\.1:\d+\/application\/o\/zot\/ +WRONG/);
    expect(r.stdout).toMatch(/zot\.yaml: client zot: issuer is https:\/\/elsewhere\.example\/application\/o\/zot\/, expected http:\/\/127\.0\.0\.1:\d+\/application\/o\/zot\/ \(issuer mode per_provider\)/);
  });

  it('expects the site root as issuer for a provider in global issuer mode (OAuth2Provider.get_issuer)', async () => {
    // authentik/providers/oauth2/models.py get_issuer: global mode is reverse("authentik_core:root-redirect"), i.e. "/"
    const world = appliedWorld();
    objectIn(world, '/providers/oauth2/', (p) => p.name === 'Zot').issuer_mode = 'global';
    const r = await run(world);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/zot +http:\/\/127\.0\.0\.1:\d+\/ +ok/);
  });

  it('reports a global-mode provider whose discovery names the per-provider issuer', async () => {
    const world = appliedWorld();
    objectIn(world, '/providers/oauth2/', (p) => p.name === 'Zot').issuer_mode = 'global';
    const r = await run(world, [], { setup: (fake) => fake.wrongIssuer.set('zot', `${fake.url}/application/o/zot/`) });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/client zot: issuer is http:\/\/127\.0\.0\.1:\d+\/application\/o\/zot\/, expected http:\/\/127\.0\.0\.1:\d+\/ \(issuer mode global\)/);
  });

  it('reports a policy binding made in the UI on a declared application as undeclared access (exit 1)', async () => {
    const world = appliedWorld();
    const ops = group(uuid(13), 4, 'staff');
    world['/core/groups/'].push(ops);
    world['/policies/bindings/'].push(binding(uuid(39), uuid(20), ops, 5));
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`zot.yaml: application zot: undeclared access: group staff may open it through policy binding ${uuid(39)} (order 5), which dist/ does not declare`);
  });

  it('accepts undeclared access with --accept-undeclared-access, still listing it', async () => {
    const world = appliedWorld();
    const ops = group(uuid(13), 4, 'staff');
    world['/core/groups/'].push(ops);
    world['/policies/bindings/'].push({ ...binding(uuid(39), uuid(20), ops, 5), negate: true });
    const r = await run(world, ['--accept-undeclared-access']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Undeclared access, accepted with --accept-undeclared-access (1)');
    expect(r.stdout).toContain('undeclared access: everyone but group staff may open it');
    const json = JSON.parse((await run(world, ['--accept-undeclared-access', '--json'])).stdout);
    expect(json.undeclaredAccessAccepted).toBe(true);
    expect(json.undeclaredAccess).toEqual([expect.objectContaining({ slug: 'zot', subject: 'everyone but group staff', binding: uuid(39) })]);
  });

  it('ignores a disabled undeclared binding (it grants nothing)', async () => {
    const world = appliedWorld();
    const ops = group(uuid(13), 4, 'staff');
    world['/core/groups/'].push(ops);
    world['/policies/bindings/'].push({ ...binding(uuid(39), uuid(20), ops, 5), enabled: false });
    const r = await run(world);
    expect(r.code).toBe(0);
  });

  it('reports an application left without bindings as open to every signed-in user', async () => {
    const world = appliedWorld();
    world['/policies/bindings/'] = [];
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('zot.yaml: application zot: undeclared access: the application has no enabled policy binding, so authentik lets every signed-in user open it');
    expect(r.stdout).toMatch(/binding of group admins to application zot +present +MISSING/);
  });

  it('finds an application identified by name through its slug, though the token\'s user may not open it', async () => {
    const blueprints = { ...FIXTURE_BLUEPRINTS, [ZOT]: FIXTURE_BLUEPRINTS[ZOT].replace('    identifiers:\n      slug: zot\n    attrs:\n', '    identifiers:\n      name: Zot Registry\n    attrs:\n      slug: zot\n') };
    const r = await run(appliedWorld(blueprints), [], { blueprints });
    // the list hides zot from verify-bot (bound to admins and artifact-workloads only); the detail by slug does not
    expect(r.fake.mayOpen(objectIn(r.fake.world, '/core/applications/', (a) => a.slug === 'zot'))).toBe(false);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/application Zot Registry +present +ok +00000000-0000-4000-8000-000000000014/);
    expect(r.fake.requests).toContain('GET /api/v3/core/applications/zot/');
  });

  it('does not call an application identified by name without a slug missing when the list may hide it', async () => {
    const blueprints = { ...FIXTURE_BLUEPRINTS, [ZOT]: FIXTURE_BLUEPRINTS[ZOT].replace('    identifiers:\n      slug: zot\n    attrs:\n', '    identifiers:\n      name: Zot Registry\n    attrs:\n') };
    const world = appliedWorld(blueprints);
    world['/core/applications/'][0].name = 'Renamed';
    const r = await run(world, [], { blueprints });
    expect(r.stdout).toMatch(/application Zot Registry +present +not checked/);
    expect(r.stdout).toContain("authentik lists only the applications the token's user may open, so an application found by name cannot be told missing; declare its slug");
    // a superuser's full list is complete: then missing is missing
    const su = await run(world, [], { blueprints, setup: (fake) => { fake.tokenUser.isSuperuser = true; } });
    expect(su.code).toBe(1);
    expect(su.stdout).toMatch(/application Zot Registry +present +MISSING/);
    expect(su.fake.requests).toContain('GET /api/v3/core/applications/?name=Zot%20Registry&superuser_full_list=true&page=1&page_size=100');
  });

  it('reports an entry of a model the release serves through no API as not checked, never as passed', async () => {
    // authentik 2026.2's API has a request schema for schedules but no path that creates or lists them
    const blueprints = {
      ...FIXTURE_BLUEPRINTS,
      'odd.yaml': 'version: 1\nmetadata:\n  name: Odd\nentries:\n  - model: authentik_tasks_schedules.schedule\n    identifiers:\n      uid: nightly\n',
    };
    const r = await run(appliedWorld(blueprints), [], { blueprints });
    expect(r.stdout).toMatch(/schedule nightly +present +not checked/);
    expect(r.stdout).toContain('odd.yaml: schedule nightly: not checked (no API mapping for model authentik_tasks_schedules.schedule in authentik 2026.2)');
  });

  describe('a model outside the old hand-written endpoint table, read at the API path of the catalog of the release authentik reports', () => {
    // authentik_stages_dummy.dummystage: /stages/dummy/ in the catalog of 2026.2 (verify's table of old did not have it)
    const blueprints = DUMMY_STAGE_BLUEPRINTS;
    const dummy = dummyStage;

    it('finds the object and passes it when it holds', async () => {
      const world = { ...appliedWorld(blueprints), '/stages/dummy/': [dummy(false)] };
      const r = await run(world, [], { blueprints });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/dummy stage hold +present +ok/);
      // filtered by the catalog's list parameters
      expect(r.fake.requests.filter((q) => q.startsWith('GET /api/v3/stages/dummy/'))).toEqual([expect.stringMatching(/[?&]name=hold(&|$)/)]);
    });

    it('reports a field that differs as drift', async () => {
      const world = { ...appliedWorld(blueprints), '/stages/dummy/': [dummy(true)] };
      const r = await run(world, [], { blueprints });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('odd.yaml: dummy stage hold: throw_error is true, declared false');
    });

    it('reports the object missing when authentik lists none', async () => {
      const r = await run(appliedWorld(blueprints), [], { blueprints });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('odd.yaml: dummy stage hold: missing: no dummy stage with name hold in authentik');
    });
  });

  it('does not count later edits of a state: created entry as drift, but lists them', async () => {
    const blueprints = { ...FIXTURE_BLUEPRINTS, [ZOT]: FIXTURE_BLUEPRINTS[ZOT].replace('    id: zot-service-account-zot-ci\n    state: present', '    id: zot-service-account-zot-ci\n    state: created') };
    const world = appliedWorld(blueprints);
    objectIn(world, '/core/users/', (u) => u.username === 'zot-ci').name = 'Renamed by an admin';
    const r = await run(world, [], { blueprints });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('zot.yaml: service account zot-ci: name is "Renamed by an admin", declared "Zot CI Service Account" (state: created, so authentik keeps later edits)');
  });

  it('reports an absent object of an entry with conditions as not checked, not missing', async () => {
    const blueprints = { ...FIXTURE_BLUEPRINTS, 'common.yaml': `${FIXTURE_BLUEPRINTS['common.yaml']}  - model: authentik_core.group\n    conditions:\n      - !Context goauthentik.io/enterprise/licensed\n    identifiers:\n      name: enterprise-admins\n` };
    const r = await run(appliedWorld(blueprints), [], { blueprints });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/group enterprise-admins +present +not checked/);
    expect(r.stdout).toContain('the entry has conditions verify cannot evaluate');
  });

  it('fails when the blueprint instance kept an old name, which metaapplyblueprint entries cannot find', async () => {
    const world = appliedWorld();
    instanceOf(world, 'common.yaml').name = 'Common';
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('common.yaml: blueprint instance custom/common.yaml: the instance is named "Common", the file\'s metadata.name is "BlumeOps Common Identity"');
    expect(r.stdout).toContain('zot.yaml: blueprint BlumeOps Common Identity: required blueprint name BlumeOps Common Identity has no instance in authentik');
  });

  it('reads every page of a list (authentik pages by 100 at most)', async () => {
    const world = appliedWorld();
    const instances = world['/managed/blueprints/'];
    const ours = instances.filter((i) => i.path.startsWith('custom/'));
    const others = Array.from({ length: 230 }, (_, i) => ({ ...instances[0], pk: uuid(1000 + i), name: `Default ${i}`, path: `default/${i}.yaml` }));
    world['/managed/blueprints/'] = [...others, ...ours];
    const r = await run(world);
    expect(r.code).toBe(0);
    expect(r.fake.requests).toContain('GET /api/v3/managed/blueprints/?page=3&page_size=100');
  });

  it('exits 3 within seconds when authentik is unreachable', async () => {
    const port = await closedPort();
    const started = Date.now();
    const r = await run(appliedWorld(), [], { env: { AUTHENTIK_URL: `http://127.0.0.1:${port}`, AUTHENTIK_TOKEN: FAKE_TOKEN } });
    expect(r.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.stderr).toBe(`verify: cannot reach authentik at http://127.0.0.1:${port}: connection refused\n`);
    expect(r.stdout).toBe('');
  });

  it('exits 3 when authentik refuses the token (403 "Token invalid/expired"), without printing it', async () => {
    const wrong = 'ak-wrong-token-0123456789';
    const r = await run(appliedWorld(), [], { token: wrong });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('verify: authentik refused the token (403 "Token invalid/expired" on /core/users/me/): it is invalid, expired or revoked, or not an API token. Create one as the README describes.\n');
    expect(r.stderr).not.toContain(wrong);
  });

  it('exits 3 when the token is refused with 401 (a proxy in front of authentik)', async () => {
    const r = await run(appliedWorld(), [], { token: 'ak-wrong-token-0123456789', setup: (fake) => { fake.refusedTokenStatus = 401; } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('authentik refused the token (401 "Token invalid/expired" on /core/users/me/)');
  });

  it('exits 3 when the token may not read blueprint instances (403), naming the permission', async () => {
    const r = await run(appliedWorld(), [], { setup: (fake) => fake.forbidden.add('/managed/blueprints/') });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('verify: the token may not read /managed/blueprints/ (403 "You do not have permission to perform this action."): give its user permission authentik_blueprints.view_blueprintinstance (see the README\'s token section).\n');
  });

  it('exits 3 when the token may not read a model the blueprints declare (403)', async () => {
    const r = await run(appliedWorld(), [], { setup: (fake) => fake.forbidden.add('/providers/oauth2/') });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('permission authentik_providers_oauth2.view_oauth2provider');
  });

  it('with --wait, exits 0 once an apply completes while it polls', async () => {
    const world = appliedWorld();
    const instance = instanceOf(world, ZOT);
    instance.last_applied_hash = sha512('the previous commit');
    instance.status = 'successful';
    let polls = 0;
    const r = await run(world, ['--wait', '5m', '--interval', '1s'], {
      setup: (fake) => {
        fake.beforeRequest = (path) => {
          if (path !== '/api/v3/managed/blueprints/') return;
          polls += 1;
          // the worker finishes applying zot.yaml between the second and the third poll
          if (polls === 3) instance.last_applied_hash = sha512(FIXTURE_BLUEPRINTS[ZOT]);
        };
      },
    });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/verify: 2 of 3 files applied at this commit; waiting for zot\.yaml; next check in 1s/g)).toHaveLength(2);
    expect(r.stdout).toContain('Result: applied and matching');
  });

  it('with --wait, exits 1 when the timeout passes before the apply', async () => {
    const world = appliedWorld();
    instanceOf(world, ZOT).last_applied_hash = '';
    let clock = 0;
    const fake = await new FakeAuthentik(world, FAKE_TOKEN, openapi).start();
    cleanups.push(() => fake.close());
    const dist = writeFixtureDist();
    cleanups.push(dist.remove);
    let stdout = '';
    let stderr = '';
    const code = await verifyCommand({
      argv: ['--dist', dist.dir, '--wait', '30s', '--interval', '10s', '--json'],
      env: { AUTHENTIK_URL: fake.url, AUTHENTIK_TOKEN: FAKE_TOKEN },
      defaultDist: dist.dir,
      stdout: (t) => { stdout += t; },
      stderr: (t) => { stderr += t; },
      now: () => clock,
      sleep: async (ms) => { clock += ms; },
    });
    expect(code).toBe(1);
    expect(fake.violations).toEqual([]);
    const json = JSON.parse(stdout);
    expect(json.wait).toEqual({ rounds: 4, timedOut: true });
    expect(json.result).toBe('not-applied-or-drifted');
    expect(json.blueprints.find((b: { file: string }) => b.file === ZOT).problems).toContain('never applied successfully (last_applied_hash is empty)');
    expect(stderr).toContain('next check in 10s');
  });

  it('with --wait, stops at once when the token is refused', async () => {
    const r = await run(appliedWorld(), ['--wait', '5m'], { token: 'ak-wrong-token-0123456789' });
    expect(r.code).toBe(3);
    expect(r.fake.requests).toHaveLength(1);
  });

  it('with --wait, keeps polling while authentik is unreachable and exits 3 at the timeout', async () => {
    const port = await closedPort();
    const dist = writeFixtureDist();
    cleanups.push(dist.remove);
    let clock = 0;
    let stderr = '';
    const code = await verifyCommand({
      argv: ['--dist', dist.dir, '--wait', '20s', '--interval', '5s'],
      env: { AUTHENTIK_URL: `http://127.0.0.1:${port}`, AUTHENTIK_TOKEN: FAKE_TOKEN },
      defaultDist: dist.dir,
      stdout: () => {},
      stderr: (t) => { stderr += t; },
      now: () => clock,
      sleep: async (ms) => { clock += ms; },
    });
    expect(code).toBe(3);
    expect(stderr.match(/connection refused; next check in 5s/g)).toHaveLength(4);
  });

  it('prints a stable JSON report with --json', async () => {
    const world = appliedWorld();
    objectIn(world, '/providers/oauth2/', (p) => p.name === 'Zot').signing_key = null;
    const r = await run(world, ['--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['schemaVersion', 'result', 'exitCode', 'authentik', 'user', 'mount', 'blueprints', 'clients', 'undeclaredAccess', 'undeclaredAccessAccepted', 'drift', 'notChecked', 'cannotSee']);
    expect(json).toMatchObject({ schemaVersion: 1, result: 'not-applied-or-drifted', exitCode: 1, user: 'verify-bot' });
    const zot = json.blueprints.find((b: { file: string }) => b.file === ZOT);
    expect(zot).toMatchObject({ path: 'custom/zot.yaml', name: 'BlumeOps Zot SSO', sha512: sha512(FIXTURE_BLUEPRINTS[ZOT]), hashMatches: true, applied: true });
    expect(zot.instance).toMatchObject({ name: 'BlumeOps Zot SSO', status: 'successful', enabled: true, lastAppliedHash: sha512(FIXTURE_BLUEPRINTS[ZOT]) });
    expect(zot.entries.find((e: { id: string }) => e.id === 'zot-provider')).toMatchObject({ model: 'authentik_providers_oauth2.oauth2provider', status: 'drift', pk: 3 });
    expect(json.drift).toEqual([expect.objectContaining({ file: ZOT, object: 'provider Zot' })]);
    expect(json.clients).toEqual([expect.objectContaining({ slug: 'zot', ok: true, problem: null })]);
  });

  it('prints the same report twice for the same authentik (deterministic order)', async () => {
    const a = await run(appliedWorld(), ['--json']);
    const b = await run(appliedWorld(), ['--json']);
    const strip = (s: string) => s.replace(/127\.0\.0\.1:\d+/g, 'HOST');
    expect(strip(a.stdout)).toBe(strip(b.stdout));
  });

  it('reports an error as JSON too, with exit 3', async () => {
    const r = await run(appliedWorld(), ['--json'], { token: 'ak-wrong-token-0123456789' });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, result: 'unreachable-or-unauthorized', exitCode: 3 });
  });
});

describe('npm run verify with invalid input', () => {
  async function invalid(argv: string[], env: Record<string, string | undefined> = { AUTHENTIK_URL: 'http://127.0.0.1:1', AUTHENTIK_TOKEN: FAKE_TOKEN }, distDir?: string) {
    const dist = writeFixtureDist();
    cleanups.push(dist.remove);
    let stdout = '';
    let stderr = '';
    const code = await verifyCommand({ argv, env, defaultDist: distDir ?? dist.dir, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    expect(stdout + stderr).not.toContain(FAKE_TOKEN);
    return { code, stdout, stderr };
  }

  it('exits 2 on a bad duration', async () => {
    const r = await invalid(['--wait', '5 minutes']);
    expect(r).toMatchObject({ code: 2, stderr: 'verify: --wait: invalid duration "5 minutes": use a number with a unit, e.g. 30s, 5m, 1h or 1h30m\n' });
  });

  it('exits 2 on an unknown option', async () => {
    const r = await invalid(['--wiat', '5m']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--wiat'");
  });

  it('exits 2 when AUTHENTIK_URL or AUTHENTIK_TOKEN is missing', async () => {
    expect((await invalid([], { AUTHENTIK_TOKEN: FAKE_TOKEN })).stderr).toContain('AUTHENTIK_URL is not set');
    expect((await invalid([], { AUTHENTIK_URL: 'http://127.0.0.1:1' })).stderr).toContain('AUTHENTIK_TOKEN is not set');
    expect((await invalid([], { AUTHENTIK_URL: 'authentik.ops.eblu.me', AUTHENTIK_TOKEN: FAKE_TOKEN })).code).toBe(2);
  });

  it('exits 2 when there is no dist/', async () => {
    const r = await invalid([], undefined, '/nonexistent/dist');
    expect(r).toMatchObject({ code: 2, stderr: 'verify: no folder /nonexistent/dist: run npm run synth first, or pass --dist\n' });
  });

  it('prints usage and the exit codes with --help', async () => {
    const r = await invalid(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3  authentik unreachable, or the token unauthorized (401/403)');
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('verify after a secret rotation', () => {
  // secretRotation 1 renames zot's variable, so zot.yaml's text, and with it its sha512, changes
  const rotated = { ...FIXTURE_BLUEPRINTS, [ZOT]: FIXTURE_BLUEPRINTS[ZOT].replace('!Env AUTHENTIK_ZOT_CLIENT_SECRET', '!Env AUTHENTIK_ZOT_CLIENT_SECRET_R1') };
  const short = (text: string): string => `${sha512(text).slice(0, 16)}…`;

  it('shows the rotation not yet applied: authentik holds the old file\'s hash, dist/ the new one', async () => {
    expect(rotated[ZOT]).not.toBe(FIXTURE_BLUEPRINTS[ZOT]);
    const r = await run(appliedWorld(), [], { blueprints: rotated });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`hash differs from dist/: NOT applied at this commit (authentik ${short(FIXTURE_BLUEPRINTS[ZOT])}, dist/ ${short(rotated[ZOT])})`);
  });

  it('shows the rotation applied: the new file\'s hash', async () => {
    const r = await run(appliedWorld(rotated), [], { blueprints: rotated });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`hash matches dist/: applied at this commit (sha512 ${short(rotated[ZOT])})`);
  });
});
