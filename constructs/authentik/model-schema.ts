import type { Tag } from '../blueprint/tags';
import { isAuthentikObject, type IAuthentikObject } from '../blueprint/object-ref';
import type { BlueprintValue, Reference } from '../blueprint/value';
import type { ObjectKind } from './models';
import { closest, describeGiven } from '../private/prop-checks';
import { isEnvSecret, type IEnvSecret } from './env-secret';
import { SERIALIZER_READ_ONLY } from '../catalog/field-facts';
import { referenceKind } from '../catalog/reference-fields';
import { versionsWithField, type Catalog, type GeneratedModels, type OpenApiSchema } from '../catalog/catalog';
import { baselineCatalog } from '../catalog/construct-version';
import { renamedField } from '../catalog/release-changes';
import { compareVersions } from '../catalog/versions';

export type { GeneratedModels, OpenApiSchema } from '../catalog/catalog';

/** The request schemas of a release's API (the oldest known unless a catalog is given). */
export function authentikModels(catalog: Catalog = baselineCatalog()): GeneratedModels {
  return catalog.requestSchemas();
}

/** The name of the request schema for a blueprint model, or undefined when the API has none. */
export function requestSchemaName(model: string, catalog: Catalog = baselineCatalog()): string | undefined {
  return catalog.requestSchemas().models[model];
}

/** Follows `$ref` and single-item `allOf` wrappers to the schema that describes the value. */
export function derefSchema(schema: OpenApiSchema, catalog: Catalog = baselineCatalog()): OpenApiSchema {
  let current = schema;
  for (;;) {
    if (current.$ref) {
      current = catalog.requestSchemas().components[current.$ref.replace('#/components/schemas/', '')]!;
    } else if (current.allOf && current.allOf.length === 1 && !current.properties && !current.type) {
      current = current.allOf[0];
    } else {
      return current;
    }
  }
}

