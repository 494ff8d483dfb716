import type { DummyPolicyRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import { registerTypedEntry } from '../private/entry-registry';
import type { Attributes } from '../model-schema';
import { POLICY_ORDER_RANK } from './policy-rank';
import { ModelName } from '../../catalog/model-facts';

const MODEL = ModelName.DUMMYPOLICY;

/** An `authentik_policies_dummy.dummypolicy`, declared or looked up. */
export type IDummyPolicy = IAuthentikObject<typeof MODEL>;

/** Props for `DummyPolicy`. */
export interface DummyPolicyProps extends BlueprintEntryOptions, Attributes<Omit<DummyPolicyRequest, 'name'>> {
  /** Policy name (unique among all policies), the identifier. */
  readonly name: string;
}

const SPEC = registerTypedEntry(MODEL, 'DummyPolicy', { orderRank: POLICY_ORDER_RANK });

/**
 * An `authentik_policies_dummy.dummypolicy`: returns a fixed result after a random wait (for testing).
 *
 * It is a policy wherever one is expected: `BindingSubject.policy(policy)` binds it.
 */
export class DummyPolicy extends AuthentikEntry implements IDummyPolicy {
  /** The policy of this model with this name, living outside this app. */
  public static fromName(name: string): IDummyPolicy {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Policy name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: DummyPolicyProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
