import { Tag } from '../blueprint/tags';
import type { BlueprintValue } from '../blueprint/value';
import {
  POLICY_MODELS, PROPERTY_MAPPING_MODELS, PROVIDER_MODELS, SERVICE_CONNECTION_MODELS, SOURCE_MODELS, STAGE_MODELS,
} from '../authentik/models';
import { authentikModels, blueprintKeepsField, derefSchema, requestSchemaName } from '../authentik/model-schema';
import { catalogFor, type Catalog } from '../catalog/catalog';
import { AUTHENTIK_VERSIONS } from '../catalog/versions';
import { pyStrip } from '../authentik/private/python-text';
import { isRecord, parseBlueprintFile, type ParsedBlueprint } from './blueprint-parser';
import { ModelName } from '../catalog/model-facts';
import { DEFAULT_IDENTITY_KEYS, IDENTITY_KEYS } from '../catalog/model-identity';
import { setKey, sortedKeys } from '../private/records';

/**
 * What authentik would hold after applying a set of blueprint files: a pure reduction that forgets how
 * the files say it (entry order, `!KeyOf` or `!Find`, identifiers or attrs, which file) and keeps what
 * they declare. Two sets of files that reduce to equal states make authentik hold the same objects.
 *
 * - Each live entry (`present`, `created`, `must_created`) is one object `{ model, identity, fields }`;
 *   fields are the identifiers merged over the attrs, as authentik's importer does.
 * - Relations become `{ $ref: '<model> <identity>' }`: a `!KeyOf` to the entry, a `!Find` to the
 *   object of the set it matches (a `!Find` in a base model such as `authentik_flows.stage` matches
 *   any of its concrete models), or `{ $lookup: 'model{field=value}' }` when nothing in the set does.
 * - `!Env`, `!File`, `!Context` and the other tags that only the worker can evaluate stay symbolic,
 *   `{ $symbol: '!Env NAME' }`; `!Format`, `!If`, `!Condition`, `!AtIndex` and `!ParseJSON` are
 *   evaluated when their arguments are static.
 * - Identity is the natural key, independent of how the entry identifies the object: see `IDENTITY_KEYS`.
 * - `absent` entries are deletions; `authentik_blueprints.metaapplyblueprint` entries are dependencies.
 * - Entries declaring the same object merge in file order: later fields win, except that a `created`
 *   entry never updates an object declared before it (authentik creates, never updates, with it).
 * - Fields authentik's serializers do not have are dropped (authentik drops them without a word), a
 *   number given for a text choice (`digits: 6`) is its text (`'6'`), as the serializer reads it, and
 *   text is stripped of surrounding whitespace where the serializer strips it.
 */

/** A reduced value: plain data, with relations, lookups and unevaluated tags as one-key records. */
export type StateValue =
  | string | number | boolean | null
  | readonly StateValue[]
  | { readonly [key: string]: StateValue };

/** An object authentik would hold. */
export interface StateObject {
  /** `app_label.model_name`. */
  readonly model: string;
  /** Its natural key, e.g. `slug=default-authentication-flow`. */
  readonly identity: string;
  /** Every field the files set, by wire name, relations resolved. */
  readonly fields: { readonly [field: string]: StateValue };
  /** How the entry creates it: `present` (create or update), `created` (create only), `must_created`. */
  readonly state: string;
  /** The entry conditions, reduced (empty: always applied). */
  readonly conditions: readonly StateValue[];
}

/** An object the files ask authentik to delete (`state: absent`). */
export interface StateDeletion {
  /** `app_label.model_name`. */
  readonly model: string;
  /** Its natural key. */
  readonly identity: string;
}

/** Another blueprint a file asks authentik to apply first (`authentik_blueprints.metaapplyblueprint`). */
export interface StateDependency {
  /** `metadata.name` of the blueprint with the meta entry. */
  readonly blueprint: string;
  /** How the other blueprint instance is found, e.g. `{ name: 'Default - Password change flow' }`. */
  readonly identifiers: StateValue;
  /** Whether the apply fails when it does not exist. */
  readonly required: boolean;
}

/** A blueprint instance: its name, labels (`instantiate: "false"` keeps it from being applied) and context. */
export interface StateBlueprint {
  /** `metadata.name` (empty when the file has none). */
  readonly name: string;
  /** `metadata.labels`. */
  readonly labels: { readonly [key: string]: StateValue };
  /** `context`, reduced. */
  readonly context: { readonly [key: string]: StateValue };
}

