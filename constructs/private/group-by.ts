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
