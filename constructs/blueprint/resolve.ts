import { isAuthentikObject } from './object-ref';
import type { ResolvedValue } from './serialize';
import { Tag, TagNodeKind } from './tags';
import { asReference, Reference, type BlueprintValue, type ResolveContext } from './value';

/** Resolves every value of a record, keys sorted, undefined values dropped. */
export function resolveRecord(record: Record<string, BlueprintValue>, context: ResolveContext): Record<string, ResolvedValue> {
  const out: Record<string, ResolvedValue> = {};
  for (const key of Object.keys(record).sort()) {
    if (record[key] !== undefined) out[key] = resolveValue(record[key], context);
  }
  return out;
}

/** Replaces every reference with the tag it stands for here; plain objects get sorted keys. */
export function resolveValue(value: BlueprintValue, context: ResolveContext): ResolvedValue {
  if (value === null || typeof value !== 'object') return value;
  const reference = asReference(value);
  if (reference) return resolveValue(reference.resolve(context), context);
  if (value instanceof Tag) {
    if (value.kind === TagNodeKind.SCALAR || !value.items.some(containsReference)) return value;
    return Tag.sequence(value.name, value.items.map((item) => resolveValue(item, context)));
  }
  if (Array.isArray(value)) return value.map((item: BlueprintValue) => resolveValue(item, context));
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