/** What authentik would hold. Objects and deletions are sorted by model, then identity. */
export interface AuthentikState {
  /** The blueprint instances, by name. */
  readonly blueprints: readonly StateBlueprint[];
  /** The objects declared. */
  readonly objects: readonly StateObject[];
  /** The objects to delete. */
  readonly deletions: readonly StateDeletion[];
  /** The blueprints applied first, one of each, sorted. */
  readonly dependencies: readonly StateDependency[];
  /** Where each object (or deletion) is declared (`source#entry-index`), by `objectKey`. */
  readonly origins: { readonly [key: string]: readonly string[] };
  /** The identifiers of each deletion, reduced, by `objectKey`: what the deleted object refers to (a binding's target). */
  readonly deletionFields: { readonly [key: string]: { readonly [field: string]: StateValue } };
}

/** A change between two states, in authentik's terms. */
export type StateChange =
  | { readonly kind: 'added'; readonly model: string; readonly identity: string; readonly object: StateObject }
  /** declared before, not after: authentik keeps the object but no blueprint maintains it any more */
  | { readonly kind: 'removed'; readonly model: string; readonly identity: string; readonly object: StateObject }
  /** one field (or, with `option`, the entry's `state` or `conditions`) differs; undefined = not set */
  | {
    readonly kind: 'changed'; readonly model: string; readonly identity: string; readonly field: string;
    readonly option: boolean; readonly before: StateValue | undefined; readonly after: StateValue | undefined;
  }
  | { readonly kind: 'deletion-requested'; readonly model: string; readonly identity: string }
  | { readonly kind: 'deletion-withdrawn'; readonly model: string; readonly identity: string }
  /** a blueprint instance appears or goes (model `authentik_blueprints.blueprintinstance`, identity `name=…`) */
  | { readonly kind: 'blueprint-added' | 'blueprint-removed'; readonly model: string; readonly identity: string }
  /** a blueprint's `labels` or `context` (`field`), or what it applies first (`dependencies`), differs */
  | {
    readonly kind: 'blueprint-changed'; readonly model: string; readonly identity: string;
    readonly field: 'labels' | 'context' | 'dependencies'; readonly before: StateValue; readonly after: StateValue;
  };

/** An entry that cannot be reduced: `where` names the file and entry. */
export class ReduceError extends Error {
  constructor(public readonly where: string, public readonly reason: string) {
    super(`${where}: ${reason}`);
    this.name = 'ReduceError';
  }
}

/** `model identity`, the key objects are compared by. */
export function objectKey(o: { readonly model: string; readonly identity: string }): string {
  return `${o.model} ${o.identity}`;
}

export { DEFAULT_IDENTITY_KEYS, IDENTITY_KEYS } from '../catalog/model-identity';

const META_APPLY = ModelName.METAAPPLYBLUEPRINT;
const BLUEPRINT_INSTANCE = ModelName.BLUEPRINTINSTANCE;
const LIVE_STATES = ['present', 'created', 'must_created'];

// a base model, and every model a `!Find` in it may find
const FAMILIES: ReadonlyArray<readonly string[]> = [
  STAGE_MODELS, POLICY_MODELS, PROVIDER_MODELS, PROPERTY_MAPPING_MODELS, SOURCE_MODELS, SERVICE_CONNECTION_MODELS,
];

/** Whether an object of `model` is found by a `!Find` in `findModel` (equal, or a base model of it). */
export function modelMatches(findModel: string, model: string): boolean {
  if (findModel === model) return true;
  return FAMILIES.some((family) => family[0] === findModel && family.includes(model));
}

interface RawEntry {
  readonly blueprint: ParsedBlueprint;
  readonly index: number;
  readonly raw: { readonly [key: string]: BlueprintValue };
  readonly model: string;
  readonly state: string;
  readonly where: string;
}

/**
 * Reduces blueprint files (as `parseBlueprint` returns them) to what authentik would hold.
 * @throws naming the file and entry when an entry cannot be reduced: a `!KeyOf` to no entry, a cycle
 * of references, an entry without a model
 */
export function reduceBlueprints(blueprints: readonly ParsedBlueprint[], catalog?: Catalog, options: ReduceOptions = {}): AuthentikState {
  return new Reducer(blueprints, catalog, options.models).run();
}

/** The objects authentik would hold and delete, without the blueprints, dependencies and origins. */
export type ReducedObjects = Pick<AuthentikState, 'objects' | 'deletions' | 'deletionFields'>;

/**
 * The objects part of `reduceBlueprints` alone, equal to its `objects`, `deletions` and
 * `deletionFields`: for a reader such as the access map, which a 1,000-client app would otherwise
 * make reduce a thousand blueprint instances and dependencies it never reads.
 * @throws as `reduceBlueprints` does for the entries it reduces
 */
