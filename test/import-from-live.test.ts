import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '../constructs';
import { importFromLive, type LiveImportOptions } from '../constructs/import';
import { planCommand } from '../constructs/plan';
import { testChart } from './helpers';
import { OpenApiResponses } from './verify-openapi';
import { FAKE_TOKEN, FakeAuthentik, appliedWorld, objectIn, type World } from './verify-fake-authentik';

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

function liveWorld(): World {
  const world = appliedWorld();
  objectIn(world, '/providers/oauth2/', (p) => p.name === 'Zot').client_secret = SECRET;
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
async function planAgainst(fake: FakeAuthentik, code: string): Promise<{ code: number; stdout: string; files: Map<string, string> }> {
  const dir = mkdtempSync(join(REPO, '.import-live-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'imported.ts'), code.replace("from '../constructs'", `from '${join(REPO, 'constructs').split('\\').join('/')}'`));
  const module = (await import(pathToFileURL(join(dir, 'imported.ts')).href)) as { default: (chart: ReturnType<typeof testChart>) => void };
  const chart = testChart();
  module.default(chart);
  const files = renderApp(chart.node.root as Parameters<typeof renderApp>[0]);
  const dist = join(dir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdtempSync(join(dir, 'd'));
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dist);
  for (const [name, text] of files) writeFileSync(join(dist, name), text);
  let stdout = '';
  const exit = await planCommand({
    argv: ['--dist', dist], env: { AUTHENTIK_URL: fake.url, AUTHENTIK_TOKEN: FAKE_TOKEN }, defaultDist: dist,
    stdout: (t) => { stdout += t; }, stderr: (t) => { stdout += t; },
  });
  return { code: exit, stdout, files };
}

describe('npm run import -- --from-live', () => {
  it('imports an application with its provider, bindings and groups; plan against the same authentik shows no change', async () => {
    const fake = await start(liveWorld());
    const outcome = await importLive(fake, { applications: ['zot'] });
    if (outcome.code !== 0) throw new Error(outcome.message);
    const { code } = outcome.result;
    console.log(code);
    // references by name, never by pk
    expect(code).not.toMatch(/00000000-0000-4000-8000/);
    expect(code).toContain("'default-provider-authorization-implicit-consent'");
    // the secret becomes a worker secret by reference; its value is written nowhere
    expect(code).toContain('WorkerSecret');
    const plan = await planAgainst(fake, code);
    console.log(plan.stdout);
    expect(plan.code).toBe(0);
    for (const text of [code, plan.stdout, ...outcome.result.notes, ...plan.files.values()]) expect(text).not.toContain(SECRET);
  });
});
