import { Construct, type IConstruct } from 'constructs';
import { BlueprintEntry, EntryState, entriesUnder } from './blueprint-entry';
import { serializeBlueprint, type BlueprintDocument, type EntryDocument, type ResolvedValue } from './serialize';
import { KeyOf, Tag, TagNodeKind } from './tags';
import { checkValues } from './value-checks';
import { checkProps, type PropRules } from '../private/prop-checks';
import { isAuthentikObject } from './object-ref';
import { asReference, Reference, type BlueprintValue, type ResolveContext } from './value';

/** Label authentik shows as the blueprint's description. */
export const DESCRIPTION_LABEL = 'blueprints.goauthentik.io/description';
/** Label that keeps authentik from instantiating a discovered file. */
export const INSTANTIATE_LABEL = 'blueprints.goauthentik.io/instantiate';
/** The model that makes authentik apply another blueprint instance first. */
export const META_APPLY_BLUEPRINT = 'authentik_blueprints.metaapplyblueprint';

const BLUEPRINT_SYMBOL = Symbol.for('blumeops-authentik.Blueprint');

// values derived from constructs, memoized while a synth validates and renders: no user code runs
// then, so each blueprint renders once although its checks, the app's cross-checks and the ConfigMap
// all ask for it
let synthMemo: WeakMap<object, Map<string, unknown>> | undefined;

/** Runs `fn` with `memoDuringSynth` active, for the span of one synth. */
export function withSynthMemo<T>(fn: () => T): T {
  const outer = synthMemo;
  synthMemo ??= new WeakMap();
  try {
    return fn();
  } finally {
    synthMemo = outer;
  }
}

/** `compute()` once per synth for `(owner, key)`; outside a synth, every time. */
export function memoDuringSynth<T>(owner: object, key: string, compute: () => T): T {
  if (!synthMemo) return compute();
  let values = synthMemo.get(owner);
  if (!values) synthMemo.set(owner, (values = new Map()));
  if (!values.has(key)) values.set(key, compute());
  return values.get(key) as T;
}

/** Props for `Blueprint`. */
export interface BlueprintProps {
  /** File name under the blueprints mount and key in the ConfigMap; must end in `.yaml` (authentik ignores `.yml`). */
  readonly fileName: string;
  /** `metadata.name`: the BlueprintInstance name, unique across authentik. */
  readonly name: string;
  /**
   * Text for the `blueprints.goauthentik.io/description` label.
   * @default - no description label
   */
  readonly description?: string;
  /**
   * Further `metadata.labels`.
   * @default {}
   */
  readonly labels?: Record<string, string>;
  /**
   * The blueprint's `context`: values entries read with `Tag.context(key)` (instance context from
   * authentik's UI overrides them). Secrets belong in `!Env`/`!File`, never in literals here.
   * @default - no context
   */
  readonly context?: Record<string, BlueprintValue>;
}

/** A blueprint after references are resolved: the document and what it learned while resolving. */
export interface RenderedBlueprint {
  /** The document authentik reads. */
  readonly document: BlueprintDocument;
  /** Other blueprints of this app whose objects it looks up, applied first through meta entries. */
  readonly dependsOn: readonly Blueprint[];
  /** Problems found while resolving, each naming the construct path. */
  readonly problems: readonly string[];
}

/**
 * One authentik blueprint file: its metadata and the entries defined inside it.
 *
 * Entries are written in a canonical order (by kind, then id) in which every `!KeyOf` points to an
 * earlier entry; objects from other blueprints of the app are looked up with `!Find` after an
 * `authentik_blueprints.metaapplyblueprint` entry that applies their file first.
 */
export class Blueprint extends Construct {
  /** Whether `x` is a blueprint. */
  public static isBlueprint(x: unknown): x is Blueprint {
    return x !== null && typeof x === 'object' && BLUEPRINT_SYMBOL in x;
  }

