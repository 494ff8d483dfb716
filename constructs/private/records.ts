/**
 * `{ ...a, ...b }` for records of fields (own enumerable string keys; symbol keys are not fields): a new
 * record with each one's keys in turn, later ones winning. Per-entry code runs in V8's baseline tier,
 * where an object spread costs several times this loop. A key "__proto__" stays a key, as with spread.
 * A record that is undefined or null adds nothing.
 */
export function mergeRecords(...records: ReadonlyArray<Readonly<Record<string, unknown>> | undefined | null>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let r = 0; r < records.length; r++) {
    const record = records[r];
    if (record === undefined || record === null) continue;
    const keys = Object.keys(record);
    for (let i = 0; i < keys.length; i++) setKey(out, keys[i]!, record[keys[i]!]);
  }
  return out;
}

/** `record[key] = value`, where a key "__proto__" stays a key (as spread and `Object.fromEntries` keep it) rather than setting the prototype. */
export function setKey<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}

/**
 * Sorts `keys` in place as `keys.sort()` does (by UTF-16 code units) and returns it. Lists already in
 * order are left as they are and short ones sorted by insertion: V8's sort allocates work arrays for
 * every call, some 15 MB over a 1,000-client synth whose records hold two to five keys each.
 */
export function sortKeys(keys: string[]): string[] {
  const n = keys.length;
  if (n > 16) {
    for (let i = 1; i < n; i++) if (keys[i - 1]! > keys[i]!) return keys.sort();
    return keys;
  }
  for (let i = 1; i < n; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

/** `Object.keys(record).sort()`, without V8's sort for the short records most are (`sortKeys`). */
export function sortedKeys(record: object): string[] {
  return sortKeys(Object.keys(record));
}
