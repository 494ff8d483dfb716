import { Tag } from '../blueprint/tags';
import type { BlueprintValue } from '../blueprint/value';
import { authentikModels, derefSchema, requestSchemaName, type OpenApiSchema } from '../authentik/model-schema';
import type { Catalog } from '../catalog/catalog';
import { baselineCatalog } from '../catalog/construct-version';
import { isRecord, type ParsedBlueprint } from '../synth/blueprint-parser';

/**
 * Nested fields authentik's serializers do not have: a nested serializer (a redirect URI's
 * `{matching_mode, url}`) reads only its declared fields and drops any other key without a word
 * (DRF's `Serializer.to_internal_value` walks its fields, not the input). The importer leaves such a
 * key out, with a comment, instead of failing the file: it is dropped from the entry before the
 * proof, on both sides. Open mappings (`attributes`, `config`: `additionalProperties`) keep every key.
 */

/** A nested key left out: where, and its value. */
export interface StrayField {
  /** `redirect_uris[0].stray`. */
  readonly path: string;
  readonly value: BlueprintValue;
}

/** `value` of field `wire` of `model` without the nested keys authentik `catalog`'s release ignores, and what was left out. */
export function withoutStrayFields(model: string, wire: string, value: BlueprintValue, catalog: Catalog = baselineCatalog()): { value: BlueprintValue; stray: StrayField[] } {
  const schemaName = requestSchemaName(model, catalog);
  const field = schemaName ? derefSchema(authentikModels(catalog).components[schemaName]!, catalog).properties?.[wire] : undefined;
  const stray: StrayField[] = [];
  if (field === undefined) return { value, stray };
  return { value: clean(field, value, wire, stray, catalog), stray };
}

function clean(schema: OpenApiSchema, value: BlueprintValue, path: string, stray: StrayField[], catalog: Catalog): BlueprintValue {
  if (value instanceof Tag || value === null || typeof value !== 'object') return value;
  const s = derefSchema(schema, catalog);
  if (Array.isArray(value)) {
    if (s.type !== 'array' || s.items === undefined) return value;
    return value.map((v, i) => clean(s.items!, v, `${path}[${i}]`, stray, catalog));
  }
  if (!isRecord(value) || s.properties === undefined || s.additionalProperties !== undefined) return value;
  const out: Record<string, BlueprintValue> = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = s.properties[k];
    if (sub === undefined) stray.push({ path: `${path}.${k}`, value: v });
    else out[k] = clean(sub, v, `${path}.${k}`, stray, catalog);
  }
  return out;
}

/** `parsed` with the stray nested keys of every entry left out (what authentik `catalog`'s release would read). */
export function withoutStrayFieldsParsed(parsed: ParsedBlueprint, catalog: Catalog = baselineCatalog()): ParsedBlueprint {
  const doc = parsed.document;
  const cleanEntry = (raw: { readonly [key: string]: BlueprintValue }): { readonly [key: string]: BlueprintValue } => {
    if (typeof raw.model !== 'string') return raw;
    const model = raw.model;
    const cleanRecord = (r: BlueprintValue | undefined): BlueprintValue | undefined => (isRecord(r)
      ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, withoutStrayFields(model, k, v, catalog).value]))
      : r);
    return { ...raw, ...('identifiers' in raw ? { identifiers: cleanRecord(raw.identifiers)! } : {}), ...('attrs' in raw ? { attrs: cleanRecord(raw.attrs)! } : {}) };
  };
  let entries: BlueprintValue | undefined = doc.entries;
  if (Array.isArray(entries)) entries = entries.map((e) => (isRecord(e) ? cleanEntry(e) : e));
  else if (isRecord(entries)) entries = Object.fromEntries(Object.entries(entries).map(([k, list]) => [k, Array.isArray(list) ? list.map((e) => (isRecord(e) ? cleanEntry(e) : e)) : list]));
  return { ...parsed, document: { ...doc, entries: entries as BlueprintValue } };
}
