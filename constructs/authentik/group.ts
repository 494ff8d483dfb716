import type { GroupRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { Reference } from '../blueprint/value';
import { AuthentikEntry } from './authentik-entry';
import type { Attributes } from './model-schema';

/** A group that bindings and memberships can point at. */
export interface IGroup {
  /** The group's name. */
  readonly groupName: string;
  /** A reference to the group, written as `!KeyOf` or `!Find` where it is used. */
  groupRef(): Reference;
}

/** Props for `Group`. */
export interface GroupProps extends BlueprintEntryOptions, Attributes<Omit<GroupRequest, 'name' | 'users' | 'parents'>> {
  /** The group name (unique in authentik 2026.2), its identifier. */
  readonly name: string;
  /**
   * Parent groups.
   * @default - no parents
   */
  readonly parents?: readonly IGroup[];
}

/** An `authentik_core.group`. Membership is set from the user side, so it is never written here. */
export class Group extends AuthentikEntry implements IGroup {
  /** A group that lives outside this app, looked up by name. */
  public static fromName(name: string): IGroup {
    return { groupName: name, groupRef: () => new LookupReference('authentik_core.group', { name }) };
  }

  public readonly groupName: string;
  private readonly _parents: IGroup[];
  private readonly _fields: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: GroupProps) {
    super(scope, id, 'authentik_core.group', props);
    const { name, parents, state: _state, conditions: _conditions, ...fields } = props;
    this.groupName = name;
    this._parents = [...(parents ?? [])];
    this._fields = fields;
  }

  public groupRef(): Reference {
    return this.ref();
  }

  public override get orderRank(): number {
    return 10;
  }

  protected typedIdentifiers(): Record<string, unknown> {
    return { name: this.groupName };
  }

  protected typedAttributes(): Record<string, unknown> {
    return {
      ...this._fields,
      parents: this._parents.length ? this._parents.map((p) => p.groupRef()) : undefined,
    };
  }
}
