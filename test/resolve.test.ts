import { describe, expect, it } from 'vitest';
import { LookupReference } from '../constructs/blueprint/blueprint-entry';
import { resolveRecord, resolveValue } from '../constructs/blueprint/resolve';
import { withSynthMemo } from '../constructs/blueprint/synth-memo';
import { Tag } from '../constructs/blueprint/tags';

describe('resolving a document', () => {
  const noEntries = { entryTag: () => undefined };

  it('keeps a record that is sorted and holds nothing to resolve, rather than copying it', () => {
    const attrs = { a: 1, b: ['x', { c: true }], d: Tag.env('X') };
    expect(resolveRecord(attrs, noEntries)).toBe(attrs);
    expect(resolveValue(attrs.b, noEntries)).toBe(attrs.b);
  });

  it('copies a record whose keys are out of order, or that holds undefined, sorted and without it', () => {
    const unsorted = { b: 1, a: 2 };
    const resolved = resolveRecord(unsorted, noEntries);
    expect(resolved).not.toBe(unsorted);
    expect(Object.keys(resolved)).toEqual(['a', 'b']);
    const holey = { a: 1, b: undefined, c: 3 };
    const resolvedHoley = resolveRecord(holey as unknown as Record<string, number>, noEntries);
    expect(resolvedHoley).toEqual({ a: 1, c: 3 });
    expect(Object.keys(resolvedHoley)).toEqual(['a', 'c']);
    expect(Object.keys(holey)).toEqual(['a', 'b', 'c']);
  });
});

describe('lookups during a synth', () => {
  it('share one !Find per object looked up, however many reference objects ask', () => {
    const [a, b, other] = withSynthMemo(() => [
      new LookupReference('authentik_flows.flow', { slug: 'default-authentication-flow' }).resolve(),
      new LookupReference('authentik_flows.flow', { slug: 'default-authentication-flow' }).resolve(),
      new LookupReference('authentik_flows.flow', { slug: 'default-invalidation-flow' }).resolve(),
    ]);
    expect(a).toBe(b);
    expect(other).not.toBe(a);
    expect(other.items).toEqual(['authentik_flows.flow', ['slug', 'default-invalidation-flow']]);
  });

  it('do not mistake a number for the same text', () => {
    const [text, number] = withSynthMemo(() => [
      new LookupReference('authentik_core.group', { name: '1' }).resolve(),
      new LookupReference('authentik_core.group', { name: 1 }).resolve(),
    ]);
    expect(text).not.toBe(number);
    expect(number.items).toEqual(['authentik_core.group', ['name', 1]]);
  });
});
