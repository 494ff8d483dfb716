/**
 * The catalog: what one authentik release knows about each blueprint model, generated from that
 * release's OpenAPI document (and, for 2026.2, its blueprint schema) by `npm run generate`. A
 * release's data is read from `./generated/<version>/` on first use, so a synth reads only the
 * release it declares.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { AUTHENTIK_VERSIONS, isAuthentikVersion, type AuthentikVersion } from './versions';

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

/** The request schemas of one release's API (`generated/<version>/models.json`). */
export interface GeneratedModels {
  readonly apiPackageVersion: string;
  readonly openApiVersion: string;
  /** Blueprint model → name of its request schema. */
  readonly models: Record<string, string>;
  readonly components: Record<string, OpenApiSchema>;
}

/** One field of a model in one release. */
export interface CatalogField {
  /** JSON type: string, integer, number, boolean, array, object, union or any. */
  readonly type: string;
  readonly format?: string;
  /** The choices, for a choice field. */
  readonly enum?: readonly unknown[];
  /** The type of a list's items. */
  readonly items?: string;
  readonly nullable?: true;
  /** Required when the object is created. */
  readonly required?: true;
  /** The default, where the OpenAPI document states one. */
  readonly default?: unknown;
  /** Returned by the API, never taken: a blueprint that sets it is ignored. */
  readonly readOnly?: true;
  /** Taken by the API, never returned (DRF's `write_only`): not in what the API serves. */
  readonly writeOnly?: true;
  /** A secret: write-only in the API (unless public, `credential-fields.ts`), a blueprint-only secret, or a listed credential. */
  readonly secret?: true;
  /** Taken only by the blueprint serializer, not by the API. */
  readonly blueprintOnly?: true;
  /** For a relation: the models whose objects it takes. */
  readonly references?: readonly string[];
}

/** How the API serves a model in one release. */
export interface CatalogApi {
  /** The request schema's name. */
  readonly requestSchema: string;
  /** The path (relative to `/api/v3`) objects are created and listed at, where the API has one. */
  readonly path?: string;
  /** The path creates objects, but does not list them (no GET). */
  readonly unlisted?: true;
  /** Query parameters of the list named like a field of the model, each taking one plain value. */
  readonly filters?: readonly string[];
  /** The field of the retrieve route `<path>{field}/`, where it is not the primary key. */
  readonly detail?: string;
}

/** One blueprint model in one release. */
export interface CatalogModel {
  readonly name: string;
  /** How the API serves it; null for a blueprint-only model. */
  readonly api: CatalogApi | null;
  /** Whether an entry of it takes `identifiers`. */
  readonly identifiers: boolean;
  /** Its natural key (wire names): the fields a typed construct finds its object by; empty when it has none (`model-identity.ts`). */
  readonly key: readonly string[];
  /** Permission codenames an entry's `permissions` may grant. */
  readonly permissions: readonly string[];
  readonly fields: Readonly<Record<string, CatalogField>>;
}

interface CatalogJson {
  readonly version: AuthentikVersion;
  readonly apiPackageVersion: string;
  readonly openApiVersion: string;
  readonly models: Record<string, Omit<CatalogModel, 'name'>>;
}

const require = createRequire(import.meta.url);

/** Everything one authentik release knows about its blueprint models. */
export class Catalog {
  /** The release, e.g. `2026.2`. */
  public readonly version: AuthentikVersion;
  private data?: CatalogJson;
  private index?: {
    readonly openApiVersion: string;
    readonly models: Readonly<Record<string, readonly string[]>>;
    readonly secrets: Readonly<Record<string, readonly string[]>>;
    readonly jsonSecrets: Readonly<Record<string, readonly string[]>>;
    readonly keys: Readonly<Record<string, readonly string[]>>;
  };
  private schemas?: GeneratedModels;
  private names?: readonly string[];
  private secretNames?: readonly string[];
  private readonly models = new Map<string, CatalogModel>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly properties = new Map<string, Readonly<Record<string, OpenApiSchema>> | undefined>();

