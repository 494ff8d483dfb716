import { parseDocument, type CollectionTag, type ScalarTag, type Tags, type YAMLSeq } from 'yaml';
import { withPyyamlBooleans } from './private/pyyaml-booleans';
import { TAG_NAMES } from '../blueprint/tags';
import { ModelName } from '../catalog/model-facts';
import { shortModelName } from '../catalog/model-words';

/**
 * Reads blueprint files back for review: authentik's custom tags become plain descriptive values
 * (`!Find [authentik_core.group, [name, admins]]` → `group admins`, `!KeyOf zot-provider` → the
 * referenced entry, `provider Zot`), so two versions of a file can be compared as plain data.
 */

/** A blueprint value read back: tags replaced by descriptions. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

/** One entry of a blueprint read back. */
export interface ReadEntry {
  /** `app_label.model_name`. */
  readonly model: string;
  /** The entry `id`, if any. */
  readonly id?: string;
  /** `present`, `created`, `must_created` or `absent`. */
  readonly state: string;
  /** Identifiers, described. */
  readonly identifiers: { readonly [key: string]: PlainValue };
  /** Attributes, described. */
  readonly attrs: { readonly [key: string]: PlainValue };
  /** Conditions, described. */
  readonly conditions: readonly PlainValue[];
  /** What the entry is, in the words `!Find` and `!KeyOf` to it are described with, e.g. `group admins`. */
  readonly label: string;
}

/** A blueprint file read back. */
export interface ReadBlueprint {
  /** `metadata.name`. */
  readonly name?: string;
  /** `metadata.labels`. */
  readonly labels: { readonly [key: string]: PlainValue };
  /** The entries, in file order. */
  readonly entries: readonly ReadEntry[];
  /** Things authentik would reject when loading the file, e.g. an unknown tag. */
  readonly warnings: readonly string[];
}

/** A short name for a model: `authentik_core.group` → `group`, unknown ones → the part after the dot (the words are the catalog's). */
export function modelLabel(model: string): string {
  return shortModelName(model);
}

/** A tag as parsed, before it is described. */
class TagValue {
  constructor(public readonly name: string, public readonly args: unknown) {}
}

// every tag in both node kinds: a kind authentik rejects is still worth describing rather than hiding
const AUTHENTIK_TAGS: Array<ScalarTag | CollectionTag> = TAG_NAMES.flatMap((name) => [
  { tag: name, resolve: (value: string) => new TagValue(name, value) } as ScalarTag,
  { tag: name, collection: 'seq', resolve: (seq: YAMLSeq) => new TagValue(name, seq.toJSON()) } as CollectionTag,
]);

const pyyamlTags = (tags: Tags): Tags => withPyyamlBooleans(tags, AUTHENTIK_TAGS);

/**
 * Parses a blueprint file with authentik's tags and describes every tagged value.
 * @throws if the text is not YAML or not a blueprint (a mapping with `entries`)
 */
export function readBlueprint(text: string): ReadBlueprint {
  // PyYAML reads YAML 1.1, so do the same
  const doc = parseDocument(text, { customTags: pyyamlTags, version: '1.1' });
  if (doc.errors.length > 0) throw new Error(doc.errors[0].message);
  const warnings = doc.warnings.map((w) => w.message.split('\n')[0]);
  const root = doc.toJS() as Record<string, unknown> | null;
  if (!isRecord(root) || !('entries' in root)) throw new Error('not a blueprint: no `entries`');

  // entries may be a list or a map of section → list, iterated in order
  const rawEntries = (Array.isArray(root.entries) ? root.entries : isRecord(root.entries) ? Object.values(root.entries).flat() : [])
    .filter(isRecord);
  const byId = new Map<string, Record<string, unknown>>();
  for (const e of rawEntries) if (typeof e.id === 'string' && !byId.has(e.id)) byId.set(e.id, e);

  const labels = new Map<Record<string, unknown>, string>();
  const visiting = new Set<Record<string, unknown>>();
  const describe = (value: unknown): PlainValue => describeValue(value, (id) => {
    const target = byId.get(id);
    return target ? labelOf(target) : `entry ${id}`;
  });
  const labelOf = (entry: Record<string, unknown>): string => {
    const known = labels.get(entry);
    if (known !== undefined) return known;
    if (visiting.has(entry)) return `entry ${String(entry.id)}`; // a !KeyOf cycle: authentik rejects it anyway
    visiting.add(entry);
    const label = entryLabel(String(entry.model), describeRecord(entry.identifiers, describe), describeRecord(entry.attrs, describe));
    visiting.delete(entry);
    labels.set(entry, label);
    return label;
  };

  const metadata = isRecord(root.metadata) ? root.metadata : {};
  return {
    name: typeof metadata.name === 'string' ? metadata.name : undefined,
    labels: describeRecord(metadata.labels, describe),
    entries: rawEntries.map((e) => ({
      model: String(e.model),
      id: typeof e.id === 'string' ? e.id : undefined,
      state: typeof e.state === 'string' ? e.state : 'present',
      identifiers: describeRecord(e.identifiers, describe),
      attrs: describeRecord(e.attrs, describe),
      conditions: Array.isArray(e.conditions) ? e.conditions.map(describe) : [],
      label: labelOf(e),
    })),
    warnings,
  };
}

