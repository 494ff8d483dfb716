import type { ExpressionPolicyRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import { registerTypedEntry } from '../private/entry-registry';
import type { Attributes } from '../model-schema';
import { POLICY_ORDER_RANK } from './policy-rank';
import { ModelName } from '../../catalog/model-facts';

const MODEL = ModelName.EXPRESSIONPOLICY;

/** An `authentik_policies_expression.expressionpolicy`, declared or looked up. */
export type IExpressionPolicy = IAuthentikObject<typeof MODEL>;

/** Props for `ExpressionPolicy`. */
export interface ExpressionPolicyProps extends BlueprintEntryOptions, Attributes<Omit<ExpressionPolicyRequest, 'name'>> {
  /** Policy name (unique among all policies), the identifier. */
  readonly name: string;
}

const SPEC = registerTypedEntry(MODEL, 'ExpressionPolicy', { orderRank: POLICY_ORDER_RANK });

/**
 * An `authentik_policies_expression.expressionpolicy`: a Python expression that returns whether the request passes (`return ak_is_group_member(request.user, name="ops")`).
 *
 * It is a policy wherever one is expected: `BindingSubject.policy(policy)` binds it.
 */
export class ExpressionPolicy extends AuthentikEntry implements IExpressionPolicy {
  /** The policy of this model with this name, living outside this app. */
  public static fromName(name: string): IExpressionPolicy {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Policy name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ExpressionPolicyProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
