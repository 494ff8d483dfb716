/**
 * Validates what the fake authentik sends against the OpenAPI document pinned in
 * `@goauthentik/api` (its `schema.yml`): a response authentik could not send is a violation.
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

const SCHEMA_ID = 'authentik-2026.2.0';

/** OpenAPI 3.0 → JSON Schema: `nullable` as `anyOf [..., null]`, nullable `*_obj` relations, closed objects. */
function convert(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convert);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'nullable' || k === 'example' || k === 'discriminator') continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.startsWith('#') ? `${SCHEMA_ID}${v}` : v;
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, convertProperty(s, p, ps as Schema)]));
    else out[k] = convert(v);
  }
  // a field authentik's serializer does not have is something it cannot send: close the objects
  if (s.properties && s.additionalProperties === undefined) out.additionalProperties = false;
  return s.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

function convertProperty(parent: Schema, name: string, property: Schema): unknown {
  const converted = convert(property);
  const relation = name.endsWith('_obj') ? parent.properties?.[name.slice(0, -4)] : undefined;
  if (property.readOnly === true && relation?.nullable === true && property.nullable !== true) {
    return { anyOf: [converted, { type: 'null' }] };
  }
  return converted;
}

/** The pinned OpenAPI document, compiled for response validation. */
export class OpenApiResponses {
  private readonly operations: Operation[] = [];
  private readonly ajv: InstanceType<typeof Ajv>;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@goauthentik/api/schema.yml');
    const doc = parse(readFileSync(file, 'utf8')) as Schema;
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SCHEMA_ID, components: convert({ schemas: doc.components.schemas, responses: doc.components.responses }) });
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
      validate = this.ajv.compile(convert(schema) as Schema);
      this.validators.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `GET ${op.template} ${status}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
}

let shared: OpenApiResponses | undefined;

/**
 * One `OpenApiResponses` per process, for every test file that runs in it (`npm test` runs the files
 * of a worker in one module graph): building it parses the 1.7 MB document and compiles it, seconds of
 * CPU, and all it gains after that is a cache of compiled response validators, the same for everyone.
 */
export function sharedOpenApiResponses(): OpenApiResponses {
  shared ??= new OpenApiResponses();
  return shared;
}