  /** The blueprint `construct` is defined in, or undefined. */
  public static tryOf(construct: IConstruct): Blueprint | undefined {
    return construct.node.scopes.slice().reverse().find(Blueprint.isBlueprint);
  }

  /**
   * The blueprint `construct` is defined in.
   * @throws if it is not inside one
   */
  public static of(construct: IConstruct): Blueprint {
    const blueprint = Blueprint.tryOf(construct);
    if (!blueprint) {
      throw new Error(`${construct.node.path}: must be defined inside a Blueprint (pass the Blueprint, or a construct inside it, as scope)`);
    }
    return blueprint;
  }

  /** File name under the blueprints mount. */
  public readonly fileName: string;
  /** `metadata.name`. */
  public readonly name: string;
  /** The description label, if any. */
  public readonly description?: string;
  private readonly _labels: Record<string, string>;
  private readonly _context: Record<string, BlueprintValue>;
  private readonly givenProps: unknown;

  constructor(scope: Construct, id: string, props: BlueprintProps) {
    super(scope, id);
    Object.defineProperty(this, BLUEPRINT_SYMBOL, { value: true });
    this.givenProps = props;
    this.fileName = props.fileName;
    this.name = props.name;
    this.description = props.description;
    this._labels = { ...props.labels };
    this._context = { ...props.context };
    this.node.addValidation({ validate: () => [...this.render().problems] });
  }

  /** The value of a key of the blueprint's `context`, as declared. */
  public contextValue(key: string): BlueprintValue | undefined {
    return Object.prototype.hasOwnProperty.call(this._context, key) ? this._context[key] : undefined;
  }

  /** `metadata.labels`, description included. */
  public get labels(): Record<string, string> {
    const labels = { ...this._labels };
    if (this.description !== undefined) labels[DESCRIPTION_LABEL] = this.description;
    return sortKeys(labels);
  }

  /** The entries defined in this blueprint (not in blueprints nested below it). */
  public get entries(): BlueprintEntry[] {
    return entriesUnder(this).filter((e) => Blueprint.tryOf(e) === this);
  }

  /** The `id` an entry is written with: its construct path below the blueprint, in kebab case. */
  public entryIdOf(entry: BlueprintEntry): string {
    return memoDuringSynth(entry, 'entryId', () => this.computeEntryId(entry));
  }

  private computeEntryId(entry: BlueprintEntry): string {
    const below = entry.node.scopes.slice(entry.node.scopes.indexOf(this) + 1).map((s) => s.node.id);
    return below.map(kebab).join('-');
  }

  /** Resolves references and orders the entries. */
  public render(): RenderedBlueprint {
    return memoDuringSynth(this, 'rendered', () => this.renderUncached());
  }