export function reduceObjects(blueprints: readonly ParsedBlueprint[], catalog?: Catalog, options: ReduceOptions = {}): ReducedObjects {
  const { objects, deletions, deletionFields } = new Reducer(blueprints, catalog, options.models).objects(false);
  return { objects, deletions, deletionFields };
}

/** What `reduceBlueprints` leaves out, for a reader that needs only part of the state. */
export interface ReduceOptions {
  /**
   * Only objects of these models are reduced and listed in `objects` (and `origins`). An entry of
   * another model is still reduced as far as a listed object refers to it (its identity, or the fields
   * a `!Find` reads), so every reference resolves as in the full state; deletions, dependencies and
   * blueprints are always complete. The access map needs four models of the dozens a large app
   * declares. Entries left out are not checked either: an error in one of them goes unreported.
   * @default every model
   */
  readonly models?: ReadonlySet<string>;
}

/**
 * Whether authentik keeps a field: by the given release's catalog, or, without one, by any release
 * this project knows (the files were validated against the release they were written for, so a
 * field there is one that release keeps; the oldest is asked first, later ones only for its misses).
 */
function keepsField(model: string, wire: string, catalog: Catalog | undefined): boolean | undefined {
  if (catalog) return blueprintKeepsField(model, wire, catalog);
  let answer: boolean | undefined = false;
  for (const version of AUTHENTIK_VERSIONS) {
    const kept = blueprintKeepsField(model, wire, catalogFor(version));
    if (kept === true) return true;
    if (kept === undefined) answer = undefined;
  }
  return answer;
}

/** Reduces blueprint YAML texts (blueprints or manifests with ConfigMaps holding them). */
export function reduceBlueprintTexts(files: ReadonlyArray<{ readonly source: string; readonly text: string }>, options: ReduceOptions = {}): AuthentikState {
  return reduceBlueprints(files.flatMap((f) => parseBlueprintFile(f.text, f.source)), undefined, options);
}

// the fields of a natural key an object must have for the key to apply (an `order` may be missing)
const requiredKeys = new WeakMap<readonly string[], readonly string[]>();
function requiredOf(set: readonly string[]): readonly string[] {
  let required = requiredKeys.get(set);
  if (!required) requiredKeys.set(set, (required = set.filter((f) => f !== 'order')));
  return required;
}

/** A field whose reduction has begun and not ended (see Reducer.field). */
const IN_PROGRESS = Symbol('in progress');

class Reducer {
  private readonly entries: RawEntry[] = [];
  private readonly byId = new Map<ParsedBlueprint, Map<string, RawEntry>>();
  private readonly fieldMemo = new Map<RawEntry, Map<string, StateValue | typeof IN_PROGRESS | undefined>>();
  private readonly identityMemo = new Map<RawEntry, string>();
  private readonly inProgress = new Set<string>();
  private byModel?: Map<string, RawEntry[]>;
  /** The entries a `!Find` in each model walks, in order; the entries never change once built. */
  private readonly candidates = new Map<string, RawEntry[]>();
  private readonly keptFields = new Map<string, Map<string, boolean | undefined>>();
  /** The answers of `!Find`s walked for entries outside their candidates, by model and query. */
  private readonly answers = new Map<string, string | undefined>();

  constructor(
    private readonly blueprints: readonly ParsedBlueprint[],
    private readonly catalog?: Catalog,
    private readonly models?: ReadonlySet<string>,
  ) {
    for (const blueprint of blueprints) {
      const ids = new Map<string, RawEntry>();
      this.byId.set(blueprint, ids);
      entryList(blueprint.document.entries).forEach((raw, index) => {
        const where = `${blueprint.source}: entry ${index}${typeof raw.id === 'string' ? ` (id ${raw.id})` : ''}`;
        if (typeof raw.model !== 'string') throw new ReduceError(where, 'no model');
        const state = typeof raw.state === 'string' ? raw.state : 'present';
        const entry: RawEntry = { blueprint, index, raw, model: raw.model, state, where };
        this.entries.push(entry);
        // authentik's !KeyOf takes the first entry with the id
        if (typeof raw.id === 'string' && !ids.has(raw.id)) ids.set(raw.id, entry);
      });
    }
  }

