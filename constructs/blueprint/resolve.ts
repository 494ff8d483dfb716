import { mapItemsOnWrite, mapRecordOnWrite } from '../private/copy-on-write';
import { sortKeys } from '../private/records';
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
  // keys already in order are the record's own: no second list to compare them with
  return mapRecordOnWrite(record, (value) => resolveValue(value, context), sorted ? undefined : sortKeys(keys)) as Record<string, ResolvedValue>;
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
  if (Array.isArray(value)) return mapItemsOnWrite(value as BlueprintValue[], (item) => resolveValue(item, context)) as ResolvedValue[];
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
