import type { GroupRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../blueprint/object-ref';
import { AuthentikEntry } from './authentik-entry';
import { registerTypedEntry } from './private/entry-registry';
import { Model, type IRole } from './models';
import type { Attributes } from './model-schema';

/** A group that bindings, memberships and consumers can point at. */
export interface IGroup extends IAuthentikObject<typeof Model.GROUP> {
  /** The group's name, when known (consumers map it to roles). */
  readonly groupName?: string;
}

/** Props for `Group`. */
export interface GroupProps extends BlueprintEntryOptions, Attributes<Omit<GroupRequest, 'name' | 'users' | 'parents' | 'roles'>> {
  /** The group name (unique in authentik 2026.2), its identifier. */
  readonly name: string;
  /**
   * Parent groups.
   * @default - no parents
   */
  readonly parents?: readonly IGroup[];
  /**
   * RBAC roles the group's members get.
   * @default - no roles
   */
  readonly roles?: readonly IRole[];
}

class GroupLookup extends LookupReference<typeof Model.GROUP> implements IGroup {
  constructor(public readonly groupName: string) {
    super(Model.GROUP, { name: groupName });
  }
}


const SPEC = registerTypedEntry(Model.GROUP, 'Group', {
  // membership is set from the user side (User's groups): GroupProps has no users prop
  referenceOverrides: { users: null },
  orderRank: 10,
});

/** An `authentik_core.group`. Membership is set from the user side, so `users` is never written here. */
export class Group extends AuthentikEntry implements IGroup {
  /** A group that lives outside this app, looked up by name. */
  public static fromName(name: string): IGroup {
    return new GroupLookup(name);
  }

  declare public readonly model: typeof Model.GROUP;
  /** The group name. */
  public readonly groupName: string;

  constructor(scope: Construct, id: string, props: GroupProps) {
    super(scope, id, Model.GROUP, props, SPEC);
    this.groupName = props?.name;
  }

  protected override typedAttributes(): Record<string, unknown> {
    const { parents, ...rest } = super.typedAttributes();
    // an empty list would detach the group from parents set elsewhere; leave the field out instead
    return { ...rest, parents: Array.isArray(parents) && parents.length === 0 ? undefined : parents };
  }
}
