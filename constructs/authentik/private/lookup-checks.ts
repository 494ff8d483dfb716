import { LookupReference } from '../../blueprint/blueprint-entry';
import { Tag } from '../../blueprint/tags';
import { authentikModels, derefSchema, requestSchemaName } from '../model-schema';
import {
  POLICY_MODELS, PROPERTY_MAPPING_MODELS, PROVIDER_MODELS, SERVICE_CONNECTION_MODELS, SOURCE_MODELS, STAGE_MODELS,
} from '../models';
import { closest } from '../../private/prop-checks';
import { blueprintFieldNames, isKnownModel } from './blueprint-schema';

// base models a !Find may search: their fields are those every concrete model shares, roughly
const BASE_MODELS: Record<string, readonly string[]> = {
  [STAGE_MODELS[0]]: STAGE_MODELS.slice(1),
  [POLICY_MODELS[0]]: POLICY_MODELS.slice(1),
  [PROVIDER_MODELS[0]]: PROVIDER_MODELS.slice(1),
  [PROPERTY_MAPPING_MODELS[0]]: PROPERTY_MAPPING_MODELS.slice(1),
  [SOURCE_MODELS[0]]: SOURCE_MODELS.slice(1),
  [SERVICE_CONNECTION_MODELS[0]]: SERVICE_CONNECTION_MODELS.slice(1),
};

// database columns a !Find may use beyond the serializer's fields
const ALWAYS = ['pk', 'id', 'uuid', 'managed', 'pbm_uuid', 'policy_uuid', 'stage_uuid', 'flow_uuid', 'kp_uuid', 'group_uuid', 'token_uuid'];

function fieldsOf(model: string): Set<string> | undefined {
  const concrete = BASE_MODELS[model] ?? [model];
  const fields = new Set<string>(ALWAYS);
  let known = false;
  for (const m of concrete) {
    const schemaName = requestSchemaName(m);
    if (schemaName) {
      known = true;
      for (const f of Object.keys(derefSchema(authentikModels().components[schemaName]).properties ?? {})) fields.add(f);
    }
    for (const f of blueprintFieldNames(m) ?? []) {
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
export function checkLookups(value: unknown, where: string, seen = new Set<unknown>()): string[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  if (value instanceof LookupReference) return checkLookup(value, where);
  // a !Find written as a tag (Tag.find, Tag.sequence('!Find', …)) searches the same way
  const found = findQuery(value);
  if (found) return [...checkLookup(found, where), ...found.values.flatMap((v, i) => checkLookups(v, `${where}[${i + 1}]`, seen))];
  if (value instanceof Tag) return value.items.flatMap((item, i) => checkLookups(item, `${where}[${i}]`, seen));
  if (Array.isArray(value)) return value.flatMap((item, i) => checkLookups(item, `${where}[${i}]`, seen));
  if (Object.getPrototypeOf(value) !== Object.prototype) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => checkLookups(v, `${where}.${k}`, seen));
}

/** The model and query of a `!Find` tag whose items are `[model, [field, value], …]`; undefined otherwise. */
function findQuery(value: object): { model: string; query: Record<string, unknown>; values: unknown[] } | undefined {
  if (!(value instanceof Tag) || value.name !== '!Find') return undefined;
  const [model, ...pairs] = value.items as unknown[];
  if (typeof model !== 'string' || !pairs.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string')) return undefined;
  const entries = pairs as Array<[string, unknown]>;
  return { model, query: Object.fromEntries(entries), values: entries.map(([, v]) => v) };
}

function checkLookup(lookup: { readonly model: string; readonly query: Readonly<Record<string, unknown>> }, where: string): string[] {
  const model = lookup.model;
  if (!isKnownModel(model) && !BASE_MODELS[model]) {
    const meant = closest(model, [...Object.keys(authentikModels().models), ...Object.keys(BASE_MODELS)]);
    return [`${where}: looks up model "${model}", which authentik ${authentikModels().openApiVersion} does not have (the whole file would fail)`
      + `${meant ? `; did you mean "${meant}"?` : ''}`];
  }
  const query = Object.entries(lookup.query);
  if (query.length === 0) {
    return [`${where}: looks up ${model} without any field, so it would match an arbitrary object; give the field to find it by, e.g. name`];
  }
  const fields = fieldsOf(model);
  const problems: string[] = [];
  for (const [field, v] of query) {
    // Django lookups such as name__iexact name a field and an operator
    const base = field.split('__')[0];
    if (fields && !fields.has(base)) {
      const meant = closest(base, [...fields]);
      problems.push(`${where}: looks up ${model} by "${field}", which that model does not have, so nothing can ever match`
        + `${meant ? `; did you mean "${meant}"?` : ''}`);
    }
    if (typeof v === 'string' && v !== v.trim()) {
      problems.push(`${where}: looks up ${model} by ${field} ${JSON.stringify(v)}, with surrounding whitespace that authentik trims from `
        + 'stored values, so it can never match; remove the spaces');
    }
    if (typeof v === 'string' && v === '') {
      problems.push(`${where}: looks up ${model} by an empty ${field}, which matches nothing meant; give the value`);
    }
  }
  return problems;
}
