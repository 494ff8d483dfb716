/**
 * Generates the files derived from pinned specs:
 * - constructs/catalog/generated/<version>/models.json, for each authentik release this project knows
 *   (`constructs/catalog/versions.ts`): for every blueprint model, its request schema (the OpenAPI
 *   components it needs), from `@goauthentik/api` at that release (installed side by side under npm
 *   aliases, e.g. `@goauthentik/api-2026.5`);
 * - constructs/catalog/generated/<version>/catalog.json: per model, every field with its type,
 *   whether it is required on create, its default (where the OpenAPI document gives one), read-only,
 *   secret (write-only) and blueprint-only, the models a relation takes (where known), whether the
 *   entry takes identifiers, the permissions an entry may grant, and the API path that serves it. For
 *   2026.2 the blueprint facts come from authentik's own blueprint schema (vendored in
 *   constructs/authentik/specs/); for later releases from the OpenAPI document plus the cited list
 *   of constructs/catalog/blueprint-only.ts;
 * - constructs/catalog/generated/<version>/validators/<model>.cjs: ajv validators for the request
 *   schemas, precompiled so a synth loads neither ajv nor the schemas, one small module per model;
 * - constructs/catalog/generated/model-names.ts: a constant for every blueprint model of every release
 *   (`ModelName`, the only place outside constructs/catalog/ a model name is written) and the concrete
 *   models of each family (stages, policies, providers, mappings, sources, service connections), read
 *   from the API paths of the catalogs;
 * - constructs/authentik/generated/model-types.ts: the model name → request interface maps that type
 *   typed props (2026.2) and `ModelEntry` (any release);
 * - constructs/authentik/generated/l1/: a low-level construct (`CfnOAuthSource`, …) per blueprint model of
 *   any release that has no hand-written construct, from the catalogs (see `l1Constructs`);
 * - constructs/k8s/generated/external-secret-validator.cjs: the same for the ExternalSecret v1 CRD
 *   schema in constructs/k8s/crds/;
 * - constructs/k8s/generated/eso-models.cjs: the `Password` generator and `PushSecret` models of
 *   @kubernetes-models/external-secrets (with their schema validators), bundled as CommonJS, so the
 *   synth loads them only when a secret is generated (the package is ES modules only).
 *
 * Run `npm run generate` after changing a pin; a test fails while the files disagree with the specs.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule, { _ } from 'ajv';
import addFormatsModule from 'ajv-formats';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';
import { API_ONLY_FIELDS, BLUEPRINT_ONLY_FIELDS, BLUEPRINT_ONLY_MODELS, DEFAULT_PERMISSION_ACTIONS } from '../constructs/catalog/blueprint-only';
import { API_PACKAGES, AUTHENTIK_VERSIONS, type AuthentikVersion } from '../constructs/catalog/versions';
import { CREDENTIAL_FIELDS, PUBLIC_WRITE_ONLY_FIELDS } from '../constructs/catalog/credential-fields';
import { SCHEMALESS_NAMES } from '../constructs/catalog/construct-names';
import { naturalKeyOf } from '../constructs/catalog/model-identity';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CATALOG_DIR = join(root, 'constructs', 'catalog', 'generated');

type Schema = Record<string, unknown>;
interface SpecParameter { $ref?: string; name?: string; in?: string; schema?: Schema }
interface Spec {
  info: { version: string };
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: SpecParameter[] }>>;
  components: { schemas: Record<string, Schema>; parameters?: Record<string, SpecParameter> };
}

// CommonJS packages seen from ESM: the real export sits on .default
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;
const standaloneCode = ((standaloneCodeModule as unknown as { default?: typeof standaloneCodeModule }).default ?? standaloneCodeModule) as typeof standaloneCodeModule;

/**
 * An ajv whose standalone code takes its format checks from constructs/private/json-formats.cjs,
 * required as `formatsPath` (relative to the generated file).
 */
function newAjv(formatsPath: string): InstanceType<typeof AjvModule> {
  const ajv = new Ajv({
    allErrors: true, strict: false, code: { source: true, lines: false, formats: _`require(${formatsPath})` },
    formats: { int32: true, int64: true, byte: true },
  });
  addFormats(ajv);
  return ajv;
}

/** Precompiled validators for one release's request schemas, one small module per model. */
async function authentikValidators(version: AuthentikVersion, modelsJson: string): Promise<Record<string, string>> {
  const { requestJsonSchemas } = await import('../constructs/authentik/schema-validator');
  const { definitions, models } = requestJsonSchemas(JSON.parse(modelsJson));
  const ajv = newAjv('../../../../private/json-formats.cjs');
  ajv.addSchema(definitions);
  const files: Record<string, string> = {};
  for (const [model, schema] of Object.entries(models)) {
    const id = `https://blumeops-authentik.invalid/authentik/models/${model}.json`;
    ajv.addSchema({ ...schema, $id: id });
    files[`constructs/catalog/generated/${version}/validators/${model}.cjs`] = `// generated by scripts/generate.ts; do not edit\n${standaloneCode(ajv, { validate: id })}\n`;
  }
  return files;
}

