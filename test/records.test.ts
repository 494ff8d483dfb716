import { describe, expect, it } from 'vitest';
import { mergeRecords } from '../constructs/private/records';
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
