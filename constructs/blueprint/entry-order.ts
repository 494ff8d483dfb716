import type { BlueprintEntry } from './blueprint-entry';
import { EntryState } from './blueprint-entry';
import type { EntryDocument } from './serialize';
import { tagsIn } from './document-tags';
import { KeyOf } from './tags';
import { duplicates } from '../private/group-by';

/** Duplicate ids, and `!KeyOf`s that do not point at an earlier entry with an instance. */
export function checkEntryIds(
  written: readonly EntryDocument[],
  entries: readonly BlueprintEntry[],
  idOf: (e: BlueprintEntry) => string,
  where: string,
): string[] {
  const problems: string[] = [];
  problems.push(...duplicates(entries, idOf, (e) => e.node.path,
    (id, owners) => `${where}: entry id "${id}" is derived for ${owners.join(' and ')}; give one of them another construct id`));
  const seen = new Set<string>();
  for (let d = 0; d < written.length; d++) {
    const doc = written[d]!;
    const tags = tagsIn(doc);
    for (let t = 0; t < tags.length; t++) {
      const tag = tags[t];
      if (!(tag instanceof KeyOf)) continue;
      const target = tag.entryId;
      if (!seen.has(target)) {
        problems.push(`${where}: entry "${doc.id}" uses !KeyOf ${target}, but no earlier live entry in this file has that id; `
          + 'refer to the entry construct itself (entry.ref()) rather than writing its id');
      }
    }
    if (doc.id !== undefined && doc.state !== EntryState.ABSENT) seen.add(doc.id);
  }
  return problems;
}

/**
 * Topological order in which every entry comes after the entries it needs; among entries that are
 * ready at the same time, the smallest key first, so the result does not depend on declaration order.
 * A need outside `items` is met already.
 */
export function orderEntries<T>(
  items: readonly T[],
  needs: Map<T, Set<T>>,
  key: (item: T) => [number, string],
  problems: string[],
  where: string,
): T[] {
  const compare = (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    return ka[0] - kb[0] || (ka[1] < kb[1] ? -1 : ka[1] > kb[1] ? 1 : 0);
  };
  // how many needs of each item are still to be written, and who waits for each item
  const inItems = new Set(items);
  const unmet = new Map<T, number>();
  const waiting = new Map<T, T[]>();
  for (const item of items) {
    let count = 0;
    for (const need of needs.get(item)!) {
      if (!inItems.has(need)) continue;
      count++;
      const list = waiting.get(need);
      if (list) list.push(item);
      else waiting.set(need, [item]);
    }
    unmet.set(item, count);
  }
  const remaining = new Set(items);
  const ready = items.filter((item) => unmet.get(item) === 0);
  const out: T[] = [];
  while (remaining.size > 0) {
    if (ready.length === 0) {
      problems.push(`${where}: entries refer to each other in a cycle (${[...remaining].map((r) => key(r)[1]).sort().join(', ')}); `
        + 'authentik applies entries top to bottom, so break the cycle');
      out.push(...[...remaining].sort(compare));
      break;
    }
    let best = 0;
    for (let i = 1; i < ready.length; i++) if (compare(ready[i]!, ready[best]!) < 0) best = i;
    const next = ready[best]!;
    ready.splice(best, 1);
    out.push(next);
    remaining.delete(next);
    for (const dependent of waiting.get(next) ?? []) {
      const left = unmet.get(dependent)! - 1;
      unmet.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  return out;
}
