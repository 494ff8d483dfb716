import {
  closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync,
  renameSync, rmSync, statSync, writeFileSync, writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { acquireLock } from './private/dist-lock';
import { faultPoint } from './private/faults';
import { markSynthCompleted } from './private/completion';

/** The files of a synthesized folder, by path relative to it. */
export type DistFiles = ReadonlyMap<string, string>;

/**
 * Reads every file under `dir` (empty when it does not exist). A symlinked folder is read through.
 * @throws the system error when the folder or a file cannot be read
 */
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
 * Whether the folder `dir` holds exactly `files`: `sameFiles(readDist(dir), files)`, read one file at
 * a time and stopping at the first difference, so the old folder is never all in memory (at 10,000
 * clients, 55 MB of text beside the new files).
 * @throws the system error when the folder or a file cannot be read
 */
export function distMatches(dir: string, files: DistFiles): boolean {
  if (!existsSync(dir)) return files.size === 0;
  let count = 0;
  const walk = (sub: string): boolean => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) {
        if (!walk(rel)) return false;
        continue;
      }
      const content = files.get(rel);
      if (content === undefined || readFileSync(join(dir, rel), 'utf8') !== content) return false;
      count++;
    }
    return true;
  };
  return walk('') && count === files.size;
}

/** Where a synth really writes, and the names it uses beside it. */
export interface DistTarget {
  /** The folder as asked for (`--outdir`, `dist/`). */
  readonly requested: string;
  /** The folder written: `requested`, or where its symlink points (written through, never replaced). */
  readonly path: string;
  /** The symlink `requested` is, if it is one. */
  readonly link?: string;
  /** `.dist.lock`: held across read, compare and swap. */
  readonly lock: string;
  /** `.dist-staging`: the new files, written before the swap. */
  readonly staging: string;
  /** `.dist-previous`: the old folder between the two renames of a swap; always complete. */
  readonly previous: string;
  /** `.dist-trash`: the old folder being deleted after a swap. */
  readonly trash: string;
}

/** The output folder (or what it links to) is something other than a folder. */
export class NotAFolderError extends Error {
  public readonly code = 'ENOTDIR';
  constructor(public readonly path: string, what: string) {
    super(`${path} is ${what}, not a folder; move it away or synthesize with --outdir DIR`);
    this.name = 'NotAFolderError';
  }
}

/**
 * Resolves the folder a synth writes. A symlink (chain) is followed to its target, which is written
 * through: the link stays and the folder it points to is swapped, even while the link dangles.
 * @throws NotAFolderError when the path (or the link's target) is a file
 */
export function resolveDistTarget(dir: string): DistTarget {
  const requested = resolve(dir);
  let path = requested;
  for (let hops = 0; ; hops++) {
    let stat;
    try {
      stat = lstatSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') break;
      throw e;
    }
    if (stat.isSymbolicLink()) {
      if (hops >= 40) throw new NotAFolderError(requested, 'a symlink loop');
      path = resolve(dirname(path), readlinkSync(path));
      continue;
    }
    if (!stat.isDirectory()) throw new NotAFolderError(path, path === requested ? 'a file' : `a file (${requested} links to it)`);
    break;
  }
  // siblings live beside the real folder, on its file system, so the renames stay atomic
  let parent = dirname(path);
  try {
    parent = realpathSync(parent);
  } catch {
    // not created yet
  }
  const name = basename(path);
  const real = join(parent, name);
  return {
    requested,
    path: real,
    link: real === requested ? undefined : requested,
    lock: join(parent, `.${name}.lock`),
    staging: join(parent, `.${name}-staging`),
    previous: join(parent, `.${name}-previous`),
    trash: join(parent, `.${name}-trash`),
  };
}

/** Options for `withDistLock`. */
export interface DistLockOptions {
  /**
   * Go on without the lock when the lock file cannot be created because the file system refuses
   * writes (read-only, no permission): for `--check`, which only reads.
   * @default false
   */
  readonly optional?: boolean;
  /**
   * How long to wait for another synth to finish.
   * @default $BLUMEOPS_LOCK_TIMEOUT_MS, else 120000
   */
  readonly timeoutMs?: number;
}

const REFUSED_WRITES = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * Runs `fn` holding the folder's lock, so no other synth reads, compares or swaps it meanwhile.
 * @throws LockBusyError when another synth holds it for longer than the timeout
 */
