import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDist } from '../../constructs/synth/dist-dir';

const root = fileURLToPath(new URL('../..', import.meta.url));
let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'run-ts-'));
  for (const path of ['main.ts', 'constructs', 'scripts', 'package.json', 'tsconfig.json', 'dist']) cpSync(join(root, path), join(copy, path), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(() => {
  rmSync(join(copy, 'main.ts'), { force: true });
  // a run after the entry is gone prunes its cached bundle
  spawnSync(process.execPath, [join(root, 'scripts', 'run-ts.cjs'), join(copy, 'nowhere.ts')], { encoding: 'utf8' });
  rmSync(copy, { recursive: true, force: true });
});

// TypeScript, for an entry run through run-ts: a call of the launcher hook `name` (run-ts.cjs), typed as returning `returns`
const callHook = (name: string, returns: string): string => `((globalThis as Record<symbol, unknown>)[Symbol.for('blumeops-authentik.${name}')] as () => ${returns})()`;

const synth = (...args: string[]) => spawnSync(process.execPath, [join(copy, 'scripts', 'run-ts.cjs'), join(copy, 'main.ts'), ...args], { cwd: tmpdir(), encoding: 'utf8' });

describe('scripts/run-ts.cjs (what npm run synth runs)', () => {
  it('writes the same files as the sources run through tsx, from any working directory', () => {
    const out = join(copy, 'out');
    const result = synth('--outdir', out);
    expect(result.status, result.stderr).toBe(0);
    expect(readDist(out)).toEqual(readDist(join(root, 'dist')));
    expect(synth('--check').status).toBe(0);
  }, 60_000);

  it('bundles the yaml library once, though cdk8s ships its own copy of the same version', () => {
    const key = createHash('sha256').update(join(copy, 'main.ts')).digest('hex').slice(0, 16);
    expect(synth('--check').status).toBe(0);
    const version = (dir: string): string => JSON.parse(readFileSync(join(root, 'node_modules', dir, 'package.json'), 'utf8')).version;
    // the premise: cdk8s bundles yaml at the version the project pins
    expect(version('cdk8s/node_modules/yaml')).toBe(version('yaml'));
    const modules = readFileSync(join(root, 'node_modules', '.cache', 'blumeops-authentik', `${key}.cjs`), 'latin1').split('\n')
      .filter((line) => /^\/\/ \S*node_modules\/\S*yaml\/dist\/index\.js$/.test(line));
    expect(modules).toHaveLength(1);
    expect(modules[0]).not.toContain('cdk8s/node_modules');
  }, 60_000);

  it('runs from a V8 code cache written by the run before, and survives a damaged one', () => {
    const key = createHash('sha256').update(join(copy, 'main.ts')).digest('hex').slice(0, 16);
    const cache = join(root, 'node_modules', '.cache', 'blumeops-authentik', `${key}.v8cache`);
    expect(synth('--check').status).toBe(0);
    expect(existsSync(cache)).toBe(true);
    const written = readFileSync(cache);
    // V8 rejects a cache that does not match; the run goes on compiling, and writes a good one again
    writeFileSync(cache, Buffer.from('not a code cache'));
    const result = synth('--check');
    expect(result.status, result.stderr).toBe(0);
    expect(statSync(cache).size).toBeGreaterThan(100_000);
    expect(readFileSync(cache).subarray(0, 16)).toEqual(written.subarray(0, 16));
  }, 60_000);

  it('runs the schema validators it requires from code caches of their own, checked against their source', () => {
    const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
    const validator = join(copy, 'constructs', 'catalog', 'generated', '2026.2', 'validators', 'authentik_core.application.cjs');
    const cache = join(root, 'node_modules', '.cache', 'blumeops-authentik', 'cjs', `${sha256(validator).slice(0, 16)}.v8cache`);
    const header = (): string[] => readFileSync(cache).subarray(0, 200).toString('latin1').split('\n')[0]!.split(' ');
    rmSync(cache, { force: true });
    expect(synth('--check').status).toBe(0);
    expect(header().slice(0, 2)).toEqual(['blumeops-v8cache', sha256(readFileSync(validator))]);
    const written = readFileSync(cache);
    // accepted: the next run leaves it as it is
    expect(synth('--check').status).toBe(0);
    expect(readFileSync(cache).equals(written)).toBe(true);
    // damaged, or made from another source: thrown away, and written again from this one
    const payload = written.subarray(written.indexOf(10) + 1);
    for (const damage of [Buffer.from('not a code cache'), Buffer.concat([Buffer.from(`blumeops-v8cache ${'0'.repeat(64)} ${sha256(payload)}\n`), payload])]) {
      writeFileSync(cache, damage);
      const result = synth('--check');
      expect(result.status, result.stderr).toBe(0);
      expect(header().slice(0, 2)).toEqual(['blumeops-v8cache', sha256(readFileSync(validator))]);
    }
  }, 60_000);

  it('rebuilds an empty or damaged cached bundle instead of running it', () => {
    const key = createHash('sha256').update(join(copy, 'main.ts')).digest('hex').slice(0, 16);
    const bundle = join(root, 'node_modules', '.cache', 'blumeops-authentik', `${key}.cjs`);
    expect(synth('--check').status).toBe(0);
    const good = readFileSync(bundle);
    // an empty bundle would run nothing and exit 0; a no-op one the same
    for (const damage of [Buffer.alloc(0), Buffer.from('"use strict";\n'), good.subarray(0, good.length / 2)]) {
      writeFileSync(bundle, damage);
      const result = synth('--check');
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/dist is up to date \(\d+ files\)/);
      expect(readFileSync(bundle).equals(good)).toBe(true);
    }
  }, 60_000);

  it('throws away a code cache made from another bundle, or an empty one', () => {
    const key = createHash('sha256').update(join(copy, 'main.ts')).digest('hex').slice(0, 16);
    const cache = join(root, 'node_modules', '.cache', 'blumeops-authentik', `${key}.v8cache`);
    expect(synth('--check').status).toBe(0);
    const written = readFileSync(cache);
    const header = written.subarray(0, written.indexOf(10)).toString('latin1').split(' ');
    expect(header).toHaveLength(3);
    // the same V8 data, labelled with another bundle's hash
    writeFileSync(cache, Buffer.concat([Buffer.from(`${header[0]} ${'0'.repeat(64)} ${header[2]}\n`), written.subarray(written.indexOf(10) + 1)]));
    let result = synth('--check');
    expect(result.status, result.stderr).toBe(0);
    const rewritten = readFileSync(cache);
    expect(rewritten.subarray(0, rewritten.indexOf(10)).toString('latin1').split(' ').slice(0, 2)).toEqual(header.slice(0, 2));
    writeFileSync(cache, '');
    result = synth('--check');
    expect(result.status, result.stderr).toBe(0);
    expect(statSync(cache).size).toBeGreaterThan(100_000);
  }, 60_000);

  it('exits 4, never 0, when the entry ran without running the synth to the end', () => {
    const entry = join(copy, 'not-a-synth.ts');
    writeFileSync(entry, "console.log('loaded, and nothing else');\n");
    const result = spawnSync(process.execPath, [join(copy, 'scripts', 'run-ts.cjs'), entry], { cwd: tmpdir(), encoding: 'utf8' });
    rmSync(entry);
    expect(result.status).toBe(4);
    expect(result.stderr).toMatch(/not-a-synth\.ts exited without running the synth to the end \(it never called synthCommand\), so nothing was synthesized, checked or written/);
  }, 60_000);

  it('tunes V8 for a synth of a large declaration, leaving alone a flag the command line sets', () => {
    const entry = join(copy, 'tiering-hook.ts');
    writeFileSync(entry, `console.log(JSON.stringify(${callHook('largeDeclaration', 'string[]')}));\n`);
    const run = (...nodeArgs: string[]): string[] => JSON.parse(spawnSync(process.execPath, [...nodeArgs, join(copy, 'scripts', 'run-ts.cjs'), entry],
      { cwd: tmpdir(), encoding: 'utf8' }).stdout.trim()) as string[];
    const budget = Number(/default: --interrupt-budget=(\d+)/.exec(spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout)?.[1]);
    const tuned = run();
    const budgetGiven = run('--interrupt-budget=100000');
    const growthGiven = run('--semi_space_growth_factor=3');
    rmSync(entry);
    // the entry never synthesizes (exit 4); it only reports what the hook set
    expect(tuned).toEqual([`--interrupt-budget=${8 * budget}`, '--semi-space-growth-factor=1']);
    expect(budgetGiven).toEqual(['--semi-space-growth-factor=1']);
    expect(growthGiven).toEqual([`--interrupt-budget=${8 * budget}`]);
  }, 60_000);

  it('stops the young generation growing once a declaration is found large', () => {
    // V8 grows its young generation while most of what it allocates survives (a synth's memoized
    // renders and checks), which then costs fresh memory and copies without freeing more
    const entry = join(copy, 'young-generation.ts');
    writeFileSync(entry, "import { getHeapSpaceStatistics } from 'node:v8';\n"
      + "const young = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size;\n"
      // garbage first: a few collections commit both halves of the space, so its size is its capacity
      + "let sum = 0;\nfor (let i = 0; i < 300_000; i++) sum += ({ i } as { i: number }).i;\n"
      + `if (process.env.LARGE === '1') ${callHook('largeDeclaration', 'string[]')};\n`
      + "const before = young();\n"
      + "const kept: object[] = [];\n"
      + "for (let i = 0; i < 1_000_000; i++) kept.push({ i, text: `item ${i}` });\n"
      + "console.log(JSON.stringify({ before, after: young(), kept: kept.length, sum }));\n");
    const run = (large: boolean): { before: number; after: number } => JSON.parse(spawnSync(process.execPath, [join(copy, 'scripts', 'run-ts.cjs'), entry],
      { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, LARGE: large ? '1' : '0' } }).stdout.trim()) as { before: number; after: number };
    const small = run(false);
    const large = run(true);
    rmSync(entry);
    // without the hook V8 grows the space for what survives; after it, the space keeps its size
    expect(small.after).toBeGreaterThan(small.before);
    expect(large.after).toBe(large.before);
  }, 60_000);

  it('keeps its code caches across large and small synths: the tuned flags never make V8 reject one', () => {
    // V8 rejects cached code made under other flags, a flag set at run time included (run-ts.cjs,
    // underDefaultFlags): before, every large synth recompiled the bundle and its validators
    const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
    const entry = join(copy, 'cache-across-budgets.ts');
    const validator = join(copy, 'constructs', 'catalog', 'generated', '2026.2', 'validators', 'authentik_core.group.cjs');
    writeFileSync(entry, "import { createRequire } from 'node:module';\n"
      + `console.log(process.env.LARGE === '1' ? ${callHook('largeDeclaration', 'string[]')}.map((f) => f.split('=')[0]).join(',') : 'small');\n`
      + "createRequire(import.meta.url)(process.env.VALIDATOR!);\n");
    const caches = [
      join(root, 'node_modules', '.cache', 'blumeops-authentik', `${sha256(entry).slice(0, 16)}.v8cache`),
      join(root, 'node_modules', '.cache', 'blumeops-authentik', 'cjs', `${sha256(validator).slice(0, 16)}.v8cache`),
    ];
    for (const cache of caches) rmSync(cache, { force: true });
    const run = (large: boolean): string => spawnSync(process.execPath, [join(copy, 'scripts', 'run-ts.cjs'), entry],
      { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, LARGE: large ? '1' : '0', VALIDATOR: validator } }).stdout.trim();
    // without V8's defaults run-ts tunes nothing, and this test would prove nothing
    const tuned = '--interrupt-budget,--semi-space-growth-factor';
    expect(run(true), `run-ts could not read V8 ${process.versions.v8}'s defaults from node --v8-options`).toBe(tuned);
    // a cache written anew is a new file (written through a rename): the same inode means V8 accepted it
    const inodes = (): number[] => caches.map((cache) => statSync(cache).ino);
    const written = inodes();
    expect(run(true)).toBe(tuned);
    expect(inodes()).toEqual(written);
    expect(run(false)).toBe('small');
    expect(inodes()).toEqual(written);
    expect(run(true)).toBe(tuned);
    expect(inodes()).toEqual(written);
    rmSync(entry);
  }, 60_000);

  it('reads V8\'s defaults of the flags it tunes from node --v8-options once per Node version, and again when its record is damaged or older', () => {
    const entry = join(copy, 'budget-record.ts');
    writeFileSync(entry, `console.log(JSON.stringify(${callHook('largeDeclaration', 'string[]')}));\n`);
    const record = join(root, 'node_modules', '.cache', 'blumeops-authentik', 'v8', `${process.version}.json`);
    const listed = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    const shown = {
      'interrupt-budget': Number(/default: --interrupt-budget=(\d+)/.exec(listed)?.[1]),
      'semi-space-growth-factor': Number(/default: --semi-space-growth-factor=(\d+)/.exec(listed)?.[1]),
    };
    expect(shown['interrupt-budget']).toBeGreaterThan(0);
    expect(shown['semi-space-growth-factor']).toBeGreaterThan(1);
    const tuned = [`--interrupt-budget=${8 * shown['interrupt-budget']}`, '--semi-space-growth-factor=1'];
    const run = (): string[] => JSON.parse(spawnSync(process.execPath, [join(copy, 'scripts', 'run-ts.cjs'), entry], { cwd: tmpdir(), encoding: 'utf8' }).stdout.trim()) as string[];
    rmSync(record, { force: true });
    expect(run()).toEqual(tuned);
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual(shown);
    // read, not asked again: the record stays the same file
    const written = statSync(record).ino;
    expect(run()).toEqual(tuned);
    expect(statSync(record).ino).toBe(written);
    // a damaged record, and one of an earlier version of run-ts that knew only the budget, are read again
    for (const stale of ['{"interrupt-budget": "lots", "semi-space-growth-factor": 2}', `{"interruptBudget": ${shown['interrupt-budget']}}`]) {
      writeFileSync(record, stale);
      expect(run()).toEqual(tuned);
      expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual(shown);
    }
    rmSync(entry);
  }, 60_000);

  it('collects the garbage once validation\'s memo is dropped, when the heap is large, and leaves V8\'s flags and code caches as they were', () => {
    const entry = join(copy, 'collect-when-large.ts');
    // the garbage: ~200 MiB of objects promoted to the old space, which nothing holds any more
    writeFileSync(entry, "import { getHeapStatistics } from 'node:v8';\n"
      + "let garbage: object[] | undefined = [];\n"
      + "if (process.env.LARGE === '1') for (let i = 0; i < 2_500_000; i++) garbage.push({ i, text: `item ${i}` });\n"
      + "garbage = undefined;\n"
      + "const before = getHeapStatistics().used_heap_size;\n"
      + `const collected = ${callHook('validationMemoryDropped', 'boolean')};\n`
      + "console.log(JSON.stringify({ collected, before, after: getHeapStatistics().used_heap_size, gc: typeof (globalThis as { gc?: unknown }).gc }));\n");
    const cache = join(root, 'node_modules', '.cache', 'blumeops-authentik', `${createHash('sha256').update(entry).digest('hex').slice(0, 16)}.v8cache`);
    rmSync(cache, { force: true });
    const run = (large: boolean): { collected: boolean; before: number; after: number; gc: string } => {
      const result = spawnSync(process.execPath, [join(copy, 'scripts', 'run-ts.cjs'), entry],
        { cwd: tmpdir(), encoding: 'utf8', env: { ...process.env, LARGE: large ? '1' : '0' } });
      return JSON.parse(result.stdout.trim());
    };
    const large = run(true);
    expect(large.before).toBeGreaterThan(128 * 2 ** 20);
    expect(large.collected).toBe(true);
    expect(large.after).toBeLessThan(large.before / 4);
    // the script's own global stays as it was: no gc() where the command line did not ask for one
    expect(large.gc).toBe('undefined');
    // a cache V8 rejected would have been written anew (a new inode): --expose-gc was set back in time
    const written = statSync(cache).ino;
    expect(run(true).collected).toBe(true);
    expect(statSync(cache).ino).toBe(written);
    expect(run(false).collected).toBe(false);
    expect(statSync(cache).ino).toBe(written);
    rmSync(entry);
  }, 60_000);

  it('rebuilds its cached bundle when the declaration changes', () => {
    const main = join(copy, 'main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace('https://forge.eblu.me/user/oauth2/authentik/callback', 'https://forge.eblu.me/cb'));
    const result = synth('--check');
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/\+\s+url: https:\/\/forge\.eblu\.me\/cb/);
  }, 60_000);

  it('rebuilds when an input changes at the same size with its modification time set back', () => {
    const main = join(copy, 'main.ts');
    const before = statSync(main);
    // same length, so only the content and the change time tell
    writeFileSync(main, readFileSync(main, 'utf8').replace('https://registry.ops.eblu.me/zot/auth/callback/oidc', 'https://registry.ops.eblu.me/zot/auth/callback/oidd'));
    utimesSync(main, before.atime, before.mtime);
    expect(statSync(main).size).toBe(before.size);
    const result = synth('--check');
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/\+\s+url: https:\/\/registry\.ops\.eblu\.me\/zot\/auth\/callback\/oidd/);
  }, 60_000);

  it('exits 2 and writes nothing when the declaration does not compile', () => {
    const before = readDist(join(copy, 'dist'));
    writeFileSync(join(copy, 'main.ts'), `${readFileSync(join(copy, 'main.ts'), 'utf8')}\nconst broken = ;\n`);
    const result = synth();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/could not compile .*main\.ts; nothing was written:\n {2}- .*main\.ts:\d+:\d+: Unexpected ";"/);
    expect(readDist(join(copy, 'dist'))).toEqual(before);
  }, 60_000);
});
