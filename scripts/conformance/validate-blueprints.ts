/**
 * Conformance step g: every blueprint document is valid against authentik's own blueprint JSON
 * schema (the vendored `constructs/authentik/specs/authentik-blueprint-schema-2026.2.json`, draft-07,
 * checked with ajv and its formats): the blueprints of the given synthesized folders (the data of
 * their `authentik-blueprints*` ConfigMaps) and, as a self-test of the validator, every file of
 * authentik's own blueprints in CORPUS. It must also reject deliberately broken copies.
 *
 * YAML tags: the schema cannot see them. A tagged value (`!KeyOf`, `!Find`, `!Env`, …) is what
 * authentik resolves at apply time, so it is replaced by a neutral value of the type the schema
 * declares at that position (its first enum value, a string of its minimum length or of its format,
 * its minimum number, true, an empty list or mapping); everything else is validated as written. The
 * files are read as YAML 1.1, as PyYAML reads them.
 *
 * One correction to authentik's schema, found by the self-test: a choice field whose choices are
 * digit strings (the TOTP stage's `digits`: "6", "8") is written as `type: string`, but DRF's
 * ChoiceField looks up `str(value)`, so the `digits: 6` of authentik's own
 * default/flow-default-authenticator-totp-setup.yaml is valid; such enums accept the numbers too.
 *
 * Usage: node --import tsx scripts/conformance/validate-blueprints.ts CORPUS FOLDER...
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import AjvModule, { type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parseAllDocuments, parse, type ScalarTag, type CollectionTag, type Tags } from 'yaml';
import { blueprintModelNames, closestName } from '../../constructs/authentik/private/blueprint-schema';
import { TAG_NAMES } from '../../constructs/blueprint/tags';
import { BLUEPRINT_SCHEMA_PATH } from '../generate';
import { ModelName } from '../../constructs/catalog/model-facts';

const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

type Schema = { [key: string]: unknown };

/** A value written with an authentik tag, as read from the file. */
class TagValue {
  constructor(readonly tag: string) {}
}

const customTags: Array<ScalarTag | CollectionTag> = TAG_NAMES.flatMap((tag) => [
  { tag, resolve: () => new TagValue(tag) } as ScalarTag,
  { tag, collection: 'seq', resolve: () => new TagValue(tag) } as unknown as CollectionTag,
  { tag, collection: 'map', resolve: () => new TagValue(tag) } as unknown as CollectionTag,
]);

// PyYAML's YAML 1.1 booleans: unlike the spec (and the yaml package), not y/Y/n/N
const PYYAML_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const pyyamlBool: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: PYYAML_BOOL,
  resolve: (text: string) => /^(?:yes|true|on)$/i.test(text),
};

function readBlueprint(text: string): unknown {
  return parse(text, {
    version: '1.1',
    uniqueKeys: false,
    customTags: (defaults: Tags) => [...defaults.filter((t) => (typeof t === 'string' ? t !== 'bool' : t.tag !== 'tag:yaml.org,2002:bool')), pyyamlBool, ...customTags],
  });
}

/** The schema with digit-string enums widened to the numbers DRF's ChoiceField accepts for them. */
function widenDigitEnums(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(widenDigitEnums);
  if (value === null || typeof value !== 'object') return value;
  const node = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, widenDigitEnums(v)])) as Schema;
  const choices = node.enum;
  if (node.type === 'string' && Array.isArray(choices) && choices.length > 0 && choices.every((c) => typeof c === 'string' && /^-?\d+$/.test(c))) {
    delete node.type;
    node.enum = [...choices, ...choices.map((c) => Number(c))];
  }
  return node;
}

const schema = widenDigitEnums(JSON.parse(readFileSync(BLUEPRINT_SCHEMA_PATH, 'utf8'))) as Schema & { $defs: Record<string, Schema> };
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function deref(s: Schema | undefined): Schema | undefined {
  let current = s;
  while (current && typeof current.$ref === 'string') current = schema.$defs[(current.$ref as string).replace('#/$defs/', '')];
  return current;
}

