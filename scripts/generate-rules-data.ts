/**
 * Writes `constructs/authentik/rules/generated/authentik-<version>.json`, the facts authentik's
 * judgement needs at run time beyond the API schema, one file per release this project knows:
 *
 * - `permissions`: the `app_label.codename` values a blueprint may grant in a role's or user's
 *   `permissions` (authentik/rbac/api/rbac.py, `get_permission_choices`). authentik publishes that list
 *   only in its blueprint schema, and only 2026.2's is vendored (`constructs/authentik/specs/`). For a
 *   later release the list is 2026.2's, less the permissions of models the release's catalog no longer
 *   has and plus the permissions the catalog gives the models it adds (`catalogFor(v).model(m)
 *   .permissions`, generated from that release's OpenAPI document by `scripts/generate.ts`). The
 *   catalog alone cannot stand in for the schema: its permissions are per blueprint model, and the
 *   schema's list also holds those of models no blueprint names (sources, providers and property
 *   mappings as base classes, sessions, device facts: 197 codenames in 2026.2).
 * - `partlyKnownApps`: the app labels whose every model is newer than 2026.2; their custom permissions
 *   are not all known (see `permissionsOf`), so the rule does not refuse one of theirs it cannot place;
 * - `shipped`: per model, the identifier values of the objects authentik creates itself: those of its
 *   `default/` and `system/` blueprints, plus the few its code creates (listed below with their source
 *   files);
 * - `examples`: the same for its `example/` blueprints, which exist once someone applies them, and
 *   for packaged blueprints whose entries apply only under a condition (an enterprise licence).
 *
 * The names come from a folder of authentik's own `blueprints/` (default/, system/, example/) of the
 * release: `--corpus DIR --source TEXT`. For 2026.2 that folder is vendored
 * (`test/fixtures/corpus/authentik-2026.2`) and is the default. Later releases' blueprints may not be
 * committed here (third-party files), so without `--corpus` a later release starts from the vendored
 * 2026.2 folder and adds the objects of `RELEASE_BLUEPRINTS` (constructs/catalog/shipped-objects.ts): identifier values only, each with
 * the authentik file and commit it was read from. Pass `--corpus` with a checkout of
 * `blueprints/` at the release's tag to replace that with the release's own folder.
 *
 * Run: `node --import tsx scripts/generate-rules-data.ts [--version 2026.2|2026.5|2026.8|all]
 * [--corpus DIR --source TEXT] [--out FILE]`; the default writes every release. Only this script reads
 * the corpus; the runtime reads the generated files (test/e2e/judgement-facts.test.ts checks they are
 * current).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, type CollectionTag, type ScalarTag } from 'yaml';
import { catalogFor } from '../constructs/catalog/catalog';
import { CREATED_BY_CODE, RELEASE_BLUEPRINTS } from '../constructs/catalog/shipped-objects';
import { AUTHENTIK_VERSIONS, isAuthentikVersion, type AuthentikVersion } from '../constructs/catalog/versions';

const REPO = resolve(import.meta.dirname, '..');
const SPEC = join(REPO, 'constructs/authentik/specs/authentik-blueprint-schema-2026.2.json');
const VENDORED_CORPUS = join(REPO, 'test/fixtures/corpus/authentik-2026.2');
const VENDORED_SOURCE = 'goauthentik/authentik blueprints/ at 9bcf9cd7d46715c9f2036171b1afa316374ba4a1 (2026.2 branch point), vendored in test/fixtures/corpus/authentik-2026.2';

/** The facts file of a release. */
export function factsPath(version: AuthentikVersion): string {
  return join(REPO, `constructs/authentik/rules/generated/authentik-${version}.json`);
}

const IDENTITY_FIELDS = ['slug', 'name', 'domain', 'managed', 'username', 'scope_name'];

type Names = Record<string, Record<string, Set<string>>>;

