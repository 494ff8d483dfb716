import type { UserRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { AuthentikEntry } from './authentik-entry';
import type { IGroup } from './group';
import type { Attributes } from './model-schema';

/** Options for a service account, as given to an OIDC client. */
export interface ServiceAccountOptions extends BlueprintEntryOptions,
  Attributes<Omit<UserRequest, 'username' | 'name' | 'type' | 'groups' | 'isActive'>> {
  /** Login name, the identifier. */
  readonly username: string;
  /** Display name. */
  readonly name: string;
  /**
   * Groups the account is a member of; this list replaces its memberships each time it is applied.
   * @default - no groups
   */
  readonly groups?: readonly IGroup[];
  /**
   * Whether the account can log in.
   * @default true
   */
  readonly isActive?: boolean;
}

/** Props for `ServiceAccount`. */
export interface ServiceAccountProps extends ServiceAccountOptions {}

/**
 * An `authentik_core.user` of type `service_account`.
 *
 * No password is ever written: an admin sets it in authentik, so no credential reaches Git.
 */
export class ServiceAccount extends AuthentikEntry {
  /** Login name. */
  public readonly username: string;
  private readonly _groups: IGroup[];
  private readonly _fields: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id, 'authentik_core.user', props);
    const { username, groups, isActive, state: _state, conditions: _conditions, ...fields } = props;
    this.username = username;
    this._groups = [...(groups ?? [])];
    this._fields = { ...fields, isActive: isActive ?? true };
  }

  /** Makes the account a member of `group` too. */
  public addToGroup(group: IGroup): void {
    this._groups.push(group);
  }

  /** The groups the account is a member of. */
  public get groups(): IGroup[] {
    return [...this._groups];
  }

  public override get orderRank(): number {
    return 20;
  }

  protected typedIdentifiers(): Record<string, unknown> {
    return { username: this.username };
  }

  protected typedAttributes(): Record<string, unknown> {
    return {
      ...this._fields,
      type: 'service_account',
      groups: this._groups.length ? this._groups.map((g) => g.groupRef()) : undefined,
    };
  }
}