  private renderUncached(): RenderedBlueprint {
    const problems: string[] = [];
    const entries = this.entries;
    const needs = new Map<BlueprintEntry, Set<BlueprintEntry>>(entries.map((e) => [e, new Set()]));
    const dependsOn = new Set<Blueprint>();
    const documents = new Map<BlueprintEntry, EntryDocument>();

    for (const entry of entries) {
      const context: ResolveContext = {
        entryTag: (target) => {
          if (!BlueprintEntry.isBlueprintEntry(target)) return undefined;
          const owner = Blueprint.tryOf(target);
          if (target.retired) {
            if (!entry.retired) {
              problems.push(`${entry.path}: refers to ${target.describe()} (${target.path}), which is retired (state: absent); `
                + 'retire this entry too, or stop referring to it');
            }
            // an absent entry leaves no instance for !KeyOf: look the object up, and delete dependents first
            if (owner === this && target !== entry) needs.get(target)!.add(entry);
            return undefined;
          }
          if (owner === this) {
            if (target !== entry) needs.get(entry)!.add(target);
            return Tag.keyOf(this.entryIdOf(target));
          }
          if (owner) dependsOn.add(owner);
          return undefined;
        },
      };
      const identifiers = resolveRecord(entry.identifiers, context);
      // a retired entry only needs to be found to be deleted; its attributes may point at retired things
      const attrs = entry.retired ? {} : resolveRecord(entry.attributes, context);
      documents.set(entry, {
        model: entry.model,
        id: this.entryIdOf(entry),
        state: entry.state,
        conditions: entry.conditions.map((c) => resolveValue(c, context)),
        identifiers,
        attrs,
      });
    }

    // live entries first by kind; retired ones after them in reverse, so dependents are deleted first
    const rank = (e: BlueprintEntry): number => (e.retired ? 1000 - e.orderRank : e.orderRank);
    const ordered = orderEntries(entries, needs, (e) => [rank(e), this.entryIdOf(e)], problems, this.node.path);
    const metaEntries: EntryDocument[] = [...dependsOn]
      .sort((a, b) => a.fileName.localeCompare(b.fileName))
      .map((other) => ({
        model: META_APPLY_BLUEPRINT,
        id: `apply-${kebab(other.fileName.replace(/\.yaml$/, ''))}`,
        state: EntryState.PRESENT,
        attrs: { identifiers: { name: other.name }, required: true },
      }));

    const written = [...metaEntries, ...ordered.map((e) => documents.get(e)!)];
    problems.push(...this.checkProps(), ...checkEntryIds(written, entries, (e) => this.entryIdOf(e), this.node.path));
    return {
      document: {
        version: 1,
        metadata: { name: this.name, labels: this.labels },
        context: resolveRecord(this._context, noEntries),
        entries: written,
      },
      dependsOn: [...dependsOn],
      problems,
    };
  }

  private checkProps(): string[] {
    const problems: string[] = checkProps(this.node.path, this.givenProps, BLUEPRINT_PROP_RULES, ['fileName', 'name']);
    if (typeof this.fileName !== 'string' || typeof this.name !== 'string') return problems;
    const where = `${this.node.path}: fileName`;
    if (!/^[A-Za-z0-9][-._A-Za-z0-9]*\.yaml$/.test(this.fileName)) {
      problems.push(`${where} ${JSON.stringify(this.fileName)} must be a plain file name ending in .yaml (authentik only discovers *.yaml, `
        + 'skips names starting with a dot, and ConfigMap keys allow only letters, digits, -, _ and .); e.g. "grafana.yaml"');
    }
    if (this.name.trim() === '') problems.push(`${this.node.path}: name (metadata.name) is empty; give the blueprint a unique name`);
    for (const [key, value] of Object.entries(this.labels)) {
      if (typeof value !== 'string') problems.push(`${this.node.path}: label ${key} must be a string (authentik reads labels as dict[str, str])`);
    }
    problems.push(...checkValues({ name: this.name, labels: this.labels }, `${this.node.path} metadata`));
    problems.push(...checkValues(this._context, `${this.node.path} context`));
    for (const [key, value] of Object.entries(this._context)) {
      if (isAuthentikObject(value) || value instanceof Reference) {
        problems.push(`${this.node.path}: context.${key} holds a reference, which a context cannot resolve; use a plain value or a tag`);
      }
    }
    return problems;
  }

  /** The file authentik reads. */
  public toYaml(): string {
    return memoDuringSynth(this, 'yaml', () => this.serialize());
  }

  private serialize(): string {
    return serializeBlueprint(this.render().document, 'generated by blumeops-authentik (npm run synth); do not edit by hand');
  }
}

const BLUEPRINT_PROP_RULES: PropRules = {
  fileName: 'string',
  name: 'string',
  description: 'string',
  labels: (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')
    ? undefined : 'must be an object of string values (authentik reads labels as dict[str, str])'),
  context: 'object',
};

// a context is resolved before any entry exists: no !KeyOf, no apply-first ordering
const noEntries: ResolveContext = { entryTag: () => undefined };

