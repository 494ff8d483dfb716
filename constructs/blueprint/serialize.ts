import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node, type ScalarTag, type Tags } from 'yaml';
import { memoDuringSynth } from './synth-memo';
import { Tag, TagNodeKind } from './tags';
import { Reference, spellPath, type BlueprintScalar } from './value';
import { numberScalar, stringScalar } from './yaml-scalars';

/** A blueprint value after every reference has become a tag: what is written to the file. */
export type ResolvedValue =
  | BlueprintScalar
  | Tag
  | readonly ResolvedValue[]
  | { readonly [key: string]: ResolvedValue };

/** One entry of a blueprint file, in the order its keys are written. */
export interface EntryDocument {
  readonly model: string;
  readonly id?: string;
  readonly state: string;
  readonly conditions?: readonly ResolvedValue[];
  readonly identifiers?: { readonly [key: string]: ResolvedValue };
  readonly attrs?: { readonly [key: string]: ResolvedValue };
  readonly permissions?: readonly ResolvedValue[];
}

/** A whole blueprint file (authentik's `Blueprint` dataclass). */
export interface BlueprintDocument {
  readonly version: 1;
  readonly metadata: { readonly name: string; readonly labels: { readonly [key: string]: string } };
  readonly context?: { readonly [key: string]: ResolvedValue };
  readonly entries: readonly EntryDocument[];
}

const STR = 'tag:yaml.org,2002:str';
const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);
// what a blueprint holds; the rest of YAML 1.1's tags (binary, timestamp, set, omap, pairs, merge and
// the formatted numbers) never describe one of its values, but each would be asked about every scalar
const WRITTEN_TAGS = new Set(['tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', STR, 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:bool', ...NUMBER_TAGS]);

// every string and number goes through the PyYAML-safe styles; the library still lays out the structure
function pyyamlSafeTags(tags: Tags): Tags {
  // the merge tag is dropped as well: it would claim the string "<<" and write it bare, which PyYAML cannot construct
  return tags.filter((tag) => WRITTEN_TAGS.has((tag as ScalarTag).tag) && !(tag as ScalarTag).format).map((tag) => {
    const t = tag as ScalarTag;
    if (t.tag === STR) return { ...t, stringify: (item) => stringScalar(String((item as Scalar).value)) };
    if (NUMBER_TAGS.has(t.tag)) return { ...t, stringify: (item) => numberScalar(Number((item as Scalar).value)) };
    return tag;
  });
}

/**
 * Writes a value as a `yaml` node; tags become tagged nodes, tag sequences flow style.
 * @param path where the value sits, for the message when it cannot be written
 * @param inFlow whether the node sits inside a flow collection (no block collections there)
 */
export function toNode(value: ResolvedValue | Reference | undefined, path = '$', inFlow = false): Node {
  return writeNode(value, path, inFlow, (v) => new Scalar(v));
}

function writeNode(value: ResolvedValue | Reference | undefined, path: string, inFlow: boolean, scalarNode: ScalarFactory): Node {
  const segments: Array<string | number> = [];
  try {
    return nodeOf(value, segments, inFlow, scalarNode);
  } catch (e) {
    if (e instanceof UnwritableValue) throw new Error(`${spellPath(path, segments)}: ${e.message}`);
    throw e;
  }
}

/** A value `toNode` cannot write; the path is added once, on the way out. */
class UnwritableValue extends Error {}

type ScalarFactory = (value: string | number | boolean | null) => Scalar;

// `path`: the keys and indexes down to `value`, spelled out only for an error (see spellPath)
function nodeOf(value: ResolvedValue | Reference | undefined, path: Array<string | number>, inFlow: boolean, scalarNode: ScalarFactory): Node {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return scalarNode(value);
  }
  if (value instanceof Reference) throw new UnwritableValue(`reference to ${value.description} was not resolved before writing`);
  if (value === undefined) throw new UnwritableValue('undefined is not a blueprint value; leave the key out instead');
  if (value instanceof Tag) {
    if (value.kind === TagNodeKind.SCALAR) {
      const node = new Scalar(value.value);
      node.tag = value.name;
      return node;
    }
    const seq = new YAMLSeq();
    seq.tag = value.name;
    // flow style (`!Find [model, [field, value]]`) unless the line would pass the user's yamllint
    // line length inside the ConfigMap; then one item per line, each item still in flow style
    seq.flow = inFlow || lineEstimate(path) + flowWidth(value) <= MAX_FLOW_LINE;
    if (seq.flow) {
      pushItems(seq, value.items as readonly ResolvedValue[], path, true, scalarNode);
    } else {
      const items = value.items as readonly ResolvedValue[];
      for (let i = 0; i < items.length; i++) {
        path.push(i);
        seq.items.push(nodeOf(items[i], path, Array.isArray(items[i]) || items[i] instanceof Tag, scalarNode));
        path.pop();
      }
    }
    return seq;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.flow = inFlow || value.length === 0;
    pushItems(seq, value as readonly ResolvedValue[], path, seq.flow, scalarNode);
    return seq;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const map = new YAMLMap();
    const record = value as Record<string, ResolvedValue | undefined>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined);
    map.flow = inFlow || keys.length === 0;
    for (const k of keys) {
      path.push(k);
      map.items.push(new Pair(scalarNode(k), nodeOf(record[k], path, map.flow, scalarNode)));
      path.pop();
    }
    return map;
  }
  throw new UnwritableValue(`${Object.prototype.toString.call(value)} is not a blueprint value`);
}

