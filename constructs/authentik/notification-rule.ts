import type { NotificationRuleRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { EntryState, LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../blueprint/object-ref';
import { AuthentikEntry } from './authentik-entry';
import type { IGroup } from './group';
import { Model, type INotificationTransport, type IPolicy } from './models';
import type { Attributes } from './model-schema';
import { BindingSubject, PolicyBinding } from './policy-binding';
import { registerTypedEntry } from './private/entry-registry';

/** A notification rule. */
export type INotificationRule = IAuthentikObject<typeof Model.NOTIFICATION_RULE>;

/** Props for `NotificationRule`. */
export interface NotificationRuleProps extends BlueprintEntryOptions,
  Attributes<Omit<NotificationRuleRequest, 'name' | 'transports' | 'destinationGroup'>> {
  /** Rule name, the identifier. */
  readonly name: string;
  /**
   * How notifications are delivered.
   * @default - none: notifications are only shown in authentik
   */
  readonly transports?: readonly INotificationTransport[];
  /**
   * Group whose members are notified.
   * @default - none
   */
  readonly destinationGroup?: IGroup;
}

const SPEC = registerTypedEntry(Model.NOTIFICATION_RULE, 'NotificationRule', {
  orderRank: 45,
});

/**
 * An `authentik_events.notificationrule`: which events notify whom. Events are matched by the policies
 * bound to it (`rule.matchPolicy(new EventMatcherPolicy(...))`); recipients are `destinationGroup` and/or
 * the event's own user (`destinationEventUser`).
 */
export class NotificationRule extends AuthentikEntry implements INotificationRule {
  /** The rule with this name, living outside this app. */
  public static fromName(name: string): INotificationRule {
    return new LookupReference(Model.NOTIFICATION_RULE, { name });
  }

  declare public readonly model: typeof Model.NOTIFICATION_RULE;
  /** Rule name. */
  public readonly name: string;
  private readonly _bindings: PolicyBinding[] = [];

  constructor(scope: Construct, id: string, props: NotificationRuleProps) {
    super(scope, id, Model.NOTIFICATION_RULE, props, SPEC);
    this.name = props?.name;
    this.node.addValidation({ validate: () => this.checkRule() });
  }

  /**
   * Notifies about events `policy` matches: a policy binding beside the rule (in its scope), `order`
   * 0, 1, … in call order, retired with the rule.
   */
  public matchPolicy(policy: IPolicy): PolicyBinding {
    const order = this._bindings.length;
    const binding = new PolicyBinding(this.node.scope ?? this, `${this.node.id}-Policy${order}`, {
      state: this.retired ? EntryState.ABSENT : EntryState.PRESENT,
      target: this,
      subject: BindingSubject.policy(policy),
      order,
    });
    this._bindings.push(binding);
    return binding;
  }

  /** The policy bindings written by `matchPolicy`, in order. */
  public get policyBindings(): readonly PolicyBinding[] {
    return [...this._bindings];
  }

  private checkRule(): string[] {
    if (this.retired || this.updatesExisting) return [];
    if (this.props.destinationGroup === undefined && this.props.destinationEventUser !== true) {
      return [`${this.path}: nobody would be notified; set destinationGroup (e.g. Group.fromName('authentik Admins')) and/or destinationEventUser: true`];
    }
    return [];
  }
}
