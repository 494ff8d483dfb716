import { Construct, type IConstruct } from 'constructs';
import type { IAuthentikObject } from './object-ref';
import { memoDuringSynth } from './synth-memo';
import { Tag, type Find } from './tags';
import { Reference, type BlueprintValue, type IReferencedEntry, type ResolveContext } from './value';
import { constructsUnder } from '../private/construct-tree';

/** What authentik does with an entry (`BlueprintEntryDesiredState`). */
export enum EntryState {
  /** Create, or update the given fields. */
  PRESENT = 'present',
  /** Create if missing, never update. */
  CREATED = 'created',
  /** Fail if the object already exists. */
  MUST_CREATED = 'must_created',
  /** Delete the object if it exists: how a retired client, group or account is removed. */
  ABSENT = 'absent',
}

/** Options every entry accepts. */
export interface BlueprintEntryOptions {
  /**
   * What authentik does with the object.
   * @default EntryState.PRESENT
   */
  readonly state?: EntryState;
  /**
   * Values that must all be truthy for authentik to apply the entry.
   * @default - always applied
   */
  readonly conditions?: readonly BlueprintValue[];
  /**
   * The entry updates an object that already exists (a built-in stage, the embedded outpost): authentik
   * then validates it as a partial update, so no field is required and only the fields given change;
   * nothing is padded with defaults.
   * @default false - the entry may create the object, so it carries every field creation requires
   */
  readonly updatesExisting?: boolean;
}

/** The option names every entry accepts, for the check of unknown prop names. */
export const ENTRY_OPTION_NAMES: readonly string[] = ['state', 'conditions', 'updatesExisting'];

const ENTRY_SYMBOL = Symbol.for('blumeops-authentik.BlueprintEntry');

/**
 * One entry of a blueprint: a model, the identifiers authentik matches it by, and its attributes.
 *
 * Subclasses supply the model and the wire-form (snake_case) identifiers and attributes; the
 * enclosing `Blueprint` resolves references, orders entries and writes them.
 */
export abstract class BlueprintEntry extends Construct implements IReferencedEntry, IAuthentikObject {
  /** Whether `x` is a blueprint entry (works across copies of this module). */
  public static isBlueprintEntry(x: unknown): x is BlueprintEntry {
    return x !== null && typeof x === 'object' && ENTRY_SYMBOL in x;
  }

  /** The model, `app_label.model_name`. */
  public readonly model: string;
  /** What authentik does with the object. */
  public readonly state: EntryState;
  /** Conditions authentik checks before applying. */
  public readonly conditions: readonly BlueprintValue[];
  /** Whether the entry only updates an existing object. */
  public readonly updatesExisting: boolean;

  protected constructor(scope: Construct, id: string, model: string, options: BlueprintEntryOptions = {}) {
    super(scope, id);
    Object.defineProperty(this, ENTRY_SYMBOL, { value: true });
    this.model = model;
    this.state = options.state ?? EntryState.PRESENT;
    this.conditions = options.conditions ?? [];
    this.updatesExisting = options.updatesExisting ?? false;
  }

  /** Construct path, used in every message about this entry. */
  public get path(): string {
    return this.node.path;
  }

  /** Wire-form identifiers authentik matches the object by. */
  public abstract get identifiers(): Record<string, BlueprintValue>;

  /** Wire-form attributes (without the identifiers, which authentik merges in). */
  public abstract get attributes(): Record<string, BlueprintValue>;

  /** Position of this kind of entry in the canonical file order (lower first), before dependencies. */
  public get orderRank(): number {
    return 50;
  }

  /** Whether the entry is retired: it deletes its object rather than defining it. */
  public get retired(): boolean {
    return this.state === EntryState.ABSENT;
  }

  /**
   * A reference to this entry's object: `!KeyOf` inside its own blueprint (which orders this entry
   * first), `!Find` by its identifiers anywhere else.
   */
  public ref(): Reference {
    // one per entry: it holds nothing but the entry, and every value that points here can share it
    this._ref ??= new EntryReference(this);
    return this._ref;
  }

  private _ref?: EntryReference;

  public toReference(): Reference {
    return this.ref();
  }

  /** For messages: the model, its identifiers and the construct path. */
  public get description(): string {
    return `${this.describe()} (${this.path})`;
  }

  /** A human description for messages, e.g. `authentik_core.group "admins"`. */
  public describe(): string {
    const ids = Object.values(this.identifiers).filter((v) => typeof v === 'string' || typeof v === 'number');
    return `${this.model}${ids.length ? ` "${ids.join('/')}"` : ''}`;
  }
}

/** A reference to an entry declared in this app. */
export class EntryReference extends Reference {
  constructor(public readonly entry: BlueprintEntry) {
    super();
  }

  public get description(): string {
    return `${this.entry.describe()} (${this.entry.path})`;
  }

  public resolve(context: ResolveContext): Tag {
    // elsewhere, the one !Find every lookup of the object shares
    return context.entryTag(this.entry) ?? sharedFind(this.entry.model, this.entry.identifiers);
  }
}

// the owner of the !Find tags shared during a synth
const FINDS = {};

/**
 * `findByIdentifiers`, one tag per lookup during a synth: a 1,000-client app looks up the same flows,
 * scopes and groups thousands of times, each through its own reference object. Tags are never
 * changed once made, so every reference to the same object can be written with the same one.
 */
function sharedFind(model: string, identifiers: Record<string, BlueprintValue>): Find {
  let key = `${model.length}:${model}`;
  for (const field in identifiers) {
    const value = identifiers[field];
    // a tag or reference as a value (rare) is not worth a key
    if (value !== null && typeof value === 'object') return findByIdentifiers(model, identifiers);
    const text = String(value);
    // lengths first, so no field or value can run into the next
    key += ` ${field.length}:${field}${typeof value} ${text.length}:${text}`;
  }
  const finds = memoDuringSynth(FINDS, 'finds', () => new Map<string, Find>());
  let find = finds.get(key);
  if (!find) finds.set(key, (find = findByIdentifiers(model, identifiers)));
  return find;
}

/** `!Find` by a set of wire-form identifiers. */
export function findByIdentifiers(model: string, identifiers: Record<string, BlueprintValue>): Find {
  return Tag.find(model, ...Object.entries(identifiers).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * A reference to an object that lives outside this app (authentik's defaults, the UI, another repo):
 * `!Find` by field/value pairs. It is an `IAuthentikObject` of its model, so it is accepted wherever
 * an entry of that model is.
 */
export class LookupReference<M extends string = string> extends Reference implements IAuthentikObject<M> {
  /**
   * @param model the model to look in
   * @param query field/value pairs, all of which must match
   */
  constructor(public readonly model: M, public readonly query: Readonly<Record<string, BlueprintValue>>) {
    super();
  }

  public toReference(): Reference {
    return this;
  }

  public get description(): string {
    return `${this.model} ${Object.entries(this.query).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`;
  }

  public resolve(): Tag {
    return sharedFind(this.model, this.query);
  }
}

/** Every blueprint entry under `scope`, in construct-tree order. */
export function entriesUnder(scope: IConstruct): BlueprintEntry[] {
  return constructsUnder(scope).filter(BlueprintEntry.isBlueprintEntry);
}
