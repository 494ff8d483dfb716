import { createServer } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { planCommand } from '../constructs/plan';
import { OpenApiResponses, sharedOpenApiResponses } from './verify-openapi';
import {
  DUMMY_STAGE_BLUEPRINTS, dummyStage,
  FAKE_TOKEN, FIXTURE_BLUEPRINTS, FakeAuthentik, appliedWorld, binding, group, objectIn, uuid, writeFixtureDist, type World,
} from './verify-fake-authentik';

/**
 * `npm run plan` in-process against the fake authentik (which validates every answer against the
 * pinned OpenAPI document, paginates by 100 and lists applications by policy).
 */

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

async function run(world: World, argv: string[] = [], options: {
  blueprints?: Record<string, string>; setup?: (fake: FakeAuthentik) => void; env?: Record<string, string | undefined>; token?: string;
} = {}): Promise<Run> {
  const fake = await new FakeAuthentik(world, FAKE_TOKEN, openapi).start();
  cleanups.push(() => fake.close());
  options.setup?.(fake);
  const dist = writeFixtureDist(options.blueprints);
  cleanups.push(dist.remove);
  let stdout = '';
  let stderr = '';
  const token = options.token ?? FAKE_TOKEN;
  const code = await planCommand({
    argv: ['--dist', dist.dir, ...argv],
    env: { AUTHENTIK_URL: fake.url, AUTHENTIK_TOKEN: token, ...options.env },
    defaultDist: dist.dir,
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
  });
  // authentik could send every answer, plan only read, and never printed the token
  expect(fake.violations).toEqual([]);
  expect(fake.requests.every((q) => q.startsWith('GET '))).toBe(true);
  expect(stdout + stderr).not.toContain(token);
  return { code, stdout, stderr, fake };
}

const ZOT = 'zot.yaml';
const zotProvider = (w: World) => objectIn(w, '/providers/oauth2/', (p) => p.name === 'Zot');
const zotApp = (w: World) => objectIn(w, '/core/applications/', (a) => a.slug === 'zot');
const instanceOf = (w: World, file: string) => objectIn(w, '/managed/blueprints/', (i) => i.path === `custom/${file}`);

