/**
 * Validates what the fake authentik sends against the OpenAPI document of one authentik release (the
 * `schema.yml` of that release's `@goauthentik/api` package, `API_PACKAGES` in
 * constructs/catalog/versions.ts): a response that release could not send is a violation, a field it
 * does not have included (the objects are closed).
 *
 * Two things the document implies without listing them, allowed here on purpose:
 * - 401 with DRF's `{"detail": …}` (the GenericError shape) on every operation that requires the
 *   `authentik` bearer scheme (what an HTTP bearer scheme answers a refused token with; authentik
 *   2026.2 itself answers 403, a proxy in front of it 401), and 404 with the same shape on detail
 *   paths (`…/{slug}/`), which DRF answers for an unknown key;
 * - null for a read-only nested `*_obj` whose relation field beside it is nullable (`policy_obj` of a
 *   group binding, `provider_obj` of an application without provider): DRF renders an empty
 *   relation as null, though the document calls those objects required.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { API_PACKAGES, AUTHENTIK_VERSIONS, isAuthentikVersion, type AuthentikVersion } from '../constructs/catalog/versions';

// CommonJS packages seen from ESM: the real export sits on .default
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

type Schema = Record<string, any>;

interface Operation {
  readonly template: string;
  readonly pattern: RegExp;
  readonly responses: Record<string, Schema>;
  readonly secured: boolean;
  readonly hasPathParameter: boolean;
}

/** OpenAPI 3.0 → JSON Schema: `nullable` as `anyOf [..., null]`, nullable `*_obj` relations, closed objects; `$ref`s into `id`. */
function convert(schema: unknown, id: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => convert(s, id));
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'nullable' || k === 'example' || k === 'discriminator') continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.startsWith('#') ? `${id}${v}` : v;
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, convertProperty(s, p, ps as Schema, id)]));
    else out[k] = convert(v, id);
  }
  // a field authentik's serializer does not have is something it cannot send: close the objects
  if (s.properties && s.additionalProperties === undefined) out.additionalProperties = false;
  return s.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

function convertProperty(parent: Schema, name: string, property: Schema, id: string): unknown {
  const converted = convert(property, id);
  const relation = name.endsWith('_obj') ? parent.properties?.[name.slice(0, -4)] : undefined;
  if (property.readOnly === true && relation?.nullable === true && property.nullable !== true) {
    return { anyOf: [converted, { type: 'null' }] };
  }
  return converted;
}

/** One release's OpenAPI document, compiled for response validation. */
export class OpenApiResponses {
  /** The authentik release whose document this is. */
  readonly version: AuthentikVersion;
  /** The document's own version (`info.version`, e.g. `2026.5.6`): what that release's `/admin/version/` reports. */
  readonly documentVersion: string;
  /** The parsed document (read-only), for tests that check paths and parameters against it. */
  readonly document: Schema;
  private readonly operations: Operation[] = [];
  private readonly ajv: InstanceType<typeof Ajv>;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly id: string;

  /** @param version the release, default the oldest this project knows (2026.2) */
  constructor(version: AuthentikVersion = AUTHENTIK_VERSIONS[0]) {
    if (!isAuthentikVersion(version)) throw new Error(`no OpenAPI document for authentik ${JSON.stringify(version)}; known: ${AUTHENTIK_VERSIONS.join(', ')}`);
    this.version = version;
    const require = createRequire(import.meta.url);
    const file = require.resolve(`${API_PACKAGES[version]}/schema.yml`);
    const doc = parse(readFileSync(file, 'utf8')) as Schema;
    this.document = doc;
    this.documentVersion = String(doc.info?.version ?? '');
    if (versionOfDocument(this.documentVersion) !== version) {
      throw new Error(`${API_PACKAGES[version]}/schema.yml describes authentik ${this.documentVersion}, not ${version}: check the alias in package.json`);
    }
    this.id = `authentik-${this.documentVersion}`;
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: this.id, components: convert({ schemas: doc.components.schemas, responses: doc.components.responses }, this.id) });
    for (const [template, item] of Object.entries(doc.paths as Record<string, Schema>)) {
      const op = item.get as Schema | undefined;
      if (!op) continue;
      const responses: Record<string, Schema> = {};
      for (const [status, response] of Object.entries(op.responses as Record<string, Schema>)) {
        const resolved = response.$ref ? doc.components.responses[String(response.$ref).split('/').pop()!] : response;
        const schema = resolved?.content?.['application/json']?.schema;
        if (schema) responses[status] = schema;
      }
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      this.operations.push({
        template, pattern, responses,
        secured: Array.isArray(op.security) && op.security.some((r: Schema) => 'authentik' in r),
        hasPathParameter: template.includes('{'),
      });
    }
  }

  /** The operation of a GET to `path` (under `/api/v3`), preferring literal paths over templates. */
  operation(path: string): Operation | undefined {
    const matches = this.operations.filter((o) => o.pattern.test(path));
    return matches.find((o) => !o.hasPathParameter) ?? matches[0];
  }

  /**
   * Problems with a response authentik could not send: `[]` when it could.
   * `path` is relative to `/api/v3`, without the query.
   */
  check(path: string, status: number, body: unknown): string[] {
    const op = this.operation(path);
    if (!op) return [`GET ${path}: no such operation in the OpenAPI document`];
    let schema = op.responses[String(status)];
    if (!schema && ((status === 401 && op.secured) || (status === 404 && op.hasPathParameter))) {
      schema = { $ref: '#/components/schemas/GenericError' };
    }
    if (!schema) return [`GET ${op.template}: authentik does not answer ${status}`];
    const key = `${op.template} ${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(convert(schema, this.id) as Schema);
      this.validators.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `GET ${op.template} ${status}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
}

/** `2026.5.6` → `2026.5`. */
function versionOfDocument(text: string): string {
  const m = /^(\d{4})\.(\d{1,2})\b/.exec(text);
  return m ? `${m[1]}.${Number(m[2])}` : text;
}

const shared = new Map<AuthentikVersion, OpenApiResponses>();

/**
 * One `OpenApiResponses` per release and process, for every test file that runs in it (`npm test`
 * runs the files of a worker in one module graph), built the first time a release is asked for:
 * building one parses a 1.7 MB document and compiles it, seconds of CPU, and all it gains after that
 * is a cache of compiled response validators, the same for everyone. A worker whose tests play only
 * 2026.2 never reads the later documents.
 * @param version the release, default the oldest this project knows (2026.2)
 */
export function sharedOpenApiResponses(version: AuthentikVersion = AUTHENTIK_VERSIONS[0]): OpenApiResponses {
  let hit = shared.get(version);
  if (!hit) {
    hit = new OpenApiResponses(version);
    shared.set(version, hit);
  }
  return hit;
}
