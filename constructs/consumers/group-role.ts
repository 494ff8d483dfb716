import { isAuthentikObject } from '../blueprint/object-ref';
import type { IGroup } from '../authentik/group';
import { Model } from '../authentik/models';
import { describeGiven } from '../private/prop-checks';

/** A group whose members a consumer gives a role: ArgoCD's `role:admin`, Grafana's `Admin`, Jellyfin's admin. */
export interface GroupRole<R extends string = string> {
  /** The group, as an object (`admins`, `Group.fromName(...)`), never its name as a string. */
  readonly group: IGroup;
  /** The consumer's role for its members. */
  readonly role: R;
}

/**
 * The name of `group` as consumers see it in the `groups` claim, or a problem when it is not a group
 * object with a known name.
 */
export function groupNameOf(group: unknown, where: string): { name?: string; problem?: string } {
  if (typeof group === 'string') {
    return { problem: `${where} is the string ${JSON.stringify(group)}; pass the group object (the Group declared in main.ts, `
      + `or Group.fromName(${JSON.stringify(group)}) for one outside this app), so a renamed group moves every consumer with it` };
  }
  if (!isAuthentikObject(group) || group.model !== Model.GROUP) {
    return { problem: `${where} must be a group (a Group, Group.fromName(...)); got ${isAuthentikObject(group) ? group.description : describeGiven(group)}` };
  }
  const name = (group as IGroup).groupName;
  if (typeof name !== 'string' || name === '') {
    return { problem: `${where}: ${group.description} has no known name, and consumers match groups by name; use Group or Group.fromName(name)` };
  }
  return { name };
}
