import type { Construct } from 'constructs';
import type { BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../blueprint/object-ref';
import { Tag } from '../blueprint/tags';
import { closest, describeGiven } from '../private/prop-checks';
import { catalogFor } from '../catalog/catalog';
import { AUTHENTIK_VERSIONS } from '../catalog/versions';
import { AuthentikEntry } from './authentik-entry';
import type { ObjectKind } from './models';
import { toWireName } from './model-schema';
import { referenceKind } from '../catalog/reference-fields';

/** Props every generated low-level construct (`Cfn…`) takes besides its model's fields. */
export interface CfnEntryProps extends BlueprintEntryOptions {
  /**
   * The props authentik matches an existing object by (camelCase names of props given here).
   * @default - the model's natural key (`slug` or `name`); a model without one must say it
   */
  readonly identifyBy?: readonly string[];
}

/** What `npm run generate` writes for each low-level construct, read from the catalogs. */
export interface CfnSpec {
  /** The natural key (camelCase), empty when the model has none. */
  readonly identifiers: readonly string[];
  /** Every field a blueprint may set (camelCase) in any release this project knows. */
  readonly fields: readonly string[];
  /** Secret fields (camelCase). */
  readonly secrets?: readonly string[];
  /** Relation fields (camelCase) → their wire names. */
  readonly refs?: Readonly<Record<string, string>>;
  /** Relation fields that hold lists (camelCase). */
  readonly refLists?: readonly string[];
  /** Whether authentik's API has a request schema for the model (otherwise the blueprint serializer alone writes it). */
  readonly api: boolean;
}

const OWN = ['identifyBy'];
const registry: Array<{ readonly model: string; readonly className: string }> = [];

/**
 * Records a generated low-level construct when its module loads (apart from the hand-written ones'
 * registry, which the importer translates entries with).
 */
export function registerCfnEntry(model: string, className: string): void {
  registry.push({ model, className });
}

/** Every generated low-level construct whose module has been loaded. */
export function cfnEntries(): ReadonlyArray<{ readonly model: string; readonly className: string }> {
  return [...registry];
}
const OPTIONS = ['state', 'conditions', 'updatesExisting'];

/**
 * The base of the generated low-level constructs (`CfnOAuthSource`, `CfnRadiusProvider`, …), one per
 * blueprint model without a hand-written construct, as aws-cdk's `Cfn…` classes are generated from
 * its spec. Props are authentik's own fields in camelCase; everything a hand-written construct gets
 * applies (the catalog of the chart's release, the request schema, authentik's judgement in `rules/`,
 * secrets only by reference), and the prop names, secrets and relations checked at run time are the
 * generated ones.
 */
export abstract class CfnEntry<M extends string> extends AuthentikEntry implements IAuthentikObject<M> {
  declare public readonly model: M;
  private readonly cfn: CfnSpec;
  private readonly identifyByProblems: string[] = [];

  protected constructor(scope: Construct, id: string, model: M, props: CfnEntryProps, spec: CfnSpec) {
    const given = (props !== null && typeof props === 'object' ? props : {}) as CfnEntryProps;
    // a prop the model lacks is reported once, below, not again as a missing identifier
    const identifyBy = Array.isArray(given.identifyBy) ? given.identifyBy.filter((k) => spec.fields.includes(k)) : spec.identifiers;
    super(scope, id, model, props, {
      identifiers: identifyBy,
      secrets: spec.secrets,
      references: referencesOf(model, spec, given as Record<string, unknown>),
      ownProps: OWN,
    });
    this.cfn = spec;
    if (given.identifyBy !== undefined) {
      const bad = !Array.isArray(given.identifyBy) || given.identifyBy.length === 0
        || given.identifyBy.some((k) => typeof k !== 'string' || !spec.fields.includes(k));
      if (bad) {
        this.identifyByProblems.push(`${this.path}: identifyBy must be a non-empty list of this construct's field props; got `
          + `${Array.isArray(given.identifyBy) ? JSON.stringify(given.identifyBy) : describeGiven(given.identifyBy)}; known fields: ${spec.fields.join(', ')}`);
      }
    }
  }

  // a model the API has no schema for: its props are mapped and checked here, from the generated list
  protected override typedIdentifiers(): Record<string, unknown> {
    return this.cfn.api ? super.typedIdentifiers() : wireKeys(super.typedIdentifiers());
  }

  protected override typedAttributes(): Record<string, unknown> {
    return this.cfn.api ? super.typedAttributes() : wireKeys(super.typedAttributes());
  }

  protected override validateFields(): string[] {
    const problems = [...this.identifyByProblems];
    if (!this.cfn.api) {
      const known = [...this.cfn.fields, ...OWN, ...OPTIONS];
      for (const [key, value] of Object.entries(this.props)) {
        if (known.includes(key)) continue;
        const meant = closest(key, this.cfn.fields);
        problems.push(`${this.path}: "${key}" is not a field of ${this.model} (authentik would silently drop it), given ${describeGiven(value)}; `
          + `${meant ? `did you mean "${meant}"? ` : ''}known fields: ${this.cfn.fields.join(', ')}`);
      }
    }
    return [...problems, ...super.validateFields()];
  }
}

function wireKeys(attrs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [toWireName(k), v]));
}

// the kind of object each relation takes: the reference table the catalog is built from, else the catalog's models
// (a tag or null given there is left to the conversion and the schema: authentik resolves the one, takes the other)
function referencesOf(model: string, spec: CfnSpec, given: Record<string, unknown>): Record<string, ObjectKind | readonly [ObjectKind]> {
  const out: Record<string, ObjectKind | readonly [ObjectKind]> = {};
  for (const [prop, wire] of Object.entries(spec.refs ?? {})) {
    const value = given[prop];
    if (value === null || value instanceof Tag || (Array.isArray(value) && value.some((v) => v instanceof Tag))) continue;
    const kind = referenceKind(model, wire) ?? catalogKind(model, wire);
    if (kind) out[prop] = spec.refLists?.includes(prop) ? [kind] : kind;
  }
  return out;
}

function catalogKind(model: string, wire: string): ObjectKind | undefined {
  for (const version of [...AUTHENTIK_VERSIONS].reverse()) {
    const models = catalogFor(version).field(model, wire)?.references;
    if (models && models.length > 0) {
      return { noun: `an object of ${models.join(' or ')}`, models, hint: `an entry or lookup of ${models.join(' or ')}` };
    }
  }
  return undefined;
}
