/**
 * Fault tests of the real command (`node scripts/run-ts.cjs main.ts`, what `npm run synth` runs) on a
 * copy of the project: kills at every step of the swap, concurrent synths, a full disk, a read-only
 * folder, a symlinked folder, hand-written files. After each: nothing mixed, missing or silently
 * stale, and the exit code says what happened.
 *
 * A full and a read-only file system are real tmpfs mounts where the tests may mount (root on Linux);
 * elsewhere the same errors are injected at the same step with BLUMEOPS_FAULT (see faults.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../constructs';
import { readDist, sameFiles } from '../../constructs/synth/dist-dir';
import { FAULT_STEPS } from '../../constructs/synth/private/faults';

const root = fileURLToPath(new URL('../..', import.meta.url));
let copy: string;
let scratch: string;
/** What main.ts writes, and what an edited copy of it (main-alt.ts: zot's redirect URI changed) writes. */
let current: Map<string, string>;
let alternative: Map<string, string>;
const mounts: string[] = [];

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete e.CDK8S_OUTDIR;
  if (!extra.BLUMEOPS_FAULT) delete e.BLUMEOPS_FAULT;
  return e;
}

function synth(outdir: string, options: { entry?: string; args?: string[]; env?: Record<string, string> } = {}): Run {
  const run = spawnSync(process.execPath, [join(copy, 'scripts', 'run-ts.cjs'), join(copy, options.entry ?? 'main.ts'), '--outdir', outdir, ...(options.args ?? [])], {
    cwd: copy, env: env(options.env), encoding: 'utf8',
  });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

function synthAsync(outdir: string, entry: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(copy, 'scripts', 'run-ts.cjs'), join(copy, entry), '--outdir', outdir], { cwd: copy, env: env(extraEnv) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** A fresh parent folder holding `dist/` with `files` in it. */
function seeded(files: ReadonlyMap<string, string> | undefined): { parent: string; dist: string } {
  const parent = mkdtempSync(join(scratch, 'case-'));
  const dist = join(parent, 'dist');
  if (files) {
    mkdirSync(dist);
    for (const [path, content] of files) {
      mkdirSync(dirname(join(dist, path)), { recursive: true }); // consumer halves live in subfolders
      writeFileSync(join(dist, path), content);
    }
  }
  return { parent, dist };
}

/** A tmpfs of `size` at a new folder, or undefined where this process may not mount. */
function tmpfs(size: string): string | undefined {
  const at = mkdtempSync(join(scratch, 'tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at], { encoding: 'utf8' });
  if (mounted.status !== 0) return undefined;
  mounts.push(at);
  return at;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'writer-faults-'));
  copy = join(scratch, 'project');
  mkdirSync(copy);
  for (const path of ['main.ts', 'constructs', 'scripts', 'package.json', 'tsconfig.json', 'dist']) cpSync(join(root, path), join(copy, path), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const main = readFileSync(join(copy, 'main.ts'), 'utf8');
  const from = 'https://registry.ops.eblu.me/zot/auth/callback/oidc';
  expect(main).toContain(from);
  writeFileSync(join(copy, 'main-alt.ts'), main.replace(from, 'https://zot.ops.eblu.me/auth/callback/oidc'));
  current = readDist(join(root, 'dist'));
  const alt = join(scratch, 'alt');
  const built = synth(alt, { entry: 'main-alt.ts' });
  expect(built.code, built.stderr).toBe(ExitCode.OK);
  alternative = readDist(alt);
  expect(alternative).not.toEqual(current);
}, 120_000);

afterAll(() => {
  for (const at of mounts) spawnSync('umount', ['-l', at]);
  spawnSync('chattr', ['-R', '-i', scratch]);
  rmSync(join(copy, 'main.ts'), { force: true });
  rmSync(join(copy, 'main-alt.ts'), { force: true });
  // a run after the entries are gone prunes their cached bundles
  spawnSync(process.execPath, [join(root, 'scripts', 'run-ts.cjs'), join(copy, 'nowhere.ts')], { encoding: 'utf8' });
  rmSync(scratch, { recursive: true, force: true });
});

describe('a synth killed (SIGKILL) at every step of writing dist/', () => {
  for (const step of FAULT_STEPS) {
    it(`leaves a complete folder, or one the next run restores, when killed at ${step}`, () => {
      // GIVEN dist/ as the alternative app wrote it
      const { parent, dist } = seeded(alternative);
      // WHEN main.ts's synth dies at the step
      const killed = synth(dist, { env: { BLUMEOPS_FAULT: step } });
      expect(killed.signal).toBe('SIGKILL');
      // THEN dist/ is complete, old or new, or missing with .dist-previous holding the old one whole
      if (existsSync(dist)) expect([alternative, current]).toContainEqual(readDist(dist));
      else expect(readDist(join(parent, '.dist-previous'))).toEqual(alternative);
      // AND --check never calls the folder up to date unless it is
      const upToDate = existsSync(dist) && sameFiles(readDist(dist), current);
      expect(synth(dist, { args: ['--check'] }).code).toBe(upToDate ? ExitCode.OK : ExitCode.STALE);
      // AND the next synth repairs and completes it, lock and staging left behind or not
      const next = synth(dist);
      expect(next.code, next.stderr).toBe(ExitCode.OK);
      expect(readDist(dist)).toEqual(current);
      expect(readdirSync(parent)).toEqual(['dist']);
    }, 60_000);
  }

  it('says what it repaired when the kill came between the two renames', () => {
    const { dist } = seeded(alternative);
    expect(synth(dist, { env: { BLUMEOPS_FAULT: 'after-rename-1' } }).signal).toBe('SIGKILL');
    expect(existsSync(dist)).toBe(false);
    const check = synth(dist, { args: ['--check'] });
    expect(check.code).toBe(ExitCode.STALE);
    expect(check.stderr).toMatch(/dist is missing: a synth was interrupted while swapping it in \(.*\.dist-previous holds the last complete folder\)/);
    const next = synth(dist);
    expect(next.code).toBe(ExitCode.OK);
    expect(next.stdout).toMatch(/restored .*\/dist from .*\/\.dist-previous: a synth was interrupted while swapping it in/);
  }, 60_000);
});

describe('concurrent synths', () => {
  it('take turns: four synths of equal content all succeed and leave exactly that content', async () => {
    const { parent, dist } = seeded(alternative);
    // the sleep holds each synth inside its swap long enough for the others to arrive
    const runs = await Promise.all([0, 1, 2, 3].map(() => synthAsync(dist, 'main.ts', { BLUMEOPS_FAULT: 'sleep=150@after-staging' })));
    for (const run of runs) expect(run.code, run.stderr).toBe(ExitCode.OK);
    expect(runs.filter((r) => /wrote \d+ files/.test(r.stdout))).toHaveLength(1);
    expect(readDist(dist)).toEqual(current);
    expect(readdirSync(parent)).toEqual(['dist']);
  }, 60_000);

  it('take turns: synths of different content leave one complete set, never a mix', async () => {
    const { parent, dist } = seeded(undefined);
    const runs = await Promise.all(['main.ts', 'main-alt.ts', 'main.ts', 'main-alt.ts'].map((entry) => synthAsync(dist, entry, { BLUMEOPS_FAULT: 'sleep=150@staging-partial' })));
    for (const run of runs) expect(run.code, run.stderr).toBe(ExitCode.OK);
    expect([current, alternative]).toContainEqual(readDist(dist));
    expect(readdirSync(parent)).toEqual(['dist']);
  }, 60_000);

  it('exits 3 naming the holder when another synth keeps the lock past the timeout', async () => {
    const { dist } = seeded(alternative);
    const holder = synthAsync(dist, 'main.ts', { BLUMEOPS_FAULT: 'sleep=3000@after-lock' });
    // wait for the holder to take the lock
    const lock = join(dist, '..', '.dist.lock');
    for (let i = 0; i < 1200 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(lock)).toBe(true);
    const waiter = synth(dist, { env: { BLUMEOPS_LOCK_TIMEOUT_MS: '300' } });
    expect(waiter.code).toBe(ExitCode.IO);
    expect(waiter.stderr).toMatch(/could not write .*dist: .*\.dist\.lock is held by pid \d+ on .* since .*; waited 0 s\. Let that synth finish.*\(EBUSY/);
    expect(waiter.stderr).not.toMatch(/\n\s+at /);
    expect((await holder).code).toBe(ExitCode.OK);
    expect(readDist(dist)).toEqual(current);
  }, 60_000);
});

describe('a file system that refuses', () => {
  it('exits 3 on a full disk, leaving dist/ as it was and no staging folder', () => {
    const disk = tmpfs('256k'); // room for dist/ with its consumer subfolders, one block per file
    const parent = disk ?? mkdtempSync(join(scratch, 'full-'));
    const dist = join(parent, 'dist');
    mkdirSync(dist);
    for (const [path, content] of alternative) {
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      writeFileSync(join(dist, path), content);
    }
    // fill the disk but for a few KiB: the staging copy cannot fit
    if (disk) {
      let filler = 0;
      try {
        for (;;) writeFileSync(join(parent, `filler-${filler++}`), Buffer.alloc(4096));
      } catch {
        // full
      }
      rmSync(join(parent, `filler-${filler - 2}`), { force: true });
    }
    const run = synth(dist, { env: disk ? {} : { BLUMEOPS_FAULT: 'ENOSPC@staging-partial' } });
    expect(run.code).toBe(ExitCode.IO);
    expect(run.stderr).toMatch(/^could not write .*\/dist: .*\(ENOSPC, .*\); .*\/dist is as it was, complete, and no staging folder is left; free space on that file system, then run the synth again\n$/);
    expect(readDist(dist)).toEqual(alternative);
    expect(existsSync(join(parent, '.dist-staging'))).toBe(false);
    expect(existsSync(join(parent, '.dist.lock'))).toBe(false);
  }, 60_000);

  it('exits 3 on a read-only file system, and --check still compares there', () => {
    const disk = tmpfs('1m');
    const parent = disk ?? mkdtempSync(join(scratch, 'ro-'));
    const dist = join(parent, 'dist');
    mkdirSync(dist);
    for (const [path, content] of alternative) {
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      writeFileSync(join(dist, path), content);
    }
    if (disk) expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
    const run = synth(dist, { env: disk ? {} : { BLUMEOPS_FAULT: 'EROFS@after-lock' } });
    expect(run.code).toBe(ExitCode.IO);
    expect(run.stderr).toMatch(/could not write .*\/dist: .*\(EROFS.*\); .*the file system is mounted read-only: remount it writable, or synthesize elsewhere with --outdir DIR/);
    expect(readDist(dist)).toEqual(alternative);
    if (disk) {
      // reading needs no lock where none can be taken
      const check = synth(dist, { args: ['--check'] });
      expect(check.code).toBe(ExitCode.STALE);
      expect(check.stdout).toContain('+              url: https://registry.ops.eblu.me/zot/auth/callback/oidc');
    }
  }, 60_000);

  it('says the folder is missing, not "as it was", when a cut-off swap cannot be repaired on a read-only file system', () => {
    const disk = tmpfs('1m');
    const parent = disk ?? mkdtempSync(join(scratch, 'ro-cut-'));
    const dist = join(parent, 'dist');
    mkdirSync(join(parent, '.dist-previous'));
    for (const [path, content] of alternative) {
      mkdirSync(dirname(join(parent, '.dist-previous', path)), { recursive: true });
      writeFileSync(join(parent, '.dist-previous', path), content);
    }
    if (disk) expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
    const run = synth(dist, { env: disk ? {} : { BLUMEOPS_FAULT: 'EROFS@after-lock' } });
    expect(run.code).toBe(ExitCode.IO);
    expect(run.stderr).toContain(`${dist} is missing and ${join(parent, '.dist-previous')} holds the last complete folder, which the next synth restores`);
    expect(synth(dist, { args: ['--check'] }).code).toBe(ExitCode.STALE);
  }, 60_000);

  it('exits 3 on injected ENOSPC and EIO (the fallback where no file system can be mounted), leaving dist/ and no staging', () => {
    for (const fault of ['ENOSPC@staging-partial', 'EIO@after-staging']) {
      const { parent, dist } = seeded(alternative);
      const run = synth(dist, { env: { BLUMEOPS_FAULT: fault } });
      expect(run.code, fault).toBe(ExitCode.IO);
      expect(run.stderr).toMatch(new RegExp(`^could not write .*/dist: injected fault at ${fault.split('@')[1]}.*\\(${fault.split('@')[0]}, `));
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readDist(dist)).toEqual(alternative);
      expect(readdirSync(parent)).toEqual(['dist']);
    }
  }, 60_000);

  it('keeps the exit code when the reader of its output goes away (npm run synth | head)', () => {
    const { dist } = seeded(alternative);
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${join(copy, 'scripts', 'run-ts.cjs')}" "${join(copy, 'main.ts')}" --outdir "${dist}" | head -c 1 >/dev/null; echo "status \${PIPESTATUS[0]}"`], {
      cwd: copy, env: { ...env(), BLUMEOPS_FAULT: 'sleep=300@after-staging' }, encoding: 'utf8',
    });
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.stdout).toBe('status 0\n');
    expect(readDist(dist)).toEqual(current);
  }, 60_000);

  it('exits 3 when dist/ is immutable (chattr +i), with staging removed', (ctx) => {
    const { parent, dist } = seeded(alternative);
    if (spawnSync('chattr', ['+i', dist]).status !== 0) ctx.skip();
    try {
      const run = synth(dist);
      expect(run.code).toBe(ExitCode.IO);
      expect(run.stderr).toMatch(/could not write .*\/dist: operation not permitted \(EPERM, rename .*\/dist\); .*chattr -i/);
      expect(readDist(dist)).toEqual(alternative);
      expect(readdirSync(parent)).toEqual(['dist']);
    } finally {
      spawnSync('chattr', ['-i', dist]);
    }
  }, 60_000);
});

