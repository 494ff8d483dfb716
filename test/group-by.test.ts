import { describe, expect, it } from 'vitest';
import { groupBy } from '../constructs/private/group-by';

describe('groupBy', () => {
  it('groups by key in first-seen order, each key worked out once', () => {
    let calls = 0;
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => {
      calls++;
      return s[0];
    });
    expect([...groups]).toEqual([['b', ['b1', 'b2']], ['a', ['a1', 'a2']], ['c', ['c1']]]);
    expect(calls).toBe(5);
  });
});
