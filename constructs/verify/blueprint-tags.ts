import { parseDocument, type CollectionTag, type ScalarTag, type Tags, type YAMLSeq } from 'yaml';

/**
 * Blueprint YAML read with authentik's custom tags kept as structured values, so a `!Find` can be
 * queried and a `!KeyOf` followed (the review reader in `synth/blueprint-reader.ts` turns them into
 * words instead).
 */

/** The 14 tags authentik 2026.2's `BlueprintLoader` registers (`blueprints/v1/common.py`). */
export const AUTHENTIK_TAG_NAMES = [
  '!KeyOf', '!Find', '!FindObject', '!Context', '!Format', '!Condition', '!If',
  '!Env', '!File', '!Enumerate', '!Value', '!Index', '!AtIndex', '!ParseJSON',
] as const;

/** A value written with an authentik tag, e.g. `!Find [authentik_core.group, [name, admins]]`. */
export class BlueprintTag {
  constructor(
    /** The tag with its `!`. */
    public readonly name: string,
    /** A scalar's text, or a sequence's items (tags inside stay `BlueprintTag`s). */
    public readonly args: unknown,
  ) {}

  /** The arguments as a list (a scalar tag has one). */
  get argList(): unknown[] {
    return Array.isArray(this.args) ? this.args : [this.args];
  }

  /** As written, for messages: `!Find [authentik_core.group, [name, admins]]`. */
  toString(): string {
    return `${this.name} ${Array.isArray(this.args) ? showValue(this.args) : String(this.args)}`;
  }
}

/** A value in flow style for messages; tags as written. */
export function showValue(value: unknown): string {
  if (value instanceof BlueprintTag) return value.toString();
  if (Array.isArray(value)) return `[${value.map(showValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${k}: ${showValue(v)}`).join(', ')}}`;
  }
  if (typeof value === 'string') return value === '' ? '""' : value;
  return String(value);
}

const TAGS: Array<ScalarTag | CollectionTag> = AUTHENTIK_TAG_NAMES.flatMap((name) => [
  { tag: name, resolve: (value: string) => new BlueprintTag(name, value) } as ScalarTag,
  { tag: name, collection: 'seq', resolve: (seq: YAMLSeq) => new BlueprintTag(name, seq.toJSON()) } as CollectionTag,
]);

// PyYAML's booleans (resolver.py): the yaml library's 1.1 schema also reads y/Y/n/N as booleans
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;

function customTags(tags: Tags): Tags {
  const fixed = tags.map((tag) => {
    const t = tag as ScalarTag;
    if (t.tag !== 'tag:yaml.org,2002:bool' || !t.test) return tag;
    return { ...t, test: t.test.test('true') ? PYYAML_TRUE : PYYAML_FALSE };
  });
  return [...fixed, ...TAGS];
}

/** One entry of a blueprint, tags kept. */
export interface BlueprintEntryData {
  readonly index: number;
  readonly model: string;
  readonly id?: string;
  /** `present` unless the file says otherwise. */
  readonly state: string;
  readonly identifiers: Readonly<Record<string, unknown>>;
  readonly attrs: Readonly<Record<string, unknown>>;
  /** True when the entry has `conditions` (authentik may skip it; verify cannot evaluate them). */
  readonly conditional: boolean;
}

/** A blueprint file's metadata and entries, tags kept. */
export interface BlueprintData {
  readonly name?: string;
  readonly labels: Readonly<Record<string, unknown>>;
  readonly entries: readonly BlueprintEntryData[];
}

/**
 * Parses one blueprint file as authentik's loader does (YAML 1.1, the 14 tags).
 * @throws if the text is not YAML or holds no `entries`
 */
export function parseBlueprint(text: string): BlueprintData {
  const doc = parseDocument(text, { customTags, version: '1.1' });
  if (doc.errors.length > 0) throw new Error(doc.errors[0].message.split('\n')[0]);
  const root = doc.toJS() as unknown;
  if (!isRecord(root) || !('entries' in root)) throw new Error('not a blueprint: no `entries`');
  const raw = Array.isArray(root.entries) ? root.entries : isRecord(root.entries) ? Object.values(root.entries).flat() : [];
  const metadata = isRecord(root.metadata) ? root.metadata : {};
  return {
    name: typeof metadata.name === 'string' ? metadata.name : undefined,
    labels: isRecord(metadata.labels) ? metadata.labels : {},
    entries: raw.filter(isRecord).map((e, index) => ({
      index,
      model: String(e.model),
      id: typeof e.id === 'string' ? e.id : undefined,
      state: typeof e.state === 'string' ? e.state : 'present',
      identifiers: isRecord(e.identifiers) ? e.identifiers : {},
      attrs: isRecord(e.attrs) ? e.attrs : {},
      conditional: Array.isArray(e.conditions) && e.conditions.length > 0,
    })),
  };
}

/** A plain mapping (not a list, tag or date). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof BlueprintTag) && !(value instanceof Date);
}
