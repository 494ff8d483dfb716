/**
 * `items.map(fn)`, but `items` itself when `fn` returns every item as it is: a derived document then
 * shares what it does not change with the one it came from. Neither may be written to afterwards.
 */
export function mapItemsOnWrite<T, R>(items: readonly T[], fn: (item: T) => R): readonly (T | R)[] {
  let out: (T | R)[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const mapped = fn(item);
    if (out === undefined && (mapped as unknown) !== item) out = items.slice(0, i);
    if (out !== undefined) out.push(mapped);
  }
  return out ?? items;
}

/**
 * The record of `keys` (in that order; by default its own, as they are) with each value `fn` of what
 * `record` holds, keys whose value or result is undefined left out; `record` itself when that is what it
 * already is (its keys, in that order, nothing undefined, every value returned as it is). Neither may
 * be written to afterwards.
 */
export function mapRecordOnWrite<T, R>(
  record: Readonly<Record<string, T>>,
  fn: (value: T) => R | undefined,
  keys?: readonly string[],
): Readonly<Record<string, T | R>> {
  let same = keys === undefined;
  if (keys === undefined) {
    keys = Object.keys(record);
  } else {
    const own = Object.keys(record);
    same = keys.length === own.length;
    for (let i = 0; same && i < keys.length; i++) same = own[i] === keys[i];
  }
  let out: Record<string, T | R> | undefined = same ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = record[key];
    const mapped = value === undefined ? undefined : fn(value);
    if (out === undefined && ((mapped as unknown) !== value || mapped === undefined)) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = record[keys[j]!]!;
    }
    if (out !== undefined && mapped !== undefined) out[key] = mapped;
  }
  return out ?? record;
}