// serializeBlueprint shares scalars between documents and places: writing a node reads it and never
// changes it, and a scalar's text depends only on its value (our styles ignore the context). Each node
// the library makes costs it a defineProperty, and keys, models, states and lookups repeat in every
// blueprint. (toNode hands out fresh nodes, which its callers may change.)
const sharedScalars = new Map<unknown, Scalar>();
const MAX_SHARED = 50_000;
const MAX_SHARED_LENGTH = 200; // long texts seldom repeat

function sharedScalar(value: string | number | boolean | null): Scalar {
  if (typeof value === 'string' && value.length > MAX_SHARED_LENGTH) return new Scalar(value);
  let node = sharedScalars.get(value);
  if (!node) {
    if (sharedScalars.size >= MAX_SHARED) sharedScalars.clear();
    sharedScalars.set(value, (node = new Scalar(value)));
  }
  return node;
}

/**
 * The longest line a flow-style tag may end: yamllint's 120 characters (the user's configuration),
 * less the 4 spaces a ConfigMap's `data` indents a blueprint by, less a margin for quoting.
 */
const MAX_FLOW_LINE = 110;

/** Where a node at `path` starts, at most: two spaces per level, plus its key when it is a map value. */
function lineEstimate(path: ReadonlyArray<string | number>): number {
  const last = path[path.length - 1];
  return 2 * path.length + (typeof last === 'string' ? last.length + 2 : 0);
}

/** The width of a tag written in flow style, at least (strings bare), so long ones go to block style. */
function flowWidth(value: unknown): number {
  if (value instanceof Tag) {
    if (value.kind === TagNodeKind.SCALAR) return value.name.length + 1 + flowWidth(value.value);
    return value.name.length + 1 + flowWidth(value.items);
  }
  if (Array.isArray(value)) return 2 + value.reduce((n: number, v) => n + flowWidth(v) + 2, 0);
  if (value !== null && typeof value === 'object') {
    return 2 + Object.entries(value).reduce((n, [k, v]) => n + k.length + 2 + flowWidth(v) + 2, 0);
  }
  return String(value).length;
}

function pushItems(seq: YAMLSeq, items: readonly ResolvedValue[], path: Array<string | number>, inFlow: boolean, scalarNode: ScalarFactory): void {
  for (let i = 0; i < items.length; i++) {
    path.push(i);
    seq.items.push(nodeOf(items[i], path, inFlow, scalarNode));
    path.pop();
  }
}

/** Writes a blueprint file as YAML that authentik's loader reads back to exactly `blueprint`. */
export function serializeBlueprint(blueprint: BlueprintDocument, header?: string): string {
  const root = documentRoot(blueprint);
  // the common shapes are written directly, byte for byte as the library lays them out (the library
  // cost most of a large synth); anything else, and every error, goes through the library
  const direct = writeDirect(root, header);
  return direct ?? serializeWithLibrary(root, header);
}