  constructor(version: AuthentikVersion) {
    this.version = version;
  }

  private json(): CatalogJson {
    this.data ??= JSON.parse(readFileSync(new URL(`./generated/${this.version}/catalog.json`, import.meta.url), 'utf8')) as CatalogJson;
    return this.data;
  }

  // per model the fields a blueprint may set: all a synth needs on its hot path, a fifth of the catalog
  private fieldsIndex(): NonNullable<Catalog['index']> {
    this.index ??= JSON.parse(readFileSync(new URL(`./generated/${this.version}/blueprint-fields.json`, import.meta.url), 'utf8')) as NonNullable<Catalog['index']>;
    return this.index;
  }

  /** The OpenAPI version of the release's API document (`2026.2.0`). */
  public get openApiVersion(): string {
    return this.fieldsIndex().openApiVersion;
  }

  /** The request schemas of the release's API, for schema validation and wire conversion. */
  public requestSchemas(): GeneratedModels {
    this.schemas ??= JSON.parse(readFileSync(new URL(`./generated/${this.version}/models.json`, import.meta.url), 'utf8')) as GeneratedModels;
    return this.schemas;
  }

  /** Every model a blueprint of this release may name, sorted. */
  public modelNames(): readonly string[] {
    this.names ??= Object.freeze(Object.keys(this.fieldsIndex().models).sort());
    return this.names;
  }

  /** Whether the release knows `model`. */
  public hasModel(model: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.fieldsIndex().models, model);
  }

  /** A model, or undefined when the release does not know it. */
  public model(name: string): CatalogModel | undefined {
    if (!this.hasModel(name)) return undefined;
    let model = this.models.get(name);
    if (!model) {
      model = { name, ...this.json().models[name]! };
      this.models.set(name, model);
    }
    return model;
  }

  /** A field of a model (wire name), or undefined. */
  public field(model: string, field: string): CatalogField | undefined {
    const m = this.model(model);
    return m && Object.prototype.hasOwnProperty.call(m.fields, field) ? m.fields[field] : undefined;
  }

  /** The fields (wire names) a blueprint may set on a model, sorted: every field that is not read-only; undefined for an unknown model. */
  public blueprintFieldNames(model: string): readonly string[] | undefined {
    return this.hasModel(model) ? this.fieldsIndex().models[model] : undefined;
  }

  /**
   * The secret fields of a model, sorted: write-only in the API, blueprint-only secrets, and the
   * credentials of `credential-fields.ts`.
   */
  public secretFields(model: string): readonly string[] {
    return this.fieldsIndex().secrets[model] ?? [];
  }

  /**
   * The fields (wire names) of a model's request schema in the order the API document lists them,
   * which is the order of authentik's serializer fields; empty when the API has no schema for it.
   */
  public requestFieldOrder(model: string): readonly string[] {
    const name = this.requestSchemaName(model);
    if (!name) return [];
    const components = this.requestSchemas().components;
    let schema: OpenApiSchema | undefined = components[name];
    while (schema && !schema.properties) {
      if (schema.$ref) schema = components[schema.$ref.replace('#/components/schemas/', '')];
      else if (schema.allOf && schema.allOf.length === 1) schema = schema.allOf[0];
      else break;
    }
    return Object.keys(schema?.properties ?? {});
  }

  /**
   * A model's natural key (wire names): the fields its typed construct finds the object by, e.g.
   * `['slug']` for a flow, `['username']` for a user; empty when it has none or the model is unknown
   * (`model-identity.ts` gives the rule and its exceptions).
   */
  public naturalKey(model: string): readonly string[] {
    return this.fieldsIndex().keys[model] ?? [];
  }

  /**
   * The secret fields of a model that hold a JSON object, sorted: those the release types `object`, model
   * `JSONField`s, which authentik's `ModelSerializer` takes as a `JSONDictField` that refuses anything but
   * a dictionary (authentik/core/api/utils.py). Their words are in `json-credentials.ts`.
   */
  public jsonSecretFields(model: string): readonly string[] {
    return this.fieldsIndex().jsonSecrets[model] ?? [];
  }

  /** Every model with a secret field that holds a JSON object (`jsonSecretFields`), sorted. */
  public modelsWithJsonSecrets(): readonly string[] {
    return Object.keys(this.fieldsIndex().jsonSecrets).sort();
  }

  /** Every field name that is a secret field (`secretFields`) of some model of this release, sorted. */
  public secretFieldNames(): readonly string[] {
    this.secretNames ??= Object.freeze([...new Set(Object.values(this.fieldsIndex().secrets).flat())].sort());
    return this.secretNames;
  }

  /** The name of a model's request schema, or undefined when the API has none. */
  public requestSchemaName(model: string): string | undefined {
    return this.requestSchemas().models[model];
  }

  /**
   * The properties of a model's request schema as the API document states them (wire names), or
   * undefined when the API has no schema for it. Once per model: every entry's checks ask.
   */
  public requestProperties(model: string): Readonly<Record<string, OpenApiSchema>> | undefined {
    if (this.properties.has(model)) return this.properties.get(model);
    const name = this.requestSchemaName(model);
    const properties = name === undefined ? undefined : this.requestSchemas().components[name]?.properties;
    this.properties.set(model, properties);
    return properties;
  }

  /** A model's precompiled request validator (`generated/<version>/validators/`), loaded on first use. */
  public validator(model: string): ValidateFunction {
    let fn = this.validators.get(model);
    if (!fn) {
      try {
        fn = (require(`./generated/${this.version}/validators/${model}.cjs`) as { validate: ValidateFunction }).validate;
      } catch (e) {
        throw new Error(`no precompiled validator for ${model} in authentik ${this.version} (${(e as Error).message}); run \`npm run generate\``);
      }
      this.validators.set(model, fn);
    }
    return fn;
  }
}