describe('npm run plan against a fake authentik', () => {
  it('exits 0 and lists nothing when authentik holds what dist/ declares', async () => {
    const r = await run(appliedWorld());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Objects: 0 to create, 0 to update, 0 to delete, 0 failing, 0 unknown, 10 unchanged');
    expect(r.stdout).not.toMatch(/^ {2}[+~\-!?] /m);
    expect(r.stdout).toContain('Access: no change');
    expect(r.stdout).toContain('Result: nothing to apply, no undeclared access');
    const verbose = await run(appliedWorld(), ['--verbose']);
    expect(verbose.stdout).toContain('= nothing  OAuth2 provider Zot (pk 3)');
  });

  it('lists a UI edit as an update, field by field, old → new', async () => {
    const world = appliedWorld();
    zotApp(world).meta_launch_url = 'https://changed-in-the-ui.example';
    zotProvider(world).redirect_uris = [{ matching_mode: 'regex', url: '.*' }];
    zotProvider(world).include_claims_in_id_token = false;
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('~ update  application zot (pk 00000000-0000-4000-8000-000000000014)\n      meta_launch_url: https://changed-in-the-ui.example → https://registry.ops.eblu.me');
    expect(r.stdout).toContain('~ update  OAuth2 provider Zot (pk 3)');
    expect(r.stdout).toContain('      include_claims_in_id_token: false → true');
    expect(r.stdout).toContain('      redirect_uris: [{matching_mode: regex, url: .*}] → [{matching_mode: strict, url: https://registry.ops.eblu.me/zot/auth/callback/oidc}]');
    expect(r.stdout).toContain('Result: changes to apply');
  });

  it('lists a reference changed in the UI with the objects named', async () => {
    const world = appliedWorld();
    zotProvider(world).authorization_flow = objectIn(world, '/flows/instances/', (f) => f.slug === 'default-provider-invalidation-flow').pk;
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('authorization_flow: flow default-provider-invalidation-flow → flow default-provider-authorization-implicit-consent');
  });

  it('after a failed apply, lists what the apply still has to create, and the file\'s status', async () => {
    const world = appliedWorld();
    instanceOf(world, ZOT).status = 'error';
    instanceOf(world, ZOT).last_applied_hash = 'an older version';
    world['/core/users/'] = world['/core/users/'].filter((u) => u.username !== 'zot-ci');
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('zot.yaml (custom/zot.yaml): changed since authentik last applied it (status error)');
    expect(r.stdout).toContain('+ create  service account zot-ci\n      groups: [group artifact-workloads]\n      is_active: true\n      name: Zot CI Service Account\n      type: service_account\n      username: zot-ci');
  });

  it('deletes a retired object that is still in authentik', async () => {
    const world = appliedWorld();
    world['/providers/oauth2/'].push({ ...zotProvider(world), pk: 9, name: 'Legacy', client_id: 'legacy', assigned_application_slug: null, assigned_application_name: null });
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('- delete  OAuth2 provider Legacy (pk 9)');
  });

  it('adopts an object made by hand that dist/ now declares: an update, not a create', async () => {
    const blueprints = { ...FIXTURE_BLUEPRINTS, 'staff.yaml': 'version: 1\nmetadata:\n  name: Staff\nentries:\n  - model: authentik_core.group\n    identifiers:\n      name: staff\n    attrs:\n      is_superuser: false\n      attributes:\n        team: ops\n' };
    const world = appliedWorld(blueprints);
    const before = await run(world, [], { blueprints });
    expect(before.stdout).toContain('+ create  group staff\n      attributes: {team: ops}\n      is_superuser: false\n      name: staff');
    world['/core/groups/'].push({ ...group(uuid(13), 4, 'staff'), attributes: { made: 'by hand' } });
    const r = await run(world, [], { blueprints });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('~ update  group staff (pk 00000000-0000-4000-8000-00000000000d)\n      attributes: {made: by hand} → {team: ops}');
    expect(r.stdout).not.toContain('+ create  group staff');
  });

  it('lists a binding made by hand as undeclared access (exit 1), which the apply keeps', async () => {
    const world = appliedWorld();
    const staff = group(uuid(13), 4, 'staff');
    world['/core/groups/'].push(staff);
    world['/policies/bindings/'].push(binding(uuid(39), zotApp(world).pk, staff, 5));
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Objects: 0 to create, 0 to update');
    expect(r.stdout).toContain(`Undeclared access (1): live bindings dist/ does not declare; the apply keeps them\n  ! group staff may open application zot (policy binding ${uuid(39)})`);
    expect(r.stdout).toContain('Access: no change');
    expect(r.stdout).toContain('Result: undeclared access');
    const accepted = await run(world, ['--accept-undeclared-access']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('Undeclared access, accepted with --accept-undeclared-access (1)');
  });

  it('lists who gains and loses an application', async () => {
    const world = appliedWorld();
    // an admin deleted the bindings in the UI: the application is open to everyone until the apply
    world['/policies/bindings/'] = [];
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+ create  policy binding of group admins on application zot (order 0)');
    expect(r.stdout).toContain('Access (3)\n  + group admins may now open application zot\n  + group artifact-workloads may now open application zot\n  - every signed-in user may no longer open application zot');
  });

  it('lists a declared user who loses an application when the apply undoes a membership added in the UI', async () => {
    // zot.yaml without the artifact-workloads binding: zot-ci reaches zot only through admins, which an admin added in the UI
    const entry = FIXTURE_BLUEPRINTS[ZOT].indexOf('  - model: authentik_policies.policybinding\n    id: zot-binding-artifact-workloads');
    const next = FIXTURE_BLUEPRINTS[ZOT].indexOf('  - model:', entry + 10);
    const blueprints = { ...FIXTURE_BLUEPRINTS, [ZOT]: FIXTURE_BLUEPRINTS[ZOT].slice(0, entry) + FIXTURE_BLUEPRINTS[ZOT].slice(next) };
    const world = appliedWorld(blueprints);
    const workloads = objectIn(world, '/core/groups/', (g) => g.name === 'artifact-workloads');
    world['/policies/bindings/'] = world['/policies/bindings/'].filter((b) => b.group !== workloads.pk);
    const admins = objectIn(world, '/core/groups/', (g) => g.name === 'admins');
    objectIn(world, '/core/users/', (u) => u.username === 'zot-ci').groups.push(admins.pk);
    const r = await run(world, [], { blueprints });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('      groups: [group artifact-workloads, group admins] → [group artifact-workloads]');
    expect(r.stdout).toContain('Access (1)\n  - service account zot-ci may no longer open application zot\n');
  });

  it('does not list a user whose access survives the apply through another group', async () => {
    const world = appliedWorld();
    const workloads = objectIn(world, '/core/groups/', (g) => g.name === 'artifact-workloads');
    world['/policies/bindings/'] = world['/policies/bindings/'].filter((b) => b.group !== workloads.pk);
    objectIn(world, '/core/users/', (u) => u.username === 'zot-ci').groups.push(objectIn(world, '/core/groups/', (g) => g.name === 'admins').pk);
    const r = await run(world);
    expect(r.stdout).toContain('Access (1)\n  + group artifact-workloads may now open application zot\n\n');
  });

  it('lists a declared user who gains an application through a membership the apply adds', async () => {
    const world = appliedWorld();
    const zotCi = objectIn(world, '/core/users/', (u) => u.username === 'zot-ci');
    zotCi.groups = [];
    world['/policies/bindings/'] = world['/policies/bindings/'].filter((b) => b.order === 0);
    world['/policies/bindings/'].push(binding(uuid(31), zotApp(world).pk, objectIn(world, '/core/groups/', (g) => g.name === 'artifact-workloads'), 1));
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Access (1)\n  + service account zot-ci may now open application zot\n');
  });

  it('lists a lookup of an object authentik lacks, and the reference it leaves null', async () => {
    const world = appliedWorld();
    world['/crypto/certificatekeypairs/'] = [];
    zotProvider(world).signing_key = null;
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('References that find nothing (1): neither authentik nor dist/ has the object\n  ! OAuth2 provider Zot: signing_key looks for certificate authentik Self-signed Certificate');
    // the field is null now and stays null: no update, but the plan is not clean
    expect(r.stdout).not.toContain('~ update  OAuth2 provider Zot');
    expect(r.stdout).toContain('Result: changes to apply');
  });

  it('shows the reference an apply would clear when the looked-up object is gone', async () => {
    const world = appliedWorld();
    world['/crypto/certificatekeypairs/'] = [];
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`      signing_key: "${uuid(3)}" → null (certificate authentik Self-signed Certificate finds nothing)`);
  });

  it('shows a created object\'s reference that finds nothing as the null authentik will set', async () => {
    const world = appliedWorld();
    world['/crypto/certificatekeypairs/'] = [];
    world['/providers/oauth2/'] = [];
    world['/core/applications/'] = [];
    const r = await run(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+ create  OAuth2 provider Zot\n      authorization_flow: flow default-provider-authorization-implicit-consent\n      client_id: zot\n      client_secret: (secret) changes');
    expect(r.stdout).toContain('      signing_key: null (certificate authentik Self-signed Certificate finds nothing)');
    expect(r.stdout).toContain('+ create  application zot');
    expect(r.stdout).toContain('      provider: OAuth2 provider Zot');
  });

  it('lists a required blueprint that authentik lacks as a reference that finds nothing', async () => {
    const blueprints = { ...FIXTURE_BLUEPRINTS, [ZOT]: FIXTURE_BLUEPRINTS[ZOT].replace('name: BlumeOps Common Identity\n      required: true', 'name: Some Other Blueprint\n      required: true') };
    const r = await run(appliedWorld(blueprints), [], { blueprints });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('! blueprint BlumeOps Zot SSO: metaapplyblueprint looks for blueprint instance name Some Other Blueprint (required: the apply fails)');
  });

  it('never shows a secret: changes or unchanged when it has the !Env value, unknown without', async () => {
    const secret = 'the-live-client-secret-8d1f';
    const world = appliedWorld();
    zotProvider(world).client_secret = secret;
    const without = await run(world, ['--verbose']);
    expect(without.code).toBe(0);
    expect(without.stdout).toContain("note: client_secret: a secret plan cannot compare");
    const same = await run(world, ['--verbose'], { env: { AUTHENTIK_ZOT_CLIENT_SECRET: secret } });
    expect(same.code).toBe(0);
    const other = 'a-rotated-client-secret-77aa';
    const changed = await run(world, ['--json'], { env: { AUTHENTIK_ZOT_CLIENT_SECRET: other } });
    expect(changed.code).toBe(1);
    const json = JSON.parse(changed.stdout);
    const provider = json.items.find((i: { label: string }) => i.label === 'OAuth2 provider Zot');
    expect(provider).toMatchObject({ action: 'update', changes: [{ field: 'client_secret', before: null, after: null, secret: 'changes' }] });
    for (const r of [without, same, changed]) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stdout).not.toContain(other);
    }
  });

  it('lists the issuer mode change of a provider put in global issuer mode in the UI', async () => {
    const world = appliedWorld();
    zotProvider(world).issuer_mode = 'global';
    // not declared: the apply leaves it
    expect((await run(world)).code).toBe(0);
    const blueprints = { ...FIXTURE_BLUEPRINTS, [ZOT]: FIXTURE_BLUEPRINTS[ZOT].replace('      sub_mode: hashed_user_id\n', '      sub_mode: hashed_user_id\n      issuer_mode: per_provider\n') };
    const r = await run(appliedWorld(blueprints), [], { blueprints, setup: (fake) => { zotProvider(fake.world).issuer_mode = 'global'; } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('      issuer_mode: global → per_provider');
  });

  it('finds an application identified by name by its slug, though the token\'s user may not open it', async () => {
    const blueprints = { ...FIXTURE_BLUEPRINTS, [ZOT]: FIXTURE_BLUEPRINTS[ZOT].replace('    identifiers:\n      slug: zot\n    attrs:\n', '    identifiers:\n      name: Zot Registry\n    attrs:\n      slug: zot\n') };
    const r = await run(appliedWorld(blueprints), [], { blueprints });
    expect(r.fake.mayOpen(zotApp(r.fake.world))).toBe(false);
    expect(r.code).toBe(0);
    expect(r.fake.requests).toContain('GET /api/v3/core/applications/zot/');
  });

  it('calls a !Find of an application by name unknown, not missing, when the list may hide it', async () => {
    const blueprints = { ...FIXTURE_BLUEPRINTS, 'extra.yaml': 'version: 1\nmetadata:\n  name: Extra\nentries:\n  - model: authentik_policies.policybinding\n    identifiers:\n      target: !Find [authentik_core.application, [name, Hidden]]\n      group: !Find [authentik_core.group, [name, ops]]\n    attrs:\n      order: 3\n' };
    const r = await run(appliedWorld(blueprints), [], { blueprints });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('? unknown  policy binding of group ops (order 3)');
    expect(r.stdout).toContain('Result: 1 object(s) plan cannot tell');
    expect(r.stdout).toContain("authentik lists only the applications the token's user may open");
    expect(r.stdout).not.toContain('References that find nothing');
  });

  it('reads a model outside the old hand-written endpoint table at the API path of the release\'s catalog: a dummy stage', async () => {
    // authentik_stages_dummy.dummystage: /stages/dummy/ in the catalog of 2026.2 (the release the fake reports)
    const blueprints = DUMMY_STAGE_BLUEPRINTS;
    const dummy = dummyStage;
    const same = await run({ ...appliedWorld(blueprints), '/stages/dummy/': [dummy(false)] }, ['--verbose'], { blueprints });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain(`= nothing  dummy stage hold (pk ${uuid(70)})`);
    const edited = await run({ ...appliedWorld(blueprints), '/stages/dummy/': [dummy(true)] }, [], { blueprints });
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(`~ update  dummy stage hold (pk ${uuid(70)})\n      throw_error: true → false`);
    const gone = await run(appliedWorld(blueprints), [], { blueprints });
    expect(gone.code).toBe(1);
    expect(gone.stdout).toMatch(/\+ create +dummy stage hold/);
  });

  it('reads lists of several pages', async () => {
    const world = appliedWorld();
    const many = Array.from({ length: 250 }, (_, i) => group(uuid(5000 + i), 100 + i, `team-${String(i).padStart(3, '0')}`));
    world['/core/groups/'] = [...many, ...world['/core/groups/']];
    const others = Array.from({ length: 230 }, (_, i) => binding(uuid(6000 + i), uuid(7000 + i), many[i], 0));
    world['/policies/bindings/'] = [...others, ...world['/policies/bindings/']];
    const r = await run(world, ['--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('= nothing  group admins (pk 00000000-0000-4000-8000-00000000000a)');
    expect(r.fake.requests).toContain('GET /api/v3/core/groups/?name=admins&page=1&page_size=100');
  });

  it('prints a stable JSON plan with --json', async () => {
    const world = appliedWorld();
    zotApp(world).meta_launch_url = 'https://changed.example';
    const r = await run(world, ['--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['schemaVersion', 'result', 'exitCode', 'authentik', 'user', 'mount', 'files', 'items', 'access', 'undeclaredAccess', 'undeclaredAccessAccepted', 'unresolved', 'changes', 'unknown']);
    expect(json).toMatchObject({ schemaVersion: 1, result: 'changes-or-undeclared-access', exitCode: 1, user: 'verify-bot', changes: true });
    expect(json.items.find((i: { action: string }) => i.action === 'update')).toMatchObject({
      key: 'authentik_core.application slug=zot', label: 'application zot', pk: uuid(20), origins: ['zot.yaml#4'],
      changes: [{ field: 'meta_launch_url', before: 'https://changed.example', after: 'https://registry.ops.eblu.me', secret: null }],
    });
    const again = await run(world, ['--json']);
    expect(again.stdout.replace(/127\.0\.0\.1:\d+/g, 'x')).toBe(r.stdout.replace(/127\.0\.0\.1:\d+/g, 'x'));
  });

  it('exits 3 when the token may not read a model dist/ declares (403), naming the permission', async () => {
    const r = await run(appliedWorld(), [], { setup: (fake) => fake.forbidden.add('/core/groups/') });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('plan: the token may not read /core/groups/ (403 "You do not have permission to perform this action."): give its user permission authentik_core.view_group');
  });

  it('exits 3 when authentik refuses the token, without printing it', async () => {
    const r = await run(appliedWorld(), ['--json'], { token: 'ak-wrong-token-0000' });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'unreachable-or-unauthorized', exitCode: 3 });
    expect(r.stderr).toContain('authentik refused the token (403 "Token invalid/expired"');
  });

  it('exits 3 within seconds when authentik is unreachable', async () => {
    const port = await closedPort();
    const dist = writeFixtureDist();
    cleanups.push(dist.remove);
    let stderr = '';
    const started = Date.now();
    const code = await planCommand({
      argv: ['--dist', dist.dir], env: { AUTHENTIK_URL: `http://127.0.0.1:${port}`, AUTHENTIK_TOKEN: FAKE_TOKEN }, defaultDist: dist.dir,
      stdout: () => {}, stderr: (t) => { stderr += t; },
    });
    expect(code).toBe(3);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(stderr).toBe(`plan: cannot reach authentik at http://127.0.0.1:${port}: connection refused\n`);
  });
});

describe('npm run plan with invalid input', () => {
  const plan = async (argv: string[], env: Record<string, string | undefined>) => {
    let stderr = '';
    const code = await planCommand({ argv, env, defaultDist: '/nonexistent/dist', stdout: () => {}, stderr: (t) => { stderr += t; } });
    return { code, stderr };
  };

  it('exits 2 on an unknown option, a missing environment, or no dist/', async () => {
    expect((await plan(['--nope'], { AUTHENTIK_URL: 'http://x', AUTHENTIK_TOKEN: 't' })).code).toBe(2);
    const dist = writeFixtureDist();
    cleanups.push(dist.remove);
    const noUrl = await plan(['--dist', dist.dir], { AUTHENTIK_TOKEN: 'tttt' });
    expect(noUrl).toEqual({ code: 2, stderr: expect.stringContaining('AUTHENTIK_URL is not set') });
    const noDist = await plan([], { AUTHENTIK_URL: 'http://127.0.0.1:1', AUTHENTIK_TOKEN: 'tttt' });
    expect(noDist).toEqual({ code: 2, stderr: expect.stringContaining('no folder /nonexistent/dist') });
  });

  it('exits 2 when a blueprint cannot be reduced (a !KeyOf to no entry)', async () => {
    const dist = writeFixtureDist({ 'bad.yaml': 'version: 1\nmetadata:\n  name: Bad\nentries:\n  - model: authentik_core.group\n    identifiers:\n      name: x\n    attrs:\n      parents:\n        - !KeyOf nowhere\n' });
    cleanups.push(dist.remove);
    const r = await plan(['--dist', dist.dir], { AUTHENTIK_URL: 'http://127.0.0.1:1', AUTHENTIK_TOKEN: 'tttt' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('!KeyOf nowhere: no entry of bad.yaml has the id nowhere');
  });

  it('prints usage and the exit codes with --help', async () => {
    let stdout = '';
    const code = await planCommand({ argv: ['--help'], env: {}, defaultDist: '/x', stdout: (t) => { stdout += t; }, stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: npm run plan');
    expect(stdout).toMatch(/3 {2}authentik unreachable/);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
