/**
 * Fault injection for the fault tests of the folder writer, driven by `BLUMEOPS_FAULT` (tests only;
 * unset, every call is one string comparison). A comma-separated list of `[ACTION@]STEP`:
 *
 * - `STEP` or `kill@STEP`: the process SIGKILLs itself when it reaches STEP, as a crash or `kill -9` would;
 * - `sleep=MS@STEP`: it sleeps MS milliseconds there (to make two synths overlap);
 * - `ENOSPC@STEP`, `EROFS@STEP`, `EIO@STEP`, …: the step fails with that system error, for machines
 *   where a full or read-only file system cannot be mounted.
 *
 * The steps, in the order a write takes them, are listed in `FAULT_STEPS`.
 */

/** The named steps of a synth that a fault can hit. */
export const FAULT_STEPS = [
  'after-lock', // the lock is held, nothing else done
  'staging-write', // before each file written to the staging folder
  'staging-partial', // after the first file was written to the staging folder
  'after-staging', // the staging folder is complete and flushed
  'after-rename-1', // dist/ was moved to .dist-previous
  'after-rename-2', // the staging folder became dist/
  'after-retire', // .dist-previous was moved to .dist-trash
  'before-unlock', // everything done but the lock's release
] as const;

/** A step of `FAULT_STEPS`. */
export type FaultStep = (typeof FAULT_STEPS)[number];

const spec = process.env.BLUMEOPS_FAULT ?? '';

/** Runs the fault `BLUMEOPS_FAULT` names for `step`, if any. */
export function faultPoint(step: FaultStep, path?: string): void {
  if (spec === '') return;
  for (const item of spec.split(',')) {
    const at = item.lastIndexOf('@');
    const action = at < 0 ? 'kill' : item.slice(0, at);
    if ((at < 0 ? item : item.slice(at + 1)) !== step) continue;
    if (action === 'kill') process.kill(process.pid, 'SIGKILL');
    else if (action.startsWith('sleep=')) sleepSync(Number(action.slice('sleep='.length)));
    else throw systemError(action, step, path);
  }
}

/** Blocks the thread for `ms` milliseconds. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function systemError(code: string, step: string, path?: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: injected fault at ${step}${path ? `, '${path}'` : ''}`);
  e.code = code;
  e.syscall = step;
  if (path) e.path = path;
  return e;
}