/** `redirect_uris` → `redirectUris`, the way the generated TypeScript client names fields. */
export function camelize(wire: string): string {
  return wire.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A field of an authentik request type as a blueprint writes it: the value itself, or a tag or
 * reference authentik resolves to such a value when it applies the blueprint. Relation fields (a
 * flow's pk, a list of group pks) are strings or numbers in the API, so an `IAuthentikObject` is
 * accepted there; which kind of object a field takes is checked at synth.
 */
export type AttributeValue<T> =
  T extends string | number | boolean | null | undefined ? T | Tag | Reference | IAuthentikObject | IEnvSecret
    : T extends Date ? string | Tag
      : T extends ReadonlyArray<infer E> ? ReadonlyArray<AttributeValue<E>> | Tag
        : T extends object ? { readonly [K in keyof T]?: AttributeValue<T[K]> } | Tag | Reference
          : T | Tag | Reference;

/** The attributes of an authentik request type, every field optional, typed as blueprints write them. */
export type Attributes<T> = { readonly [K in keyof T]?: AttributeValue<T[K]> };

/** The typed (camelCase) attribute names of a model, read-only fields excluded; empty when the API has no schema. */
export function attributeNames(model: string, catalog: Catalog = baselineCatalog()): string[] {
  const schemaName = requestSchemaName(model, catalog);
  if (!schemaName) return [];
  const resolved = derefSchema(catalog.requestSchemas().components[schemaName]!, catalog);
  const byCamel = wireNames(resolved);
  return [...byCamel.keys()].filter((k) => !resolved.properties![byCamel.get(k)!].readOnly).sort();
}

/**
 * Converts typed (camelCase) attributes to the wire (snake_case) names of the model's request schema,
 * recursing into nested schema objects but not into free-form JSON fields such as `attributes`.
 * Objects (`IAuthentikObject`) become their references; in a relation field they must be of the kind
 * authentik expects there.
 *
 * @param problems receives one message per attribute the schema does not know, and per object of the
 * wrong kind
 */
export function toWireAttributes(
  model: string,
  attrs: Record<string, unknown>,
  where: string,
  problems: string[],
  options: WireOptions = {},
): Record<string, BlueprintValue> {
  const catalog = options.catalog ?? baselineCatalog();
  const schemaName = requestSchemaName(model, catalog);
  const ctx: Conversion = { model, catalog, problems };
  if (!schemaName) {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(attrs);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const v = attrs[key];
      if (v !== undefined) out[key] = convertField(ctx, key, options.kinds?.[key], v, `${where}.${key}`, undefined);
    }
    return out as Record<string, BlueprintValue>;
  }
  return convertObject(ctx, catalog.requestSchemas().components[schemaName]!, attrs, where, options) as Record<string, BlueprintValue>;
}

// what every step of one conversion shares
interface Conversion {
  readonly model: string;
  readonly catalog: Catalog;
  readonly problems: string[];
}

/** Options for `toWireAttributes`. */
export interface WireOptions {
  /** The kind of object a (camelCase) prop takes, where the construct knows better than the model's table. */
  readonly kinds?: Readonly<Record<string, ObjectKind>>;
  /** Further prop names the caller accepts, offered as suggestions for a misspelt one. */
  readonly extraNames?: readonly string[];
  /**
   * The release whose fields the attributes are judged by.
   * @default - the oldest release known
   */
  readonly catalog?: Catalog;
}

// a top-level field: objects become references, checked against the kind the relation takes
function convertField(
  ctx: Conversion,
  wire: string,
  declaredKind: ObjectKind | undefined,
  value: unknown,
  where: string,
  schema: OpenApiSchema | undefined,
): unknown {
  const kind = declaredKind ?? referenceKind(ctx.model, wire);
  if (Array.isArray(value)) {
    // the items' schema is looked up only once an item is not an object reference
    let itemSchema: OpenApiSchema | undefined | null = null;
    return value.map((v, i) => {
      if (itemSchema === null && !isAuthentikObject(v)) itemSchema = schema ? derefSchema(schema, ctx.catalog).items : undefined;
      return convertFieldValue(ctx, kind, itemSchema ?? undefined, v, `${where}[${i}]`);
    });
  }
  return convertFieldValue(ctx, kind, schema, value, where);
}

// one value of a top-level field (a list's item, or the whole value)
function convertFieldValue(ctx: Conversion, kind: ObjectKind | undefined, schema: OpenApiSchema | undefined, v: unknown, at: string): unknown {
  if (!isAuthentikObject(v)) return convertValue(ctx, schema, v, at);
  if (kind && !kind.models.includes(v.model)) {
    ctx.problems.push(`${at}: expects ${kind.noun}, but was given ${v.description} (model ${v.model}); pass ${kind.hint}`);
  }
  return v.toReference();
}

function convertValue(ctx: Conversion, schema: OpenApiSchema | undefined, value: unknown, where: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isAuthentikObject(value)) return value.toReference();
  // a worker secret stands for its !Env wherever it is put
  if (isEnvSecret(value)) return value.envTag();
  if (!isPlainObject(value) && !Array.isArray(value)) return value; // a Tag or Reference: authentik resolves it
  if (!schema) return Array.isArray(value) ? value.map((v, i) => convertValue(ctx, undefined, v, `${where}[${i}]`)) : value;
  const resolved = derefSchema(schema, ctx.catalog);
  if (Array.isArray(value)) {
    return value.map((item, i) => convertValue(ctx, resolved.items, item, `${where}[${i}]`));
  }
  if (resolved.properties) return convertObject(ctx, resolved, value as Record<string, unknown>, where, false);
  return value; // free-form JSON: keys are data, not field names
}

// one camelCase → wire name map per schema object, built on first use
const namesBySchema = new WeakMap<OpenApiSchema, Map<string, string>>();

function wireNames(schema: OpenApiSchema): Map<string, string> {
  let names = namesBySchema.get(schema);
  if (!names) {
    names = new Map(Object.keys(schema.properties ?? {}).map((wire) => [camelize(wire), wire]));
    namesBySchema.set(schema, names);
  }
  return names;
}

