import type { ReputationPolicyRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import { registerTypedEntry } from '../private/entry-registry';
import type { Attributes } from '../model-schema';
import { POLICY_ORDER_RANK } from './policy-rank';
import { ModelName } from '../../catalog/model-facts';

const MODEL = ModelName.REPUTATIONPOLICY;

/** An `authentik_policies_reputation.reputationpolicy`, declared or looked up. */
export type IReputationPolicy = IAuthentikObject<typeof MODEL>;

/** Props for `ReputationPolicy`. */
export interface ReputationPolicyProps extends BlueprintEntryOptions, Attributes<Omit<ReputationPolicyRequest, 'name'>> {
  /** Policy name (unique among all policies), the identifier. */
  readonly name: string;
}

const SPEC = registerTypedEntry(MODEL, 'ReputationPolicy', { orderRank: POLICY_ORDER_RANK });

/**
 * An `authentik_policies_reputation.reputationpolicy`: fails when the IP address or username has a reputation below a threshold (failed logins lower it).
 *
 * It is a policy wherever one is expected: `BindingSubject.policy(policy)` binds it.
 */
export class ReputationPolicy extends AuthentikEntry implements IReputationPolicy {
  /** The policy of this model with this name, living outside this app. */
  public static fromName(name: string): IReputationPolicy {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Policy name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ReputationPolicyProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
