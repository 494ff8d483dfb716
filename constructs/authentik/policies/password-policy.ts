import type { PasswordPolicyRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import { registerTypedEntry } from '../private/entry-registry';
import type { Attributes } from '../model-schema';
import { POLICY_ORDER_RANK } from './policy-rank';
import { ModelName } from '../../catalog/model-facts';

const MODEL = ModelName.PASSWORDPOLICY;

/** An `authentik_policies_password.passwordpolicy`, declared or looked up. */
export type IPasswordPolicy = IAuthentikObject<typeof MODEL>;

/** Props for `PasswordPolicy`. */
export interface PasswordPolicyProps extends BlueprintEntryOptions, Attributes<Omit<PasswordPolicyRequest, 'name'>> {
  /** Policy name (unique among all policies), the identifier. */
  readonly name: string;
}

const SPEC = registerTypedEntry(MODEL, 'PasswordPolicy', { orderRank: POLICY_ORDER_RANK });

/**
 * An `authentik_policies_password.passwordpolicy`: password rules: static character counts and length, Have I Been Pwned, zxcvbn strength.
 *
 * It is a policy wherever one is expected: `BindingSubject.policy(policy)` binds it.
 */
export class PasswordPolicy extends AuthentikEntry implements IPasswordPolicy {
  /** The policy of this model with this name, living outside this app. */
  public static fromName(name: string): IPasswordPolicy {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Policy name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PasswordPolicyProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
