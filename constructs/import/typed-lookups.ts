import { LookupReference } from '../blueprint/blueprint-entry';
import { typedEntries } from '../authentik/private/entry-registry';

/**
 * The typed lookups the construct library offers (`Flow.fromSlug`, `Group.fromName`,
 * `ScopeMapping.fromScopeName`, …), found by asking each exported class's `from…` factories what
 * they look up, so lookups added by new constructs are used without a list to keep.
 */

const PROBE = '\u0000importer-probe';

/**
 * `model field` → `Class.method` for every one-argument factory that returns a lookup of one field.
 * Where several offer the same lookup, the class registered for the model wins, then the shorter name.
 */
export function typedLookups(library: Readonly<Record<string, unknown>>): Map<string, string> {
  const owners = new Map(typedEntries().map((t) => [t.model, t.className]));
  const found = new Map<string, string>();
  for (const [name, value] of Object.entries(library).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (typeof value !== 'function') continue;
    for (const method of Object.getOwnPropertyNames(value)) {
      if (!/^from[A-Z]/.test(method)) continue;
      const factory = (value as unknown as Record<string, unknown>)[method];
      if (typeof factory !== 'function' || factory.length !== 1) continue;
      let result: unknown;
      try {
        result = (factory as (v: string) => unknown).call(value, PROBE);
      } catch {
        continue;
      }
      if (!(result instanceof LookupReference)) continue;
      const entries = Object.entries(result.query);
      if (entries.length !== 1 || entries[0][1] !== PROBE) continue;
      const key = `${result.model} ${entries[0][0]}`;
      const candidate = `${name}.${method}`;
      const known = found.get(key);
      const rank = (c: string): [number, number] => [owners.get(result.model) === c.split('.')[0] ? 0 : 1, c.length];
      if (known === undefined || compareRank(rank(candidate), rank(known)) < 0) found.set(key, candidate);
    }
  }
  return found;
}

function compareRank(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
