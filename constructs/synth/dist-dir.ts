import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The files of a synthesized folder, by path relative to it. */
export type DistFiles = ReadonlyMap<string, string>;

/** Reads every file under `dir` (empty when it does not exist). */
export function readDist(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (sub: string): void => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel); else files.set(rel, readFileSync(join(dir, rel), 'utf8'));
    }
  };
  walk('');
  return files;
}

/** Whether two sets of files are identical. */
export function sameFiles(a: DistFiles, b: DistFiles): boolean {
  return a.size === b.size && [...a].every(([path, content]) => b.get(path) === content);
}

/**
 * Replaces `dir` with exactly `files`: written to a sibling folder first, then swapped in with two
 * renames, so a failed or interrupted write never leaves a partial folder. A swap cut off between
 * the renames is repaired by the next call.
 *
 * @returns whether anything changed
 */
export function writeDistAtomically(dir: string, files: DistFiles): boolean {
  const target = resolve(dir);
  const parent = dirname(target);
  const name = basename(target);
  const staging = join(parent, `.${name}-staging`);
  const previous = join(parent, `.${name}-previous`);
  mkdirSync(parent, { recursive: true });
  if (!existsSync(target) && existsSync(previous)) renameSync(previous, target);
  rmSync(previous, { recursive: true, force: true });
  if (sameFiles(readDist(target), files)) return false;

  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    writeFileSync(join(staging, path), content);
  }
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
  return true;
}