/** A precompiled validator for ExternalSecret v1 from the vendored CRD. */
function externalSecretValidator(): string {
  const crd = parse(readFileSync(join(root, 'constructs', 'k8s', 'crds', 'external-secrets.io_externalsecrets.crd.yaml'), 'utf8')) as {
    spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: Schema } }> };
  };
  const v1 = crd.spec.versions.find((v) => v.name === 'v1');
  if (!v1) throw new Error('the ExternalSecret CRD has no v1 version');
  const ajv = newAjv('../../private/json-formats.cjs');
  ajv.addSchema({ ...v1.schema.openAPIV3Schema, $id: 'externalsecret-v1' });
  return `// generated by scripts/generate.ts from constructs/k8s/crds/; do not edit\n${standaloneCode(ajv, { validate: 'externalsecret-v1' })}\n`;
}

/** The Password and PushSecret models of @kubernetes-models/external-secrets as one CommonJS file (esbuild, minified). */
async function esoModels(): Promise<string> {
  const esbuild = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', '@kubernetes-models', 'external-secrets', 'package.json'), 'utf8')) as { version: string };
  const result = esbuild.buildSync({
    stdin: {
      contents: [
        "export { Password } from '@kubernetes-models/external-secrets/generators.external-secrets.io/v1alpha1/Password';",
        "export { PushSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1alpha1/PushSecret';",
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return `// generated by scripts/generate.ts from @kubernetes-models/external-secrets ${pkg.version} (MIT); do not edit\n${result.outputFiles[0].text}`;
}

/** The vendored blueprint schema authentik publishes (`blueprints/schema.json`) for 2026.2. */
export const BLUEPRINT_SCHEMA_PATH = join(root, 'constructs', 'authentik', 'specs', 'authentik-blueprint-schema-2026.2.json');

/** What a blueprint schema says about one model. */
export interface BlueprintModelFacts {
  readonly attributes: string[];
  readonly permissions: string[];
  readonly identifiers: boolean;
}

/**
 * From authentik's 2026.2 blueprint schema: every model a blueprint may name (one `blueprint_entry`
 * variant each), the attribute names its blueprint serializer accepts (sorted), the permission
 * codenames of its entry-level `permissions`, and whether the entry takes `identifiers`.
 */
export function vendoredBlueprintModels(): Record<string, BlueprintModelFacts> {
  const schema = JSON.parse(readFileSync(BLUEPRINT_SCHEMA_PATH, 'utf8')) as { $defs: Record<string, Schema & { oneOf?: Schema[] }> };
  const deref = (s: Schema | undefined): Schema | undefined => {
    let current = s;
    while (current && typeof current.$ref === 'string') current = schema.$defs[(current.$ref as string).replace('#/$defs/', '')];
    return current;
  };
  const models: Record<string, BlueprintModelFacts> = {};
  for (const variant of schema.$defs.blueprint_entry!.oneOf ?? []) {
    const properties = variant.properties as Record<string, Schema>;
    const model = (properties.model as { const: string }).const;
    const attrs = deref(properties.attrs);
    const permissionItem = deref((deref(properties.permissions)?.items as Schema | undefined));
    const codenames = ((permissionItem?.properties as Record<string, Schema> | undefined)?.permission?.enum ?? []) as string[];
    models[model] = {
      attributes: Object.keys((attrs?.properties ?? {}) as Record<string, unknown>).sort(),
      permissions: [...codenames].sort(),
      identifiers: 'identifiers' in properties,
    };
  }
  return Object.fromEntries(Object.keys(models).sort().map((m) => [m, models[m]!]));
}

function readSpec(version: AuthentikVersion): { pkg: { version: string }; spec: Spec } {
  const dir = join(root, 'node_modules', ...API_PACKAGES[version].split('/'));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  if (!pkg.version.startsWith(`${version}.`)) {
    throw new Error(`${API_PACKAGES[version]} is ${pkg.version}, not a ${version} release; fix its pin in package.json and run npm ci`);
  }
  return { pkg, spec: parse(readFileSync(join(dir, 'schema.yml'), 'utf8')) as Spec };
}

/** For every blueprint model of a release (its `ModelEnum`), the request schema's name, if the API has one. */
function requestSchemas(spec: Spec): { models: Record<string, string>; unmapped: string[] } {
  const schemas = spec.components.schemas;
  const byLowerName = new Map(Object.keys(schemas).map((name) => [name.toLowerCase(), name]));
  const models: Record<string, string> = {};
  const unmapped: string[] = [];
  for (const model of (schemas.ModelEnum!.enum as string[]).slice().sort()) {
    const request = byLowerName.get(`${model.split('.')[1]}request`);
    if (request) models[model] = request; else unmapped.push(model);
  }
  return { models, unmapped };
}

/** models.json of one release: the request schema of every model and the components they reach. */
function modelsJson(version: AuthentikVersion): string {
  const { pkg, spec } = readSpec(version);
  const schemas = spec.components.schemas;
  const { models, unmapped } = requestSchemas(spec);
  const needed = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) { value.forEach(visit); return; }
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = v.replace('#/components/schemas/', '');
        if (!needed.has(name)) { needed.add(name); visit(schemas[name]); }
      } else {
        visit(v);
      }
    }
  };
  for (const request of Object.values(models)) { needed.add(request); visit(schemas[request]); }
  const components: Record<string, Schema> = {};
  for (const name of [...needed].sort()) components[name] = schemas[name]!;
  return `${JSON.stringify({
    comment: `generated by scripts/generate.ts from ${API_PACKAGES[version]}; do not edit`,
    apiPackageVersion: pkg.version,
    openApiVersion: spec.info.version,
    models,
    unmappedModels: unmapped,
    components,
  }, null, 1)}\n`;
}