  public run(): AuthentikState {
    const { objects, deletions, deletionFields, origins, dependencies } = this.objects(true);
    const blueprints = this.blueprints.map((b) => {
      const metadata = recordOf(b.document.metadata);
      const labels = recordOf(metadata.labels);
      const context = recordOf(b.document.context);
      const none = { blueprint: b, index: -1, raw: {}, model: '', state: 'present', where: `${b.source}: context` };
      return {
        name: blueprintName(b),
        labels: sortRecord(this.reduce(labels, none) as Record<string, StateValue>),
        context: sortRecord(this.reduce(context, none) as Record<string, StateValue>),
      };
    });
    // each dependency's canonical text once: a 1,000-client app has a dependency per blueprint, and the
    // sort would otherwise write both sides of every comparison again
    const byText = new Map<string, StateDependency>();
    for (const d of dependencies) {
      const text = canonical(d as unknown as StateValue);
      if (!byText.has(text)) byText.set(text, d);
    }
    return {
      blueprints: blueprints.sort((a, b) => compare(a.name, b.name)),
      objects,
      deletions,
      dependencies: [...byText].sort(([a], [b]) => compare(a, b)).map(([, d]) => d),
      origins,
      deletionFields,
    };
  }

  /** The objects and deletions, and with `whole` also where each is declared and the dependencies. */
  public objects(whole: boolean): ReducedObjects & { origins: Record<string, string[]>; dependencies: StateDependency[] } {
    const objects = new Map<string, StateObject>();
    const origins: Record<string, string[]> = {};
    const deletions = new Map<string, StateDeletion>();
    const deletionFields: Record<string, { readonly [field: string]: StateValue }> = {};
    const dependencies: StateDependency[] = [];
    for (const entry of this.entries) {
      if (entry.model === META_APPLY) {
        if (!whole) continue;
        const attrs = isRecord(entry.raw.attrs) ? entry.raw.attrs : {};
        dependencies.push({
          blueprint: blueprintName(entry.blueprint),
          identifiers: this.reduce(attrs.identifiers ?? {}, entry),
          required: attrs.required === undefined ? true : Boolean(this.reduce(attrs.required, entry)),
        });
        continue;
      }
      // an entry of a model left out is reduced only as far as another refers to it
      if (entry.state !== 'absent' && this.models !== undefined && !this.models.has(entry.model)) continue;
      const identity = this.identity(entry);
      const key = objectKey({ model: entry.model, identity });
      if (entry.state === 'absent') {
        deletions.set(key, { model: entry.model, identity });
        deletionFields[key] ??= sortRecord(this.fields(entry));
        if (whole) (origins[key] ??= []).push(`${entry.blueprint.source}#${entry.index}`);
        continue;
      }
      if (!LIVE_STATES.includes(entry.state)) throw new ReduceError(entry.where, `state "${entry.state}" is not one authentik knows`);
      const fields = this.fields(entry);
      const conditions = Array.isArray(entry.raw.conditions) ? entry.raw.conditions.map((c) => this.reduce(c, entry)) : [];
      const known = objects.get(key);
      if (whole) (origins[key] ??= []).push(`${entry.blueprint.source}#${entry.index}`);
      if (known === undefined) {
        objects.set(key, { model: entry.model, identity, fields, state: entry.state, conditions });
      } else if (entry.state === 'present') {
        objects.set(key, {
          ...known,
          fields: { ...known.fields, ...fields },
          conditions: uniqueValues([...known.conditions, ...conditions]),
        });
      }
    }
    return {
      // the map's keys are the objects' keys: sorted once, not rebuilt for every comparison
      objects: [...objects.keys()].sort(compare).map((key) => {
        const o = objects.get(key)!;
        return { ...o, fields: sortRecord(o.fields) };
      }),
      deletions: [...deletions.keys()].sort(compare).map((key) => deletions.get(key)!),
      deletionFields,
      origins,
      dependencies,
    };
  }

  /** Identifiers over attrs, every value reduced. */
  private fields(entry: RawEntry): Record<string, StateValue> {
    // the attrs' names, then the identifiers' not among them; indexed loops, as in reduce
    const attrs = recordOf(entry.raw.attrs);
    const names = Object.keys(attrs);
    const identifierNames = Object.keys(recordOf(entry.raw.identifiers));
    for (let i = 0; i < identifierNames.length; i++) if (!Object.hasOwn(attrs, identifierNames[i]!)) names.push(identifierNames[i]!);
    const out: Record<string, StateValue> = {};
    for (let i = 0; i < names.length; i++) {
      const value = this.field(entry, names[i]!);
      if (value !== undefined) out[names[i]!] = value;
    }
    return out;
  }