/** Duplicate ids, and `!KeyOf`s that do not point at an earlier entry with an instance. */
function checkEntryIds(
  written: readonly EntryDocument[],
  entries: readonly BlueprintEntry[],
  idOf: (e: BlueprintEntry) => string,
  where: string,
): string[] {
  const problems: string[] = [];
  const byId = new Map<string, string[]>();
  for (const e of entries) byId.set(idOf(e), [...(byId.get(idOf(e)) ?? []), e.node.path]);
  for (const [id, paths] of byId) {
    if (paths.length > 1) problems.push(`${where}: entry id "${id}" is derived for ${paths.join(' and ')}; give one of them another construct id`);
  }
  const seen = new Set<string>();
  for (const doc of written) {
    for (const target of keyOfTargets([doc.identifiers, doc.attrs, doc.conditions])) {
      if (!seen.has(target)) {
        problems.push(`${where}: entry "${doc.id}" uses !KeyOf ${target}, but no earlier live entry in this file has that id; `
          + 'refer to the entry construct itself (entry.ref()) rather than writing its id');
      }
    }
    if (doc.id !== undefined && doc.state !== EntryState.ABSENT) seen.add(doc.id);
  }
  return problems;
}

function keyOfTargets(value: unknown, out: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return out;
  if (value instanceof KeyOf) out.push(value.entryId);
  else if (value instanceof Tag) for (const item of value.items) keyOfTargets(item, out);
  else if (Array.isArray(value)) for (const item of value) keyOfTargets(item, out);
  else for (const key in value) keyOfTargets((value as Record<string, unknown>)[key], out);
  return out;
}

function resolveRecord(record: Record<string, BlueprintValue>, context: ResolveContext): Record<string, ResolvedValue> {
  const out: Record<string, ResolvedValue> = {};
  for (const key of Object.keys(record).sort()) {
    if (record[key] !== undefined) out[key] = resolveValue(record[key], context);
  }
  return out;
}

/** Replaces every reference with the tag it stands for here; plain objects get sorted keys. */
export function resolveValue(value: BlueprintValue, context: ResolveContext): ResolvedValue {
  if (value === null || typeof value !== 'object') return value;
  const reference = asReference(value);
  if (reference) return resolveValue(reference.resolve(context), context);
  if (value instanceof Tag) {
    if (value.kind === TagNodeKind.SCALAR || !value.items.some(containsReference)) return value;
    return Tag.sequence(value.name, value.items.map((item) => resolveValue(item, context)));
  }
  if (Array.isArray(value)) return value.map((item: BlueprintValue) => resolveValue(item, context));
  return resolveRecord(value as Record<string, BlueprintValue>, context);
}

function containsReference(value: BlueprintValue): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Reference || isAuthentikObject(value)) return true;
  if (value instanceof Tag) return value.items.some(containsReference);
  if (Array.isArray(value)) return value.some(containsReference);
  for (const key in value) if (containsReference((value as Record<string, BlueprintValue>)[key])) return true;
  return false;
}

/**
 * Topological order in which every entry comes after the entries it needs; among entries that are
 * ready at the same time, the smallest key first, so the result does not depend on declaration order.
 */
function orderEntries<T>(
  items: readonly T[],
  needs: Map<T, Set<T>>,
  key: (item: T) => [number, string],
  problems: string[],
  where: string,
): T[] {
  const compare = (a: T, b: T): number => {
    const [ra, ia] = key(a);
    const [rb, ib] = key(b);
    return ra - rb || (ia < ib ? -1 : ia > ib ? 1 : 0);
  };
  const remaining = new Set(items);
  const out: T[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].filter((item) => [...needs.get(item)!].every((n) => !remaining.has(n) || !items.includes(n)));
    if (ready.length === 0) {
      problems.push(`${where}: entries refer to each other in a cycle (${[...remaining].map((r) => key(r)[1]).sort().join(', ')}); `
        + 'authentik applies entries top to bottom, so break the cycle');
      out.push(...[...remaining].sort(compare));
      break;
    }
    const next = ready.sort(compare)[0];
    out.push(next);
    remaining.delete(next);
  }
  return out;
}

function sortKeys<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `ZotCi` → `zot-ci`, `Admins` → `admins`. */
export function kebab(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}