const catalogs = new Map<AuthentikVersion, Catalog>();

/**
 * The catalog of an authentik release.
 * @throws for a release this project has no catalog of
 */
export function catalogFor(version: AuthentikVersion): Catalog {
  if (!isAuthentikVersion(version)) {
    throw new Error(`no catalog for authentik ${JSON.stringify(version)}; this project knows ${AUTHENTIK_VERSIONS.join(', ')}`);
  }
  let catalog = catalogs.get(version);
  if (!catalog) {
    catalog = new Catalog(version);
    catalogs.set(version, catalog);
  }
  return catalog;
}

/** The releases whose blueprints may set `field` (wire name) on `model`, oldest first. */
export function versionsWithField(model: string, field: string): AuthentikVersion[] {
  return AUTHENTIK_VERSIONS.filter((v) => catalogFor(v).blueprintFieldNames(model)?.includes(field));
}

/** The releases that know `model`, oldest first. */
export function versionsWithModel(model: string): AuthentikVersion[] {
  return AUTHENTIK_VERSIONS.filter((v) => catalogFor(v).hasModel(model));
}

let secretNamesInAnyRelease: ReadonlySet<string> | undefined;

/**
 * Every field name that is a secret field of some model in some release this project knows (the
 * OAuth2 `client_secret`, a user's `password`, a token's `key`, a Kerberos source's `sync_ccache`, …).
 * Where a tool shows values (plan), a field of such a name is hidden on every model: a name some model
 * keeps a credential under is not shown anywhere, whatever the model.
 */
export function secretFieldNamesInAnyRelease(): ReadonlySet<string> {
  secretNamesInAnyRelease ??= new Set(AUTHENTIK_VERSIONS.flatMap((v) => catalogFor(v).secretFieldNames()));
  return secretNamesInAnyRelease;
}