  /** One field of an entry, reduced; memoized, and guarded against reference cycles. */
  private field(entry: RawEntry, name: string): StateValue | undefined {
    let memo = this.fieldMemo.get(entry);
    if (memo === undefined) this.fieldMemo.set(entry, memo = new Map());
    const known = memo.get(name);
    // a field being reduced marks its place in the memo: meeting the mark again is a cycle
    if (known === IN_PROGRESS) throw new ReduceError(entry.where, `field ${name} refers to itself through a cycle of references`);
    if (known !== undefined || memo.has(name)) return known;
    const identifiers = recordOf(entry.raw.identifiers);
    const attrs = entry.state === 'absent' ? {} : recordOf(entry.raw.attrs);
    const raw = name in identifiers ? identifiers[name] : attrs[name];
    if (this.keeps(entry.model, name) === false) {
      memo.set(name, undefined);
      return undefined;
    }
    memo.set(name, IN_PROGRESS);
    try {
      const value = raw === undefined ? undefined : asChoiceText(entry.model, name, this.reduce(raw, entry));
      memo.set(name, value);
      return value;
    } catch (e) {
      memo.delete(name);
      throw e;
    }
  }

  /** keepsField, asked once per model and field (its answer depends on nothing else). */
  private keeps(model: string, wire: string): boolean | undefined {
    // by model, then field: no key string built for each of the many fields asked about
    let byField = this.keptFields.get(model);
    if (!byField) this.keptFields.set(model, (byField = new Map()));
    if (byField.has(wire)) return byField.get(wire);
    const kept = keepsField(model, wire, this.catalog);
    byField.set(wire, kept);
    return kept;
  }

  /** The natural key of the object an entry declares. */
  private identity(entry: RawEntry): string {
    const known = this.identityMemo.get(entry);
    if (known !== undefined) return known;
    const guard = `${entry.where} identity`;
    if (this.inProgress.has(guard)) throw new ReduceError(entry.where, 'its identity refers to itself through a cycle of references');
    this.inProgress.add(guard);
    try {
      // the first natural key whose required fields the entry has (indexed loops, as in reduce)
      const sets = IDENTITY_KEYS[entry.model] ?? DEFAULT_IDENTITY_KEYS;
      let keys: readonly string[] | undefined;
      for (let s = 0; keys === undefined && s < sets.length; s++) {
        const required = requiredOf(sets[s]!);
        let all = true;
        for (let i = 0; all && i < required.length; i++) all = this.field(entry, required[i]!) !== undefined;
        if (all) keys = sets[s];
      }
      // no natural key: every identifier, sorted
      const names = keys ?? Object.keys(recordOf(entry.raw.identifiers)).sort();
      let identity = '';
      for (let i = 0; i < names.length; i++) {
        const value = this.field(entry, names[i]!);
        if (value !== undefined) identity += `${identity === '' ? '' : ', '}${names[i]}=${renderValue(value)}`;
      }
      this.identityMemo.set(entry, identity);
      return identity;
    } finally {
      this.inProgress.delete(guard);
    }
  }

