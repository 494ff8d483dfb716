import type { EventMatcherPolicyRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { AuthentikEntry } from '../authentik-entry';
import { registerTypedEntry } from '../private/entry-registry';
import type { Attributes } from '../model-schema';
import type { EventMatcherPolicyReleaseProps } from '../release-props';
import { POLICY_ORDER_RANK } from './policy-rank';
import { ModelName } from '../../catalog/model-facts';

const MODEL = ModelName.EVENTMATCHERPOLICY;

/** An `authentik_policies_event_matcher.eventmatcherpolicy`, declared or looked up. */
export type IEventMatcherPolicy = IAuthentikObject<typeof MODEL>;

/** Props for `EventMatcherPolicy`. */
export interface EventMatcherPolicyProps extends BlueprintEntryOptions, EventMatcherPolicyReleaseProps,
  Attributes<Omit<EventMatcherPolicyRequest, 'name' | 'action' | 'app' | 'model'>> {
  /** Policy name (unique among all policies), the identifier. */
  readonly name: string;
}

const SPEC = registerTypedEntry(MODEL, 'EventMatcherPolicy', { orderRank: POLICY_ORDER_RANK });

/**
 * An `authentik_policies_event_matcher.eventmatcherpolicy`: matches events by action, client IP, app and model; bound to notification rules.
 *
 * It is a policy wherever one is expected: `BindingSubject.policy(policy)` binds it.
 */
export class EventMatcherPolicy extends AuthentikEntry implements IEventMatcherPolicy {
  /** The policy of this model with this name, living outside this app. */
  public static fromName(name: string): IEventMatcherPolicy {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Policy name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: EventMatcherPolicyProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
  }
}
