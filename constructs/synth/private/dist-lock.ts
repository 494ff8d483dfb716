import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { sleepSync } from './faults';

/**
 * A lock file beside the output folder (`.dist.lock`), held by one synth from reading the folder to
 * the end of its swap, so concurrent synths take turns instead of mixing their files.
 *
 * Created with O_EXCL and holding the owner's pid, host and process start time. A lock whose owner
 * died (kill -9, power cut) is stale: the next synth sees the pid gone, or reused by a process that
 * started later, and breaks it. Breaking is itself guarded by `.dist.lock.break` (O_EXCL too), so two
 * synths that find the same stale lock cannot both take it.
 */

/** Who holds a lock. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** Start time of the process in clock ticks since boot (`/proc/PID/stat`), where known. */
  readonly start?: string;
  /** When the lock was taken (ISO 8601). */
  readonly since: string;
}

/** The lock is held by a live synth and was not released in time. */
export class LockBusyError extends Error {
  public readonly code = 'EBUSY';
  constructor(public readonly path: string, public readonly owner: LockOwner | undefined, waitedMs: number) {
    super(`${path} is held by ${owner ? `pid ${owner.pid} on ${owner.host} since ${owner.since}` : 'another synth'}; `
      + `waited ${Math.round(waitedMs / 1000)} s. Let that synth finish; if no synth is running `
      + `${owner && owner.host !== hostname() ? `on ${owner.host} ` : ''}delete ${path}`);
    this.name = 'LockBusyError';
  }
}

// an owner that died between creating the file and writing its pid leaves it empty; only after this
// long is an unreadable lock taken for stale
const UNREADABLE_STALE_MS = 5_000;
const BREAKER_STALE_MS = 10_000;
const POLL_MS = 25;

/**
 * Takes the lock at `path`, waiting up to `timeoutMs` for a live owner.
 * @returns the release function; it removes the lock only while it is still this process's
 * @throws LockBusyError on timeout, or the system error that kept the lock file from being created
 */
export function acquireLock(path: string, timeoutMs: number): () => void {
  const me: LockOwner = { pid: process.pid, host: hostname(), start: processStart(process.pid), since: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  const startedAt = Date.now();
  for (;;) {
    if (tryCreate(path, text)) return () => release(path, text);
    const held = readLock(path);
    if (held === undefined) continue; // released meanwhile
    if (isStale(held)) {
      breakStale(path, held.text);
      continue;
    }
    if (Date.now() - startedAt >= timeoutMs) throw new LockBusyError(path, held.owner, Date.now() - startedAt);
    sleepSync(POLL_MS);
  }
}

function tryCreate(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

interface HeldLock {
  readonly text: string;
  readonly owner?: LockOwner;
  readonly ageMs: number;
}

function readLock(path: string): HeldLock | undefined {
  try {
    const ageMs = Date.now() - statSync(path).mtimeMs;
    const text = readFileSync(path, 'utf8');
    let owner: LockOwner | undefined;
    try {
      const parsed = JSON.parse(text) as LockOwner;
      if (Number.isInteger(parsed.pid) && typeof parsed.host === 'string') owner = parsed;
    } catch {
      // empty or torn: judged by its age
    }
    return { text, owner, ageMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function isStale(held: HeldLock): boolean {
  if (!held.owner) return held.ageMs > UNREADABLE_STALE_MS;
  return ownerDead(held.owner);
}

/** Whether the process that took a lock is gone; a lock from another host is never judged dead. */
export function ownerDead(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
  // the pid lives, but may belong to a later process
  const start = processStart(owner.pid);
  return owner.start !== undefined && start !== undefined && start !== owner.start;
}

function breakStale(path: string, staleText: string): void {
  const breaker = `${path}.break`;
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname(), start: processStart(process.pid), since: new Date().toISOString() })}\n`;
  if (!tryCreate(breaker, mine)) {
    // another synth is breaking it; a breaker whose owner died is removed after a while
    const other = readLock(breaker);
    if (other && ((other.owner !== undefined && ownerDead(other.owner)) || other.ageMs > BREAKER_STALE_MS)) unlinkQuietly(breaker);
    else sleepSync(POLL_MS);
    return;
  }
  try {
    const now = readLock(path);
    if (now && now.text === staleText) unlinkSync(path);
  } finally {
    unlinkQuietly(breaker);
  }
}

function release(path: string, text: string): void {
  try {
    if (readFileSync(path, 'utf8') === text) unlinkSync(path);
  } catch {
    // gone already, or unreadable: the next synth judges it stale
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // someone else removed it
  }
}

/** A process's start time from `/proc/PID/stat` (field 22), or undefined off Linux. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
