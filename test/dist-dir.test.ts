import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distMatches, readDist, resolveDistTarget, sameFiles, withDistLock, writeDistAtomically } from '../constructs/synth/dist-dir';
import { LockBusyError } from '../constructs/synth/private/dist-lock';

let scratch: string;
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function seed(): string {
  scratch = mkdtempSync(join(tmpdir(), 'dist-dir-'));
  const dist = join(scratch, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'a.yaml'), 'a: 1\n');
  writeFileSync(join(dist, 'stale.yaml'), 'old: true\n');
  return dist;
}

describe('writeDistAtomically', () => {
  it('replaces the folder with exactly the new files, dropping stale ones', () => {
    const dist = seed();
    expect(writeDistAtomically(dist, new Map([['a.yaml', 'a: 2\n'], ['b.yaml', 'b: 1\n']]))).toBe(true);
    expect(readDist(dist)).toEqual(new Map([['a.yaml', 'a: 2\n'], ['b.yaml', 'b: 1\n']]));
    expect(readdirSync(scratch)).toEqual(['dist']);
  });

  it('leaves the folder untouched, file times included, when nothing changed', () => {
    const dist = seed();
    const before = statSync(join(dist, 'a.yaml')).mtimeMs;
    expect(writeDistAtomically(dist, readDist(dist))).toBe(false);
    expect(statSync(join(dist, 'a.yaml')).mtimeMs).toBe(before);
  });

  it('leaves the folder byte-identical when writing fails part-way', () => {
    const dist = seed();
    const before = readDist(dist);
    // "x" as both a file and a folder: the staging write fails after the first file
    expect(() => writeDistAtomically(dist, new Map([['x', 'file\n'], ['x/y.yaml', 'nested\n']]))).toThrow();
    expect(readDist(dist)).toEqual(before);
  });

  it('repairs a swap that was cut off between its two renames', () => {
    const dist = seed();
    const before = readDist(dist);
    // as if the process died right after moving dist/ aside
    renameSync(dist, join(scratch, '.dist-previous'));
    expect(existsSync(dist)).toBe(false);
    expect(writeDistAtomically(dist, before)).toBe(false);
    expect(readDist(dist)).toEqual(before);
    expect(readdirSync(scratch)).toEqual(['dist']);
  });
});

describe('distMatches', () => {
  it('answers as comparing the whole folder read into memory would, for every kind of difference', () => {
    const dist = seed();
    mkdirSync(join(dist, 'sub'));
    writeFileSync(join(dist, 'sub', 'c.yaml'), 'c: é\n');
    const same = readDist(dist);
    const variants: Array<[string, Map<string, string>]> = [
      ['identical', new Map(same)],
      ['a file changed', new Map([...same, ['a.yaml', 'a: 2\n']])],
      ['a nested file changed', new Map([...same, ['sub/c.yaml', 'c: e\n']])],
      ['a file added', new Map([...same, ['new.yaml', 'n: 1\n']])],
      ['a file removed', new Map([...same].filter(([path]) => path !== 'stale.yaml'))],
      ['a nested file removed', new Map([...same].filter(([path]) => path !== 'sub/c.yaml'))],
      ['a file renamed', new Map([...same].map(([path, text]) => [path === 'a.yaml' ? 'a2.yaml' : path, text]))],
      ['a folder where a file was', new Map([...[...same].filter(([path]) => path !== 'a.yaml'), ['a.yaml/x', 'a: 1\n']])],
      ['no files', new Map()],
    ];
    for (const [label, files] of variants) {
      expect({ label, matches: distMatches(dist, files) }).toEqual({ label, matches: sameFiles(readDist(dist), files) });
    }
    expect(distMatches(dist, same)).toBe(true);
    expect(distMatches(dist, variants[1][1])).toBe(false);
  });

  it('finds a missing folder to match only no files', () => {
    scratch = mkdtempSync(join(tmpdir(), 'dist-dir-'));
    expect(distMatches(join(scratch, 'none'), new Map())).toBe(true);
    expect(distMatches(join(scratch, 'none'), new Map([['a.yaml', 'a: 1\n']]))).toBe(false);
  });
});

describe('the lock beside dist/', () => {
  // the pid of a process that has exited
  const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

  it('breaks a lock whose owner died, and removes its own when done', () => {
    const dist = seed();
    const lock = join(scratch, '.dist.lock');
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00Z' }));
    expect(writeDistAtomically(dist, new Map([['a.yaml', 'a: 3\n']]))).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it('breaks an unreadable (empty) lock only once it is old', () => {
    const dist = seed();
    const lock = join(scratch, '.dist.lock');
    writeFileSync(lock, '');
    const target = resolveDistTarget(dist);
    expect(() => withDistLock(target, () => 1, { timeoutMs: 100 })).toThrow(LockBusyError);
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(withDistLock(target, () => 2, { timeoutMs: 100 })).toBe(2);
  });

  it('waits for a live owner, then fails naming it; a lock from another host is never broken', () => {
    const dist = seed();
    const lock = join(scratch, '.dist.lock');
    for (const owner of [{ pid: process.pid, host: hostname() }, { pid: deadPid(), host: 'elsewhere.example' }]) {
      writeFileSync(lock, JSON.stringify({ ...owner, since: '2026-01-01T00:00:00Z' }));
      const started = Date.now();
      expect(() => withDistLock(resolveDistTarget(dist), () => 1, { timeoutMs: 200 })).toThrow(
        new RegExp(`\\.dist\\.lock is held by pid ${owner.pid} on ${owner.host.replace(/\./g, '\\.')} since 2026-01-01T00:00:00Z`));
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
      expect(existsSync(lock)).toBe(true);
    }
  });

  it('lets a reader (--check) go on without it where the folder cannot be written', () => {
    const dist = seed();
    const target = resolveDistTarget(join(dist, 'no', 'such', 'parent'));
    expect(withDistLock(target, () => 'read', { optional: true })).toBe('read');
    expect(existsSync(join(dist, 'no'))).toBe(false);
  });
});
