import type { Construct } from 'constructs';
import type { BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { BlueprintValue } from '../blueprint/value';
import { AuthentikEntry } from './authentik-entry';
import type { ModelRequestTypes } from './generated/model-types';
import type { Attributes } from './model-schema';

/** The fields of a model: typed from authentik's API where it has a request type, free-form otherwise. */
export type ModelFields<M extends string> = M extends keyof ModelRequestTypes
  ? Attributes<ModelRequestTypes[M]>
  : Record<string, BlueprintValue>;

/** Props for `ModelEntry`. */
export interface ModelEntryProps<M extends string> extends BlueprintEntryOptions {
  /** The model, `app_label.model_name`, e.g. `authentik_flows.flow`. */
  readonly model: M;
  /** Fields authentik matches an existing object by. */
  readonly identifiers: ModelFields<M>;
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
 * model name from authentik's API types and checked against its schema like every other entry.
 */
export class ModelEntry<M extends string> extends AuthentikEntry {
  private readonly _identifiers: Record<string, unknown>;
  private readonly _attributes: Record<string, unknown>;
  private readonly _orderRank: number;

  constructor(scope: Construct, id: string, props: ModelEntryProps<M>) {
    super(scope, id, props.model, props);
    this._identifiers = { ...props.identifiers };
    this._attributes = { ...props.attributes };
    this._orderRank = props.orderRank ?? 50;
  }

  public override get orderRank(): number {
    return this._orderRank;
  }

  protected typedIdentifiers(): Record<string, unknown> {
    return this._identifiers;
  }

  protected typedAttributes(): Record<string, unknown> {
    return this._attributes;
  }
}
