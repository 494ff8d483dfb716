import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDist, writeDistAtomically } from '../constructs';

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