/** One field of a model as the catalog holds it. */
export interface CatalogFieldJson {
  type: string;
  format?: string;
  enum?: unknown[];
  items?: string;
  nullable?: true;
  required?: true;
  default?: unknown;
  readOnly?: true;
  writeOnly?: true;
  secret?: true;
  blueprintOnly?: true;
  references?: string[];
}

/** One model as the catalog holds it. */
export interface CatalogModelJson {
  api: { requestSchema: string; path?: string; unlisted?: true; filters?: string[]; detail?: string } | null;
  identifiers: boolean;
  key: readonly string[];
  permissions: string[];
  fields: Record<string, CatalogFieldJson>;
}

/** The facts of one release, derived mechanically from its OpenAPI document (and, for 2026.2, its blueprint schema). */
export async function catalogJson(version: AuthentikVersion): Promise<string> {
  const { pkg, spec } = readSpec(version);
  const schemas = spec.components.schemas;
  const { models } = requestSchemas(spec);
  const { referenceKind } = await import('../constructs/catalog/reference-fields');
  // the kinds' models come from the committed model-names.ts, itself generated from the catalogs: when a
  // release adds a model to a family, a second `npm run generate` settles (test/e2e/generated.test.ts checks the fixpoint)
  const { ModelName } = await import('../constructs/catalog/generated/model-names');
  const anyRelease = new Set<string>(Object.values(ModelName));
  const vendored = vendoredBlueprintModels();
  const deref = (s: Schema | undefined): Schema | undefined => {
    let current = s;
    for (;;) {
      if (current && typeof current.$ref === 'string') current = schemas[(current.$ref as string).replace('#/components/schemas/', '')];
      else if (current && Array.isArray(current.allOf) && current.allOf.length === 1 && !current.properties && !current.type) current = current.allOf[0] as Schema;
      else return current;
    }
  };
  // the POST path whose body is the request schema: where the API creates (and lists) the model
  const pathOf = new Map<string, string>();
  for (const [path, item] of Object.entries(spec.paths)) {
    const ref = item.post?.requestBody?.content?.['application/json']?.schema?.$ref;
    if (typeof ref === 'string' && !path.includes('{')) {
      const name = ref.replace('#/components/schemas/', '');
      if (!pathOf.has(name)) pathOf.set(name, path);
    }
  }
  const out: Record<string, CatalogModelJson> = {};
  const allModels = [...(schemas.ModelEnum!.enum as string[]), ...Object.keys(BLUEPRINT_ONLY_MODELS)].sort();
  for (const model of allModels) {
    const fields: Record<string, CatalogFieldJson> = {};
    const request = models[model];
    const requestSchema = deref(request ? schemas[request] : undefined);
    const required = new Set((requestSchema?.required ?? []) as string[]);
    for (const [wire, raw] of Object.entries((requestSchema?.properties ?? {}) as Record<string, Schema>)) {
      const resolved = deref(raw) ?? {};
      const field: CatalogFieldJson = { type: typeOf(resolved) };
      if (typeof resolved.format === 'string') field.format = resolved.format;
      if (Array.isArray(resolved.enum)) field.enum = resolved.enum as unknown[];
      if (resolved.type === 'array') field.items = typeOf(deref(resolved.items as Schema) ?? {});
      if (raw.nullable || resolved.nullable) field.nullable = true;
      if (required.has(wire)) field.required = true;
      if ('default' in raw) field.default = raw.default;
      if (raw.readOnly) field.readOnly = true;
      if (raw.writeOnly) field.writeOnly = true;
      if ((raw.writeOnly && !PUBLIC_WRITE_ONLY_FIELDS[model]?.[wire]) || CREDENTIAL_FIELDS[model]?.[wire]) field.secret = true;
      const kind = referenceKind(model, wire);
      // the kind's models this release has (and the base models, which no release lists)
      if (kind) field.references = kind.models.filter((m) => allModels.includes(m) || !anyRelease.has(m)).sort();
      fields[wire] = field;
    }
    // fields the API returns but never takes: read-only, listed so a blueprint that names one is told
    const response = deref(request ? schemas[request.replace(/Request$/, '')] : undefined);
    for (const [wire, raw] of Object.entries((response?.properties ?? {}) as Record<string, Schema>)) {
      if (!(wire in fields)) fields[wire] = { type: typeOf(deref(raw) ?? {}), readOnly: true };
    }
    for (const extra of [...(BLUEPRINT_ONLY_FIELDS[model] ?? []), ...(BLUEPRINT_ONLY_MODELS[model]?.fields ?? [])]) {
      fields[extra.field] = {
        type: extra.type, blueprintOnly: true,
        ...(extra.secret ? { secret: true as const } : {}),
        ...(extra.references ? { references: [...extra.references] } : {}),
      };
    }
    // no request schema in the API (a model only the blueprint serializer writes): the fields 2026.2's
    // blueprint schema gives it, untyped, are the best knowledge there is
    if (!request && vendored[model] && !(model in BLUEPRINT_ONLY_MODELS)) {
      for (const attr of vendored[model]!.attributes) fields[attr] ??= { type: 'any', blueprintOnly: true };
    }
    for (const { field } of API_ONLY_FIELDS[model] ?? []) {
      if (fields[field]) fields[field] = { ...fields[field]!, readOnly: true };
    }
    const before = vendored[model];
    const name = model.split('.')[1]!;
    const path = request ? pathOf.get(request) : undefined;
    out[model] = {
      api: request ? { requestSchema: request, ...(path ? { path, ...listApi(spec, path, fields, deref) } : {}) } : null,
      identifiers: before?.identifiers ?? !(model in BLUEPRINT_ONLY_MODELS),
      // the natural key a typed construct finds the object by (constructs/catalog/model-identity.ts)
      key: naturalKeyOf(model, { has: (f) => fields[f] !== undefined && !fields[f]!.readOnly, nameNullable: fields.name?.nullable === true }),
      // models 2026.2 knew keep their permissions (custom ones included); new ones have Django's defaults
      permissions: before?.permissions ?? (model in BLUEPRINT_ONLY_MODELS ? [] : DEFAULT_PERMISSION_ACTIONS.map((a) => `${a}_${name}`)),
      fields: Object.fromEntries(Object.keys(fields).sort().map((f) => [f, fields[f]!])),
    };
  }
  if (version === '2026.2') checkAgainstVendored(out, vendored);
  return `${JSON.stringify({
    comment: `generated by scripts/generate.ts from ${API_PACKAGES[version]}${version === '2026.2'
      ? ' and constructs/authentik/specs/authentik-blueprint-schema-2026.2.json' : ' and constructs/catalog/blueprint-only.ts'}; do not edit`,
    version,
    apiPackageVersion: pkg.version,
    openApiVersion: spec.info.version,
    blueprintFacts: version === '2026.2' ? 'vendored blueprint schema' : 'derived: OpenAPI document + constructs/catalog/blueprint-only.ts',
    models: out,
  }, null, 1)}\n`;
}

