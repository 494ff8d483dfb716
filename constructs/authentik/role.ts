import type { RoleRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { Tag } from '../blueprint/tags';
import { describeGiven } from '../private/prop-checks';
import { AuthentikEntry } from './authentik-entry';
import { Model, type IRole } from './models';
import type { Attributes } from './model-schema';
import { registerTypedEntry } from './private/entry-registry';

/** Props for `Role`. */
export interface RoleProps extends BlueprintEntryOptions, Attributes<Omit<RoleRequest, 'name'>> {
  /** Role name, the identifier. */
  readonly name: string;
  /**
   * Global permissions of the role, `app_label.codename` (e.g. `authentik_core.view_user`), or a tag
   * that yields such a list (`!Enumerate` over `!Context goauthentik.io/rbac/models`, as authentik's
   * read-only role does). A blueprint-only field: the list replaces the role's permissions.
   * @default - not written: the role's permissions stay as they are
   */
  readonly permissions?: readonly string[] | Tag;
}

const SPEC = registerTypedEntry(Model.ROLE, 'Role', { ownProps: ['permissions'], orderRank: 8 });

const PERMISSION = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

/**
 * An `authentik_rbac.role`: a set of permissions given to groups (`Group` `roles`) and users (`User` `roles`).
 */
export class Role extends AuthentikEntry implements IRole {
  /** The role with this name, living outside this app. */
  public static fromName(name: string): IRole {
    return new LookupReference(Model.ROLE, { name });
  }

  declare public readonly model: typeof Model.ROLE;
  /** Role name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id, Model.ROLE, props, SPEC);
    this.name = props?.name;
    this.node.addValidation({ validate: () => this.checkPermissions() });
  }

  protected override typedAttributes(): Record<string, unknown> {
    const permissions = this.props.permissions;
    // a blueprint-only field; anything but a list of strings or a tag is reported, never written
    return { ...super.typedAttributes(), permissions: permissions instanceof Tag || isStringList(permissions) ? permissions : undefined };
  }

  private checkPermissions(): string[] {
    const permissions = this.props.permissions;
    if (permissions === undefined || permissions instanceof Tag) return [];
    if (!isStringList(permissions)) {
      return [`${this.path}: permissions must be a list of "app_label.codename" strings or a tag; got ${describeGiven(permissions)}`];
    }
    return permissions.filter((p) => !PERMISSION.test(p))
      .map((p) => `${this.path}: permission ${JSON.stringify(p)} is not "app_label.codename", e.g. "authentik_core.view_user"`);
  }
}

function isStringList(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((v) => typeof v === 'string');
}
