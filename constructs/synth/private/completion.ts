/**
 * How `scripts/run-ts.cjs` tells a synth that ran from one that did not: the synth command (and a
 * completed `writeDistAtomically`) set this mark in the process, and run-ts turns an exit code 0
 * without it into a failure. An empty or damaged bundle, or an entry whose main-module check never
 * fires, must not pass for "dist/ is up to date".
 */

/** The global symbol run-ts reads; keep in step with scripts/run-ts.cjs. */
export const SYNTH_COMPLETED = Symbol.for('blumeops-authentik.synthCompleted');

/** Records that this process synthesized (and, for `--check`, compared) to the end. */
export function markSynthCompleted(): void {
  (globalThis as Record<symbol, unknown>)[SYNTH_COMPLETED] = true;
}
