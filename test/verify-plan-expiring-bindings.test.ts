/**
 * Expiring policy bindings (authentik 2026.8): verify, plan and the access map treat an expired binding
 * as authentik does. Sources (goauthentik/authentik):
 * - authentik/policies/migrations/0012_alter_policybinding_managers_policybinding_expires_and_more.py:
 *   `PolicyBinding.expires` (null) and `expiring` (default false), read-only in 2026.8's API;
 * - authentik/lib/models.py: `ExpiringManager`, the default manager of an `ExpiringModel`, leaves out
 *   `expires < now() AND expiring` (only `including_expired()` sees them);
 * - authentik/policies/engine.py: the engine evaluates `PolicyBinding.objects.filter(target=…, enabled=True)`,
 *   so an expired binding grants nothing, and an application whose bindings all expired has none: everyone passes;
 * - authentik/blueprints/v1/importer.py: an entry finds its object through `model.objects`, so it no longer
 *   finds an expired binding and creates a new one.
 * The fake authentik plays 2026.8 and validates every answer against 2026.8's OpenAPI document.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Blueprint, Group, ModelEntry, validateApp } from '../constructs';
import { catalogFor } from '../constructs/catalog/catalog';
import type { AuthentikVersion } from '../constructs/catalog/versions';
import { bindingExpiry, isExpiredBinding, splitExpired } from '../constructs/verify/binding-expiry';
import { testChart } from './helpers';
import { runAgainst, zotAppDist } from './verify-zot-app';
import { sharedOpenApiResponses } from './verify-openapi';
import {
  FAKE_TOKEN, FakeAuthentik, appliedWorld, binding, expiringBinding, group, objectIn, renderInRelease, uuid, writeFixtureDist, type World,
} from './verify-fake-authentik';

const PAST = '2020-01-01T00:00:00Z';
const FUTURE = '2099-01-01T00:00:00Z';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** The dist/ of an app declaring `version` (test/verify-zot-app.ts), removed after the test. */
function synthesize(version: AuthentikVersion): { dir: string; blueprints: Record<string, string> } {
  const dist = zotAppDist(version, 'expiring-dist-');
  cleanups.push(dist.remove);
  return dist;
}

async function start(world: World, listsExpired = true): Promise<FakeAuthentik> {
  const fake = await new FakeAuthentik(world, FAKE_TOKEN, '2026.8').start();
  fake.listsExpiredBindings = listsExpired;
  cleanups.push(() => fake.close());
  return fake;
}

async function run(command: 'verify' | 'plan', fake: FakeAuthentik, dist: string, argv: string[] = []): Promise<{ code: number; stdout: string }> {
  const result = await runAgainst(command, fake, dist, argv);
  // every answer was one 2026.8 could send (expires/expiring included), and the command only read
  expect(fake.violations).toEqual([]);
  expect(fake.requests.every((q) => q.startsWith('GET '))).toBe(true);
  return result;
}

const zotApp = (w: World) => objectIn(w, '/core/applications/', (a) => a.slug === 'zot');
const groupNamed = (w: World, name: string) => objectIn(w, '/core/groups/', (g) => g.name === name);
const bindingOf = (w: World, name: string) => objectIn(w, '/policies/bindings/', (b) => b.group === groupNamed(w, name).pk);