function convertObject(
  ctx: Conversion,
  schema: OpenApiSchema,
  value: Record<string, unknown>,
  where: string,
  topLevel: WireOptions | false,
): Record<string, unknown> {
  const { model, catalog, problems } = ctx;
  const resolved = derefSchema(schema, catalog);
  const byCamel = wireNames(resolved);
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = value[key];
    if (v === undefined) continue;
    const wire = byCamel.get(key) ?? (topLevel ? blueprintOnlyField(model, key, catalog) : undefined);
    if (!wire) {
      const known = [...byCamel.keys()].filter((k) => !resolved.properties![byCamel.get(k)!]!.readOnly).sort();
      const elsewhere = topLevel ? otherReleases(model, key, catalog) : undefined;
      if (elsewhere) {
        problems.push(`${where}: "${key}" (given ${describeValue(v)}) ${elsewhere}`);
        continue;
      }
      const suggestion = closest(key, [...known, ...(topLevel ? topLevel.extraNames ?? [] : [])]);
      problems.push(`${where}: "${key}" is not an attribute of ${model} in authentik ${catalog.openApiVersion} `
        + `(authentik would silently drop it), given ${describeGiven(v)}; ${suggestion ? `did you mean "${suggestion}"? ` : ''}known attributes: ${known.join(', ')}`);
      continue;
    }
    // a plain value (most fields) converts to itself: no path to spell, no reference kind to look up
    if (v === null || typeof v !== 'object') {
      out[wire] = v;
      continue;
    }
    const fieldSchema = resolved.properties![wire] as OpenApiSchema | undefined;
    out[wire] = topLevel
      ? convertField(ctx, wire, topLevel.kinds?.[key], v, `${where}.${key}`, fieldSchema)
      : convertValue(ctx, fieldSchema, v, `${where}.${key}`);
  }
  return out;
}

/** `metaHide` → `meta_hide`. */
export function toWireName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * For a field the declared release lacks but another release has: which releases have it, and the fix
 * (upgrade authentik and `authentikVersion`, or the field's new name in this release); undefined when
 * no release knows the field.
 */
export function otherReleases(model: string, key: string, catalog: Catalog): string | undefined {
  const wire = toWireName(key);
  const versions = versionsWithField(model, wire);
  if (versions.length === 0 || versions.includes(catalog.version)) return undefined;
  const renamed = renamedField(model, wire, catalog.version);
  const later = versions.find((v) => compareVersions(v, catalog.version) > 0);
  const fix = renamed
    ? `authentik ${renamed.version} renamed it to ${renamed.to} (${renamed.source}): write ${camelize(renamed.to)} instead`
    : later
      ? `upgrade authentik to ${later} and set authentikVersion: '${later}' on the AuthentikChart, or remove it`
      : `authentik ${catalog.version} no longer has it: remove it`;
  return `is not an attribute of ${model} in authentik ${catalog.version} (the chart's authentikVersion); authentik ${versions.join(', ')} `
    + `${versions.length === 1 ? 'has' : 'have'} it; ${fix}`;
}

function describeValue(v: unknown): string {
  if (isAuthentikObject(v)) return v.description;
  try {
    const text = JSON.stringify(v);
    if (text === undefined) return String(v);
    return text.length > 60 ? `${text.slice(0, 50)}…` : text;
  } catch {
    return String(v);
  }
}

// fields authentik's blueprint serializers accept beyond the API request schema (its blueprint schema)
function blueprintOnlyField(model: string, key: string, catalog: Catalog): string | undefined {
  const wire = toWireName(key);
  return catalog.blueprintFieldNames(model)?.includes(wire) && !SERIALIZER_READ_ONLY[model]?.includes(wire) ? wire : undefined;
}

/**
 * Whether authentik keeps a (wire-named) field of a model when it applies a blueprint: a field of the
 * API request schema or a blueprint-only one. Undefined when the API has no schema for the model.
 */
export function blueprintKeepsField(model: string, wire: string, catalog: Catalog = baselineCatalog()): boolean | undefined {
  const schemaName = requestSchemaName(model, catalog);
  if (!schemaName) return undefined;
  const resolved = derefSchema(catalog.requestSchemas().components[schemaName]!, catalog);
  const field = resolved.properties?.[wire];
  return (field !== undefined && !field.readOnly) || blueprintOnlyField(model, wire, catalog) !== undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}