/**
 * How the API lists and reads one model's objects, from its list path: the list's query parameters
 * named like a field of the model whose value is one plain value (an exact filter: verify and plan
 * still compare every object they get), and the retrieve route by a field that is not the primary key
 * (`/core/applications/{slug}/`), where there is one.
 */
function listApi(spec: Spec, path: string, fields: Record<string, CatalogFieldJson>, deref: (s: Schema | undefined) => Schema | undefined): { unlisted?: true; filters?: string[]; detail?: string } {
  // created there, but not listed (2026.8's lifecycle iterations)
  if (!spec.paths[path]?.get) return { unlisted: true };
  const param = (p: SpecParameter): SpecParameter => (p.$ref ? spec.components.parameters?.[p.$ref.split('/').pop()!] ?? {} : p);
  // one plain value, or a list of them (`?managed=a&managed=b`), of which one is given
  const plain = (schema: Schema | undefined): boolean => {
    const s = deref(schema);
    if (s?.type === 'array') return plain(s.items as Schema | undefined) && deref(s.items as Schema | undefined)?.type !== 'array';
    return ['string', 'integer', 'number', 'boolean'].includes(String(s?.type));
  };
  const filters = (spec.paths[path]?.get?.parameters ?? []).map(param)
    .filter((p) => p.in === 'query' && typeof p.name === 'string' && p.name in fields && plain(p.schema))
    .map((p) => p.name!).sort();
  const detail = Object.keys(spec.paths)
    .map((p) => new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}\\{([a-z_]+)\\}/$`).exec(p)?.[1])
    .find((f) => f !== undefined && f in fields && spec.paths[`${path}{${f}}/`]?.get !== undefined);
  return { ...(filters.length ? { filters } : {}), ...(detail ? { detail } : {}) };
}

/**
 * The small index a synth reads (`blueprint-fields.json`): per model, the fields a blueprint may set.
 * The full catalog is read only when a message or a tool needs more.
 */
function blueprintFieldsIndex(catalogText: string): string {
  const catalog = JSON.parse(catalogText) as { version: string; openApiVersion: string; models: Record<string, CatalogModelJson> };
  return `${JSON.stringify({
    comment: `generated by scripts/generate.ts from catalog.json beside it; do not edit`,
    version: catalog.version,
    openApiVersion: catalog.openApiVersion,
    models: Object.fromEntries(Object.entries(catalog.models).map(([m, model]) => [m, blueprintAttributes(model)])),
    secrets: Object.fromEntries(Object.entries(catalog.models)
      .map(([m, model]) => [m, Object.entries(model.fields).filter(([, f]) => f.secret).map(([name]) => name).sort()])
      .filter(([, fields]) => fields.length > 0)),
    keys: Object.fromEntries(Object.entries(catalog.models).filter(([, model]) => model.key.length > 0).map(([m, model]) => [m, model.key])),
    // secrets typed as an object: model JSONFields, which authentik's serializer takes only as a dictionary
    jsonSecrets: Object.fromEntries(Object.entries(catalog.models)
      .map(([m, model]) => [m, Object.entries(model.fields).filter(([, f]) => f.secret && f.type === 'object').map(([name]) => name).sort()])
      .filter(([, fields]) => fields.length > 0)),
  })}\n`;
}

/** The blueprint attributes the catalog gives a model: every field that is not read-only. */
export function blueprintAttributes(model: CatalogModelJson): string[] {
  return Object.entries(model.fields).filter(([, f]) => !f.readOnly).map(([name]) => name).sort();
}

// the derivation used for later releases must reproduce the vendored 2026.2 schema exactly
function checkAgainstVendored(catalog: Record<string, CatalogModelJson>, vendored: Record<string, BlueprintModelFacts>): void {
  const problems: string[] = [];
  for (const model of new Set([...Object.keys(catalog), ...Object.keys(vendored)])) {
    const derived = catalog[model] ? blueprintAttributes(catalog[model]!) : undefined;
    const given = vendored[model]?.attributes;
    if (JSON.stringify(derived) !== JSON.stringify(given)) {
      problems.push(`${model}: derived ${JSON.stringify(derived)}, blueprint schema ${JSON.stringify(given)}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`constructs/catalog/blueprint-only.ts disagrees with authentik's 2026.2 blueprint schema; fix the list:\n${problems.join('\n')}`);
  }
}

