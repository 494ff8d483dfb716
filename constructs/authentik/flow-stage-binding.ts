import type { FlowStageBindingRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { AuthentikEntry } from './authentik-entry';
import { registerTypedEntry } from './private/entry-registry';
import { Model, type IFlow, type IFlowStageBinding, type IStage } from './models';
import type { Attributes } from './model-schema';

/** Props for `FlowStageBinding`. */
export interface FlowStageBindingProps extends BlueprintEntryOptions, Attributes<Omit<FlowStageBindingRequest, 'target' | 'stage' | 'order'>> {
  /** The flow the stage runs in, an identifier. */
  readonly target: IFlow;
  /** The stage that runs, an identifier. */
  readonly stage: IStage;
  /** Position among the flow's stages (lower first), an identifier. */
  readonly order: number;
}

const SPEC = registerTypedEntry(Model.FLOW_STAGE_BINDING, 'FlowStageBinding', {
  orderRank: 50,
});

/**
 * An `authentik_flows.flowstagebinding`: a stage at a position in a flow. authentik matches it by flow,
 * stage and order together, so moving a stage to another order defines a new binding (and leaves the
 * old one in place unless it is retired). Policies are bound to it with `PolicyBinding`, to decide
 * whether the stage runs.
 */
export class FlowStageBinding extends AuthentikEntry implements IFlowStageBinding {
  /**
   * The binding of `stage` at `order` in `target`, living outside this app (e.g. in a built-in flow),
   * for binding policies to it.
   */
  public static fromFlowStage(target: IFlow, stage: IStage, order: number): IFlowStageBinding {
    return new LookupReference(Model.FLOW_STAGE_BINDING, { order, stage, target });
  }

  declare public readonly model: typeof Model.FLOW_STAGE_BINDING;
  /** The flow. */
  public readonly target: IFlow;
  /** The stage. */
  public readonly stage: IStage;
  /** Position among the flow's stages. */
  public readonly order: number;

  constructor(scope: Construct, id: string, props: FlowStageBindingProps) {
    super(scope, id, Model.FLOW_STAGE_BINDING, props, SPEC);
    this.target = props?.target;
    this.stage = props?.stage;
    this.order = props?.order;
  }
}
