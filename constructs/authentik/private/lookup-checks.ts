import { LookupReference } from '../../blueprint/blueprint-entry';
import { Tag } from '../../blueprint/tags';
import { derefSchema, requestSchemaName } from '../model-schema';
import type { Catalog } from '../../catalog/catalog';
import { baselineCatalog } from '../../catalog/construct-version';
import { BASE_MODEL_MEMBERS } from '../../catalog/model-facts';
import { spellPath } from '../../blueprint/value';
import { closest } from '../../private/prop-checks';
import { blueprintFieldNames, isKnownModel } from './blueprint-schema';

// database columns a !Find may use beyond the serializer's fields
const ALWAYS = ['pk', 'id', 'uuid', 'managed', 'pbm_uuid', 'policy_uuid', 'stage_uuid', 'flow_uuid', 'kp_uuid', 'group_uuid', 'token_uuid'];

// by release, then model: a lookup is checked per entry, and a key string built per check cost more than the check
const fieldsByModel = new WeakMap<Catalog, Map<string, Set<string> | undefined>>();

// the release the lookups being walked are judged by (set by checkLookups for its walk)
let current: Catalog = baselineCatalog();

// the fields of a model (of all its concrete models, for a base model), built once per model
function fieldsOf(model: string, catalog: Catalog): Set<string> | undefined {
  let byModel = fieldsByModel.get(catalog);
  if (!byModel) fieldsByModel.set(catalog, (byModel = new Map()));
  let fields = byModel.get(model);
  if (fields === undefined && !byModel.has(model)) byModel.set(model, (fields = computeFields(model, catalog)));
  return fields;
}

function computeFields(model: string, catalog: Catalog): Set<string> | undefined {
  const concrete = BASE_MODEL_MEMBERS[model] ?? [model];
  const fields = new Set<string>(ALWAYS);
  let known = false;
  for (const m of concrete) {
    const schemaName = requestSchemaName(m, catalog);
    if (schemaName) {
      known = true;
      for (const f of Object.keys(derefSchema(catalog.requestSchemas().components[schemaName]!, catalog).properties ?? {})) fields.add(f);
    }
    for (const f of blueprintFieldNames(m, catalog) ?? []) {
      known = true;
      fields.add(f);
    }
  }
  return known ? fields : undefined;
}

/**
 * Problems with the lookups (`!Find`) in a value: a model authentik does not have fails the file; a
 * field the model does not have, no field at all (the first object of any kind would match), or a
 * value with surrounding whitespace (stored values are trimmed) can never find what was meant.
 */
export function checkLookups(value: unknown, where: string, catalog: Catalog = baselineCatalog()): string[] {
  const out: string[] = [];
  const previous = current;
  current = catalog;
  try {
    walk(value, where, [], new Set(), out);
  } finally {
    current = previous;
  }
  return out;
}

// `path`: the keys and indexes below `where`, spelled out only for a problem
function walk(value: unknown, where: string, path: Array<string | number>, seen: Set<unknown>, out: string[]): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  // the path is spelled out only for a problem, and the closure made only where a lookup is checked
  if (value instanceof LookupReference) {
    checkLookup(value, () => spellPath(where, path), out);
    return;
  }
  // a !Find written as a tag (Tag.find, Tag.sequence('!Find', …)) searches the same way
  const found = findQuery(value);
  if (found) {
    checkLookup(found, () => spellPath(where, path), out);
    found.values.forEach((v, i) => {
      path.push(i + 1);
      walk(v, where, path, seen, out);
      path.pop();
    });
    return;
  }
  const items = value instanceof Tag ? value.items : Array.isArray(value) ? value : undefined;
  if (items) {
    for (let i = 0; i < items.length; i++) {
      path.push(i);
      walk(items[i], where, path, seen, out);
      path.pop();
    }
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return;
  for (const k in value) {
    path.push(k);
    walk((value as Record<string, unknown>)[k], where, path, seen, out);
    path.pop();
  }
}

/** The model and query of a `!Find` tag whose items are `[model, [field, value], …]`; undefined otherwise. */
function findQuery(value: object): { model: string; query: Record<string, unknown>; values: unknown[] } | undefined {
  if (!(value instanceof Tag) || value.name !== '!Find') return undefined;
  const [model, ...pairs] = value.items as unknown[];
  if (typeof model !== 'string' || !pairs.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string')) return undefined;
  const entries = pairs as Array<[string, unknown]>;
  return { model, query: Object.fromEntries(entries), values: entries.map(([, v]) => v) };
}

function checkLookup(lookup: { readonly model: string; readonly query: Readonly<Record<string, unknown>> }, at: () => string, out: string[]): void {
  const model = lookup.model;
  const catalog = current;
  if (!isKnownModel(model, catalog) && !BASE_MODEL_MEMBERS[model]) {
    const meant = closest(model, [...Object.keys(catalog.requestSchemas().models), ...Object.keys(BASE_MODEL_MEMBERS)]);
    out.push(`${at()}: looks up model "${model}", which authentik ${catalog.openApiVersion} does not have (the whole file would fail)`
      + `${meant ? `; did you mean "${meant}"?` : ''}`);
    return;
  }
  const fields = fieldsOf(model, catalog);
  let any = false;
  for (const field in lookup.query) {
    any = true;
    const v = lookup.query[field];
    // Django lookups such as name__iexact name a field and an operator
    const base = field.includes('__') ? field.slice(0, field.indexOf('__')) : field;
    if (fields && !fields.has(base)) {
      const meant = closest(base, [...fields]);
      out.push(`${at()}: looks up ${model} by "${field}", which that model does not have, so nothing can ever match`
        + `${meant ? `; did you mean "${meant}"?` : ''}`);
    }
    if (typeof v === 'string' && v !== v.trim()) {
      out.push(`${at()}: looks up ${model} by ${field} ${JSON.stringify(v)}, with surrounding whitespace that authentik trims from `
        + 'stored values, so it can never match; remove the spaces');
    }
    if (v === '') out.push(`${at()}: looks up ${model} by an empty ${field}, which matches nothing meant; give the value`);
  }
  if (!any) out.push(`${at()}: looks up ${model} without any field, so it would match an arbitrary object; give the field to find it by, e.g. name`);
}
