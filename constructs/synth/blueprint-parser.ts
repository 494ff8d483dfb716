import { parseAllDocuments, parseDocument, type CollectionTag, type ScalarTag, type Tags, type YAMLSeq } from 'yaml';
import { Env, Find, KeyOf, Tag, TAG_NAMES, type TagName } from '../blueprint/tags';
import type { BlueprintValue } from '../blueprint/value';

/**
 * Parses blueprint YAML the way authentik's loader does (YAML 1.1, PyYAML's booleans, its 14 tags)
 * into plain data whose tagged values are `Tag` objects: `!KeyOf x` → `KeyOf`, `!Env` → `Env`,
 * `!Find` → `Find`, the others → `Tag` with their scalar text or items. This is the form the
 * importer translates and `authentik-state` reduces.
 */

/** A blueprint file as parsed: plain data with `Tag` objects where the file has tags. */
export interface ParsedBlueprint {
  /** Where it came from, for messages: a file path, or `file.yaml#configmap-key` for a ConfigMap key. */
  readonly source: string;
  /** The whole document (`version`, `metadata`, `context`, `entries`). */
  readonly document: { readonly [key: string]: BlueprintValue };
}

/** A tag as the parser builds it: node kind errors are authentik's load errors, reported as such. */
function scalarTag(name: TagName, text: string): Tag {
  if (name === '!KeyOf') return new KeyOf(text);
  if (name === '!Env') return new Env(text);
  return Tag.scalar(name, text);
}

function sequenceTag(name: TagName, items: BlueprintValue[]): Tag {
  if (name === '!Env' && items.length === 2 && typeof items[0] === 'string' && (typeof items[1] === 'string')) {
    return new Env(items[0], items[1]);
  }
  if (name === '!Find' && typeof items[0] === 'string'
    && items.slice(1).every((q) => Array.isArray(q) && q.length === 2 && typeof q[0] === 'string')) {
    return new Find(items[0], items.slice(1) as Array<[string, BlueprintValue]>);
  }
  return Tag.sequence(name, items);
}

/**
 * The `Tag` for a tagged node as a loader reports it: the tag name, the node kind and the scalar text
 * or the (already built) items. Lets values loaded elsewhere (PyYAML, in the conformance suite) be
 * reduced like parsed ones.
 */
export function tagFromNode(name: TagName, kind: 'scalar' | 'sequence', value: string | BlueprintValue[]): Tag {
  return kind === 'scalar' ? scalarTag(name, String(value)) : sequenceTag(name, value as BlueprintValue[]);
}

const AUTHENTIK_TAGS: Array<ScalarTag | CollectionTag> = TAG_NAMES.flatMap((name) => [
  { tag: name, resolve: (value: string) => scalarTag(name, value) } as ScalarTag,
  { tag: name, collection: 'seq', resolve: (seq: YAMLSeq) => sequenceTag(name, seq.toJSON() as BlueprintValue[]) } as CollectionTag,
]);

// PyYAML's booleans (resolver.py): the yaml library's 1.1 schema also reads y/Y/n/N as booleans
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const BOOL = 'tag:yaml.org,2002:bool';

function pyyamlTags(tags: Tags): Tags {
  const fixed = tags.map((tag) => {
    const t = tag as ScalarTag;
    if (t.tag !== BOOL || !t.test) return tag;
    return { ...t, test: t.test.test('true') ? PYYAML_TRUE : PYYAML_FALSE };
  });
  return [...fixed, ...AUTHENTIK_TAGS];
}

const OPTIONS = { customTags: pyyamlTags, version: '1.1' as const };

/**
 * Parses one blueprint file.
 * @param text the YAML
 * @param source where it came from, for messages
 * @throws if the text is not YAML, uses a tag on a node kind authentik rejects, or is not a blueprint
 */
export function parseBlueprint(text: string, source: string): ParsedBlueprint {
  const doc = parseDocument(text, OPTIONS);
  if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0].message.split('\n')[0]}`);
  const root = toPlain(doc.toJS());
  if (!isRecord(root) || !('entries' in root)) throw new Error(`${source}: not a blueprint (no \`entries\`)`);
  return { source, document: root };
}

/**
 * Parses a file that is either a blueprint or Kubernetes manifests: every ConfigMap data value that is
 * a blueprint (a mapping with `entries`) is one, named `file#key`. Keys are taken in sorted order.
 * @throws if the file is neither, or a blueprint in it does not parse
 */
export function parseBlueprintFile(text: string, source: string): ParsedBlueprint[] {
  const docs = parseAllDocuments(text, OPTIONS);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) if (d.errors.length > 0) throw new Error(`${source}: ${d.errors[0].message.split('\n')[0]}`);
  const roots = list.map((d) => toPlain(d.toJS()));
  if (roots.length === 1 && isRecord(roots[0]) && 'entries' in roots[0]) return [{ source, document: roots[0] }];
  const found: ParsedBlueprint[] = [];
  for (const root of roots) {
    if (!isRecord(root) || root.kind !== 'ConfigMap' || !isRecord(root.data)) continue;
    for (const key of Object.keys(root.data).sort()) {
      const value = root.data[key];
      if (typeof value !== 'string') continue;
      const probe = parseDocument(value, OPTIONS);
      const js = probe.errors.length === 0 ? toPlain(probe.toJS()) : undefined;
      if (!isRecord(js) || !('entries' in js)) continue;
      found.push(parseBlueprint(value, `${source}#${key}`));
    }
  }
  if (found.length === 0) throw new Error(`${source}: neither a blueprint nor Kubernetes manifests with a ConfigMap holding one`);
  return found;
}

// dates (YAML 1.1 timestamps) become the text PyYAML would compare; undefined never appears in YAML
function toPlain(value: unknown): BlueprintValue {
  if (value instanceof Tag) return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  if (value === undefined) return null;
  return value as BlueprintValue;
}

/** Whether a parsed value is a plain mapping (not a tag, not a list). */
export function isRecord(value: unknown): value is { readonly [key: string]: BlueprintValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Tag);
}