export function withDistLock<T>(target: DistTarget, fn: () => T, options: DistLockOptions = {}): T {
  const timeoutMs = options.timeoutMs ?? (Number(process.env.BLUMEOPS_LOCK_TIMEOUT_MS) || 120_000);
  let release: (() => void) | undefined;
  try {
    if (!options.optional) mkdirSync(dirname(target.lock), { recursive: true });
    release = acquireLock(target.lock, timeoutMs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!(options.optional && (REFUSED_WRITES.has(code ?? '') || code === 'ENOENT'))) throw e;
  }
  try {
    if (release) faultPoint('after-lock', target.lock);
    const result = fn();
    if (release) faultPoint('before-unlock', target.lock);
    return result;
  } finally {
    release?.();
  }
}

/** Whether a swap was cut off between its renames: the folder is gone and `.dist-previous` holds it. */
export function interruptedSwap(target: DistTarget): boolean {
  return !pathExists(target.path) && pathExists(target.previous);
}

/**
 * Repairs what an interrupted synth left behind; call it holding the lock. A folder moved aside
 * (killed between the two renames of a swap) is moved back; leftover staging and old folders are
 * deleted.
 * @returns what was repaired, for the user
 */
export function recoverDist(target: DistTarget): string[] {
  const repaired: string[] = [];
  if (interruptedSwap(target)) {
    renameSync(target.previous, target.path);
    repaired.push(`restored ${target.path} from ${target.previous}: a synth was interrupted while swapping it in`);
  }
  if (pathExists(target.previous)) renameSync(target.previous, target.trash);
  for (const leftover of [target.trash, target.staging]) {
    if (!pathExists(leftover)) continue;
    rmSync(leftover, { recursive: true, force: true });
    if (leftover === target.staging) repaired.push(`removed ${leftover}, left by a synth that did not finish`);
  }
  return repaired;
}

/**
 * Replaces the folder with exactly `files`; call it holding the lock, after `recoverDist`. The files
 * are written (and flushed) to `.dist-staging`, then swapped in with two renames: the folder to
 * `.dist-previous`, the staging folder to the folder. At every instant the folder, or
 * `.dist-previous` while the folder is missing, is complete, and `recoverDist` repairs a cut-off
 * swap. A failure before the swap removes the staging folder and leaves the folder untouched.
 */
export function swapDist(target: DistTarget, files: DistFiles): void {
  rmSync(target.staging, { recursive: true, force: true });
  mkdirSync(dirname(target.staging), { recursive: true });
  const had = pathExists(target.path);
  try {
    mkdirSync(target.staging);
    let first = true;
    for (const [path, content] of files) {
      const file = join(target.staging, path);
      faultPoint('staging-write', file);
      mkdirSync(dirname(file), { recursive: true });
      writeDurably(file, content);
      if (first) faultPoint('staging-partial', file);
      first = false;
    }
    flushFolder(target.staging);
    faultPoint('after-staging', target.staging);
    if (had) {
      renameSync(target.path, target.previous);
      faultPoint('after-rename-1', target.previous);
    }
    try {
      renameSync(target.staging, target.path);
    } catch (e) {
      if (had) renameSync(target.previous, target.path);
      throw e;
    }
    flushFolder(dirname(target.path));
    faultPoint('after-rename-2', target.path);
  } catch (e) {
    try {
      rmSync(target.staging, { recursive: true, force: true });
    } catch {
      // the next run removes it
    }
    throw e;
  }
  if (!had) return;
  // the old folder goes: first out of .dist-previous, which recovery trusts to be complete
  try {
    renameSync(target.previous, target.trash);
    faultPoint('after-retire', target.trash);
    rmSync(target.trash, { recursive: true, force: true });
  } catch {
    // the new folder is in place; the next run deletes what is left
  }
}

/**
 * Replaces `dir` with exactly `files`, atomically and under the folder's lock (see `swapDist`); a
 * symlinked folder is written through. Repairs what an interrupted synth left first.
 *
 * @returns whether anything changed
 */
export function writeDistAtomically(dir: string, files: DistFiles): boolean {
  const target = resolveDistTarget(dir);
  const changed = withDistLock(target, () => {
    recoverDist(target);
    if (distMatches(target.path, files)) return false;
    swapDist(target, files);
    return true;
  });
  markSynthCompleted();
  return changed;
}

function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

function writeDurably(file: string, content: string): void {
  const fd = openSync(file, 'wx');
  try {
    // the string is encoded into memory that is freed as soon as it is written, not into a Buffer that
    // waits for the garbage collector: a 10,000-client app writes 25 MB of ConfigMaps at its peak
    const written = writeSync(fd, content, null, 'utf8');
    // a regular file takes the whole write; should it not, the rest is written as bytes
    if (written < Buffer.byteLength(content, 'utf8')) writeFileSync(fd, Buffer.from(content, 'utf8').subarray(written));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// a rename is durable once its folder is flushed; file systems that cannot flush a folder are left be
function flushFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EINVAL, EISDIR on some file systems
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
