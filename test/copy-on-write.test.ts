import { describe, expect, it } from 'vitest';
import { mapItemsOnWrite, mapRecordOnWrite } from '../constructs/private/copy-on-write';

describe('copy-on-write maps', () => {
  it('return the list itself when every item maps to itself, a copy from the first change on', () => {
    const items = [1, 2, 3];
    expect(mapItemsOnWrite(items, (x) => x)).toBe(items);
    const changed = mapItemsOnWrite(items, (x) => (x === 2 ? 20 : x));
    expect(changed).toEqual([1, 20, 3]);
    expect(items).toEqual([1, 2, 3]);
  });

  it('return the record itself only when its keys, their order and every value stay, dropping undefined otherwise', () => {
    const record: Record<string, number | undefined> = { a: 1, b: 2 };
    expect(mapRecordOnWrite(record, (v) => v, ['a', 'b'])).toBe(record);
    const reordered = mapRecordOnWrite(record, (v) => v, ['b', 'a']);
    expect(Object.keys(reordered)).toEqual(['b', 'a']);
    const holey = { a: 1, b: undefined, c: 3 };
    expect(Object.keys(mapRecordOnWrite(holey, (v) => v, ['a', 'b', 'c']))).toEqual(['a', 'c']);
    expect(Object.keys(mapRecordOnWrite(record, (v) => (v === 1 ? undefined : v), ['a', 'b']))).toEqual(['b']);
    expect(mapRecordOnWrite(record, (v) => (v === 2 ? 9 : v), ['a', 'b'])).toEqual({ a: 1, b: 9 });
    expect(record).toEqual({ a: 1, b: 2 });
  });
});