/** The branch of an anyOf/oneOf that describes `value`: by `model` for blueprint entries, else by JSON type. */
function branchFor(s: Schema, value: unknown): Schema | undefined {
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (!branches) return s;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'model' in value) {
    const model = (value as { model: unknown }).model;
    const match = branches.find((b) => ((b.properties as Record<string, { const?: unknown }> | undefined)?.model?.const) === model);
    if (match) return match;
  }
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'object' ? 'object' : typeof value;
  return branches.map((b) => deref(b)!).find((b) => b.type === type) ?? deref(branches[0]);
}

const NEUTRAL_BY_FORMAT: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000000', 'date-time': '2026-01-01T00:00:00Z', email: 'tag@example.com', uri: 'https://example.com/',
};

/** A value the schema accepts at a position where the file has a tag; undefined where it says nothing. */
function neutralValue(position: Schema | undefined): unknown {
  const s = position && branchFor(deref(position)!, undefined);
  if (!s) return undefined;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('const' in s) return s.const;
  const types = Array.isArray(s.type) ? s.type as string[] : [s.type as string | undefined];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'string':
      return typeof s.format === 'string' && NEUTRAL_BY_FORMAT[s.format] ? NEUTRAL_BY_FORMAT[s.format] : 'x'.repeat(Math.max(1, Number(s.minLength ?? 1)));
    case 'integer': case 'number':
      return typeof s.minimum === 'number' ? s.minimum : typeof s.maximum === 'number' && s.maximum < 0 ? s.maximum : 0;
    case 'boolean': return true;
    case 'array': return [];
    case 'object': return {};
    case 'null': return null;
    default: return 'x';
  }
}

/** The document with every tagged value replaced by a neutral value for its position. */
function neutralize(value: unknown, position: Schema | undefined): unknown {
  if (value instanceof TagValue) return neutralValue(position);
  const s = position && branchFor(deref(position)!, value);
  if (Array.isArray(value)) return value.map((item) => neutralize(item, s?.items as Schema | undefined));
  if (value !== null && typeof value === 'object') {
    const properties = (s?.properties ?? {}) as Record<string, Schema>;
    const additional = typeof s?.additionalProperties === 'object' ? s.additionalProperties as Schema : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const n = neutralize(v, properties[key] ?? additional);
      if (n !== undefined) out[key] = n;
    }
    return out;
  }
  return value;
}

/** Problems with one blueprint text; empty when valid. */
function check(text: string): string[] {
  let doc: unknown;
  try {
    doc = readBlueprint(text);
  } catch (e) {
    return [`not readable YAML: ${(e as Error).message}`];
  }
  if (validate(neutralize(doc, schema))) return [];
  return summarize(validate.errors ?? [], doc);
}

/** ajv's errors for a oneOf over 121 entry variants are mostly noise: keep those of the entry's own variant. */
function summarize(errors: ErrorObject[], doc: unknown): string[] {
  const entries = (doc as { entries?: unknown }).entries;
  const modelAt = (instancePath: string): unknown => {
    const m = /^\/entries\/(\d+)/.exec(instancePath);
    return m && Array.isArray(entries) ? (entries[Number(m[1])] as { model?: unknown } | undefined)?.model : undefined;
  };
  const variantOf = (instancePath: string): string | undefined => {
    const model = modelAt(instancePath);
    const branches = (schema.$defs.blueprint_entry!.oneOf as Schema[]);
    const index = branches.findIndex((b) => (b.properties as Record<string, { const?: unknown }>).model?.const === model);
    return index < 0 ? undefined : `/oneOf/${index}/`;
  };
  const kept = errors.filter((e) => {
    const variant = variantOf(e.instancePath);
    if (e.keyword === 'oneOf') return variant === undefined && /^\/entries\/\d+$/.test(e.instancePath);
    if (e.schemaPath.startsWith('#/$defs/model_')) return variant !== undefined && e.schemaPath.startsWith(`#/$defs/model_${String(modelAt(e.instancePath))}`);
    // a $ref'd definition reports paths from its own root: "#/oneOf/N/…" are blueprint_entry's variants
    if (/^#\/oneOf\/\d+\//.test(e.schemaPath)) return variant !== undefined && e.schemaPath.startsWith(`#${variant}`);
    // "entries must be object" / "must match a schema in anyOf" only restate an error inside the list
    return !(e.instancePath === '/entries' && (e.keyword === 'anyOf' || e.schemaPath === '#/properties/entries/anyOf/1/type'));
  });
  return [...new Set((kept.length > 0 ? kept : errors).map((e) => {
    let model = '';
    if (variantOf(e.instancePath) === undefined && e.keyword === 'oneOf') {
      const given = modelAt(e.instancePath);
      const meant = typeof given === 'string' ? closestName(given, blueprintModelNames()) : undefined;
      model = ` (authentik has no model ${JSON.stringify(given)}${meant ? `; did you mean ${JSON.stringify(meant)}?` : ''})`;
    }
    return `${e.instancePath || '/'} ${e.message}${e.keyword === 'enum' ? ` ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}` : ''}${model}`;
  }))].slice(0, 10);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') ? [path] : [];
  });
}

