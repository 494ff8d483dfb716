/**
 * The typed constructs the entry registry holds, with a test that they are all registered and one
 * test per construct, named `ClassName (model): what`, that runs `check` on it.
 */
import { expect, it } from 'vitest';
import { typedEntries, type TypedEntryInfo } from '../constructs/authentik/private/entry-registry';

export function testEveryTypedEntry(what: string, check: (entry: TypedEntryInfo) => void): readonly TypedEntryInfo[] {
  const entries = typedEntries();
  it('registers every typed construct (the check below covers them all)', () => {
    expect(entries.length).toBeGreaterThanOrEqual(54);
  });
  it.each(entries.map((e) => [`${e.className} (${e.model})`, e] as const))(`%s: ${what}`, (_, entry) => check(entry));
  return entries;
}