/** `group admins`, `binding of group admins to application zot`, `service account zot-ci`. */
function entryLabel(model: string, identifiers: Record<string, PlainValue>, attrs: Record<string, PlainValue>): string {
  if (model === ModelName.POLICYBINDING) {
    const subject = identifiers.group ?? identifiers.user ?? identifiers.policy;
    if (subject !== undefined && identifiers.target !== undefined) return `binding of ${plainText(subject)} to ${plainText(identifiers.target)}`;
  }
  if (model === ModelName.USER && attrs.type === 'service_account') return `service account ${pairsText(identifiers)}`;
  // meta models have no identifiers of their own: they name their target in attrs
  const ids = Object.keys(identifiers).length > 0 ? identifiers : isRecord(attrs.identifiers) ? attrs.identifiers as Record<string, PlainValue> : {};
  return `${modelLabel(model)} ${pairsText(ids)}`.trim();
}

/** One value alone, or `k=v, k=v` for several. */
function pairsText(pairs: Record<string, PlainValue>): string {
  const entries = Object.entries(pairs);
  if (entries.length === 1) return plainText(entries[0][1]);
  return entries.map(([k, v]) => `${k}=${plainText(v)}`).join(', ');
}

function describeRecord(value: unknown, describe: (v: unknown) => PlainValue): Record<string, PlainValue> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v)]));
}

function describeValue(value: unknown, keyOf: (id: string) => string): PlainValue {
  if (value instanceof TagValue) return describeTag(value, keyOf);
  if (value instanceof Date) return value.toISOString(); // a YAML 1.1 timestamp
  if (Array.isArray(value)) return value.map((v) => describeValue(v, keyOf));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describeValue(v, keyOf)]));
  if (value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return String(value);
}

/** What a tag stands for, in words (see authentik's `blueprints/v1/common.py` for each tag's meaning). */
function describeTag(tag: TagValue, keyOf: (id: string) => string): string {
  const d = (v: unknown): string => plainText(describeValue(v, keyOf));
  const args = Array.isArray(tag.args) ? tag.args : [tag.args];
  const withDefault = (word: string): string => (args.length > 1 ? `${word} ${d(args[0])} (default ${d(args[1])})` : `${word} ${d(args[0])}`);
  switch (tag.name) {
    case '!KeyOf': return keyOf(String(args[0]));
    case '!Find':
    case '!FindObject': {
      const [model, ...query] = args;
      const pairs = Object.fromEntries(query.map((q, i) => (Array.isArray(q) ? [String(q[0]), describeValue(q[1], keyOf)] : [`#${i}`, describeValue(q, keyOf)])));
      return `${modelLabel(d(model))} ${pairsText(pairs)}${tag.name === '!FindObject' ? ' (object)' : ''}`.trim();
    }
    case '!Env': return withDefault('env');
    case '!File': return withDefault('file');
    case '!Context': return withDefault('context');
    case '!Format': return `format(${args.map(d).join(', ')})`;
    case '!Condition': return `${d(args[0])}(${args.slice(1).map(d).join(', ')})`;
    case '!If': return args.length === 3 ? `if ${d(args[0])} then ${d(args[1])} else ${d(args[2])}` : `if ${d(args[0])}`;
    case '!Enumerate': return `enumerate ${d(args[0])} as ${d(args[1])}: ${d(args[2])}`;
    case '!Value': return `enumerated value ${d(args[0])}`;
    case '!Index': return `enumerated index ${d(args[0])}`;
    case '!AtIndex': return `${d(args[0])}[${d(args[1])}]${args.length > 2 ? ` (default ${d(args[2])})` : ''}`;
    case '!ParseJSON': return `JSON ${d(args[0])}`;
    default: return `${tag.name} ${args.map(d).join(', ')}`;
  }
}

/** A described value as one line of text: strings bare, lists `[a, b]`, maps `{k: v}`. */
export function plainText(value: PlainValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(plainText).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${plainText(v)}`).join(', ')}}`;
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof TagValue) && !(value instanceof Date);
}
