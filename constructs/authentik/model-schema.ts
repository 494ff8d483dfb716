import { readFileSync } from 'node:fs';
import type { Tag } from '../blueprint/tags';
import { isAuthentikObject, type IAuthentikObject } from '../blueprint/object-ref';
import type { BlueprintValue, Reference } from '../blueprint/value';
import type { ObjectKind } from './models';
import { closest, describeGiven } from '../private/prop-checks';
import { isEnvSecret, type IEnvSecret } from './env-secret';
import { blueprintFieldNames } from './private/blueprint-schema';
import { referenceKind } from './private/reference-fields';

/** An OpenAPI 3.0 schema object from authentik's API description. */
export type OpenApiSchema = {
  readonly type?: string;
  readonly format?: string;
  readonly nullable?: boolean;
  readonly properties?: Record<string, OpenApiSchema>;
  readonly required?: readonly string[];
  readonly items?: OpenApiSchema;
  readonly allOf?: readonly OpenApiSchema[];
  readonly oneOf?: readonly OpenApiSchema[];
  readonly anyOf?: readonly OpenApiSchema[];
  readonly enum?: readonly unknown[];
  readonly $ref?: string;
  readonly readOnly?: boolean;
  readonly additionalProperties?: boolean | OpenApiSchema;
  readonly [key: string]: unknown;
};

interface GeneratedModels {
  readonly apiPackageVersion: string;
  readonly openApiVersion: string;
  readonly models: Record<string, string>;
  readonly components: Record<string, OpenApiSchema>;
}

let loaded: GeneratedModels | undefined;

/** The request schemas of the pinned authentik API (generated from @goauthentik/api). */
export function authentikModels(): GeneratedModels {
  loaded ??= JSON.parse(readFileSync(new URL('./generated/models.json', import.meta.url), 'utf8')) as GeneratedModels;
  return loaded;
}

/** The name of the request schema for a blueprint model, or undefined when the API has none. */
export function requestSchemaName(model: string): string | undefined {
  return authentikModels().models[model];
}

/** Follows `$ref` and single-item `allOf` wrappers to the schema that describes the value. */
export function derefSchema(schema: OpenApiSchema): OpenApiSchema {
  let current = schema;
  for (;;) {
    if (current.$ref) {
      current = authentikModels().components[current.$ref.replace('#/components/schemas/', '')];
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
export function attributeNames(model: string): string[] {
  const schemaName = requestSchemaName(model);
  if (!schemaName) return [];
  const resolved = derefSchema(authentikModels().components[schemaName]);
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
  const schemaName = requestSchemaName(model);
  if (!schemaName) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(attrs)) {
      if (v !== undefined) out[key] = convertField(model, key, options.kinds?.[key], v, `${where}.${key}`, problems, undefined);
    }
    return out as Record<string, BlueprintValue>;
  }
  return convertObject(authentikModels().components[schemaName], attrs, where, problems, model, options) as Record<string, BlueprintValue>;
}

/** Options for `toWireAttributes`. */
export interface WireOptions {
  /** The kind of object a (camelCase) prop takes, where the construct knows better than the model's table. */
  readonly kinds?: Readonly<Record<string, ObjectKind>>;
  /** Further prop names the caller accepts, offered as suggestions for a misspelt one. */
  readonly extraNames?: readonly string[];
}

// a top-level field: objects become references, checked against the kind the relation takes
function convertField(
  model: string,
  wire: string,
  declaredKind: ObjectKind | undefined,
  value: unknown,
  where: string,
  problems: string[],
  schema: OpenApiSchema | undefined,
): unknown {
  const kind = declaredKind ?? referenceKind(model, wire);
  const one = (v: unknown, at: string): unknown => {
    if (!isAuthentikObject(v)) return convertValue(schema && Array.isArray(value) ? derefSchema(schema).items : schema, v, at, problems, model);
    if (kind && !kind.models.includes(v.model)) {
      problems.push(`${at}: expects ${kind.noun}, but was given ${v.description} (model ${v.model}); pass ${kind.hint}`);
    }
    return v.toReference();
  };
  if (Array.isArray(value)) return value.map((v, i) => one(v, `${where}[${i}]`));
  return one(value, where);
}

function convertValue(schema: OpenApiSchema | undefined, value: unknown, where: string, problems: string[], model: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isAuthentikObject(value)) return value.toReference();
  // a worker secret stands for its !Env wherever it is put
  if (isEnvSecret(value)) return value.envTag();
  if (!isPlainObject(value) && !Array.isArray(value)) return value; // a Tag or Reference: authentik resolves it
  if (!schema) return Array.isArray(value) ? value.map((v, i) => convertValue(undefined, v, `${where}[${i}]`, problems, model)) : value;
  const resolved = derefSchema(schema);
  if (Array.isArray(value)) {
    return value.map((item, i) => convertValue(resolved.items, item, `${where}[${i}]`, problems, model));
  }
  if (resolved.properties) return convertObject(resolved, value as Record<string, unknown>, where, problems, model, false);
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
  schema: OpenApiSchema,
  value: Record<string, unknown>,
  where: string,
  problems: string[],
  model: string,
  topLevel: WireOptions | false,
): Record<string, unknown> {
  const resolved = derefSchema(schema);
  const byCamel = wireNames(resolved);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const wire = byCamel.get(key) ?? (topLevel ? blueprintOnlyField(model, key) : undefined);
    if (!wire) {
      const known = [...byCamel.keys()].filter((k) => !resolved.properties![byCamel.get(k)!].readOnly).sort();
      const suggestion = closest(key, [...known, ...(topLevel ? topLevel.extraNames ?? [] : [])]);
      problems.push(`${where}: "${key}" is not an attribute of ${model} in authentik ${authentikModels().openApiVersion} `
        + `(authentik would silently drop it), given ${describeGiven(v)}; ${suggestion ? `did you mean "${suggestion}"? ` : ''}known attributes: ${known.join(', ')}`);
      continue;
    }
    const fieldSchema = resolved.properties![wire] as OpenApiSchema | undefined;
    out[wire] = topLevel
      ? convertField(model, wire, topLevel.kinds?.[key], v, `${where}.${key}`, problems, fieldSchema)
      : convertValue(fieldSchema, v, `${where}.${key}`, problems, model);
  }
  return out;
}

// fields authentik's blueprint serializers accept beyond the API request schema (its blueprint schema)
function blueprintOnlyField(model: string, key: string): string | undefined {
  const wire = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return blueprintFieldNames(model)?.includes(wire) && !SERIALIZER_READ_ONLY[model]?.includes(wire) ? wire : undefined;
}

// listed by the blueprint schema, but the serializer sets them itself and drops what a blueprint gives
const SERIALIZER_READ_ONLY: Record<string, readonly string[]> = {
  'authentik_stages_invitation.invitation': ['created_by'],
};

/**
 * Whether authentik keeps a (wire-named) field of a model when it applies a blueprint: a field of the
 * API request schema or a blueprint-only one. Undefined when the API has no schema for the model.
 */
export function blueprintKeepsField(model: string, wire: string): boolean | undefined {
  const schemaName = requestSchemaName(model);
  if (!schemaName) return undefined;
  const resolved = derefSchema(authentikModels().components[schemaName]);
  const field = resolved.properties?.[wire];
  return (field !== undefined && !field.readOnly) || blueprintOnlyField(model, wire) !== undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}
