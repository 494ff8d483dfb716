/**
 * Values derived from constructs, memoized for the span of one synth.
 */
// values derived from constructs, memoized while a synth validates and renders: no user code runs
// then, so each blueprint renders once although its checks, the app's cross-checks and the ConfigMap
// all ask for it
let synthMemo: WeakMap<object, Map<string, unknown>> | undefined;

/** Runs `fn` with `memoDuringSynth` active, for the span of one synth. */
export function withSynthMemo<T>(fn: () => T): T {
  const outer = synthMemo;
  synthMemo ??= new WeakMap();
  try {
    return fn();
  } finally {
    synthMemo = outer;
  }
}

/** `compute()` once per synth for `(owner, key)`; outside a synth, every time. */
export function memoDuringSynth<T>(owner: object, key: string, compute: () => T): T {
  if (!synthMemo) return compute();
  let values = synthMemo.get(owner);
  if (!values) synthMemo.set(owner, (values = new Map()));
  const known = values.get(key);
  if (known !== undefined || values.has(key)) return known as T;
  const value = compute();
  values.set(key, value);
  return value;
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
  const values = synthMemo?.get(apiObject);
  if (values?.has(MANIFEST_JSON)) {
    const json = values.get(MANIFEST_JSON) as T;
    values.delete(MANIFEST_JSON);
    return json;
  }
  return apiObject.toJson();
}
