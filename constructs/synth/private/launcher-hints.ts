/**
 * What the synth tells the process it runs in, when `scripts/run-ts.cjs` launched it: the launcher
 * owns process-wide tuning and leaves a hook on the global object; a synth run elsewhere (the tests,
 * `tsx main.ts`) finds none and changes nothing.
 *
 * A large declaration runs each per-entry function thousands of times in a second or a few. V8 tiers
 * such a function up to TurboFan once it has run a budget of bytecode, and for these runs the
 * background compiles cost more CPU than the optimized code saved before the process ended (a third
 * of the CPU at 1,000 clients, taken from the main thread when the other cores are busy). A small
 * declaration's few hot functions (the YAML parser, the schema validators) do pay the compile back.
 * So the launcher raises the tier-up budget only once the synth reports a large declaration. It also
 * stops V8's young generation growing then: from that point the synth's objects die young or live to
 * the end, and growing the space for the survivors only touched fresh memory (4,000 page faults at
 * 1,000 clients) without freeing more.
 *
 * The synth also tells the launcher when it has dropped what only validation needed (the entries'
 * wire form, `VALIDATION_ONLY_MEMO_KEYS`): a large synth has then promoted much of it, and the garbage
 * of rendering every blueprint, into V8's old space, which V8 collects only when that space outgrows
 * its limit. At 10,000 clients it never did before the end, and the process peaked at 480 to 525 MiB;
 * one full collection at this point keeps it near 440 MiB. The launcher decides whether the heap is
 * large enough for a collection to pay.
 */
import type { IConstruct } from 'constructs';
import { BlueprintEntry } from '../../blueprint/blueprint-entry';

/** The global symbol run-ts sets its hook under; keep in step with scripts/run-ts.cjs. */
export const LARGE_DECLARATION_HOOK = Symbol.for('blumeops-authentik.largeDeclaration');

/** The global symbol of run-ts's hook for `reportValidationMemoryDropped`; keep in step with scripts/run-ts.cjs. */
export const VALIDATION_MEMORY_DROPPED_HOOK = Symbol.for('blumeops-authentik.validationMemoryDropped');

/**
 * The number of entries from which a declaration counts as large. Measured with scripts/bench-app.ts:
 * at 30 clients (some 170 entries) the raised budget cost 7 % of the synth, at 60 clients (some 300)
 * it saved 12 %, and more with every client after.
 */
export const LARGE_DECLARATION_ENTRIES = 250;

/**
 * Tells the launcher, if there is one, that the app of `constructs` (all of them, as the synth lists
 * them anyway: a walk of the tree of its own would cost a large app more than a few ms) is a large
 * declaration; returns whether it told.
 */
export function reportDeclarationSize(constructs: readonly IConstruct[]): boolean {
  // no count where no launcher listens
  if (launcherHook(LARGE_DECLARATION_HOOK) === undefined) return false;
  let entries = 0;
  for (let i = 0; i < constructs.length; i++) if (BlueprintEntry.isBlueprintEntry(constructs[i])) entries++;
  return entries >= LARGE_DECLARATION_ENTRIES && callLauncher(LARGE_DECLARATION_HOOK);
}

/**
 * Tells the launcher, if there is one, that the synth has just dropped what only validation needed, so
 * a garbage collection now would find the most to free; returns whether a launcher was told.
 */
export function reportValidationMemoryDropped(): boolean {
  return callLauncher(VALIDATION_MEMORY_DROPPED_HOOK);
}

// the hook a launcher left under `symbol`, if any
function launcherHook(symbol: symbol): (() => unknown) | undefined {
  const hook = (globalThis as Record<symbol, unknown>)[symbol];
  return typeof hook === 'function' ? hook as () => unknown : undefined;
}

// calls the hook under `symbol`; whether there was one
function callLauncher(symbol: symbol): boolean {
  const hook = launcherHook(symbol);
  hook?.();
  return hook !== undefined;
}
