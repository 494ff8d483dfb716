import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '../constructs';
import { importFromLive, type LiveImportOptions } from '../constructs/import';
import { planCommand } from '../constructs/plan';
import type { AuthentikVersion } from '../constructs/catalog/versions';
import { testChart } from './helpers';
import { OpenApiResponses } from './verify-openapi';
import { FAKE_TOKEN, FakeAuthentik, appliedWorld, binding, expiringBinding, flow, group, objectIn, uuid, type ApiObject, type World } from './verify-fake-authentik';

/**
 * `npm run import -- --from-live` in-process against the fake authentik: import → load the module →
 * synthesize in memory → `plan` against the same fake shows nothing to apply (exit 0).
 */

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
// the fake's OAuth2 client secret: read by the import, never written
const SECRET = 'live-client-secret-7c1e94ab';
let openapi: OpenApiResponses;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(() => {
  openapi = new OpenApiResponses();
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const stageObj = (s: ApiObject) => ({
  pk: s.pk, name: s.name, component: s.component, verbose_name: s.verbose_name, verbose_name_plural: s.verbose_name_plural,
  meta_model_name: s.meta_model_name, flow_set: [],
});

function stage(pk: string, name: string, model: string, fields: ApiObject): ApiObject {
  return { pk, name, component: `ak-stage-${model}-form`, verbose_name: `${model} Stage`, verbose_name_plural: `${model} Stages`,
    meta_model_name: `authentik_stages_${model}.${model.replace('_', '')}stage`, flow_set: [], ...fields };
}

function flowBinding(pk: string, target: ApiObject, s: ApiObject, order: number): ApiObject {
  return { pk, policybindingmodel_ptr_id: uuid(Number.parseInt(pk.slice(-4), 16) + 500), target: target.pk, stage: s.pk, stage_obj: stageObj(s),
    evaluate_on_plan: false, re_evaluate_policies: true, order, policy_engine_mode: 'any', invalid_response_action: 'retry' };
}

function liveWorld(): World {
  const world = appliedWorld();
  objectIn(world, '/providers/oauth2/', (p) => p.name === 'Zot').client_secret = SECRET;
  // members and a parent: relations to objects outside the selection, looked up by username and name
  const admins = objectIn(world, '/core/groups/', (g) => g.name === 'admins');
  admins.users = [1];
  admins.parents = [objectIn(world, '/core/groups/', (g) => g.name === 'ops').pk];
  // a flow of the user's: its own deny stage and authentik's built-in login stage
  const homelab: ApiObject = { ...flow(uuid(70), uuid(170), 'homelab-goodbye'), name: 'Homelab goodbye', title: 'Goodbye', designation: 'invalidation' };
  const deny = stage(uuid(71), 'homelab-deny', 'deny', { deny_message: 'Not today' });
  const login = stage(uuid(72), 'default-authentication-login', 'user_login', {
    session_duration: 'seconds=0', terminate_other_sessions: false, remember_me_offset: 'seconds=0', network_binding: 'no_binding',
    geoip_binding: 'no_binding', remember_device: 'days=30',
  });
  world['/flows/instances/'].push(homelab);
  world['/stages/deny/'] = [deny];
  world['/stages/user_login/'] = [login];
  const denyBinding = flowBinding(uuid(73), homelab, deny, 10);
  world['/flows/bindings/'] = [denyBinding, flowBinding(uuid(74), homelab, login, 20)];
  // who may run the flow, and when the deny stage applies: bindings on the flow and on its stage binding
  const ops = objectIn(world, '/core/groups/', (g) => g.name === 'ops');
  world['/policies/bindings/'].push({ ...binding(uuid(75), homelab.policybindingmodel_ptr_id, ops, 0) });
  world['/policies/bindings/'].push({ ...binding(uuid(76), denyBinding.policybindingmodel_ptr_id, ops, 0), negate: true });
  return world;
}

async function start(world: World): Promise<FakeAuthentik> {
  const fake = await new FakeAuthentik(world, FAKE_TOKEN, openapi).start();
  cleanups.push(() => fake.close());
  return fake;
}

async function importLive(fake: FakeAuthentik, options: Partial<LiveImportOptions> = {}) {
  const outcome = await importFromLive({ url: fake.url, token: FAKE_TOKEN, libraryImport: '../constructs', ...options });
  expect(fake.violations).toEqual([]);
  expect(fake.requests.every((q) => q.startsWith('GET '))).toBe(true);
  return outcome;
}

// the generated module, loaded and synthesized; plan against the fake with that dist/
async function planAgainst(fake: FakeAuthentik, code: string, authentikVersion?: AuthentikVersion): Promise<{ code: number; stdout: string; files: Map<string, string> }> {
  const dir = mkdtempSync(join(REPO, '.import-live-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'imported.ts'), code.replace("from '../constructs'", `from '${join(REPO, 'constructs').split('\\').join('/')}'`));
  const module = (await import(pathToFileURL(join(dir, 'imported.ts')).href)) as { default: (chart: ReturnType<typeof testChart>) => void };
  const chart = authentikVersion ? testChart({ authentikVersion }) : testChart();
  module.default(chart);
  const files = renderApp(chart.node.root as Parameters<typeof renderApp>[0]);
  const dist = join(dir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist);
  for (const [name, text] of files) writeFileSync(join(dist, name), text);
  let stdout = '';
  const exit = await planCommand({
    argv: ['--dist', dist], env: { AUTHENTIK_URL: fake.url, AUTHENTIK_TOKEN: FAKE_TOKEN }, defaultDist: dist,
    stdout: (t) => { stdout += t; }, stderr: (t) => { stdout += t; },
  });
  return { code: exit, stdout, files };
}

describe('npm run import -- --from-live, per release', () => {
  it('translates for the release authentik reports (GET /admin/version/): 2026.5 keeps its redirect_uri_type, and plan on 2026.5 shows no change', async () => {
    const fake = await new FakeAuthentik(liveWorld(), FAKE_TOKEN, '2026.5').start();
    cleanups.push(() => fake.close());
    const outcome = await importLive(fake, { applications: ['zot'] });
    if (outcome.code !== 0) throw new Error(outcome.message);
    expect(fake.requests).toContain('GET /api/v3/admin/version/');
    expect(outcome.result.code).toContain("redirectUriType: 'authorization'");
    expect(outcome.result.code).not.toMatch(/not imported: redirect_uri_type/);
    const plan = await planAgainst(fake, outcome.result.code, '2026.5');
    expect(plan.stdout).toContain('0 to create, 0 to update, 0 to delete');
    expect(plan.code).toBe(0);
  });

  it('leaves out a policy binding that has expired on 2026.8 (authentik ignores it; declaring it would grant it anew), and plan shows no change', async () => {
    const world = liveWorld();
    const zot = objectIn(world, '/core/applications/', (a) => a.slug === 'zot');
    const ops = objectIn(world, '/core/groups/', (g) => g.name === 'ops');
    world['/policies/bindings/'].push(expiringBinding(binding(uuid(77), zot.pk, ops, 7), '2020-01-01T00:00:00Z'));
    const fake = await new FakeAuthentik(world, FAKE_TOKEN, '2026.8').start();
    cleanups.push(() => fake.close());
    const outcome = await importLive(fake, { applications: ['zot'] });
    if (outcome.code !== 0) throw new Error(outcome.message);
    expect(outcome.result.code).toMatch(/order: 0/);
    expect(outcome.result.code).not.toMatch(/order: 7/);
    const plan = await planAgainst(fake, outcome.result.code, '2026.8');
    expect(plan.stdout).toContain('0 to create, 0 to update, 0 to delete');
    expect(plan.stdout).not.toContain('group ops');
    expect(plan.code).toBe(0);
  });

  it('leaves out a policy binding that expires later on 2026.8, saying why: a blueprint cannot give it its expiry', async () => {
    const world = liveWorld();
    const zot = objectIn(world, '/core/applications/', (a) => a.slug === 'zot');
    const ops = objectIn(world, '/core/groups/', (g) => g.name === 'ops');
    world['/policies/bindings/'].push(expiringBinding(binding(uuid(78), zot.pk, ops, 8), '2099-01-01T00:00:00Z'));
    const fake = await new FakeAuthentik(world, FAKE_TOKEN, '2026.8').start();
    cleanups.push(() => fake.close());
    const outcome = await importLive(fake, { applications: ['zot'] });
    if (outcome.code !== 0) throw new Error(outcome.message);
    expect(outcome.result.code).not.toMatch(/order: 8/);
    expect(outcome.result.notes).toContainEqual(`policy binding ${uuid(78)} (order 8) expires 2099-01-01T00:00:00Z: not imported, since a blueprint cannot `
      + 'give a binding its expiry and declaring it would grant the access for good; verify and plan list it as undeclared access until it expires');
    // the temporary grant is live access dist/ does not declare
    const plan = await planAgainst(fake, outcome.result.code, '2026.8');
    expect(plan.stdout).toContain('0 to create, 0 to update, 0 to delete');
    expect(plan.stdout).toContain(`! group ops may open application zot (policy binding ${uuid(78)}, expires 2099-01-01T00:00:00Z)`);
    expect(plan.code).toBe(1);
  });

  it('translates for the release asked for, and refuses one this project does not know', async () => {
    const fake = await new FakeAuthentik(liveWorld(), FAKE_TOKEN, '2026.5').start();
    cleanups.push(() => fake.close());
    const asked = await importLive(fake, { applications: ['zot'], authentikVersion: '2026.2' });
    if (asked.code !== 0) throw new Error(asked.message);
    expect(asked.result.code).not.toContain('redirectUriType');
    const unknown = await importLive(fake, { applications: ['zot'], authentikVersion: '2025.10' as AuthentikVersion });
    expect(unknown).toEqual({ code: 2, message: expect.stringMatching(/"2025.10" is not a release this project knows; give 2026.2, 2026.5, 2026.8/) });
  });
});

describe('npm run import -- --from-live', () => {
  it('imports an application with its provider, bindings and groups; plan against the same authentik shows no change', async () => {
    const fake = await start(liveWorld());
    const outcome = await importLive(fake, { applications: ['zot'] });
    if (outcome.code !== 0) throw new Error(outcome.message);
    const { code } = outcome.result;
    // references by name, never by pk
    expect(code).not.toMatch(/00000000-0000-4000-8000/);
    expect(code).toContain("authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),");
    expect(code).toMatch(/users: \[User\.fromUsername\('akadmin'\)\]|users: \[new LookupReference\('authentik_core\.user', \{ username: 'akadmin' \}\)\]/);
    expect(code).toMatch(/parents: \[Group\.fromName\('ops'\)\]|parents: \[new LookupReference\('authentik_core\.group', \{ name: 'ops' \}\)\]/);
    // the secret becomes a worker secret by reference; its value is written nowhere
    expect(code).toContain('WorkerSecret');
    expect(code).toContain("clientSecret: oauth2providerZotClientSecretSecret.envTag()");
    expect(outcome.result.movedSecrets.map((m) => `${m.field} ${m.envVar}`)).toEqual(['client_secret AUTHENTIK_OAUTH2PROVIDER_ZOT_CLIENT_SECRET']);
    // the application is found by slug although the token's user may not open it (the list hides it)
    expect(fake.requests).toContain('GET /api/v3/core/applications/zot/');
    // deterministic: the same authentik gives the same module
    const again = await importLive(fake, { applications: ['zot'] });
    expect(again.code === 0 && again.result.code).toBe(code);
    const plan = await planAgainst(fake, code);
    expect(plan.stdout).toContain('Objects: 0 to create, 0 to update, 0 to delete, 0 failing, 0 unknown, 6 unchanged');
    expect(plan.code).toBe(0);
    for (const text of [code, plan.stdout, ...outcome.result.notes, ...plan.files.values()]) expect(text).not.toContain(SECRET);
  });

  it('imports a flow with its stage bindings, stages and policy bindings; a built-in stage is looked up, not created', async () => {
    const fake = await start(liveWorld());
    const outcome = await importLive(fake, { flows: ['homelab-goodbye'] });
    if (outcome.code !== 0) throw new Error(outcome.message);
    const { code } = outcome.result;
    expect(code).not.toMatch(/00000000-0000-4000-8000/);
    expect(code).toContain("slug: 'homelab-goodbye'");
    expect(code).toContain("'homelab-deny'");
    expect(code).toContain("stage: UserLoginStage.fromName('default-authentication-login'),");
    expect(code).not.toContain('new UserLoginStage(');
    // the bindings on the flow and on its stage binding go by the objects, not by policybindingmodel_ptr_id
    expect(code).toMatch(/identifiers: \{ target: flowstagebindingHomelabDeny10, group: groupOps, order: 0 \}/);
    expect(code).toMatch(/identifiers: \{ target: flowHomelabGoodbye, group: groupOps, order: 0 \}/);
    const plan = await planAgainst(fake, code);
    expect(plan.stdout).toContain('0 to create, 0 to update, 0 to delete, 0 failing, 0 unknown, 7 unchanged');
    expect(plan.code).toBe(0);
  });

  it('imports everything across several pages of a list, and says a non-superuser sees only its applications', async () => {
    const world = liveWorld();
    // 150 groups before the bound ones: the group list takes two pages of 100
    world['/core/groups/'] = [...Array.from({ length: 150 }, (_, i) => group(uuid(1000 + i), 100 + i, `extra-${i}`)), ...world['/core/groups/']];
    const f = await start(world);
    f.tokenUser.groups = [objectIn(world, '/core/groups/', (g) => g.name === 'admins').pk];
    const outcome = await importLive(f);
    if (outcome.code !== 0) throw new Error(outcome.message);
    expect(f.requests.some((q) => q.startsWith('GET /api/v3/core/groups/') && q.includes('page=2'))).toBe(true);
    expect(outcome.result.notes[0]).toContain('not a superuser: authentik lists only the applications it may open');
    expect(outcome.result.code).toContain("slug: 'zot'");
    expect(outcome.result.code).toContain("slug: 'homelab-goodbye'");
    // the built-in default flows are not imported as objects, only looked up
    expect(outcome.result.code).not.toContain("slug: 'default-provider-invalidation-flow'");
    const plan = await planAgainst(f, outcome.result.code);
    expect(plan.code).toBe(0);
    for (const text of [outcome.result.code, plan.stdout, ...plan.files.values()]) expect(text).not.toContain(SECRET);
  });

  it('imports a blueprint instance whose content authentik holds; a file-based one is refused with the fix (exit 2)', async () => {
    const world = liveWorld();
    const inline = 'version: 1\nmetadata:\n  name: Inline groups\nentries:\n  - model: authentik_core.group\n    identifiers:\n      name: admins\n    attrs:\n      is_superuser: false\n';
    world['/managed/blueprints/'].push({ ...world['/managed/blueprints/'][0], pk: uuid(80), name: 'Inline groups', path: '', content: inline });
    const fake = await start(world);
    const outcome = await importLive(fake, { blueprints: ['Inline groups'] });
    if (outcome.code !== 0) throw new Error(outcome.message);
    expect(outcome.result.code).toContain("fileName: 'inline-groups.yaml'");
    expect(outcome.result.code).toContain("name: 'admins'");
    expect(outcome.result.code).not.toContain('zot');
    const plan = await planAgainst(fake, outcome.result.code);
    expect(plan.stdout).toContain('0 to create, 0 to update, 0 to delete, 0 failing, 0 unknown, 1 unchanged');
    expect(plan.code).toBe(0);
    const fileBased = await importLive(fake, { blueprints: ['BlumeOps Zot SSO', 'Nope'] });
    expect(fileBased.code).toBe(2);
    if (fileBased.code !== 0) {
      expect(fileBased.message).toContain('blueprint instance "BlumeOps Zot SSO" is the file custom/zot.yaml in authentik\'s blueprints directory, whose text the API does not serve: import that file instead');
      expect(fileBased.message).toContain('blueprint instance "Nope" (authentik has');
    }
  });

  it('exits 3 when the token may not read what the selection needs, naming the permission', async () => {
    const fake = await start(liveWorld());
    fake.forbidden.add('/policies/bindings/');
    const outcome = await importLive(fake, { applications: ['zot'] });
    expect(outcome).toEqual({ code: 3, message: expect.stringContaining('authentik_policies.view_policybinding') });
  });

  it('exits 3 on a refused token without showing it', async () => {
    const fake = await start(liveWorld());
    const outcome = await importFromLive({ url: fake.url, token: 'not-the-token', libraryImport: '../constructs' });
    expect(outcome.code).toBe(3);
    if (outcome.code !== 0) {
      expect(outcome.message).toContain('authentik refused the token');
      expect(outcome.message).not.toContain('not-the-token');
    }
  });

  it('exits 3 within seconds when authentik is unreachable', async () => {
    const fake = await start(liveWorld());
    const url = fake.url;
    await fake.close();
    const started = Date.now();
    const outcome = await importFromLive({ url, token: FAKE_TOKEN, libraryImport: '../constructs', timeoutMs: 2000 });
    expect(outcome.code).toBe(3);
    if (outcome.code !== 0) expect(outcome.message).toContain('connection refused');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('exits 2 on invalid input: a URL that is not http(s), no token, a slug authentik lacks', async () => {
    const fake = await start(liveWorld());
    expect((await importFromLive({ url: 'authentik.example', token: FAKE_TOKEN, libraryImport: '../constructs' })).code).toBe(2);
    expect((await importFromLive({ url: fake.url, token: '', libraryImport: '../constructs' })).code).toBe(2);
    const missing = await importLive(fake, { applications: ['nope'], flows: ['homelab-goodbye', 'gone'] });
    expect(missing).toEqual({ code: 2, message: '--from-live: not found in authentik: application nope; flow gone' });
  });
});
