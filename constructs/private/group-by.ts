/**
 * `items` grouped by `key`, each key worked out once, groups and their items in first-seen order
 * (Node 20 has no `Map.groupBy`).
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const same = groups.get(k);
    if (same) same.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Reports every value that more than one owner claims. */
export function duplicates<T>(items: readonly T[], key: (item: T) => string, owner: (item: T) => string, describe: (key: string, owners: string[]) => string): string[] {
  // each key worked out once, and owners (construct paths) only for the keys that clash
  return [...groupBy(items, key)].filter(([, same]) => same.length > 1).map(([k, same]) => describe(k, same.map(owner)));
}
