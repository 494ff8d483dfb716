import type { BlueprintValue } from './value';

/**
 * The 14 tags authentik 2026.2's `BlueprintLoader` registers; any other tag fails the whole file.
 */
export const TAG_NAMES = [
  '!KeyOf', '!Find', '!FindObject', '!Context', '!Format', '!Condition', '!If',
  '!Env', '!File', '!Enumerate', '!Value', '!Index', '!AtIndex', '!ParseJSON',
] as const;

/** Name of an authentik blueprint tag, with its leading `!`. */
export type TagName = typeof TAG_NAMES[number];

/** The YAML node kind a tag is written on. */
export enum TagNodeKind {
  /** `!Tag value` */
  SCALAR = 'scalar',
  /** `!Tag [a, b]` */
  SEQUENCE = 'sequence',
}

// the node kinds each constructor in authentik's common.py accepts; anything else raises at load time
const ACCEPTED_KINDS: Record<TagName, readonly TagNodeKind[]> = {
  '!KeyOf': [TagNodeKind.SCALAR],
  '!Find': [TagNodeKind.SEQUENCE],
  '!FindObject': [TagNodeKind.SEQUENCE],
  '!Context': [TagNodeKind.SCALAR, TagNodeKind.SEQUENCE],
  '!Format': [TagNodeKind.SEQUENCE],
  '!Condition': [TagNodeKind.SEQUENCE],
  '!If': [TagNodeKind.SEQUENCE],
  '!Env': [TagNodeKind.SCALAR, TagNodeKind.SEQUENCE],
  '!File': [TagNodeKind.SCALAR, TagNodeKind.SEQUENCE],
  '!Enumerate': [TagNodeKind.SEQUENCE],
  '!Value': [TagNodeKind.SCALAR],
  '!Index': [TagNodeKind.SCALAR],
  '!AtIndex': [TagNodeKind.SEQUENCE],
  '!ParseJSON': [TagNodeKind.SCALAR],
};

const CONDITION_MODES = ['AND', 'NAND', 'OR', 'NOR', 'XOR', 'XNOR'] as const;

/** A mode of `!Condition`. */
export type ConditionMode = typeof CONDITION_MODES[number];

/**
 * A value written with one of authentik's custom YAML tags.
 *
 * `Tag.scalar()` and `Tag.sequence()` write any of the 14 tags and check the node kind authentik
 * accepts for it; `KeyOf`, `Env` and `Find` are first-class because every OIDC client uses them.
 */
export class Tag {
  /**
   * A tag on a scalar node, e.g. `!Index 0`.
   * @throws if authentik does not accept a scalar for this tag
   */
  public static scalar(name: TagName, value: string | number): Tag {
    return new Tag(name, TagNodeKind.SCALAR, value);
  }

  /**
   * A tag on a sequence node, e.g. `!Format [ '%s-x', !Value 0 ]`.
   * @throws if authentik does not accept a sequence for this tag
   */
  public static sequence(name: TagName, items: readonly BlueprintValue[]): Tag {
    return new Tag(name, TagNodeKind.SEQUENCE, items);
  }

  /** `!KeyOf id`: the pk of an earlier entry of the same blueprint. */
  public static keyOf(entryId: string): KeyOf {
    return new KeyOf(entryId);
  }

  /** `!Env NAME` or `!Env [NAME, default]`: an environment variable of the worker. */
  public static env(variable: string, defaultValue?: string): Env {
    return new Env(variable, defaultValue);
  }

  /** `!File PATH` or `!File [PATH, default]`: the contents of a file the worker can read (a mounted secret). */
  public static file(path: string, defaultValue?: string): FileTag {
    return new FileTag(path, defaultValue);
  }

  /** `!Find [model, [field, value], …]`: the pk of the first object matching every pair. */
  public static find(model: string, ...query: ReadonlyArray<readonly [string, BlueprintValue]>): Find {
    return new Find(model, query);
  }