/**
 * `serializeBlueprint` through the `yaml` library for every shape: the reference the direct writer is
 * tested against (test/yaml-direct-writer.test.ts).
 * @internal
 */
export function serializeBlueprintWithLibrary(blueprint: BlueprintDocument, header?: string): string {
  return serializeWithLibrary(documentRoot(blueprint), header);
}

/**
 * The direct writer alone: the file, or undefined where it leaves the shape to the library.
 * @internal
 */
export function serializeBlueprintDirect(blueprint: BlueprintDocument, header?: string): string | undefined {
  return writeDirect(documentRoot(blueprint), header);
}

function serializeWithLibrary(root: Record<string, unknown>, header?: string): string {
  const doc = new Document(null, { version: '1.1', customTags: pyyamlSafeTags });
  doc.contents = writeNode(root as ResolvedValue, '$', false, sharedScalar) as YAMLMap;
  if (header) doc.commentBefore = header.split('\n').map((l) => ` ${l}`).join('\n');
  // directives: false skips a walk of the whole document looking for tag handles we never declare
  // `---` first: the user's yamllint (document-start) wants it, and authentik's loader reads it as the one document
  return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false, indentSeq: true, directives: false })}`;
}

function documentRoot(blueprint: BlueprintDocument): Record<string, unknown> {
  const root: Record<string, unknown> = { version: blueprint.version, metadata: blueprint.metadata };
  if (blueprint.context && Object.keys(blueprint.context).length > 0) root.context = blueprint.context;
  root.entries = blueprint.entries.map((e) => {
    const out: Record<string, unknown> = { model: e.model };
    if (e.id !== undefined) out.id = e.id;
    out.state = e.state;
    if (e.conditions && e.conditions.length > 0) out.conditions = e.conditions;
    if (e.identifiers && Object.keys(e.identifiers).length > 0) out.identifiers = e.identifiers;
    if (e.attrs && Object.keys(e.attrs).length > 0) out.attrs = e.attrs;
    if (e.permissions && e.permissions.length > 0) out.permissions = e.permissions;
    return out;
  });
  return root;
}

/** A shape the direct writer leaves to the library. */
const NOT_DIRECT = Symbol('not direct');

/**
 * The document as `serializeWithLibrary` writes it, for the shapes blueprints have: block maps and
 * sequences, sequences of maps, flow sequences, empty collections, tags; one line per scalar (our scalar
 * styles never span lines). Undefined for anything else (sequences of block sequences, non-empty maps in
 * flow, unwritable values), which the library then writes, or rejects with its message.
 */
function writeDirect(root: Record<string, unknown>, header?: string): string | undefined {
  const out: string[] = ['---\n'];
  if (header) out.push(header.split('\n').map((l) => `# ${l}\n`.replace(/^# \n$/, '#\n')).join(''), '\n');
  try {
    blockMap(root as Record<string, ResolvedValue | undefined>, 0, [], out, '');
  } catch (e) {
    if (e === NOT_DIRECT) return undefined;
    throw e;
  }
  return out.join('');
}