/** The role/user permission choices of 2026.2, from its blueprint schema. */
function schemaPermissions(): Record<string, string[]> {
  const schema = JSON.parse(readFileSync(SPEC, 'utf8')) as { $defs: Record<string, { properties?: Record<string, any> }> };
  const permissions: Record<string, string[]> = {};
  for (const [key, def] of Object.entries(schema.$defs)) {
    const values = def.properties?.permissions?.items?.enum;
    if (key.startsWith('model_') && Array.isArray(values)) permissions[key.slice('model_'.length)] = [...values].sort();
  }
  return permissions;
}

/**
 * The app labels of a release whose every model is newer than 2026.2: their custom permissions are
 * known only where a cited blueprint grants one, so a codename of theirs that is neither known nor
 * close to a known one cannot be judged.
 */
function partlyKnownApps(version: AuthentikVersion): string[] {
  const app = (m: string): string => m.split('.')[0]!;
  const before = new Set(catalogFor('2026.2').modelNames().map(app));
  return [...new Set(catalogFor(version).modelNames().map(app))].filter((a) => !before.has(a)).sort();
}

/** `app_label.codename` of every permission the catalog of a release gives a model. */
function catalogPermissions(version: AuthentikVersion, model: string): string[] {
  const app = model.split('.')[0]!;
  return (catalogFor(version).model(model)?.permissions ?? []).map((codename) => `${app}.${codename}`);
}

/**
 * A release's permission choices: 2026.2's schema list, moved along the catalog's model changes, plus
 * the custom permissions the cited blueprints of each release since grant.
 */
function permissionsOf(version: AuthentikVersion): Record<string, string[]> {
  const base = schemaPermissions();
  if (version === '2026.2') return base;
  const before = new Set(catalogFor('2026.2').modelNames());
  const now = new Set(catalogFor(version).modelNames());
  const removed = new Set([...before].filter((m) => !now.has(m)).flatMap((m) => catalogPermissions('2026.2', m)));
  const added = [...now].filter((m) => !before.has(m)).flatMap((m) => catalogPermissions(version, m));
  for (const release of AUTHENTIK_VERSIONS.slice(1, AUTHENTIK_VERSIONS.indexOf(version) + 1)) {
    for (const blueprint of RELEASE_BLUEPRINTS[release]) added.push(...(blueprint.permissions ?? []));
  }
  return Object.fromEntries(Object.entries(base).map(([model, list]) =>
    [model, [...new Set([...list.filter((p) => !removed.has(p)), ...added])].sort()]));
}

const anyTag = (name: string): Array<ScalarTag | CollectionTag> => [
  { tag: name, resolve: () => ({ tag: name }) } as ScalarTag,
  { tag: name, collection: 'seq', resolve: () => ({ tag: name }) } as unknown as CollectionTag,
];
const TAGS = ['!KeyOf', '!Env', '!Find', '!FindObject', '!Context', '!Format', '!If', '!Condition', '!File', '!Enumerate', '!Value', '!Index',
  '!AtIndex', '!ParseJSON'].flatMap(anyTag);

const add = (into: Names, model: string, field: string, value: string): void => {
  ((into[model] ??= {})[field] ??= new Set()).add(value);
};

// entries may be a list, or (since 2026.5) a map of named lists
function entriesOf(doc: { entries?: unknown }): any[] {
  const { entries } = doc;
  if (Array.isArray(entries)) return entries;
  if (entries && typeof entries === 'object') return Object.values(entries).flatMap((list) => (Array.isArray(list) ? list : []));
  return [];
}

/** The names of a folder of authentik's blueprints. */
function corpusNames(corpus: string): { shipped: Names; examples: Names } {
  const shipped: Names = {};
  const examples: Names = {};
  // default/ and system/ are applied by authentik itself; example/ only when someone applies a file of it
  for (const folder of ['default', 'system', 'example']) {
    const into = folder === 'example' ? examples : shipped;
    if (!existsSync(join(corpus, folder))) continue;
    for (const file of readdirSync(join(corpus, folder)).filter((f) => f.endsWith('.yaml')).sort()) {
      const doc = parse(readFileSync(join(corpus, folder, file), 'utf8'), { version: '1.1', customTags: TAGS }) as { entries?: unknown };
      for (const entry of entriesOf(doc)) {
        if (entry.state === 'absent') continue;
        const fields = { ...(entry.attrs ?? {}), ...(entry.identifiers ?? {}) };
        for (const field of IDENTITY_FIELDS) if (typeof fields[field] === 'string') add(into, entry.model, field, fields[field]);
      }
    }
  }
  return { shipped, examples };
}

