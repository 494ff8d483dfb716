import type { IConstruct } from 'constructs';
import { constructsUnder } from '../private/construct-tree';

/**
 * Values derived from constructs, memoized for the span of one synth.
 */
// values derived from constructs, memoized while a synth validates and renders: no user code runs
// then, so each blueprint renders once although its checks, the app's cross-checks and the ConfigMap
// all ask for it
// by key, then by owner: a key's values can be forgotten together once nothing needs them (`forgetDuringSynth`)
let synthMemo: Map<string, WeakMap<object, unknown>> | undefined;

/** Runs `fn` with `memoDuringSynth` active, for the span of one synth. */
export function withSynthMemo<T>(fn: () => T): T {
  const outer = synthMemo;
  synthMemo ??= new Map();
  try {
    return fn();
  } finally {
    synthMemo = outer;
  }
}

/**
 * `compute(arg)` once per synth for `(owner, key)`; outside a synth, every time. A caller asked often
 * passes a function made once and its argument, so a call that finds the value allocates nothing.
 */
export function memoDuringSynth<T, A = undefined>(owner: object, key: string, compute: (arg: A) => T, arg?: A): T {
  if (!synthMemo) return compute(arg as A);
  let values = synthMemo.get(key);
  if (!values) synthMemo.set(key, (values = new WeakMap()));
  const known = values.get(owner);
  if (known !== undefined || values.has(owner)) return known as T;
  const value = compute(arg as A);
  values.set(owner, value);
  return value;
}

/**
 * Forgets every value memoized under `keys` in the current synth, so the garbage collector can take
 * them once nothing else holds them; a later `memoDuringSynth` for one of them computes it again.
 * Outside a synth it does nothing.
 */
export function forgetDuringSynth(...keys: readonly string[]): void {
  for (const key of keys) synthMemo?.delete(key);
}

/** Whether the current synth holds a memoized value for `(owner, key)` (for tests). */
export function memoizedDuringSynth(owner: object, key: string): boolean {
  return synthMemo?.get(key)?.has(owner) ?? false;
}

const TREE = 'tree';

/**
 * Every construct under `scope` (`scope.node.findAll()`, in its order), once per synth: the ConfigMaps,
 * kustomizations, cross-checks and the access map each need the whole tree, which at 1,000 clients
 * holds some 10,000 constructs. `prepareApp` forgets it once preparing is done (preparing may add
 * constructs); callers must not modify the list.
 */
export function constructsDuringSynth(scope: IConstruct): readonly IConstruct[] {
  return memoDuringSynth(scope, TREE, () => constructsUnder(scope));
}

/** Forgets the trees `constructsDuringSynth` remembered (after a step that may add constructs). */
export function forgetTreesDuringSynth(): void {
  forgetDuringSynth(TREE);
}

const MANIFEST_JSON = 'toJson';

/**
 * An ApiObject's manifest (`toJson()`), resolved once per synth: its validation and the manifest writer
 * (`takeManifestJson`) read the same object, which nothing changes in between. Callers must not modify it.
 */
export function manifestJsonDuringSynth<T>(apiObject: { toJson(): T }): T {
  return memoDuringSynth(apiObject, MANIFEST_JSON, () => apiObject.toJson());
}

/**
 * The manifest writer's read of an ApiObject's manifest: the one its validation resolved, which is
 * then forgotten (the writer reads it last), or a fresh `toJson()`, never kept.
 */
export function takeManifestJson<T>(apiObject: { toJson(): T }): T {
  const values = synthMemo?.get(MANIFEST_JSON);
  if (values?.has(apiObject)) {
    const json = values.get(apiObject) as T;
    values.delete(apiObject);
    return json;
  }
  return apiObject.toJson();
}
