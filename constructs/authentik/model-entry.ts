import type { Construct } from 'constructs';
import type { BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../blueprint/object-ref';
import type { BlueprintValue } from '../blueprint/value';
import { describeGiven } from '../private/prop-checks';
import { AuthentikEntry } from './authentik-entry';
import { authentikVersionOf } from '../catalog/construct-version';
import { Model } from './models';
import { missingGrantTypes } from './oauth2-provider';
import type { AnyVersionModelRequestTypes } from './generated/model-types';
import type { Attributes } from './model-schema';
import type { BlueprintOnlyFields } from '../catalog/blueprint-only-types';

export type { BlueprintOnlyFields } from '../catalog/blueprint-only-types';

/**
 * The fields of a model: typed from authentik's API where it has a request type (those of any release
 * this project knows; the chart's `authentikVersion` decides at synth), free-form otherwise.
 */
export type ModelFields<M extends string> = M extends keyof AnyVersionModelRequestTypes
  ? Attributes<AnyVersionModelRequestTypes[M]> & (M extends keyof BlueprintOnlyFields ? BlueprintOnlyFields[M] : unknown)
  : Record<string, BlueprintValue>;

/** Props for `ModelEntry`. */
export interface ModelEntryProps<M extends string> extends BlueprintEntryOptions {
  /** The model, `app_label.model_name`, e.g. `authentik_flows.flow`. */
  readonly model: M;
  /**
   * Fields authentik matches an existing object by.
   * @default {} - only for meta models such as `authentik_blueprints.metaapplyblueprint`, which have none
   */
  readonly identifiers?: ModelFields<M>;
  /**
   * Further fields.
   * @default {}
   */
  readonly attributes?: ModelFields<M>;
  /**
   * Position in the canonical file order among entries that do not depend on each other.
   * @default 50
   */
  readonly orderRank?: number;
}

/**
 * An entry for any model: the escape hatch for what has no dedicated construct. Fields are typed by
 * model name from authentik's API types and checked against its schema like every other entry, and
 * the entry is an `IAuthentikObject` of its model, accepted wherever that model is.
 */
export class ModelEntry<M extends string> extends AuthentikEntry implements IAuthentikObject<M> {
  declare public readonly model: M;
  private readonly _identifiers: Record<string, unknown>;
  private readonly _attributes: Record<string, unknown>;
  private readonly _badShape: string[] = [];

  constructor(scope: Construct, id: string, props: ModelEntryProps<M>) {
    const given = (props ?? {}) as ModelEntryProps<M>;
    super(scope, id, typeof given.model === 'string' ? given.model : String(given.model), given, {
      identifiers: [],
      ownProps: ['model', 'identifiers', 'attributes', 'orderRank'],
      orderRank: typeof given.orderRank === 'number' ? given.orderRank : 50,
    });
    for (const key of ['identifiers', 'attributes'] as const) {
      const v = given[key] as unknown;
      if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) {
        this._badShape.push(`${this.path}: ${key} must be an object of fields; got ${describeGiven(v)}`);
      }
    }
    if (typeof given.model !== 'string') this._badShape.push(`${this.path}: model must be a string such as "${Model.FLOW}"; got ${describeGiven(given.model)}`);
    const known = new Set(['model', 'identifiers', 'attributes', 'orderRank', 'state', 'conditions', 'updatesExisting']);
    for (const key of Object.keys(given)) {
      if (!known.has(key)) this._badShape.push(`${this.path}: "${key}" is not a prop of ModelEntry; known props: ${[...known].join(', ')} (given ${describeGiven((given as unknown as Record<string, unknown>)[key])})`);
    }
    this._identifiers = isRecord(given.identifiers) ? { ...given.identifiers } : {};
    this._attributes = isRecord(given.attributes) ? { ...given.attributes } : {};
  }

  protected override typedIdentifiers(): Record<string, unknown> {
    return this._identifiers;
  }

  protected override typedAttributes(): Record<string, unknown> {
    return this._attributes;
  }

  protected override validateFields(): string[] {
    const problems = [...this._badShape, ...super.validateFields()];
    if (this.model === Model.OAUTH2_PROVIDER) {
      const stated = ['grantTypes', 'grant_types'].some((k) => k in this._attributes || k in this._identifiers);
      problems.push(...missingGrantTypes(this.path, authentikVersionOf(this), { stated, updatesExisting: this.updatesExisting, retired: this.retired }, 'attributes.grantTypes'));
    }
    return problems;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