function sorted(names: Names): Record<string, Record<string, string[]>> {
  return Object.fromEntries(Object.entries(names).sort(([a], [b]) => a.localeCompare(b)).map(([model, fields]) => [model,
    Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)).map(([f, set]) => [f, [...set].sort()]))]));
}

/** The text of a release's facts file. */
export function rulesFactsJson(version: AuthentikVersion, corpus?: { dir: string; source: string }): string {
  const dir = corpus?.dir ?? VENDORED_CORPUS;
  if (!existsSync(dir)) throw new Error(`no corpus at ${dir}; pass its folder`);
  const { shipped, examples } = corpusNames(dir);
  const sources = [`blueprints: ${corpus?.source ?? VENDORED_SOURCE}`];
  if (!corpus) {
    // releases after 2026.2 without their own folder: 2026.2's, plus what each release since adds
    for (const release of AUTHENTIK_VERSIONS.slice(1, AUTHENTIK_VERSIONS.indexOf(version) + 1)) {
      for (const blueprint of RELEASE_BLUEPRINTS[release]) {
        sources.push(`${release}: ${blueprint.source} (${blueprint.kind}; ${blueprint.release})`);
        for (const [model, fields] of Object.entries(blueprint.objects)) {
          for (const [field, values] of Object.entries(fields)) for (const v of values) add(blueprint.kind === 'shipped' ? shipped : examples, model, field, v);
        }
      }
    }
  }
  for (const [model, fields] of Object.entries(CREATED_BY_CODE)) for (const [field, values] of Object.entries(fields)) for (const v of values) add(shipped, model, field, v);
  sources.push(version === '2026.2'
    ? 'permissions: constructs/authentik/specs/authentik-blueprint-schema-2026.2.json'
    : `permissions: the 2026.2 blueprint schema's list, less the models constructs/catalog/generated/${version} lacks, plus the permissions it gives the models it adds and the custom ones the cited blueprints grant`);
  return `${JSON.stringify({
    comment: 'Generated by scripts/generate-rules-data.ts; do not edit.',
    version,
    sources,
    permissions: permissionsOf(version),
    partlyKnownApps: partlyKnownApps(version),
    shipped: sorted(shipped),
    examples: sorted(examples),
  }, null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values, positionals } = parseArgs({
    options: { version: { type: 'string', default: 'all' }, corpus: { type: 'string' }, source: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  // the older form: CORPUS_DIR [OUT], for 2026.2 unless --version says otherwise
  const corpusDir = values.corpus ?? positionals[0];
  const out = values.out ?? positionals[1];
  const versions = positionals.length > 0 && values.version === 'all' ? ['2026.2'] : values.version === 'all' ? [...AUTHENTIK_VERSIONS] : [values.version];
  for (const version of versions) {
    if (!isAuthentikVersion(version)) throw new Error(`--version ${JSON.stringify(version)}: this project knows ${AUTHENTIK_VERSIONS.join(', ')}`);
  }
  if ((corpusDir || out) && versions.length !== 1) throw new Error('--corpus and --out need one --version');
  for (const version of versions as AuthentikVersion[]) {
    if (corpusDir && version !== '2026.2' && !values.source) throw new Error('--corpus for a later release needs --source "goauthentik/authentik blueprints/ at <tag> <commit>"');
    const corpus = corpusDir ? { dir: resolve(corpusDir), source: values.source ?? VENDORED_SOURCE } : undefined;
    const text = rulesFactsJson(version, corpus);
    const target = resolve(out ?? factsPath(version));
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