/** file name → blueprint text, from the blueprints ConfigMaps of a synthesized folder. */
function blueprintsIn(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(folder, file), 'utf8'))) {
      const manifest = doc.toJS() as { kind?: string; metadata?: { name?: string }; data?: Record<string, string> } | null;
      if (manifest?.kind === 'ConfigMap' && manifest.metadata?.name?.startsWith('authentik-blueprints')) {
        for (const [name, text] of Object.entries(manifest.data ?? {})) out.set(`${manifest.metadata.name}/${name}`, text);
      }
    }
  }
  return out;
}

const [corpus, ...folders] = process.argv.slice(2);
if (!corpus || folders.length === 0) throw new Error('usage: validate-blueprints.ts CORPUS FOLDER...');
let failures = 0;
let first: string | undefined;
for (const folder of folders) {
  const blueprints = blueprintsIn(folder);
  if (blueprints.size === 0) {
    console.log(`  FAIL ${folder}: no blueprints ConfigMap data`);
    failures++;
  }
  for (const [name, text] of blueprints) {
    first ??= text;
    for (const problem of check(text)) {
      console.log(`  FAIL ${folder} ${name}: ${problem}`);
      failures++;
    }
  }
  console.log(`  ${folder}: ${blueprints.size} blueprints checked against ${String(schema.title)}`);
}
const corpusFiles = yamlFiles(corpus);
for (const file of corpusFiles) {
  for (const problem of check(readFileSync(file, 'utf8'))) {
    console.log(`  FAIL corpus ${relative(corpus, file)}: ${problem}`);
    failures++;
  }
}
console.log(`  ${corpus}: ${corpusFiles.length} of authentik's own blueprints checked (self-test of the validator)`);

// the validator must reject what authentik rejects
const base = readBlueprint(first ?? 'version: 1\nentries: []\n') as { entries: Array<Record<string, unknown>> };
const broken: Array<[string, (d: { version?: unknown; entries: Array<Record<string, unknown>> }) => void]> = [
  ['an unknown model', (d) => { d.entries[0]!.model = `${ModelName.APPLICATION}s`; }],
  ['an unknown state', (d) => { d.entries[0]!.state = 'deleted'; }],
  ['version as a string', (d) => { d.version = '1'; }],
  ['identifiers missing where required', (d) => { delete d.entries.find((e) => e.model !== ModelName.METAAPPLYBLUEPRINT)!.identifiers; }],
  ['an attribute of the wrong type', (d) => { d.entries.push({ model: ModelName.GROUP, identifiers: { name: 'x' }, attrs: { is_superuser: 'yes please' } }); }],
  ['an enum attribute with a value authentik lacks', (d) => { d.entries.push({ model: ModelName.APPLICATION, identifiers: { slug: 'x' }, attrs: { policy_engine_mode: 'most' } }); }],
];
const rejected: string[] = [];
for (const [what, breakIt] of broken) {
  const copy = structuredClone(neutralize(base, schema)) as { version?: unknown; entries: Array<Record<string, unknown>> };
  breakIt(copy);
  if (validate(copy)) {
    console.log(`  FAIL the validator accepts a blueprint with ${what}`);
    failures++;
  } else {
    rejected.push(what);
  }
}
console.log(`  rejects all ${rejected.length} deliberately broken copies (${rejected.join(', ')})`);
process.exit(failures === 0 ? 0 : 1);
