import { describe, expect, it } from 'vitest';
import { mergeRecords, sortedKeys, sortKeys } from '../constructs/private/records';
import { seededIntegers } from './helpers';

describe('mergeRecords', () => {
  it('makes what object spread makes, key order included, for random records', () => {
    const next = seededIntegers(11);
    const keys = ['a', 'b', 'name', 'slug', '0', '7', 'clientId', 'x-y'];
    const record = (): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (let i = next(6); i > 0; i--) out[keys[next(keys.length)]!] = next(3) === 0 ? undefined : next(100);
      return out;
    };
    for (let round = 0; round < 200; round++) {
      const a = record();
      const b = record();
      const c = record();
      const merged = mergeRecords(a, b, c);
      const spread = { ...a, ...b, ...c };
      expect(merged).toEqual(spread);
      expect(Object.keys(merged)).toEqual(Object.keys(spread));
    }
  });

  it('keeps "__proto__" a key, as spread does, and never changes the prototype', () => {
    const given = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}') as Record<string, unknown>;
    const merged = mergeRecords(given);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__', 'name']);
    expect(merged).toEqual({ ...given });
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('adds nothing for undefined or null, and copies rather than shares', () => {
    const a = { name: 'x' };
    const merged = mergeRecords(undefined, a, null);
    expect(merged).toEqual({ name: 'x' });
    expect(merged).not.toBe(a);
  });
});

describe('sortedKeys', () => {
  it('orders keys as Object.keys(record).sort() does, for random records short and long', () => {
    const next = seededIntegers(23);
    // integer-like keys come first in Object.keys and sort as text; surrogates sort by code unit
    const alphabet = ['a', 'B', 'z', '_', '-', '0', '1', '9', '10', 'é', '\u{1F600}', '\uFFFF', 'name', 'slug', 'client_id'];
    for (let round = 0; round < 300; round++) {
      const record: Record<string, number> = {};
      const size = next(3) === 0 ? 17 + next(40) : next(17);
      for (let i = 0; i < size; i++) {
        let key = '';
        for (let j = 1 + next(3); j > 0; j--) key += alphabet[next(alphabet.length)];
        record[key] = i;
      }
      expect(sortedKeys(record)).toEqual(Object.keys(record).sort());
    }
  });

  it('sorts a list in place and returns it, leaving one already in order as it is', () => {
    const keys = ['slug', 'name', 'client_id'];
    expect(sortKeys(keys)).toBe(keys);
    expect(keys).toEqual(['client_id', 'name', 'slug']);
    const long = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    expect(sortKeys(long)).toBe(long);
    expect(sortKeys([...long].reverse())).toEqual(long);
  });
});