function typeOf(schema: Schema): string {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.enum)) return 'string';
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return 'union';
  return 'any';
}

/** model-types.ts: typed props read 2026.2's request types; `ModelEntry` accepts the fields of any release. */
function modelTypes(): string {
  const perVersion = AUTHENTIK_VERSIONS.map((version) => ({ version, alias: `v${version.replace('.', '_')}`, models: requestSchemas(readSpec(version).spec).models }));
  const all = [...new Set(perVersion.flatMap((v) => Object.keys(v.models)))].sort();
  const first = perVersion[0]!;
  return [
    '// generated by scripts/generate.ts from @goauthentik/api (one alias per release); do not edit',
    ...perVersion.map((v) => `import type * as ${v.alias} from '${API_PACKAGES[v.version]}';`),
    '',
    `/** The request type authentik ${first.version}'s API uses for each blueprint model, by model name (typed construct props). */`,
    'export interface ModelRequestTypes {',
    ...Object.entries(first.models).map(([model, request]) => `  '${model}': ${first.alias}.${request};`),
    '}',
    '',
    '/** A blueprint model name that has a request type in authentik 2026.2\'s API. */',
    'export type TypedModelName = keyof ModelRequestTypes;',
    '',
    '/**',
    ' * The request types of every release this project knows, by model name: a union, so `ModelEntry` accepts',
    ' * the fields of any release; which release accepts a field is checked at synth against the chart\'s',
    ' * `authentikVersion`.',
    ' */',
    'export interface AnyVersionModelRequestTypes {',
    ...all.map((model) => `  '${model}': ${perVersion.filter((v) => v.models[model]).map((v) => `${v.alias}.${v.models[model]}`).join(' | ')};`),
    '}',
    '',
  ].join('\n');
}

// the type aliases of constructs/authentik/models.ts (and group.ts) for a relation's kind
const KIND_TYPES: Record<string, string> = {
  FLOW: 'IFlow', STAGE: 'IStage', FLOW_STAGE_BINDING: 'IFlowStageBinding', POLICY: 'IPolicy', POLICY_BINDING_TARGET: 'IPolicyBindingTarget',
  USER: 'IUser', ROLE: 'IRole', PROVIDER: 'IProvider', APPLICATION: 'IApplication', PROPERTY_MAPPING: 'IPropertyMapping',
  CERTIFICATE_KEY_PAIR: 'ICertificateKeyPair', SOURCE: 'ISource', PROMPT: 'IPrompt', OUTPOST: 'IOutpost',
  SERVICE_CONNECTION: 'IServiceConnection', NOTIFICATION_TRANSPORT: 'INotificationTransport',
};