describe('an expired policy binding (authentik/lib/models.py ExpiringManager, authentik/policies/engine.py)', () => {
  it('is told from the binding\'s expires and expiring, as authentik\'s default query does', () => {
    const b = binding(uuid(40), uuid(20), group(uuid(12), 3, 'ops'), 5);
    const now = new Date('2026-12-01T00:00:00Z');
    expect(isExpiredBinding(renderInRelease('/policies/bindings/', b, '2026.8'), now)).toBe(false); // expires null, expiring false
    expect(isExpiredBinding(expiringBinding(b, '2026-11-30T23:59:59Z'), now)).toBe(true);
    expect(isExpiredBinding(expiringBinding(b, '2026-12-01T00:00:01Z'), now)).toBe(false);
    // a date in the past on a binding that is not expiring: authentik keeps it (is_expired is false)
    expect(isExpiredBinding({ ...b, expires: PAST, expiring: false }, now)).toBe(false);
    expect(bindingExpiry(expiringBinding(b, PAST), now)).toBe(`expired ${PAST}`);
    expect(bindingExpiry(expiringBinding(b, FUTURE), now)).toBe(`expires ${FUTURE}`);
    expect(bindingExpiry(b, now)).toBeUndefined();
    const split = splitExpired([expiringBinding(b, PAST), b], now);
    expect(split.expired.map((x) => x.pk)).toEqual([uuid(40)]);
    expect(split.current.map((x) => x.pk)).toEqual([uuid(40)]);
  });

  it('is a response 2026.8 can send, and 2026.5 cannot (it has no expiry)', () => {
    const page = (results: unknown[]) => ({
      pagination: { next: 0, previous: 0, count: results.length, current: 1, total_pages: 1, start_index: 1, end_index: results.length }, results, autocomplete: {},
    });
    const b = expiringBinding(binding(uuid(40), uuid(20), group(uuid(12), 3, 'ops'), 5), PAST);
    expect(sharedOpenApiResponses('2026.8').check('/policies/bindings/', 200, page([b]))).toEqual([]);
    expect(sharedOpenApiResponses('2026.5').check('/policies/bindings/', 200, page([b]))).toContainEqual(expect.stringContaining('{"additionalProperty":"expires"}'));
  });

  it('lets nobody in through the fake\'s application list, as authentik\'s policy engine does', async () => {
    const world = appliedWorld();
    const ops = groupNamed(world, 'ops');
    // zot's live bindings: admins and artifact-workloads; a token user in ops only reaches zot through an ops binding
    world['/policies/bindings/'].push(expiringBinding(binding(uuid(40), zotApp(world).pk, ops, 5), PAST));
    const fake = await start(world);
    fake.tokenUser = { ...fake.tokenUser, groups: [ops.pk] };
    expect(fake.mayOpen(zotApp(world))).toBe(false);
    world['/policies/bindings/'][2] = expiringBinding(binding(uuid(40), zotApp(world).pk, ops, 5), FUTURE);
    expect(fake.mayOpen(zotApp(world))).toBe(true);
  });
});

describe.each([true, false])('verify and plan against authentik 2026.8 (binding list shows expired bindings: %s)', (listsExpired) => {
  it('do not count an undeclared binding that has expired as access (exit 0)', async () => {
    const { dir, blueprints } = synthesize('2026.8');
    const world = appliedWorld(blueprints);
    world['/policies/bindings/'].push(expiringBinding(binding(uuid(40), zotApp(world).pk, groupNamed(world, 'ops'), 5), PAST));
    const fake = await start(world, listsExpired);
    const verify = await run('verify', fake, dir);
    expect(verify.stdout).not.toContain('undeclared access');
    expect(verify.stdout).toContain('Result: applied and matching');
    expect(verify.code).toBe(0);
    const plan = await run('plan', fake, dir);
    expect(plan.stdout).not.toContain('group ops');
    expect(plan.stdout).toContain('Result: nothing to apply, no undeclared access');
    expect(plan.code).toBe(0);
  });

  it('report a declared binding that has expired: verify as lapsed access, plan as a binding to create and access regained', async () => {
    const { dir, blueprints } = synthesize('2026.8');
    const world = appliedWorld(blueprints);
    const admins = bindingOf(world, 'admins');
    world['/policies/bindings/'] = world['/policies/bindings/'].map((b) => (b === admins ? expiringBinding(b, PAST) : b));
    const fake = await start(world, listsExpired);
    const verify = await run('verify', fake, dir);
    expect(verify.code).toBe(1);
    if (listsExpired) {
      expect(verify.stdout).toContain(`binding of group admins to application zot: expired: policy binding ${uuid(30)} with group ${uuid(10)}`);
      expect(verify.stdout).toContain(`expired ${PAST}, so authentik ignores it and it grants no access; applying the blueprint again creates a new binding`);
    } else {
      expect(verify.stdout).toMatch(/binding of group admins to application zot: missing: no binding with group /);
    }
    const plan = await run('plan', fake, dir);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('+ group admins may now open application zot');
    expect(plan.stdout).toMatch(/1 to create/);
    expect(plan.stdout).not.toContain('may no longer open');
  });

  it('report an application whose bindings have all expired as open to every signed-in user, as authentik\'s engine passes an empty set', async () => {
    const { dir, blueprints } = synthesize('2026.8');
    const world = appliedWorld(blueprints);
    world['/policies/bindings/'] = world['/policies/bindings/'].map((b) => (b.target === zotApp(world).pk ? expiringBinding(b, PAST) : b));
    const fake = await start(world, listsExpired);
    // the fake's application list: any token user may open zot now
    expect(fake.mayOpen(zotApp(world))).toBe(true);
    const verify = await run('verify', fake, dir);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('undeclared access: the application has no enabled policy binding');
    if (listsExpired) expect(verify.stdout).toContain('(its 2 bindings have expired, and authentik ignores an expired binding)');
    expect(verify.stdout).toContain('so authentik lets every signed-in user open it, though dist/ declares who may');
    const plan = await run('plan', fake, dir);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('- every signed-in user may no longer open application zot');
    expect(plan.stdout).toContain('+ group admins may now open application zot');
    expect(plan.stdout).toContain('+ group artifact-workloads may now open application zot');
    expect(plan.stdout).toMatch(/2 to create/);
  });

  it('count an undeclared binding that expires later as access now, naming when it expires', async () => {
    const { dir, blueprints } = synthesize('2026.8');
    const world = appliedWorld(blueprints);
    world['/policies/bindings/'].push(expiringBinding(binding(uuid(40), zotApp(world).pk, groupNamed(world, 'ops'), 5), FUTURE));
    const fake = await start(world, listsExpired);
    const verify = await run('verify', fake, dir);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`undeclared access: group ops may open it through policy binding ${uuid(40)} (order 5, expires ${FUTURE}), which dist/ does not declare`);
    const plan = await run('plan', fake, dir);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain(`! group ops may open application zot (policy binding ${uuid(40)}, expires ${FUTURE})`);
    const json = await run('plan', fake, dir, ['--json']);
    expect(JSON.parse(json.stdout).undeclaredAccess).toEqual([{ application: 'application zot', who: 'group ops', binding: uuid(40), expires: FUTURE }]);
  });
});

