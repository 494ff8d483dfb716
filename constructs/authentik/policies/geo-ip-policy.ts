import type { GeoIPPolicyRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import { registerTypedEntry } from '../private/entry-registry';
import type { Attributes } from '../model-schema';
import { POLICY_ORDER_RANK } from './policy-rank';
import { ModelName } from '../../catalog/model-facts';

const MODEL = ModelName.GEOIPPOLICY;

/** An `authentik_policies_geoip.geoippolicy`, declared or looked up. */
export type IGeoIpPolicy = IAuthentikObject<typeof MODEL>;

/** Props for `GeoIpPolicy`. */
export interface GeoIpPolicyProps extends BlueprintEntryOptions, Attributes<Omit<GeoIPPolicyRequest, 'name'>> {
  /** Policy name (unique among all policies), the identifier. */
  readonly name: string;
}

const SPEC = registerTypedEntry(MODEL, 'GeoIpPolicy', { orderRank: POLICY_ORDER_RANK });

/**
 * An `authentik_policies_geoip.geoippolicy`: allows requests from listed countries or autonomous systems, and can reject impossible travel.
 *
 * It is a policy wherever one is expected: `BindingSubject.policy(policy)` binds it.
 */
export class GeoIpPolicy extends AuthentikEntry implements IGeoIpPolicy {
  /** The policy of this model with this name, living outside this app. */
  public static fromName(name: string): IGeoIpPolicy {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Policy name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: GeoIpPolicyProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
