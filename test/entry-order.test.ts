import { describe, expect, it } from 'vitest';
import { orderEntries } from '../constructs/blueprint/entry-order';
import { seededIntegers } from './helpers';

// the definition orderEntries keeps: at each step, of the entries whose needs are all written, the smallest key
function reference(items: readonly string[], needs: Map<string, Set<string>>, rank: Map<string, number>): { order: string[]; cycle: boolean } {
  const key = (i: string): [number, string] => [rank.get(i)!, i];
  const compare = (a: string, b: string): number => key(a)[0] - key(b)[0] || (a < b ? -1 : a > b ? 1 : 0);
  const remaining = new Set(items);
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].filter((i) => [...needs.get(i)!].every((n) => !remaining.has(n) || !items.includes(n))).sort(compare);
    if (ready.length === 0) return { order: [...order, ...[...remaining].sort(compare)], cycle: true };
    order.push(ready[0]!);
    remaining.delete(ready[0]!);
  }
  return { order, cycle: false };
}

describe('the order entries are written in', () => {
  it('is the smallest ready key first at every step, for random graphs with outside needs and cycles', () => {
    const next = seededIntegers(7);
    let cycles = 0;
    for (let round = 0; round < 500; round++) {
      const items = Array.from({ length: 1 + next(9) }, (_, i) => `e${String.fromCharCode(97 + next(26))}${i}`);
      const rank = new Map(items.map((i) => [i, next(3) * 10]));
      const needs = new Map(items.map((i) => [i, new Set<string>()]));
      for (const i of items) {
        for (let k = next(3); k > 0; k--) {
          // mostly needs on other items (a cycle now and then), sometimes on an entry of another file
          const n = next(5) === 0 ? 'outside' : items[next(items.length)]!;
          if (n !== i) needs.get(i)!.add(n);
        }
      }
      const problems: string[] = [];
      const got = orderEntries(items, needs, (i) => [rank.get(i)!, i], problems, 'Test');
      const want = reference(items, needs, rank);
      expect(got).toEqual(want.order);
      expect(problems.length).toBe(want.cycle ? 1 : 0);
      if (want.cycle) cycles++;
    }
    // the random graphs did exercise cycles and clean orders alike
    expect(cycles).toBeGreaterThan(20);
    expect(cycles).toBeLessThan(480);
  });
});
