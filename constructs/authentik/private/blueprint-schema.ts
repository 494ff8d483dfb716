/**
 * What authentik's own blueprint schema (`blueprints/schema.json` of 2026.2, vendored in
 * `../specs/`) says a blueprint may name: its models and the attributes each one's blueprint
 * serializer accepts. An unknown model fails the whole file; an unknown attribute is dropped without a
 * word. Read from `../generated/blueprint-fields.json` (`npm run generate`), once.
 */
import { readFileSync } from 'node:fs';

interface BlueprintModel {
  readonly attributes: readonly string[];
  readonly permissions: readonly string[];
  readonly identifiers: boolean;
}

interface BlueprintFields {
  readonly schemaTitle: string;
  readonly models: Readonly<Record<string, BlueprintModel>>;
}

let loaded: BlueprintFields | undefined;
let names: readonly string[] | undefined;

function fields(): BlueprintFields {
  loaded ??= JSON.parse(readFileSync(new URL('../generated/blueprint-fields.json', import.meta.url), 'utf8')) as BlueprintFields;
  return loaded;
}

/** Every model name a blueprint entry may have in authentik 2026.2, sorted. */
export function blueprintModelNames(): readonly string[] {
  names ??= Object.freeze(Object.keys(fields().models));
  return names;
}

/** Whether authentik 2026.2 knows `model` (`app_label.modelname`, lower case, as blueprints write it). */
export function isKnownModel(model: string): boolean {
  return Object.prototype.hasOwnProperty.call(fields().models, model);
}

/**
 * The attribute names (wire form) authentik's blueprint serializer accepts for `model`, sorted,
 * blueprint-only ones included (an application's `icon`, a user's `password` and `permissions`);
 * undefined for a model authentik does not know.
 */
export function blueprintFieldNames(model: string): readonly string[] | undefined {
  return isKnownModel(model) ? fields().models[model]!.attributes : undefined;
}

/** The permission codenames an entry of `model` may grant in its `permissions`; undefined for an unknown model. */
export function blueprintPermissionNames(model: string): readonly string[] | undefined {
  return isKnownModel(model) ? fields().models[model]!.permissions : undefined;
}

/**
 * The candidate `name` most likely means, for a "did you mean" hint: the closest by edit distance
 * (ignoring case, `_`/`-` and, for `app.model` names, also comparing the part after the dot), if it is
 * close enough to be a plausible typo (at most a third of the name's length, at least 1, at most 3
 * edits); undefined otherwise, or when `name` itself is a candidate.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(name)) return undefined;
  const norm = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');
  const target = norm(name);
  const targetTail = name.includes('.') ? norm(name.slice(name.lastIndexOf('.') + 1)) : undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const full = norm(candidate);
    let distance = levenshtein(target, full, limit);
    if (targetTail !== undefined && candidate.includes('.')) {
      distance = Math.min(distance, levenshtein(targetTail, norm(candidate.slice(candidate.lastIndexOf('.') + 1)), limit) + (norm(candidate.slice(0, candidate.lastIndexOf('.'))) === norm(name.slice(0, name.lastIndexOf('.'))) ? 0 : 1));
    }
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Edit distance (insertions, deletions, substitutions), or `limit + 1` as soon as it must exceed `limit`. */
function levenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (current[j]! < rowMin) rowMin = current[j]!;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
