import type { UserRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { AuthentikEntry } from './authentik-entry';
import { registerTypedEntry } from './private/entry-registry';
import type { IEnvSecret } from './env-secret';
import type { IGroup } from './group';
import { Model, type IRole, type IUser } from './models';
import type { Attributes } from './model-schema';

/** Options for a service account, as given to an OIDC client. */
export interface ServiceAccountOptions extends BlueprintEntryOptions,
  Attributes<Omit<UserRequest, 'username' | 'name' | 'type' | 'groups' | 'roles' | 'isActive'>> {
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
   * RBAC roles of the account.
   * @default - no roles
   */
  readonly roles?: readonly IRole[];
  /**
   * Whether the account can log in.
   * @default true
   */
  readonly isActive?: boolean;
  /**
   * The password, read from the worker's environment (a `WorkerSecret`); never a literal.
   * @default - none: the account logs in only by token or OIDC, or an admin sets a password
   */
  readonly password?: IEnvSecret;
}

/** Props for `ServiceAccount`. */
export interface ServiceAccountProps extends ServiceAccountOptions {}


const SPEC = registerTypedEntry(Model.USER, 'ServiceAccount', {
  ownProps: ['groups'],
  defaults: { isActive: true, type: 'service_account' },
  orderRank: 20,
});

/**
 * An `authentik_core.user` of type `service_account`.
 *
 * No password is written unless one is wired from the secret store by reference.
 */
export class ServiceAccount extends AuthentikEntry implements IUser {
  declare public readonly model: typeof Model.USER;
  /** Login name. */
  public readonly username: string;
  private readonly _groups: IGroup[];

  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id, Model.USER, props, SPEC);
    this.username = props?.username;
    this._groups = Array.isArray(props?.groups) ? [...props.groups] : [];
  }

  /** Makes the account a member of `group` too. */
  public addToGroup(group: IGroup): void {
    this._groups.push(group);
  }

  /** The groups the account is a member of. */
  public get groups(): IGroup[] {
    return [...this._groups];
  }

  protected override typedAttributes(): Record<string, unknown> {
    return {
      ...super.typedAttributes(),
      type: 'service_account',
      groups: this._groups.length ? this._groups : undefined,
    };
  }
}
