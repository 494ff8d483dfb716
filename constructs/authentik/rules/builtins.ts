/**
 * Lookups of authentik's built-in objects by a name it does not ship: a `!Find` that matches nothing
 * resolves to None, and authentik then either refuses the entry (a required relation) or silently
 * clears the field (`authentik/blueprints/v1/common.py`, `Find.resolve`). A lookup is taken to mean a
 * built-in object when its value is in authentik's own naming (`default-…`, `authentik …`,
 * `goauthentik.io/…`) and no entry of the app declares it.
 */
import { EntryReference, LookupReference, type BlueprintEntry } from '../../blueprint/blueprint-entry';
import { Tag } from '../../blueprint/tags';
import { authentikVersionOf } from '../../catalog/construct-version';
import type { AuthentikVersion } from '../../catalog/versions';
import { closest } from '../../private/prop-checks';
import { POLICY_MODELS, PROPERTY_MAPPING_MODELS, PROVIDER_MODELS, SOURCE_MODELS, STAGE_MODELS } from '../models';
import { ruleFacts } from './facts';
import type { AppRule } from './rule';

const BUILT_IN = /^(default-|authentik |goauthentik\.io\/)/;

interface Lookup { readonly model: string; readonly query: Readonly<Record<string, unknown>> }

function lookupsIn(value: unknown, out: Lookup[], seen: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof EntryReference) return;
  if (value instanceof LookupReference) {
    out.push({ model: value.model, query: value.query });
    return;
  }
  // indexed loops: this walk runs over every entry in V8's baseline code, where for…of costs an iterator
  if (value instanceof Tag) {
    const items = value.items as readonly unknown[];
    const model = items[0];
    const pairs = items.slice(1);
    if (value.name === '!Find' && typeof model === 'string' && pairs.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string')) {
      out.push({ model, query: Object.fromEntries(pairs as Array<[string, unknown]>) });
    }
    for (let i = 0; i < items.length; i++) lookupsIn(items[i], out, seen);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) lookupsIn(value[i], out, seen);
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    // an entry given as an object: its own reference is not a lookup
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) lookupsIn(record[key], out, seen);
}

// an object of authentik's example blueprints exists once someone applies the example, which may happen outside this app
function isExample(version: AuthentikVersion, model: string, field: string, value: string): boolean {
  const examples = ruleFacts(version).examples;
  const models = STAGE_MODELS[0] === model ? STAGE_MODELS : POLICY_MODELS[0] === model ? POLICY_MODELS : [model];
  return models.some((m) => examples[m]?.[field]?.includes(value) === true);
}

const merged = new Map<AuthentikVersion, Record<string, Record<string, string[]>>>();

// the shipped names per model of a release, a base model (a !Find in authentik_flows.stage) holding those of its concrete models
function shippedByModel(version: AuthentikVersion): Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> {
  const known = merged.get(version);
  if (known) return known;
  const out: Record<string, Record<string, string[]>> = {};
  for (const [model, fields] of Object.entries(ruleFacts(version).shipped)) out[model] = Object.fromEntries(Object.entries(fields).map(([f, v]) => [f, [...v]]));
  for (const family of [STAGE_MODELS, POLICY_MODELS, PROVIDER_MODELS, PROPERTY_MAPPING_MODELS, SOURCE_MODELS] as ReadonlyArray<readonly string[]>) {
    const base: Record<string, string[]> = {};
    for (const model of family.slice(1)) {
      for (const [f, values] of Object.entries(out[model] ?? {})) base[f] = [...new Set([...(base[f] ?? []), ...values])].sort();
    }
    if (Object.keys(base).length > 0) out[family[0]!] = base;
  }
  merged.set(version, out);
  return out;
}

export const BUILTIN_APP_RULES: readonly AppRule[] = [
  {
    id: 'built-in-lookups-name-shipped-objects',
    source: 'authentik/blueprints/v1/common.py',
    check: (entries: readonly BlueprintEntry[]) => {
      // what the app declares, gathered only once a lookup of a name authentik does not ship needs it
      let known: Set<string> | undefined;
      const declared = (): Set<string> => {
        if (known) return known;
        known = new Set<string>();
        for (const e of entries) {
          for (const [k, v] of Object.entries({ ...e.attributes, ...e.identifiers })) if (typeof v === 'string') known.add(`${e.model} ${k} ${v}`);
        }
        return known;
      };
      const problems: string[] = [];
      const reported = new Set<string>();
      for (const e of entries) {
        // each entry is judged by the release its chart declares
        const version = authentikVersionOf(e);
        const shipped = shippedByModel(version);
        const found: Lookup[] = [];
        lookupsIn([e.identifiers, e.retired ? {} : e.attributes], found, new Set());
        for (let i = 0; i < found.length; i++) {
          const { model, query } = found[i]!;
          const names = shipped[model];
          if (!names) continue;
          const fields = Object.keys(query);
          for (let j = 0; j < fields.length; j++) {
            const field = fields[j]!;
            const value = query[field];
            if (typeof value !== 'string' || !BUILT_IN.test(value) || !names[field] || names[field]!.includes(value)) continue;
            if (declared().has(`${model} ${field} ${value}`) || isExample(version, model, field, value)) continue;
            const key = `${e.path} ${model} ${field} ${value}`;
            if (reported.has(key)) continue;
            reported.add(key);
            const meant = closest(value, names[field] as string[]);
            problems.push(`${e.path}: looks up ${model} by ${field} ${JSON.stringify(value)}, which looks like a built-in object, but authentik `
              + `${version} ships none by that ${field} and no entry of this app declares it, so the lookup finds nothing`
              + `${meant ? `; did you mean ${JSON.stringify(meant)}?` : '; declare the object, or look up one that exists'}`);
          }
        }
      }
      return problems;
    },
  },
];
