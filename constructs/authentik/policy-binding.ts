import type { PolicyBindingRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { isAuthentikObject } from '../blueprint/object-ref';
import { describeGiven } from '../private/prop-checks';
import { AuthentikEntry } from './authentik-entry';
import { registerTypedEntry } from './private/entry-registry';
import type { IGroup } from './group';
import { Kind, Model, type IPolicy, type IPolicyBindingTarget, type IUser, type ObjectKind } from './models';
import type { Attributes } from './model-schema';
import { Policy } from './policy';
import { User } from './user';

/** What a binding binds: exactly one of a group, a user or a policy, by construction. */
export class BindingSubject {
  /** Members of a group. */
  public static group(group: IGroup): BindingSubject {
    return new BindingSubject('group', group, Kind.GROUP);
  }

  /** A user (a service account, or a lookup). */
  public static user(user: IUser): BindingSubject {
    return new BindingSubject('user', user, Kind.USER);
  }

  /** A policy whose result decides. */
  public static policy(policy: IPolicy): BindingSubject {
    return new BindingSubject('policy', policy, Kind.POLICY);
  }

  /** A user that lives outside this app, by username. */
  public static userNamed(username: string): BindingSubject {
    return BindingSubject.user(User.fromUsername(username));
  }

  /** A policy that lives outside this app, by name. */
  public static policyNamed(name: string): BindingSubject {
    return BindingSubject.policy(Policy.fromName(name));
  }

  private constructor(
    /** The binding field: `group`, `user` or `policy`. */
    public readonly field: 'group' | 'user' | 'policy',
    /** The group, user or policy. */
    public readonly object: IGroup | IUser | IPolicy,
    /** The kind the field takes. */
    public readonly kind: ObjectKind,
  ) {}

  /** For messages. */
  public get description(): string {
    return isAuthentikObject(this.object) ? this.object.description : describeGiven(this.object);
  }
}

/** Props for `PolicyBinding`. */
export interface PolicyBindingProps extends BlueprintEntryOptions,
  Attributes<Omit<PolicyBindingRequest, 'target' | 'group' | 'user' | 'policy' | 'order'>> {
  /** What is protected: an application, a flow, a flow-stage binding, … */
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


const SPEC = registerTypedEntry(Model.POLICY_BINDING, 'PolicyBinding', {
  // the subject (BindingSubject) writes exactly one of these; they are no props of PolicyBinding
  referenceOverrides: { group: null, policy: null, user: null },
  ownProps: ['target', 'subject'],
  defaults: { enabled: true, negate: false, timeout: 30 },
  orderRank: 60,
});

/**
 * An `authentik_policies.policybinding`, identified by its target and subject (bindings have no
 * name, and the database does not stop duplicates).
 */
export class PolicyBinding extends AuthentikEntry {
  declare public readonly model: typeof Model.POLICY_BINDING;
  /** Who or what is bound. */
  public readonly subject: BindingSubject;
  /** What is protected. */
  public readonly target: IPolicyBindingTarget;
  /** Evaluation order. */
  public readonly order: number;

  constructor(scope: Construct, id: string, props: PolicyBindingProps) {
    super(scope, id, Model.POLICY_BINDING, props, SPEC);
    this.subject = props?.subject;
    this.target = props?.target;
    this.order = props?.order;
    this.node.addValidation({
      validate: () => (this.subject instanceof BindingSubject ? [] : [`${this.path}: subject must be BindingSubject.group(...), `
        + `.user(...) or .policy(...); got ${describeGiven(this.subject)}`]),
    });
  }

  protected override typedIdentifiers(): Record<string, unknown> {
    const ids: Record<string, unknown> = { target: this.target };
    if (this.subject instanceof BindingSubject) ids[this.subject.field] = this.subject.object;
    return ids;
  }

  protected override validateFields(): string[] {
    const problems = super.validateFields();
    if (this.subject instanceof BindingSubject && !isAuthentikObject(this.subject.object)) {
      problems.push(`${this.path}: subject expects ${this.subject.kind.noun}; got ${describeGiven(this.subject.object)}; pass ${this.subject.kind.hint}`);
    }
    return problems;
  }
}
