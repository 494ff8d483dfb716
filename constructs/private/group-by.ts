/**
 * `items` grouped by `key`, each key worked out once, groups and their items in first-seen order
 * (Node 20 has no `Map.groupBy`).
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  const add = (item: T): void => {
    const k = key(item);
    const same = groups.get(k);
    if (same) same.push(item);
    else groups.set(k, [item]);
  };
  // an array by index: a blueprint's entry-id check calls this per blueprint, in V8's baseline tier,
  // where for…of allocates per step
  if (Array.isArray(items)) for (let i = 0; i < items.length; i++) add(items[i] as T);
  else for (const item of items) add(item);
  return groups;
}

/** Reports every value that more than one owner claims. */
export function duplicates<T>(items: readonly T[], key: (item: T) => string, owner: (item: T) => string, describe: (key: string, owners: string[]) => string): string[] {
  // one item cannot clash (most blueprints hold a few entries, checked once each)
  if (items.length < 2) return [];
  // each key worked out once, and owners (construct paths) only for the keys that clash
  const problems: string[] = [];
  groupBy(items, key).forEach((same, k) => {
    if (same.length > 1) problems.push(describe(k, same.map(owner)));
  });
  return problems;
}
