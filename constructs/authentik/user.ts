import type { UserRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { Tag } from '../blueprint/tags';
import { describeGiven } from '../private/prop-checks';
import { AuthentikEntry } from './authentik-entry';
import { isEnvSecret, type IEnvSecret } from './env-secret';
import type { IGroup } from './group';
import { Model, type IRole, type IUser } from './models';
import type { Attributes } from './model-schema';
import { registerTypedEntry } from './private/entry-registry';

/** Tags a secret may be read with: the worker's environment, a mounted file, or the blueprint's context. */
const SECRET_TAGS: readonly string[] = ['!Env', '!File', '!Context'];

/** Props for `User`. */
export interface UserProps extends BlueprintEntryOptions, Attributes<Omit<UserRequest, 'username' | 'name' | 'groups' | 'roles'>> {
  /** Login name, the identifier. */
  readonly username: string;
  /**
   * Display name (required when the user is created).
   * @default - none: only valid with `updatesExisting`
   */
  readonly name?: string;
  /**
   * Groups the user is a member of; the list replaces the user's memberships each time it is applied.
   * @default - not written: memberships stay as they are
   */
  readonly groups?: readonly IGroup[];
  /**
   * RBAC roles given to the user directly; the list replaces the user's roles.
   * @default - not written
   */
  readonly roles?: readonly IRole[];
  /**
   * Password, by reference only: a worker secret (`new WorkerSecret(...)`) or an `!Env`, `!File` or
   * `!Context` tag. authentik sets it on every apply (an empty value makes the password unusable).
   * @default - not written: the password stays as it is (new users get none)
   */
  readonly password?: IEnvSecret | Tag;
}

const SPEC = registerTypedEntry(Model.USER, 'User', {
  ownProps: ['groups', 'password'],
  orderRank: 20,
});

/**
 * An `authentik_core.user`. Service accounts have their own construct, `ServiceAccount`.
 *
 * A password is never a literal (it would be committed to Git): it comes from the worker's
 * environment, a mounted file or the blueprint context.
 */
export class User extends AuthentikEntry implements IUser {
  /** The user with this username, living outside this app. */
  public static fromUsername(username: string): IUser {
    return new LookupReference(Model.USER, { username });
  }

  declare public readonly model: typeof Model.USER;
  /** Login name. */
  public readonly username: string;
  private readonly _groups: IGroup[];

  constructor(scope: Construct, id: string, props: UserProps) {
    super(scope, id, Model.USER, props, SPEC);
    this.username = props?.username;
    this._groups = Array.isArray(props?.groups) ? [...props.groups] : [];
    this.node.addValidation({ validate: () => this.checkPassword() });
  }

  /** Makes the user a member of `group` too. */
  public addToGroup(group: IGroup): void {
    this._groups.push(group);
  }

  /** The groups the user is a member of, as declared. */
  public get groups(): IGroup[] {
    return [...this._groups];
  }

  private checkPassword(): string[] {
    const password = this.props.password;
    if (password === undefined || isSecretReference(password)) return [];
    return [`${this.path}: password must be a worker secret (new WorkerSecret(...)) or an !Env, !File or !Context tag, never a literal `
      + `(got ${describeGiven(password).replace(/".*"/, '"…"')}); a password written in the blueprint would be committed to Git`];
  }

  protected override typedAttributes(): Record<string, unknown> {
    const password = this.props.password;
    const listed = this.props.groups !== undefined || this._groups.length > 0;
    return {
      ...super.typedAttributes(),
      groups: listed ? this._groups : undefined,
      // a literal is reported by validation, never written
      password: isEnvSecret(password) ? password.envTag() : isSecretReference(password) ? password : undefined,
    };
  }
}

/** Whether `x` is a secret given by reference: a worker secret, or an `!Env`, `!File` or `!Context` tag. */
export function isSecretReference(x: unknown): x is IEnvSecret | Tag {
  return isEnvSecret(x) || (x instanceof Tag && SECRET_TAGS.includes(x.name));
}