  /** `!Condition [MODE, …]`. */
  public static condition(mode: ConditionMode, ...values: BlueprintValue[]): Tag {
    if (!CONDITION_MODES.includes(mode)) {
      throw new Error(`!Condition mode "${mode}" is not one of ${CONDITION_MODES.join(', ')}`);
    }
    if (values.length === 0) throw new Error('!Condition needs at least one value after the mode');
    return Tag.sequence('!Condition', [mode, ...values]);
  }

  /**
   * `!If [condition, whenTrue, whenFalse]`, or `!If [condition]` (true or false).
   * @throws with one branch only: authentik reads items 1 and 2, so a two-item `!If` fails the file
   */
  public static if(condition: BlueprintValue, ...branches: [] | [BlueprintValue, BlueprintValue]): Tag {
    if (branches.length !== 0 && branches.length !== 2) {
      throw new Error('!If takes a condition alone (true/false) or a condition and both branches; authentik fails on two items');
    }
    return Tag.sequence('!If', [condition, ...branches]);
  }

  /** `!Format [format, args…]` with Python %-formatting. */
  public static format(format: string, ...args: BlueprintValue[]): Tag {
    return Tag.sequence('!Format', [format, ...args]);
  }

  /** `!Context key` or `!Context [key, default]`. */
  public static context(key: string, defaultValue?: BlueprintValue): Tag {
    return defaultValue === undefined ? Tag.scalar('!Context', key) : Tag.sequence('!Context', [key, defaultValue]);
  }

  /**
   * @param name the tag, e.g. `!Env`
   * @param kind the node kind it is written on
   * @param value the scalar text or the sequence items
   */
  protected constructor(
    public readonly name: TagName,
    public readonly kind: TagNodeKind,
    public readonly value: string | number | readonly BlueprintValue[],
  ) {
    if (!TAG_NAMES.includes(name)) {
      throw new Error(`unknown blueprint tag ${JSON.stringify(name)}: authentik 2026.2 knows only ${TAG_NAMES.join(', ')}; write one of those`);
    }
    if (!ACCEPTED_KINDS[name].includes(kind)) {
      throw new Error(`${name} cannot be written on a ${kind} node: authentik accepts only ${ACCEPTED_KINDS[name].join(' or ')}; write `
        + `Tag.${ACCEPTED_KINDS[name][0] === TagNodeKind.SEQUENCE ? 'sequence' : 'scalar'}('${name}', …)`);
    }
    if (kind === TagNodeKind.SCALAR && Array.isArray(value)) throw new Error(`${name} scalar value must be a string or number`);
    if (kind === TagNodeKind.SEQUENCE && !Array.isArray(value)) throw new Error(`${name} sequence value must be an array`);
  }

  /** The sequence items, or an empty list for a scalar tag. */
  public get items(): readonly BlueprintValue[] {
    return Array.isArray(this.value) ? this.value : [];
  }
}

/** `!KeyOf id`. */
export class KeyOf extends Tag {
  constructor(public readonly entryId: string) {
    super('!KeyOf', TagNodeKind.SCALAR, entryId);
  }
}

/** `!Env NAME` or `!Env [NAME, default]`. */
export class Env extends Tag {
  constructor(public readonly variable: string, public readonly defaultValue?: string) {
    super('!Env', defaultValue === undefined ? TagNodeKind.SCALAR : TagNodeKind.SEQUENCE,
      defaultValue === undefined ? variable : [variable, defaultValue]);
  }
}

/** `!File PATH` or `!File [PATH, default]`. */
export class FileTag extends Tag {
  constructor(public readonly path: string, public readonly defaultValue?: string) {
    super('!File', defaultValue === undefined ? TagNodeKind.SCALAR : TagNodeKind.SEQUENCE,
      defaultValue === undefined ? path : [path, defaultValue]);
  }
}

/** `!Find [model, [field, value], …]`. */
export class Find extends Tag {
  constructor(public readonly model: string, public readonly query: ReadonlyArray<readonly [string, BlueprintValue]>) {
    super('!Find', TagNodeKind.SEQUENCE, [model, ...query.map(([field, value]) => [field, value])]);
  }
}