describe('a symlinked dist/', () => {
  it('is written through: the link stays a link and its target folder is replaced', () => {
    const { parent, dist: real } = seeded(alternative);
    const link = join(parent, 'dist-link');
    symlinkSync(real, link, 'dir');
    const run = synth(link);
    expect(run.code, run.stderr).toBe(ExitCode.OK);
    expect(run.stdout).toContain(`(through the symlink, to ${real})`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readDist(real)).toEqual(current);
    expect(readdirSync(parent).sort()).toEqual(['dist', 'dist-link']);
  }, 60_000);

  it('is written through even while it dangles, and a swap cut off behind it is restored', () => {
    const { parent, dist: real } = seeded(alternative);
    const link = join(parent, 'dist-link');
    symlinkSync('dist', link, 'dir');
    expect(synth(link, { env: { BLUMEOPS_FAULT: 'after-rename-1' } }).signal).toBe('SIGKILL');
    expect(existsSync(real)).toBe(false); // the link dangles
    const run = synth(link);
    expect(run.code, run.stderr).toBe(ExitCode.OK);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readDist(real)).toEqual(current);
    expect(readdirSync(parent).sort()).toEqual(['dist', 'dist-link']);
  }, 60_000);

  it('is refused with exit 3 when it points to a file', () => {
    const { parent } = seeded(undefined);
    writeFileSync(join(parent, 'file'), 'x');
    symlinkSync('file', join(parent, 'dist'));
    const run = synth(join(parent, 'dist'));
    expect(run.code).toBe(ExitCode.IO);
    expect(run.stderr).toMatch(/\/file is a file \(.*\/dist links to it\), not a folder; move it away or synthesize with --outdir DIR/);
    expect(readFileSync(join(parent, 'file'), 'utf8')).toBe('x');
  }, 60_000);
});