  // every value of every entry passes here, mostly in V8's baseline code: a loop by key, not through
  // the iterators of Object.entries and destructuring
  private reduce(value: BlueprintValue, entry: RawEntry): StateValue {
    if (value instanceof Tag) return this.reduceTag(value, entry);
    if (Array.isArray(value)) return value.map((v) => this.reduce(v, entry));
    if (isRecord(value)) {
      const out: Record<string, StateValue> = {};
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) setKey(out, keys[i]!, this.reduce(value[keys[i]!]!, entry));
      return out;
    }
    return value as StateValue;
  }

  private reduceTag(tag: Tag, entry: RawEntry): StateValue {
    const args = (): StateValue[] => (Array.isArray(tag.value) ? tag.value.map((v) => this.reduce(v, entry)) : [String(tag.value)]);
    switch (tag.name) {
      case '!KeyOf': {
        const id = String(tag.value);
        const target = this.byId.get(entry.blueprint)?.get(id);
        if (target === undefined) throw new ReduceError(entry.where, `!KeyOf ${id}: no entry of ${entry.blueprint.source} has the id ${id}`);
        return { $ref: objectKey({ model: target.model, identity: this.identity(target) }) };
      }
      case '!Find': {
        const [model, ...query] = args();
        if (typeof model !== 'string') return symbol(tag.name, [model, ...query]);
        const pairs = query.filter((q): q is StateValue[] => Array.isArray(q) && q.length === 2 && typeof q[0] === 'string');
        if (pairs.length !== query.length) return symbol(tag.name, [model, ...query]);
        const found = this.find(model, pairs as Array<[string, StateValue]>, entry);
        if (found !== undefined) return { $ref: found };
        return { $lookup: `${model}{${pairs.map(([f, v]) => `${f}=${renderValue(v)}`).join(', ')}}` };
      }
      case '!Format': {
        const [format, ...rest] = args();
        const text = typeof format === 'string' ? pythonFormat(format, rest) : undefined;
        return text ?? symbol(tag.name, args());
      }
      case '!If': {
        const [condition, ...branches] = args();
        const truth = staticTruth(condition);
        if (truth === undefined) return symbol(tag.name, [condition, ...branches]);
        if (branches.length === 0) return truth;
        return truth ? branches[0] : branches[1] ?? null;
      }
      case '!Condition': {
        const [mode, ...values] = args();
        const truths = values.map(staticTruth);
        if (truths.some((t) => t === undefined) || typeof mode !== 'string') return symbol(tag.name, [mode, ...values]);
        return evaluateCondition(mode, truths as boolean[]) ?? symbol(tag.name, [mode, ...values]);
      }
      case '!AtIndex': {
        const [seq, index, ...fallback] = args();
        if (Array.isArray(seq) && typeof index === 'number' && index in seq) return seq[index];
        if (isPlainRecord(seq) && typeof index === 'string' && index in seq) return seq[index];
        if ((Array.isArray(seq) || isPlainRecord(seq)) && fallback.length > 0) return fallback[0];
        return symbol(tag.name, [seq, index, ...fallback]);
      }
      case '!ParseJSON': {
        const [text] = args();
        if (typeof text === 'string') {
          try {
            return JSON.parse(text) as StateValue;
          } catch {
            return symbol(tag.name, [text]);
          }
        }
        return symbol(tag.name, [text]);
      }
      case '!Env':
      case '!File':
      case '!Context': {
        // authentik's default is None: `!Env [X, null]` is `!Env X`
        const all = args();
        if (Array.isArray(tag.value) && all.length === 2 && all[1] === null) return symbol(tag.name, [all[0]], true);
        return symbol(tag.name, all, !Array.isArray(tag.value));
      }
      default:
        // !Enumerate, !Value, !Index, !FindObject: known only to the worker
        return symbol(tag.name, Array.isArray(tag.value) ? args() : [String(tag.value)], !Array.isArray(tag.value));
    }
  }

  /** The key of the first object of the set (by key) a `!Find` matches, if any. */
  private find(model: string, query: ReadonlyArray<readonly [string, StateValue]>, from: RawEntry): string | undefined {
    const matches: string[] = [];
    // entries grouped by model, so a lookup walks only the models it can find (a 1,000-client app has
    // thousands of entries and thousands of lookups)
    if (this.byModel === undefined) {
      this.byModel = new Map();
      for (const e of this.entries) {
        const list = this.byModel.get(e.model);
        if (list === undefined) this.byModel.set(e.model, [e]);
        else list.push(e);
      }
    }
    let candidates = this.candidates.get(model);
    if (candidates === undefined) {
      candidates = [...this.byModel].filter(([m]) => modelMatches(model, m)).flatMap(([, list]) => list);
      this.candidates.set(model, candidates);
    }
    // an entry that cannot be among the candidates gets the answer any such entry got: every field the
    // walk reads is memoized by then (a walk that threw left no answer), so walking again would only
    // read the same values (10,000 bindings looking up one group each walk every group otherwise)
    // (the candidates are exactly the entries whose model the lookup matches)
    const queryKey = !modelMatches(model, from.model) ? `${model}\0${canonical(query as unknown as StateValue)}` : undefined;
    if (queryKey !== undefined && this.answers.has(queryKey)) return this.answers.get(queryKey);
    for (const candidate of candidates) {
      if (candidate === from || !LIVE_STATES.includes(candidate.state)) continue;
      const hit = query.every(([f, v]) => {
        const value = this.field(candidate, f);
        return value !== undefined && sameValue(value, v);
      });
      if (hit) matches.push(objectKey({ model: candidate.model, identity: this.identity(candidate) }));
    }
    const answer = matches.sort()[0];
    if (queryKey !== undefined) this.answers.set(queryKey, answer);
    return answer;
  }
}

function blueprintName(blueprint: ParsedBlueprint): string {
  const name = recordOf(blueprint.document.metadata).name;
  return typeof name === 'string' ? name : '';
}

/**
 * A top-level text value as authentik stores it: DRF's `CharField` strips surrounding whitespace
 * (the rule of the constructs' field checks: string fields without a format other than uri or email,
 * and fields the API does not describe). Multi-line text keeps its inner lines.
 */
export function storedText<T>(model: string, wire: string, value: T): T {
  if (typeof value !== 'string') return value;
  return (fieldTextRule(model, wire).trimmed ? pyStrip(value) : value) as T;
}

// a ChoiceField reads str(value): `digits: 6` is the choice '6'
function asChoiceText(model: string, wire: string, value: StateValue): StateValue {
  if (typeof value === 'string') return storedText(model, wire, value);
  if (typeof value !== 'number' && typeof value !== 'boolean') return value;
  const choices = fieldTextRule(model, wire).choices;
  if (choices === undefined) return value;
  return choices.includes(String(value)) ? String(value) : value;
}

