import type { ErrorObject } from 'ajv';
import { Tag } from '../blueprint/tags';
import { mapItemsOnWrite, mapRecordOnWrite } from '../private/copy-on-write';
import { asReference, type BlueprintValue } from '../blueprint/value';
import type { Catalog, GeneratedModels, OpenApiSchema } from '../catalog/catalog';
import { baselineCatalog } from '../catalog/construct-version';
import { urlFieldsOf } from '../catalog/url-fields';
import { otherReleasesForChoice } from './release-values';

const TAG_MARKER = '$blueprintTag';
const DEFS_ID = 'https://blumeops-authentik.invalid/authentik/components.json';
const TAG_SCHEMA = { type: 'object', required: [TAG_MARKER], properties: { [TAG_MARKER]: { type: 'string' } } };

/** Options for `validateAgainstSchema`. */
export interface SchemaCheckOptions {
  /** Check required fields (not for `state: absent`, which authentik tolerates). */
  readonly checkRequired: boolean;
  /**
   * The release whose request schema the attributes are checked against.
   * @default - the oldest release known
   */
  readonly catalog?: Catalog;
}

/**
 * Checks wire-form attributes (identifiers merged in, as authentik does) against the model's request
 * schema in the pinned OpenAPI description: types, enums, patterns, lengths, formats and required
 * fields. A tag or reference is accepted in any position, since authentik resolves it before its
 * serializer runs.
 *
 * @returns one message per problem, `field: what is wrong (given …)`; empty when valid or when the
 * model has no request schema
 */
export function validateAgainstSchema(model: string, attrs: Record<string, BlueprintValue>, options: SchemaCheckOptions): string[] {
  const catalog = options.catalog ?? baselineCatalog();
  if (!catalog.requestSchemaName(model)) return [];
  const validate = catalog.validator(model);
  if (validate(markTags(attrs, false))) return [];
  // the messages show what was given, references by their description
  const data = markTags(attrs, true);
  // authentik tolerates missing fields on entries it only deletes
  const errors = (validate.errors ?? []).filter((e) => options.checkRequired || !(e.keyword === 'required' && e.instancePath === ''));
  // DRF's ChoiceField looks the value up as str(value): an integer 6 is the choice "6" (TOTP digits in authentik's own blueprints)
  const choiceByStr = new Set(errors.filter((e) => e.keyword === 'enum' && isIntegerChoice(valueAt(data, e.instancePath), e))
    .map((e) => e.instancePath));
  const remaining = errors.filter((e) => !choiceByStr.has(e.instancePath));
  return remaining.length === 0 ? [] : formatErrors(remaining, data, model, catalog);
}

/** JSON Schemas (draft-07) for every model's request of one release, for ajv: `{ $id → schema }`, shared definitions first. */
export function requestJsonSchemas(api: GeneratedModels): { definitions: object; models: Record<string, object> } {
  const components = withoutJudgedUrlFormats(api);
  const definitions: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(components)) definitions[name] = toJsonSchema(schema, false);
  const models: Record<string, object> = {};
  for (const [model, schemaName] of Object.entries(api.models)) {
    models[model] = { ...(toJsonSchema(components[schemaName]!, true) as object), additionalProperties: true };
  }
  return { definitions: { $id: DEFS_ID, definitions }, models };
}

/**
 * The request schemas without `format: uri` on the fields authentik judges with its own URL validators
 * (constructs/catalog/url-fields.ts): RFC 3986 is not what authentik checks there, so the URL rule
 * (rules/urls.ts) judges them instead. Every other `format` stays.
 */
function withoutJudgedUrlFormats(api: GeneratedModels): Record<string, OpenApiSchema> {
  const components: Record<string, OpenApiSchema> = { ...api.components };
  for (const [model, schemaName] of Object.entries(api.models)) {
    const schema = components[schemaName];
    const properties = schema?.properties as Record<string, OpenApiSchema> | undefined;
    if (!schema || !properties) continue;
    const judged = Object.keys(urlFieldsOf(model)).filter((f) => properties[f]?.format === 'uri');
    if (judged.length === 0) continue;
    components[schemaName] = {
      ...schema,
      properties: Object.fromEntries(Object.entries(properties).map(([name, p]) => {
        if (!judged.includes(name)) return [name, p];
        const { format: _uri, ...rest } = p;
        return [name, rest];
      })),
    };
  }
  return components;
}

