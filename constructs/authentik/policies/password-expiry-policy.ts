import type { PasswordExpiryPolicyRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import { registerTypedEntry } from '../private/entry-registry';
import type { Attributes } from '../model-schema';
import { POLICY_ORDER_RANK } from './policy-rank';
import { ModelName } from '../../catalog/model-facts';

const MODEL = ModelName.PASSWORDEXPIRYPOLICY;

/** An `authentik_policies_expiry.passwordexpirypolicy`, declared or looked up. */
export type IPasswordExpiryPolicy = IAuthentikObject<typeof MODEL>;

/** Props for `PasswordExpiryPolicy`. */
export interface PasswordExpiryPolicyProps extends BlueprintEntryOptions, Attributes<Omit<PasswordExpiryPolicyRequest, 'name'>> {
  /** Policy name (unique among all policies), the identifier. */
  readonly name: string;
}

const SPEC = registerTypedEntry(MODEL, 'PasswordExpiryPolicy', { orderRank: POLICY_ORDER_RANK });

/**
 * An `authentik_policies_expiry.passwordexpirypolicy`: fails (or, with `denyOnly: false`, asks for a new password) when the password is older than `days`.
 *
 * It is a policy wherever one is expected: `BindingSubject.policy(policy)` binds it.
 */
export class PasswordExpiryPolicy extends AuthentikEntry implements IPasswordExpiryPolicy {
  /** The policy of this model with this name, living outside this app. */
  public static fromName(name: string): IPasswordExpiryPolicy {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Policy name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PasswordExpiryPolicyProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