/** How a field stores text (whether it strips it, its text choices): by model and field, read from the schema once. */
interface FieldTextRule {
  readonly trimmed: boolean;
  /** The choices, when every one is text (or null). */
  readonly choices?: readonly unknown[];
}
const fieldTextRules = new Map<string, FieldTextRule>();
const NO_SCHEMA: FieldTextRule = { trimmed: false };

// every field of every entry asks: look its schema up once per model and field, not once per value
function fieldTextRule(model: string, wire: string): FieldTextRule {
  const key = `${model}\0${wire}`;
  let rule = fieldTextRules.get(key);
  if (rule === undefined) {
    rule = NO_SCHEMA;
    const schemaName = requestSchemaName(model);
    if (schemaName) {
      const field = derefSchema(authentikModels().components[schemaName]).properties?.[wire];
      const resolved = field === undefined ? undefined : derefSchema(field);
      const trimmed = resolved === undefined || (resolved.type === 'string' && resolved.enum === undefined
        && (resolved.format === undefined || resolved.format === 'uri' || resolved.format === 'email'));
      const choices = resolved?.enum;
      rule = { trimmed, choices: choices !== undefined && choices.every((c) => typeof c === 'string' || c === null) ? choices : undefined };
    }
    fieldTextRules.set(key, rule);
  }
  return rule;
}

function symbol(name: string, args: readonly StateValue[], scalar = false): StateValue {
  if (scalar) return { $symbol: `${name} ${renderValue(args[0])}` };
  return { $symbol: `${name} [${args.map(renderValue).join(', ')}]` };
}

