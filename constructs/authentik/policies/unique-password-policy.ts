import type { UniquePasswordPolicyRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import { registerTypedEntry } from '../private/entry-registry';
import type { Attributes } from '../model-schema';
import { POLICY_ORDER_RANK } from './policy-rank';
import { ModelName } from '../../catalog/model-facts';

const MODEL = ModelName.UNIQUEPASSWORDPOLICY;

/** An `authentik_policies_unique_password.uniquepasswordpolicy`, declared or looked up. */
export type IUniquePasswordPolicy = IAuthentikObject<typeof MODEL>;

/** Props for `UniquePasswordPolicy`. */
export interface UniquePasswordPolicyProps extends BlueprintEntryOptions, Attributes<Omit<UniquePasswordPolicyRequest, 'name'>> {
  /** Policy name (unique among all policies), the identifier. */
  readonly name: string;
}

const SPEC = registerTypedEntry(MODEL, 'UniquePasswordPolicy', { orderRank: POLICY_ORDER_RANK });

/**
 * An `authentik_policies_unique_password.uniquepasswordpolicy`: rejects a new password that matches one of the last `numHistoricalPasswords`.
 *
 * It is a policy wherever one is expected: `BindingSubject.policy(policy)` binds it.
 */
export class UniquePasswordPolicy extends AuthentikEntry implements IUniquePasswordPolicy {
  /** The policy of this model with this name, living outside this app. */
  public static fromName(name: string): IUniquePasswordPolicy {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Policy name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: UniquePasswordPolicyProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
