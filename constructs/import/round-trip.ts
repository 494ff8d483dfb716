import { camelize } from '../authentik/model-schema';
import { typedEntries } from '../authentik/private/entry-registry';
import { secretFields } from '../authentik/private/secret-fields';
import { objectKey, renderValue, sameValue, storedText, type AuthentikState, type StateObject, type StateValue } from '../synth/authentik-state';

/**
 * Compares what authentik would hold from the original files with what it would hold from the
 * synthesized ones: object for object, deletion for deletion, blueprint for blueprint.
 *
 * One allowance: a typed construct writes authentik's own model defaults when it creates an object
 * (a PolicyBinding's `enabled: true, negate: false, timeout: 30`); a field the original does not set
 * and the synthesized file sets to that construct default makes authentik hold the same object.
 *
 * A secret moved out of the files (`--move-literal-secrets`) is compared through an explicit map of
 * worker variables: `!Env NAME` in the synthesized files stands for the value given for NAME there,
 * and nothing else is assumed about secret fields.
 */

/** Worker variables the synthesized files read with `!Env`, as the worker would hold them. */
export type WorkerEnv = Readonly<Record<string, string>>;

/** Options for `compareStates`. */
export interface CompareOptions {
  /**
   * Values of worker variables: `!Env NAME` in the synthesized files is compared as this value.
   * @default - none: `!Env NAME` equals only `!Env NAME`
   */
  readonly env?: WorkerEnv;
}

/** Fields typed constructs pad, by model and wire name. */
export function constructDefaults(): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  for (const t of typedEntries()) {
    for (const [camel, value] of Object.entries(t.spec.defaults ?? {})) {
      const wire = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      if (camelize(wire) !== camel) continue;
      let fields = out.get(t.model);
      if (!fields) out.set(t.model, fields = new Map());
      fields.set(wire, value);
    }
  }
  return out;
}

/** How one object or deletion differs, in words. */
export interface StateMismatch {
  /** `model identity` of the object. */
  readonly key: string;
  /** What differs. */
  readonly message: string;
}

/** Differences between an object as the original declares it and as the synthesized files do. */
export function objectMismatch(original: StateObject, synthesized: StateObject | undefined, defaults = constructDefaults(), env: WorkerEnv = {}): string | undefined {
  if (synthesized === undefined) return 'the synthesized files do not declare it';
  const padded = defaults.get(original.model);
  const secrets = secretFields(original.model);
  const problems: string[] = [];
  for (const field of new Set([...Object.keys(original.fields), ...Object.keys(synthesized.fields)])) {
    const a = original.fields[field];
    const b = withEnv(synthesized.fields[field], env, (text) => storedText(original.model, field, text));
    if (sameValue(a, b)) continue;
    if (a === undefined && padded?.has(field) && sameValue(padded.get(field) as StateValue, b)) continue;
    // a secret is never shown, not even in a failure
    const shown = (x: StateValue | undefined): string => (x === undefined ? 'not set'
      : secrets.includes(field) && typeof x === 'string' ? `a literal secret (${x.length} characters)` : renderValue(x));
    problems.push(`${field}: ${shown(a)} became ${b !== synthesized.fields[field] && typeof b === 'string' ? `${shown(b)} (from ${renderValue(synthesized.fields[field])})` : shown(b)}`);
  }
  if (original.state !== synthesized.state) problems.push(`state: ${original.state} became ${synthesized.state}`);
  if (!sameValue(original.conditions, synthesized.conditions)) {
    problems.push(`conditions: ${renderValue(original.conditions)} became ${renderValue(synthesized.conditions)}`);
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/**
 * Every way two states differ beyond the allowance above. Extra apply-first dependencies in the
 * synthesized state are not differences: the construct library makes a blueprint that looks up
 * another's objects apply it first.
 */
export function compareStates(original: AuthentikState, synthesized: AuthentikState, options: CompareOptions = {}): StateMismatch[] {
  const defaults = constructDefaults();
  const env = options.env ?? {};
  const out: StateMismatch[] = [];
  const now = new Map(synthesized.objects.map((o) => [objectKey(o), o]));
  const before = new Set(original.objects.map(objectKey));
  for (const o of original.objects) {
    const message = objectMismatch(o, now.get(objectKey(o)), defaults, env);
    if (message) out.push({ key: objectKey(o), message });
  }
  for (const o of synthesized.objects) {
    if (!before.has(objectKey(o))) out.push({ key: objectKey(o), message: 'the synthesized files declare it; the original does not' });
  }
  const deletions = (s: AuthentikState): Set<string> => new Set(s.deletions.map(objectKey));
  const [d0, d1] = [deletions(original), deletions(synthesized)];
  for (const d of d0) if (!d1.has(d)) out.push({ key: d, message: 'the original deletes it; the synthesized files do not' });
  for (const d of d1) if (!d0.has(d)) out.push({ key: d, message: 'the synthesized files delete it; the original does not' });
  const deps = new Set(synthesized.dependencies.map((d) => JSON.stringify(d)));
  for (const d of original.dependencies) {
    if (!deps.has(JSON.stringify(d))) out.push({ key: `blueprint ${d.blueprint}`, message: `no longer applies ${renderValue(d.identifiers)} first` });
  }
  const blueprints = new Map(synthesized.blueprints.map((b) => [b.name, b]));
  for (const b of original.blueprints) {
    const other = blueprints.get(b.name);
    if (!other) out.push({ key: `blueprint ${b.name}`, message: 'not synthesized' });
    else if (!sameValue(b as unknown as StateValue, other as unknown as StateValue)) {
      out.push({ key: `blueprint ${b.name}`, message: `labels or context differ: ${renderValue(b as unknown as StateValue)} became ${renderValue(other as unknown as StateValue)}` });
    }
  }
  return out;
}

// `!Env NAME` (as reduced: `{ $symbol: '!Env NAME' }`) → the value given for NAME, stored as authentik stores the field
function withEnv(value: StateValue | undefined, env: WorkerEnv, stored: (text: string) => string): StateValue | undefined {
  if (value === undefined || Object.keys(env).length === 0) return value;
  for (const [name, text] of Object.entries(env)) {
    if (sameValue(value, { $symbol: `!Env ${renderValue(name)}` })) return stored(text);
  }
  return value;
}