/** Python truthiness of a static value; undefined when only the worker knows it. */
function staticTruth(value: StateValue): boolean | undefined {
  if (isPlainRecord(value)) {
    if ('$symbol' in value || '$lookup' in value) return undefined;
    if ('$ref' in value) return true;
    return Object.keys(value).length > 0;
  }
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

// authentik's Condition: AND all, NAND not all, OR any, NOR none, XOR an odd count, XNOR an even one
function evaluateCondition(mode: string, truths: readonly boolean[]): boolean | undefined {
  const count = truths.filter(Boolean).length;
  switch (mode) {
    case 'AND': return count === truths.length;
    case 'NAND': return count !== truths.length;
    case 'OR': return count > 0;
    case 'NOR': return count === 0;
    case 'XOR': return count % 2 === 1;
    case 'XNOR': return count % 2 === 0;
    default: return undefined;
  }
}

/** Python `format % tuple(args)` for `%s`, `%d` and `%%` with scalar arguments; undefined otherwise. */
function pythonFormat(format: string, args: readonly StateValue[]): string | undefined {
  let i = 0;
  let ok = true;
  const text = format.replace(/%([sd%])/g, (_, c: string) => {
    if (c === '%') return '%';
    const arg = args[i++];
    if (arg === undefined) ok = false;
    if (c === 'd') {
      if (typeof arg !== 'number' && typeof arg !== 'boolean') ok = false;
      return String(Math.trunc(Number(arg)));
    }
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number') return String(arg);
    if (typeof arg === 'boolean') return arg ? 'True' : 'False';
    if (arg === null) return 'None';
    ok = false;
    return '';
  });
  if (!ok || i !== args.length || /%[^sd%]/.test(format)) return undefined;
  return text;
}

/** A reduced value as one line of text: simple strings bare, references `<model identity>`. */
export function renderValue(value: StateValue): string {
  if (typeof value === 'string') return /^[\w./:@-][\w ./:@'-]*$/.test(value) && !/^(?:\d+|true|false|null)$/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (isPlainRecord(value)) {
    if (typeof value.$ref === 'string' && Object.keys(value).length === 1) return `<${value.$ref}>`;
    if (typeof value.$lookup === 'string' && Object.keys(value).length === 1) return `<${value.$lookup}>`;
    if (typeof value.$symbol === 'string' && Object.keys(value).length === 1) return value.$symbol;
    return `{${Object.keys(value).sort().map((k) => `${k}: ${renderValue(value[k])}`).join(', ')}}`;
  }
  return String(value);
}

/** Deep equality of reduced values (key order does not matter). */
export function sameValue(a: StateValue | undefined, b: StateValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  // two different strings, or a string and anything else, never share a canonical text (only strings
  // write as "…"): the common case of a lookup, decided without writing either
  if (typeof a === 'string' || typeof b === 'string') return false;
  return canonical(a) === canonical(b);
}

function canonical(value: StateValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainRecord(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/**
 * What changes when authentik goes from applying the files of `before` to those of `after`: objects
 * added and no longer declared, fields changed (old → new), deletions requested and withdrawn, blueprint
 * instances added, removed or changed (labels, context, what they apply first). Sorted by model,
 * identity, then field.
 */
export function diffStates(before: AuthentikState, after: AuthentikState): StateChange[] {
  const changes: StateChange[] = [];
  const old = new Map(before.objects.map((o) => [objectKey(o), o]));
  const now = new Map(after.objects.map((o) => [objectKey(o), o]));
  for (const [key, o] of now) {
    const was = old.get(key);
    if (was === undefined) {
      changes.push({ kind: 'added', model: o.model, identity: o.identity, object: o });
      continue;
    }
    const names = [...new Set([...Object.keys(was.fields), ...Object.keys(o.fields)])].sort();
    for (const field of names) {
      if (!sameValue(was.fields[field], o.fields[field])) {
        changes.push({ kind: 'changed', model: o.model, identity: o.identity, field, option: false, before: was.fields[field], after: o.fields[field] });
      }
    }
    if (was.state !== o.state) {
      changes.push({ kind: 'changed', model: o.model, identity: o.identity, field: 'state', option: true, before: was.state, after: o.state });
    }
    if (!sameValue(was.conditions, o.conditions)) {
      changes.push({ kind: 'changed', model: o.model, identity: o.identity, field: 'conditions', option: true, before: was.conditions, after: o.conditions });
    }
  }
  for (const [key, o] of old) if (!now.has(key)) changes.push({ kind: 'removed', model: o.model, identity: o.identity, object: o });
  const oldDeletions = new Set(before.deletions.map(objectKey));
  const newDeletions = new Set(after.deletions.map(objectKey));
  for (const d of after.deletions) if (!oldDeletions.has(objectKey(d))) changes.push({ kind: 'deletion-requested', model: d.model, identity: d.identity });
  for (const d of before.deletions) if (!newDeletions.has(objectKey(d))) changes.push({ kind: 'deletion-withdrawn', model: d.model, identity: d.identity });
  const oldBlueprints = new Map(before.blueprints.map((b) => [b.name, b]));
  const newBlueprints = new Map(after.blueprints.map((b) => [b.name, b]));
  const dependenciesOf = (state: AuthentikState, name: string): StateValue => state.dependencies
    .filter((d) => d.blueprint === name).map((d) => ({ identifiers: d.identifiers, required: d.required }));
  const instance = (name: string): { model: string; identity: string } => ({ model: BLUEPRINT_INSTANCE, identity: `name=${renderValue(name)}` });
  for (const [name, b] of newBlueprints) {
    const was = oldBlueprints.get(name);
    if (was === undefined) {
      changes.push({ kind: 'blueprint-added', ...instance(name) });
      continue;
    }
    const pairs: Array<['labels' | 'context' | 'dependencies', StateValue, StateValue]> = [
      ['labels', was.labels, b.labels], ['context', was.context, b.context],
      ['dependencies', dependenciesOf(before, name), dependenciesOf(after, name)],
    ];
    for (const [field, x, y] of pairs) if (!sameValue(x, y)) changes.push({ kind: 'blueprint-changed', ...instance(name), field, before: x, after: y });
  }
  for (const name of oldBlueprints.keys()) if (!newBlueprints.has(name)) changes.push({ kind: 'blueprint-removed', ...instance(name) });
  const fieldOf = (c: StateChange): string => (c.kind === 'changed' ? `${c.option ? 1 : 0}${c.field}` : c.kind === 'blueprint-changed' ? c.field : '');
  return changes.sort((a, b) => compare(objectKey(a), objectKey(b)) || compare(a.kind, b.kind) || compare(fieldOf(a), fieldOf(b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRecord(record: { readonly [key: string]: StateValue }): { readonly [key: string]: StateValue } {
  const out: Record<string, StateValue> = {};
  const keys = sortedKeys(record);
  for (let i = 0; i < keys.length; i++) setKey(out, keys[i]!, record[keys[i]!]!);
  return out;
}

function uniqueValues(values: readonly StateValue[]): StateValue[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(canonical(v)) && Boolean(seen.add(canonical(v))));
}

function recordOf(value: BlueprintValue | undefined): { readonly [key: string]: BlueprintValue } {
  return isRecord(value) ? value : {};
}

function isPlainRecord(value: StateValue | undefined): value is { readonly [key: string]: StateValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The entries of a blueprint document: a list, or a map of section → list (iterated in order). */
export function entryList(entries: BlueprintValue | undefined): Array<{ readonly [key: string]: BlueprintValue }> {
  const list = Array.isArray(entries) ? entries : isRecord(entries) ? Object.values(entries).flatMap((v) => (Array.isArray(v) ? v : [])) : [];
  return list.filter(isRecord);
}