// OpenAPI 3.0 → JSON Schema draft-07, with "or a tag" allowed at every value position below the root
function toJsonSchema(schema: OpenApiSchema, isRoot: boolean): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'nullable' || k === 'readOnly' || k === 'writeOnly' || k === 'description' || k === 'title' || k === 'example') continue;
    if (k === '$ref') out.$ref = (v as string).replace('#/components/schemas/', `${DEFS_ID}#/definitions/`);
    else if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as Record<string, OpenApiSchema>)
        .filter(([, p]) => !p.readOnly)
        .map(([name, p]) => [name, toJsonSchema(p, false)]));
    } else if (k === 'items') out.items = toJsonSchema(v as OpenApiSchema, false);
    else if (k === 'allOf' || k === 'oneOf' || k === 'anyOf') out[k] = (v as OpenApiSchema[]).map((s) => toJsonSchema(s, true));
    else if (k === 'additionalProperties' && typeof v === 'object') out.additionalProperties = toJsonSchema(v as OpenApiSchema, false);
    else out[k] = v;
  }
  const withNull = schema.nullable ? { anyOf: [out, { type: 'null' }] } : out;
  // "a tag, or else the value": ajv checks an `if` without making error objects, where a failed `anyOf`
  // branch made some for every tag (and a synth has thousands)
  return isRoot ? withNull : { if: TAG_SCHEMA, then: true, else: withNull };
}

// tags and references become markers the schema takes; a value without any is passed as it is, not copied
// (the generated validators only read the data). A reference's description is made only for messages
function markTags(value: unknown, described: boolean): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Tag) return { [TAG_MARKER]: value.name };
  const reference = asReference(value);
  if (reference) return { [TAG_MARKER]: described ? reference.description : UNDESCRIBED };
  const mark = described ? markDescribed : markUndescribed;
  if (Array.isArray(value)) return mapItemsOnWrite(value, mark);
  return mapRecordOnWrite(value as Record<string, unknown>, mark);
}

const UNDESCRIBED = 'reference';
const markDescribed = (value: unknown): unknown => markTags(value, true);
const markUndescribed = (value: unknown): unknown => markTags(value, false);

function formatErrors(errors: ErrorObject[], data: unknown, model: string, catalog: Catalog): string[] {
  // drop the summaries (the tag condition's `if`, `anyOf`) and a nullable field's "or null" branch, keep what is wrong with the value
  const relevant = errors.filter((e) => !e.schemaPath.includes('/anyOf/1') && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const messages = new Set<string>();
  for (const e of relevant.length > 0 ? relevant : errors) {
    const field = pointerToField(e.instancePath);
    const given = valueAt(data, e.instancePath);
    const shown = given === undefined ? '' : ` (given ${abbreviate(JSON.stringify(given))})`;
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      messages.add(`${field ? `${field}.` : ''}${missing} is required by authentik's API`);
    } else if (e.keyword === 'enum') {
      // a choice of another release names the releases that take it (release-values.ts)
      const elsewhere = otherReleasesForChoice(model, e.instancePath, given, catalog);
      messages.add(`${field} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.filter((v) => v !== '11184809').map((v) => JSON.stringify(v)).join(', ')}${shown}`
        + `${elsewhere ? `; ${elsewhere}` : ''}`);
    } else {
      messages.add(`${field || 'attributes'} ${e.message ?? 'is invalid'}${shown}`);
    }
  }
  return [...messages];
}

function isIntegerChoice(given: unknown, e: ErrorObject): boolean {
  return Number.isInteger(given) && (e.params as { allowedValues: unknown[] }).allowedValues.includes(String(given));
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 60)}…(${text.length} characters)` : text;
}

function pointerToField(pointer: string): string {
  return pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