/** `OAuthSource` → `oauth-source`, `RACProvider` → `rac-provider`. */
function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]{2,})([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/**
 * constructs/authentik/generated/l1/: for every blueprint model of any release that no hand-written
 * construct writes (those that register with `registerTypedEntry` when constructs/authentik/ loads), a
 * `Cfn<Model>` class on `CfnEntry` with a readonly props interface from the catalogs: camelCase fields
 * (the newest release's definition; fields some releases lack say which have them), each doc comment
 * from the OpenAPI description, `@default` from the catalog, relations typed as the object kinds they
 * take, secrets as `SecretValue`, and a tag accepted in every value position; a `fromSlug`/`fromName`
 * lookup where the model has a natural key; and an index exporting them by name.
 */
export async function l1Constructs(catalogs: Record<AuthentikVersion, { models: Record<string, CatalogModelJson> }>): Promise<Record<string, string>> {
  const authentikDir = join(root, 'constructs', 'authentik');
  for (const file of (readdirSync(authentikDir, { recursive: true }) as string[]).sort()) {
    if (!file.endsWith('.ts') || /^(generated|private|rules|specs)\//.test(file)) continue;
    await import(join(authentikDir, file));
  }
  const { typedEntries } = await import('../constructs/authentik/private/entry-registry');
  const { Kind } = await import('../constructs/authentik/models');
  const handWritten = new Set(typedEntries().map((e) => e.model));
  const kindType = new Map(Object.entries(Kind).map(([key, kind]) => [JSON.stringify([...kind.models].sort()), KIND_TYPES[key]]));
  const newestFirst = [...AUTHENTIK_VERSIONS].reverse();
  const specs = new Map(newestFirst.map((v) => [v, readSpec(v).spec]));
  const all = [...new Set(AUTHENTIK_VERSIONS.flatMap((v) => Object.keys(catalogs[v].models)))].sort();
  const files: Record<string, string> = {};
  const index: string[] = [];
  const classes = new Set<string>();
  const camel = (wire: string): string => wire.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  for (const model of all.filter((m) => !handWritten.has(m))) {
    const having = AUTHENTIK_VERSIONS.filter((v) => catalogs[v].models[model]);
    const newest = catalogs[having[having.length - 1]!].models[model]!;
    const request = newestFirst.map((v) => catalogs[v].models[model]?.api?.requestSchema).find((r) => r);
    const base = request ? request.replace(/Request$/, '') : SCHEMALESS_NAMES[model] ?? model.split('.')[1]!.replace(/^./, (c) => c.toUpperCase());
    const className = `Cfn${base}`;
    if (classes.has(className)) throw new Error(`two models generate ${className}; give ${model} a name in scripts/generate.ts`);
    classes.add(className);
    // every field a blueprint may set in some release, the newest definition
    const fields = new Map<string, { field: CatalogFieldJson; versions: AuthentikVersion[]; doc?: string }>();
    for (const version of newestFirst) {
      const m = catalogs[version].models[model];
      if (!m) continue;
      const props = ((m.api ? specs.get(version)!.components.schemas[m.api.requestSchema]?.properties : undefined) ?? {}) as Record<string, Schema>;
      for (const [wire, field] of Object.entries(m.fields)) {
        if (field.readOnly) continue;
        const known = fields.get(wire);
        if (known) { known.versions.unshift(version); continue; }
        const description = props[wire]?.description;
        fields.set(wire, { field, versions: [version], doc: typeof description === 'string' ? description : undefined });
      }
    }
    // the natural key as the catalogs state it (the same rule, on every field a blueprint may set in some release)
    const naturalKey = naturalKeyOf(model, { has: (f) => fields.has(f), nameNullable: fields.get('name')?.field.nullable === true });
    if (naturalKey.length > 1) throw new Error(`${model}: a natural key of several fields (${naturalKey.join(', ')}) needs a hand-written construct`);
    const key = naturalKey[0];
    const usedAliases = new Set<string>();
    const refType = (models: readonly string[]): string => {
      const alias = kindType.get(JSON.stringify([...models].sort()));
      if (alias) { usedAliases.add(alias); return alias; }
      return `IAuthentikObject<${models.map((x) => `'${x}'`).join(' | ')}>`;
    };
    const scalar = (type: string | undefined): string => (type === 'string' ? 'string' : type === 'integer' || type === 'number' ? 'number'
      : type === 'boolean' ? 'boolean' : 'BlueprintValue');
    const lines: string[] = [];
    const secrets: string[] = [];
    const refs: Record<string, string> = {};
    const refLists: string[] = [];
    for (const [wire, { field, versions, doc }] of [...fields].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const prop = camel(wire);
      let type: string;
      if (field.secret) {
        type = 'SecretValue';
        secrets.push(prop);
      } else if (field.references && field.references.length > 0) {
        refs[prop] = wire;
        if (field.type === 'array') { refLists.push(prop); type = `readonly (${refType(field.references)} | Tag)[] | Tag`; } else type = `${refType(field.references)} | Tag`;
      } else if (field.enum && field.enum.length > 0) {
        type = `${field.enum.filter((e) => e !== null && e !== '').map((e) => (typeof e === 'string' ? `'${e.replace(/'/g, "\\'")}'` : String(e))).join(' | ') || 'string'} | Tag`;
      } else if (field.type === 'array') {
        type = `readonly (${scalar(field.items)} | Tag)[] | Tag`;
      } else {
        type = scalar(field.type);
        if (type !== 'BlueprintValue') type += ' | Tag';
      }
      if (field.nullable && !field.secret) type += ' | null'; // a secret is a reference, never cleared by a literal null
      const docLines = (doc ?? `The \`${wire}\` field.`).replace(/\*\//g, '* /').split('\n').map((l) => l.trim()).filter((l) => l);
      if (field.required) docLines.push(wire === key ? 'The identifier.' : 'Required when the object is created.');
      if (field.blueprintOnly) docLines.push('Taken by authentik\'s blueprint importer only, not by its API.');
      if (field.secret) docLines.push('A secret: a worker secret, `Tag.env(...)` or `Tag.file(...)`, never a literal.');
      if (versions.length < having.length) docLines.push(`Only in authentik ${versions.join(', ')}.`);
      if (wire !== key) docLines.push(`@default ${'default' in field ? `${JSON.stringify(field.default)} (authentik's default)` : '- authentik\'s default'}`);
      lines.push('  /**', ...docLines.map((l) => `   * ${l}`), '   */', `  readonly ${prop}${wire === key ? '' : '?'}: ${type};`);
    }
    const file = kebab(base);
    const spec = {
      identifiers: key ? [key] : [],
      fields: [...fields.keys()].map(camel).sort(),
      ...(secrets.length ? { secrets } : {}),
      ...(Object.keys(refs).length ? { refs } : {}),
      ...(refLists.length ? { refLists } : {}),
      api: newest.api !== null,
    };
    const lookup = key
      ? ['', `  /** The ${model} with this ${key}, living outside this app. */`,
        `  public static from${key === 'slug' ? 'Slug' : 'Name'}(${key}: string): IAuthentikObject<typeof MODEL> {`,
        `    return new LookupReference(MODEL, { ${key} });`, '  }']
      : [];
    const aliases = [...usedAliases].sort();
    const body = [
      `const MODEL = '${model}';`,
      `const SPEC: CfnSpec = ${JSON.stringify(spec)};`,
      `registerCfnEntry(MODEL, '${className}');`,
      '',
      `/** Props for \`${className}\`: the fields of ${model}. */`,
      `export interface ${className}Props extends CfnEntryProps {`,
      ...lines,
      '}',
      '',
      `/** An \`${model}\` entry${having.length < AUTHENTIK_VERSIONS.length ? ` (authentik ${having.join(', ')})` : ''}, generated from the catalog: authentik's own fields, checked against the chart's release. */`,
      `export class ${className} extends CfnEntry<typeof MODEL> {`,
      ...lookup.slice(1), ...(key ? [''] : []),
      `  constructor(scope: Construct, id: string, props: ${className}Props) {`,
      '    super(scope, id, MODEL, props, SPEC);',
      '  }',
      '}',
      '',
    ].join('\n');
    const uses = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(body);
    files[`constructs/authentik/generated/l1/${file}.ts`] = [
      `// generated by scripts/generate.ts from the catalogs of authentik ${having.join(', ')}; do not edit`,
      "import type { Construct } from 'constructs';",
      ...(key ? ["import { LookupReference } from '../../../blueprint/blueprint-entry';"] : []),
      ...(uses('IAuthentikObject') ? ["import type { IAuthentikObject } from '../../../blueprint/object-ref';"] : []),
      ...(uses('Tag') ? ["import type { Tag } from '../../../blueprint/tags';"] : []),
      ...(uses('BlueprintValue') ? ["import type { BlueprintValue } from '../../../blueprint/value';"] : []),
      "import { CfnEntry, registerCfnEntry, type CfnEntryProps, type CfnSpec } from '../../cfn-entry';",
      ...(aliases.length ? [`import type { ${aliases.join(', ')} } from '../../models';`] : []),
      ...(uses('SecretValue') ? ["import type { SecretValue } from '../../private/secret-props';"] : []),
      '',
      body,
    ].join('\n');
    index.push(`export * from './${file}';`);
  }
  files['constructs/authentik/generated/l1/index.ts'] = ['// generated by scripts/generate.ts; do not edit', ...index, ''].join('\n');
  return files;
}

/**
 * The families of models a relation may take, read from where the API serves them (the catalog's
 * `api.path`) and how authentik names their classes: a stage is served under `/stages/` and its model
 * ends in `stage` (a prompt or an invitation is served there too, but is no stage), and so on.
 */
const FAMILIES: ReadonlyArray<{ readonly name: string; readonly doc: string; readonly path: string; readonly suffix?: string }> = [
  { name: 'CONCRETE_STAGE_MODELS', doc: 'Every concrete stage model: served under `/stages/`, its model ending in `stage`.', path: '/stages/', suffix: 'stage' },
  { name: 'CONCRETE_POLICY_MODELS', doc: 'Every concrete policy model: served under `/policies/`, its model ending in `policy`.', path: '/policies/', suffix: 'policy' },
  { name: 'CONCRETE_PROVIDER_MODELS', doc: 'Every concrete provider model: served under `/providers/`, its model ending in `provider`.', path: '/providers/', suffix: 'provider' },
  { name: 'CONCRETE_PROPERTY_MAPPING_MODELS', doc: 'Every concrete property mapping model (scope mappings included): served under `/propertymappings/`.', path: '/propertymappings/' },
  { name: 'CONCRETE_SOURCE_MODELS', doc: 'Every concrete source model: served under `/sources/`, its model ending in `source` (not the user and group connections).', path: '/sources/', suffix: 'source' },
  { name: 'CONCRETE_SERVICE_CONNECTION_MODELS', doc: 'Every concrete outpost service connection model: served under `/outposts/service_connections/`.', path: '/outposts/service_connections/' },
];

/**
 * The key of a model in `ModelName`: its model part in capitals (`authentik_flows.flow` → `FLOW`), or,
 * where two apps share a model part, the app label without `authentik_` before it.
 */
export function modelNameKeys(models: readonly string[]): Map<string, string> {
  const part = (m: string): string => m.slice(m.indexOf('.') + 1).toUpperCase();
  const count = new Map<string, number>();
  for (const m of models) count.set(part(m), (count.get(part(m)) ?? 0) + 1);
  const keys = new Map<string, string>();
  for (const m of models) {
    const key = count.get(part(m))! > 1 ? `${m.slice('authentik_'.length, m.indexOf('.')).toUpperCase()}_${part(m)}` : part(m);
    if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new Error(`model ${m} gives no identifier for ModelName (${key})`);
    keys.set(m, key);
  }
  if (new Set(keys.values()).size !== keys.size) throw new Error('two models give one ModelName key');
  return keys;
}

/**
 * constructs/catalog/generated/model-names.ts: a constant for every blueprint model of every release
 * (the union of the catalogs), the releases that know each, and the concrete models of each family.
 */
export function modelNamesModule(catalogs: Record<AuthentikVersion, { models: Record<string, CatalogModelJson> }>): string {
  const models = [...new Set(AUTHENTIK_VERSIONS.flatMap((v) => Object.keys(catalogs[v].models)))].sort();
  const keys = modelNameKeys(models);
  const lines = [
    `// generated by scripts/generate.ts from the catalogs of authentik ${AUTHENTIK_VERSIONS.join(', ')}; do not edit`,
    '',
    '/** Every blueprint model of every authentik release this project knows, by its model part in capitals (app-qualified where two apps share one). */',
    'export const ModelName = {',
    ...models.map((m) => {
      const having = AUTHENTIK_VERSIONS.filter((v) => m in catalogs[v].models);
      return `${having.length < AUTHENTIK_VERSIONS.length ? `  /** authentik ${having.join(', ')} */\n` : ''}  ${keys.get(m)}: '${m}',`;
    }),
    '} as const;',
    '',
    '/** A blueprint model of some release this project knows. */',
    'export type ModelNameValue = (typeof ModelName)[keyof typeof ModelName];',
    '',
  ];
  for (const family of FAMILIES) {
    const members = models.filter((m) => {
      const name = m.slice(m.indexOf('.') + 1);
      const path = AUTHENTIK_VERSIONS.map((v) => catalogs[v].models[m]?.api?.path).find((p) => p !== undefined);
      return path !== undefined && path.startsWith(family.path) && (family.suffix === undefined || name.endsWith(family.suffix));
    });
    lines.push(`/** ${family.doc} */`, `export const ${family.name} = [`, ...members.map((m) => `  ModelName.${keys.get(m)},`), '] as const;', '');
  }
  return lines.join('\n');
}

/** Every generated file, by path relative to the repo root. */
export async function generateAll(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const catalogs = {} as Record<AuthentikVersion, { models: Record<string, CatalogModelJson> }>;
  for (const version of AUTHENTIK_VERSIONS) {
    const models = modelsJson(version);
    files[`constructs/catalog/generated/${version}/models.json`] = models;
    const catalog = await catalogJson(version);
    files[`constructs/catalog/generated/${version}/catalog.json`] = catalog;
    catalogs[version] = JSON.parse(catalog) as { models: Record<string, CatalogModelJson> };
    files[`constructs/catalog/generated/${version}/blueprint-fields.json`] = blueprintFieldsIndex(catalog);
    Object.assign(files, await authentikValidators(version, models));
  }
  files['constructs/catalog/generated/model-names.ts'] = modelNamesModule(catalogs);
  files['constructs/authentik/generated/model-types.ts'] = modelTypes();
  Object.assign(files, await l1Constructs(catalogs));
  files['constructs/k8s/generated/external-secret-validator.cjs'] = externalSecretValidator();
  files['constructs/k8s/generated/eso-models.cjs'] = await esoModels();
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await generateAll();
  rmSync(CATALOG_DIR, { recursive: true, force: true });
  for (const stale of ['models.json', 'blueprint-fields.json', 'validators', 'l1']) {
    rmSync(join(root, 'constructs', 'authentik', 'generated', stale), { recursive: true, force: true });
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  console.log(`wrote ${Object.keys(files).length} files (catalogs of authentik ${AUTHENTIK_VERSIONS.join(', ')})`);
}