describe('files in dist/ that no synth wrote', () => {
  it('are never deleted: the synth refuses with exit 2, listing them with the fix', () => {
    const { dist } = seeded(alternative);
    writeFileSync(join(dist, 'NOTES.md'), 'hand-written\n');
    writeFileSync(join(dist, 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-extra\n');
    const before = readDist(dist);
    const run = synth(dist);
    expect(run.code).toBe(ExitCode.INVALID);
    expect(run.stderr).toContain([
      `2 files in ${dist} no synth wrote; a synth would delete them, so nothing was written:`,
      '  - NOTES.md',
      '  - extra.yaml',
      `  fix: ${dist} is generated; move them elsewhere (the kustomize base, say), or rerun with --delete-unknown`,
    ].join('\n'));
    expect(readDist(dist)).toEqual(before);
    const check = synth(dist, { args: ['--check'] });
    expect(check.code).toBe(ExitCode.INVALID);
    expect(check.stderr).toContain('  - NOTES.md');
  }, 60_000);

  it('are deleted with --delete-unknown, after saying so', () => {
    const { dist } = seeded(alternative);
    writeFileSync(join(dist, 'NOTES.md'), 'hand-written\n');
    const run = synth(dist, { args: ['--delete-unknown'] });
    expect(run.code, run.stderr).toBe(ExitCode.OK);
    expect(run.stdout).toMatch(/^deleting 1 file the app no longer writes: NOTES\.md\nwrote \d+ files/m);
    expect(readDist(dist)).toEqual(current);
  }, 60_000);

  it('do not include manifests an earlier synth wrote, which go with a word', () => {
    const { dist } = seeded(alternative);
    writeFileSync(join(dist, 'configmap-authentik-blueprints-2.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: authentik-blueprints-2\ndata: {}\n');
    const run = synth(dist);
    expect(run.code, run.stderr).toBe(ExitCode.OK);
    expect(run.stdout).toContain('deleting 1 file the app no longer writes: configmap-authentik-blueprints-2.yaml');
    expect(readDist(dist)).toEqual(current);
  }, 60_000);
});
