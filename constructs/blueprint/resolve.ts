import { isAuthentikObject } from './object-ref';
import type { ResolvedValue } from './serialize';
import { Tag, TagNodeKind } from './tags';
import { asReference, Reference, type BlueprintValue, type ResolveContext } from './value';

/**
 * Resolves every value of a record, keys sorted, undefined values dropped. A record that is already
 * so (sorted, no undefined, nothing to resolve) is returned as it is, not copied: a resolved document
 * shares what it does not change with the attributes it came from. Nothing writes to either.
 */
export function resolveRecord(record: Record<string, BlueprintValue>, context: ResolveContext): Record<string, ResolvedValue> {
  const keys = Object.keys(record);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! < keys[i]!;
  let out: Record<string, ResolvedValue> | undefined;
  if (!sorted) {
    keys.sort();
    out = {};
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = record[key];
    const resolved = value === undefined ? undefined : resolveValue(value, context);
    if (out === undefined && resolved !== value) out = copyOf(record, keys, i);
    if (out !== undefined && resolved !== undefined) out[key] = resolved;
  }
  return out ?? (record as Record<string, ResolvedValue>);
}

// the first `count` keys of `record`, which resolved to themselves
function copyOf(record: Record<string, BlueprintValue>, keys: readonly string[], count: number): Record<string, ResolvedValue> {
  const out: Record<string, ResolvedValue> = {};
  for (let j = 0; j < count; j++) out[keys[j]!] = record[keys[j]!] as ResolvedValue;
  return out;
}

/** Replaces every reference with the tag it stands for here; plain objects get sorted keys. Unchanged values are returned as they are. */
export function resolveValue(value: BlueprintValue, context: ResolveContext): ResolvedValue {
  if (value === null || typeof value !== 'object') return value;
  const reference = asReference(value);
  if (reference) return resolveValue(reference.resolve(context), context);
  if (value instanceof Tag) {
    if (value.kind === TagNodeKind.SCALAR || !value.items.some(containsReference)) return value;
    return Tag.sequence(value.name, value.items.map((item) => resolveValue(item, context)));
  }
  if (Array.isArray(value)) {
    let out: ResolvedValue[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as BlueprintValue;
      const resolved = resolveValue(item, context);
      if (out === undefined && resolved !== item) out = value.slice(0, i) as ResolvedValue[];
      if (out !== undefined) out.push(resolved);
    }
    return out ?? (value as ResolvedValue[]);
  }
  return resolveRecord(value as Record<string, BlueprintValue>, context);
}

function containsReference(value: BlueprintValue): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Reference || isAuthentikObject(value)) return true;
  if (value instanceof Tag) return value.items.some(containsReference);
  if (Array.isArray(value)) return value.some(containsReference);
  for (const key in value) if (containsReference((value as Record<string, BlueprintValue>)[key])) return true;
  return false;
}