describe('a retired binding (state: absent) that has expired', () => {
  it('is gone for verify, with a note: authentik ignores it and deletes it later', async () => {
    // the fixture dist/ retires the binding of group ops to zot
    const dist = writeFixtureDist();
    cleanups.push(dist.remove);
    const world = appliedWorld();
    world['/policies/bindings/'].push(expiringBinding(binding(uuid(40), zotApp(world).pk, groupNamed(world, 'ops'), 2), PAST));
    const fake = await start(world);
    const verify = await run('verify', fake, dist.dir);
    expect(verify.stdout).toMatch(/binding of group ops to application zot +absent +gone/);
    expect(verify.stdout).toContain(`policy binding ${uuid(40)} with group ${uuid(12)}`);
    expect(verify.stdout).toContain(`expired ${PAST}: authentik ignores it and deletes it later`);
    expect(verify.stdout).not.toContain('retired (state: absent) but still in authentik');
  });
});

describe('the access map and expiring bindings', () => {
  it('cannot be given an expiry by a blueprint: 2026.8 serves expires and expiring read-only, so the synth refuses them', () => {
    const fields = catalogFor('2026.8').model('authentik_policies.policybinding')!.fields;
    expect(fields.expires).toMatchObject({ readOnly: true });
    expect(fields.expiring).toMatchObject({ readOnly: true });
    expect(catalogFor('2026.5').field('authentik_policies.policybinding', 'expires')).toBeUndefined();
    const chart = testChart({ authentikVersion: '2026.8' });
    const bp = new Blueprint(chart, 'X', { fileName: 'x.yaml', name: 'X' });
    const g = new Group(bp, 'G', { name: 'g' });
    new ModelEntry(bp, 'B', {
      model: 'authentik_policies.policybinding', identifiers: { group: g, target: uuid(20) },
      attributes: { order: 0, expires: PAST, expiring: true },
    } as never);
    const problems = validateApp(chart);
    expect(problems).toContainEqual(expect.stringMatching(/X\/B: "expires" is not an attribute of authentik_policies\.policybinding in authentik 2026\.8\.\d+ \(authentik would silently drop it\)/));
    expect(problems).toContainEqual(expect.stringMatching(/X\/B: "expiring" is not an attribute of authentik_policies\.policybinding in authentik 2026\.8\.\d+/));
  });
});
