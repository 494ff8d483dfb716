import type { IGroup } from '../authentik/group';
import { AnsibleConsumer, type AnsibleConsumerProps } from './ansible-consumer';

/** What zot lets a user do on a repository. */
export type ZotAction = 'read' | 'create' | 'update' | 'delete';
const ZOT_ACTIONS: readonly ZotAction[] = ['read', 'create', 'update', 'delete'];

/** Actions granted to authentik groups. */
export interface ZotGroupPolicy {
  /** The groups, as objects. */
  readonly groups: readonly IGroup[];
  /** What their members may do. */
  readonly actions: readonly ZotAction[];
}

/** Access to the repositories matching one pattern. */
export interface ZotRepositoryAccess {
  /** Policies for authentik groups. */
  readonly policies: readonly ZotGroupPolicy[];
  /**
   * What anonymous users may do.
   * @default - nothing
   */
  readonly anonymousPolicy?: readonly ZotAction[];
  /**
   * What signed-in users in none of the groups may do.
   * @default - nothing
   */
  readonly defaultPolicy?: readonly ZotAction[];
}

/** zot's `http.accessControl`, with groups as objects. */
export interface ZotAccessControl {
  /** Repository pattern (`**`, `team/**`) → access. */
  readonly repositories: Readonly<Record<string, ZotRepositoryAccess>>;
  /**
   * Users allowed to scrape metrics; `''` is the anonymous user.
   * @default - none
   */
  readonly metricsUsers?: readonly string[];
}

/** Props for `ZotConsumer`. */
export interface ZotConsumerProps extends Omit<AnsibleConsumerProps, 'name'> {
  /**
   * The consumer's name.
   * @default 'zot'
   */
  readonly name?: string;
  /** zot's access rules, whose groups are written by name. */
  readonly accessControl: ZotAccessControl;
}

/**
 * zot (the registry) as a client of authentik, configured by Ansible: the common file plus
 * `access_control`, zot's `http.accessControl` block, built from the same group objects the client
 * grants access to, so a renamed group moves zot's rules with it.
 */
export class ZotConsumer extends AnsibleConsumer {
  constructor(private readonly zot: ZotConsumerProps) {
    super({ ...zot, name: zot.name ?? 'zot' }, { accessControl: 'object' });
  }

  /** zot's `http.accessControl` block. */
  public accessControl(): Record<string, unknown> {
    const control = this.zot.accessControl;
    const repositories: Record<string, unknown> = {};
    for (const [pattern, access] of Object.entries(control?.repositories ?? {})) {
      repositories[pattern] = {
        policies: (access?.policies ?? []).map((p) => ({ groups: (p?.groups ?? []).map((g) => g?.groupName), actions: [...(p?.actions ?? [])] })),
        ...(access?.anonymousPolicy ? { anonymousPolicy: [...access.anonymousPolicy] } : {}),
        ...(access?.defaultPolicy ? { defaultPolicy: [...access.defaultPolicy] } : {}),
      };
    }
    return {
      ...(control?.metricsUsers ? { metrics: { users: [...control.metricsUsers] } } : {}),
      repositories,
    };
  }

  protected override extraSettings(): Record<string, unknown> {
    return { access_control: this.accessControl() };
  }

  /** Admin roles of the `roles` prop, plus each group's actions on each repository pattern. */
  public override groupRoles(): Array<{ group: string; role: string }> {
    const roles = super.groupRoles();
    for (const [pattern, access] of Object.entries(this.zot.accessControl?.repositories ?? {})) {
      for (const p of access?.policies ?? []) {
        for (const g of Array.isArray(p?.groups) ? p.groups : []) {
          if (typeof g?.groupName === 'string') roles.push({ group: g.groupName, role: `${pattern}: ${(p.actions ?? []).join(', ')}` });
        }
      }
    }
    return roles;
  }

  protected override roleGroups(): Array<{ group: unknown; where: string }> {
    const groups = super.roleGroups();
    for (const [pattern, access] of Object.entries(this.zot.accessControl?.repositories ?? {})) {
      (access?.policies ?? []).forEach((p, i) => {
        (Array.isArray(p?.groups) ? p.groups : [p?.groups]).forEach((g, j) => {
          groups.push({ group: g, where: `accessControl.repositories[${JSON.stringify(pattern)}].policies[${i}].groups[${j}]` });
        });
      });
    }
    return groups;
  }

  protected override checkOwnProps(): string[] {
    const problems = super.checkOwnProps();
    const control = this.zot.accessControl;
    if (control === null || typeof control !== 'object' || typeof control.repositories !== 'object' || control.repositories === null) {
      return [...problems, 'accessControl.repositories is required: a map of repository pattern (e.g. "**") to its policies'];
    }
    const checkActions = (actions: unknown, where: string): void => {
      if (!Array.isArray(actions) || actions.some((a) => !ZOT_ACTIONS.includes(a as ZotAction))) {
        problems.push(`${where} ${JSON.stringify(actions)} must list zot actions (${ZOT_ACTIONS.join(', ')})`);
      }
    };
    for (const [pattern, access] of Object.entries(control.repositories)) {
      const at = `accessControl.repositories[${JSON.stringify(pattern)}]`;
      (Array.isArray(access?.policies) ? access.policies : []).forEach((p, i) => checkActions(p?.actions, `${at}.policies[${i}].actions`));
      if (access?.anonymousPolicy !== undefined) checkActions(access.anonymousPolicy, `${at}.anonymousPolicy`);
      if (access?.defaultPolicy !== undefined) checkActions(access.defaultPolicy, `${at}.defaultPolicy`);
    }
    return problems;
  }
}
