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