const SPACES: string[] = [];
function spaces(n: number): string {
  return (SPACES[n] ??= ' '.repeat(n));
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return stringScalar(value);
  if (typeof value === 'number') return numberScalar(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  throw NOT_DIRECT;
}

function isPlainRecord(value: unknown): value is Record<string, ResolvedValue | undefined> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A non-empty block map at `indent`; `first` replaces the first line's indentation (`- ` in a sequence). */
function blockMap(record: Record<string, ResolvedValue | undefined>, indent: number, path: Array<string | number>, out: string[], first: string | undefined): void {
  let lead = first;
  for (const k in record) {
    if (!Object.prototype.hasOwnProperty.call(record, k)) continue;
    const v = record[k];
    if (v === undefined) continue;
    const key = stringScalar(k);
    if (key.length > MAX_SHARED_LENGTH) throw NOT_DIRECT;
    out.push(lead ?? spaces(indent), key, ':');
    lead = undefined;
    path.push(k);
    afterKey(v, indent, path, out);
    path.pop();
  }
  if (lead !== undefined) throw NOT_DIRECT; // an empty map where a block one was expected
}

/** A map value after `key:`: on the same line, or the block below. */
function afterKey(v: ResolvedValue, indent: number, path: Array<string | number>, out: string[]): void {
  if (v instanceof Tag) {
    if (v.kind === TagNodeKind.SCALAR) {
      out.push(' ', v.name, ' ', scalarText(v.value), '\n');
    } else if (lineEstimate(path) + tagFlowWidth(v) <= MAX_FLOW_LINE) {
      out.push(' ', v.name, ' ', tagFlow(v), '\n');
    } else {
      out.push(' ', v.name, '\n');
      tagItems(v.items as readonly ResolvedValue[], indent + 2, out);
    }
  } else if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push(' []\n');
    } else {
      out.push('\n');
      blockSeq(v as readonly ResolvedValue[], indent + 2, path, out);
    }
  } else if (isPlainRecord(v)) {
    if (Object.keys(v).every((k) => v[k] === undefined)) {
      out.push(' {}\n');
    } else {
      out.push('\n');
      blockMap(v, indent + 2, path, out, undefined);
    }
  } else {
    out.push(' ', scalarText(v), '\n');
  }
}

/** A non-empty block sequence (not a tag's) at `indent`. */
function blockSeq(items: readonly ResolvedValue[], indent: number, path: Array<string | number>, out: string[]): void {
  const dash = `${spaces(indent)}- `;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    path.push(i);
    if (item instanceof Tag) {
      if (item.kind === TagNodeKind.SCALAR) out.push(dash, item.name, ' ', scalarText(item.value), '\n');
      else if (lineEstimate(path) + tagFlowWidth(item) <= MAX_FLOW_LINE) out.push(dash, item.name, ' ', tagFlow(item), '\n');
      else {
        out.push(dash, item.name, '\n');
        tagItems(item.items as readonly ResolvedValue[], indent + 2, out);
      }
    } else if (Array.isArray(item)) {
      if (item.length > 0) throw NOT_DIRECT;
      out.push(dash, '[]\n');
    } else if (isPlainRecord(item)) {
      if (Object.keys(item).every((k) => item[k] === undefined)) out.push(dash, '{}\n');
      else blockMap(item, indent + 2, path, out, dash);
    } else {
      out.push(dash, scalarText(item), '\n');
    }
    path.pop();
  }
}

/** A tag's items one per line, each in flow style. */
function tagItems(items: readonly ResolvedValue[], indent: number, out: string[]): void {
  if (items.length === 0) throw NOT_DIRECT;
  const dash = `${spaces(indent)}- `;
  for (const item of items) {
    if (isPlainRecord(item)) throw NOT_DIRECT;
    out.push(dash, flowItem(item), '\n');
  }
}

// a sequence tag's width and items in flow style, once per tag and synth: the blueprints of a large app
// share their lookups' tags (a flow, a scope, a group), and tags do not change
function tagFlowWidth(tag: Tag): number {
  return memoDuringSynth(tag, 'flowWidth', flowWidth, tag);
}

function tagFlow(tag: Tag): string {
  return memoDuringSynth(tag, 'flow', flowOfItems, tag);
}

function flowOfItems(tag: Tag): string {
  return flow(tag.items as readonly ResolvedValue[]);
}

function flow(items: readonly ResolvedValue[]): string {
  let s = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) s += ', ';
    s += flowItem(items[i]);
  }
  return `${s}]`;
}

function flowItem(item: ResolvedValue): string {
  if (item instanceof Tag) {
    return item.kind === TagNodeKind.SCALAR ? `${item.name} ${scalarText(item.value)}` : `${item.name} ${flow(item.items as readonly ResolvedValue[])}`;
  }
  if (Array.isArray(item)) return flow(item as readonly ResolvedValue[]);
  if (isPlainRecord(item)) {
    if (Object.keys(item).every((k) => item[k] === undefined)) return '{}';
    throw NOT_DIRECT;
  }
  return scalarText(item);
}
