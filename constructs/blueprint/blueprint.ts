import { Construct, type IConstruct } from 'constructs';
import { BlueprintEntry, EntryState } from './blueprint-entry';
import { constructsUnder } from '../private/construct-tree';
import { checkProps, type PropRules } from '../private/prop-checks';
import { checkEntryIds, orderEntries } from './entry-order';
import { kebab } from './naming';
import { isAuthentikObject } from './object-ref';
import { resolveRecord, resolveValue } from './resolve';
import { serializeBlueprint, type BlueprintDocument, type EntryDocument } from './serialize';
import { memoDuringSynth } from './synth-memo';
import { Tag } from './tags';
import { checkValues } from './value-checks';
import { Reference, type BlueprintValue, type ResolveContext } from './value';
import { ModelName } from '../catalog/model-facts';
import { mergeRecords } from '../private/records';

/** Label authentik shows as the blueprint's description. */
export const DESCRIPTION_LABEL = 'blueprints.goauthentik.io/description';
/** Label that keeps authentik from instantiating a discovered file. */
export const INSTANTIATE_LABEL = 'blueprints.goauthentik.io/instantiate';
/** The model that makes authentik apply another blueprint instance first. */
export const META_APPLY_BLUEPRINT = ModelName.METAAPPLYBLUEPRINT;

const BLUEPRINT_SYMBOL = Symbol.for('blumeops-authentik.Blueprint');


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
    // the nearest one, walking up from the construct itself (node.scopes would build the path as a list
    // for each of the thousands of references a large app resolves)
    for (let scope: IConstruct | undefined = construct; scope !== undefined; scope = scope.node.scope) {
      if (Blueprint.isBlueprint(scope)) return scope;
    }
    return undefined;
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
    this._labels = mergeRecords(props.labels) as Record<string, string>;
    this._context = mergeRecords(props.context) as Record<string, BlueprintValue>;
    this.node.addValidation({ validate: () => [...this.render().problems] });
  }

  /** The value of a key of the blueprint's `context`, as declared. */
  public contextValue(key: string): BlueprintValue | undefined {
    return Object.prototype.hasOwnProperty.call(this._context, key) ? this._context[key] : undefined;
  }

  /** `metadata.labels`, description included. */
  public get labels(): Record<string, string> {
    return { ...this.sortedLabels() };
  }

  // the labels never change once constructed: sorted once per synth, and never handed out to be changed
  private sortedLabels(): Record<string, string> {
    return memoDuringSynth(this, 'labels', () => {
      const labels = mergeRecords(this._labels) as Record<string, string>;
      if (this.description !== undefined) labels[DESCRIPTION_LABEL] = this.description;
      return sortKeys(labels);
    });
  }

  /** The entries defined in this blueprint (not in blueprints nested below it). */
  public get entries(): BlueprintEntry[] {
    // a nested blueprint's constructs are its own: not walked into
    return constructsUnder(this, (c) => !Blueprint.isBlueprint(c)).filter(BlueprintEntry.isBlueprintEntry);
  }

  /** The `id` an entry is written with: its construct path below the blueprint, in kebab case. */
  public entryIdOf(entry: BlueprintEntry): string {
    return memoDuringSynth(entry, 'entryId', () => this.computeEntryId(entry));
  }

  private computeEntryId(entry: BlueprintEntry): string {
    // the ids from below this blueprint down to the entry, walked up (node.scopes copies the whole path)
    let id: string | undefined;
    for (let scope: IConstruct | undefined = entry; scope !== undefined && scope !== this; scope = scope.node.scope) {
      const part = kebab(scope.node.id);
      id = id === undefined ? part : `${part}-${id}`;
    }
    return id ?? '';
  }

  /** Resolves references and orders the entries. */
  public render(): RenderedBlueprint {
    return memoDuringSynth(this, 'rendered', () => this.renderUncached());
  }

  private renderUncached(): RenderedBlueprint {
    const problems: string[] = [];
    const entries = this.entries;
    // maps filled by loops, not built from lists of pairs: a synth runs this in V8's baseline code
    const needs = new Map<BlueprintEntry, Set<BlueprintEntry>>();
    for (let i = 0; i < entries.length; i++) needs.set(entries[i]!, new Set());
    const dependsOn = new Set<Blueprint>();
    const documents = new Map<BlueprintEntry, EntryDocument>();

    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
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
            // every !KeyOf of one entry is the same tag
            return memoDuringSynth(target, 'keyOfTag', () => Tag.keyOf(this.entryIdOf(target)));
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
    // each entry's sort key once, not once per comparison
    const keys = new Map<BlueprintEntry, [number, string]>();
    for (let i = 0; i < entries.length; i++) keys.set(entries[i]!, [rank(entries[i]!), this.entryIdOf(entries[i]!)]);
    const ordered = orderEntries(entries, needs, (e) => keys.get(e)!, problems, this.node.path);
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
        metadata: { name: this.name, labels: this.sortedLabels() },
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
    // a ConfigMap key holds at most 253 characters, and the worker mounts the key as a file (255 bytes on Linux)
    if (this.fileName.length > 253) {
      problems.push(`${where} is ${this.fileName.length} characters long, longer than a ConfigMap key (253) or a file name on the `
        + `worker allows, so the blueprint could never be mounted; shorten it, e.g. ${JSON.stringify(`${this.fileName.slice(0, 40).replace(/\.yaml$/, '')}.yaml`)}`);
    }
    if (this.name.trim() === '') problems.push(`${this.node.path}: name (metadata.name) is empty; give the blueprint a unique name`);
    const labels = this.sortedLabels();
    for (const [key, value] of Object.entries(labels)) {
      if (typeof value !== 'string') problems.push(`${this.node.path}: label ${key} must be a string (authentik reads labels as dict[str, str])`);
    }
    problems.push(...checkValues({ name: this.name, labels }, `${this.node.path} metadata`));
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




function sortKeys<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

