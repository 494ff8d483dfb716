import type { PolicyBindingRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { LookupReference } from '../blueprint/blueprint-entry';
import type { Reference } from '../blueprint/value';
import type { IPolicyBindingTarget } from './application';
import { AuthentikEntry } from './authentik-entry';
import type { IGroup } from './group';
import type { Attributes } from './model-schema';

/** What a binding binds: exactly one of a group, a user or a policy, by construction. */
export class BindingSubject {
  /** Members of a group. */
  public static group(group: IGroup): BindingSubject {
    return new BindingSubject('group', () => group.groupRef(), `group ${group.groupName}`);
  }

  /** A user that lives outside this app, by username. */
  public static userNamed(username: string): BindingSubject {
    return new BindingSubject('user', () => new LookupReference('authentik_core.user', { username }), `user ${username}`);
  }

  /** A policy that lives outside this app, by name. */
  public static policyNamed(name: string): BindingSubject {
    return new BindingSubject('policy', () => new LookupReference('authentik_policies.policy', { name }), `policy ${name}`);
  }

  private constructor(
    /** The binding field: `group`, `user` or `policy`. */
    public readonly field: 'group' | 'user' | 'policy',
    /** A reference to the subject. */
    public readonly ref: () => Reference,
    /** For messages. */
    public readonly description: string,
  ) {}
}

/** Props for `PolicyBinding`. */
export interface PolicyBindingProps extends BlueprintEntryOptions,
  Attributes<Omit<PolicyBindingRequest, 'target' | 'group' | 'user' | 'policy' | 'order'>> {
  /** What is protected, e.g. an application. */
  readonly target: IPolicyBindingTarget;
  /** Who or what is bound. */
  readonly subject: BindingSubject;
  /** Evaluation order among the target's bindings. */
  readonly order: number;
  /**
   * Whether the binding is evaluated.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Whether the result is inverted.
   * @default false
   */
  readonly negate?: boolean;
  /**
   * Seconds before evaluation gives up.
   * @default 30
   */
  readonly timeout?: number;
}

/**
 * An `authentik_policies.policybinding`, identified by its target and subject (bindings have no
 * name, and the database does not stop duplicates).
 */
export class PolicyBinding extends AuthentikEntry {
  /** Who or what is bound. */
  public readonly subject: BindingSubject;
  /** Evaluation order. */
  public readonly order: number;
  private readonly _props: PolicyBindingProps;

  constructor(scope: Construct, id: string, props: PolicyBindingProps) {
    super(scope, id, 'authentik_policies.policybinding', props);
    this.subject = props.subject;
    this.order = props.order;
    this._props = props;
  }

  public override get orderRank(): number {
    return 60;
  }

  protected typedIdentifiers(): Record<string, unknown> {
    return { target: this._props.target.bindingTargetRef(), [this.subject.field]: this.subject.ref() };
  }

  protected typedAttributes(): Record<string, unknown> {
    const { target: _t, subject: _s, state: _state, conditions: _conditions, ...fields } = this._props;
    return { ...fields, enabled: fields.enabled ?? true, negate: fields.negate ?? false, timeout: fields.timeout ?? 30 };
  }
}
