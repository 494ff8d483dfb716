import { objectKey, type StateObject } from './authentik-state';
import { refOf, StateDescriber } from './state-descriptions';

/**
 * Who may open which application, read from what authentik would hold: the policy bindings of
 * groups, users and policies on applications, each application's `policy_engine_mode`, and the group
 * memberships of the users declared. An application without an enabled binding is open to every
 * signed-in user (authentik passes an empty policy set).
 */

const APPLICATION = 'authentik_core.application';
const POLICY_BINDING = 'authentik_policies.policybinding';
const GROUP = 'authentik_core.group';
const USER = 'authentik_core.user';

/** The subject of a grant: a group, a user, a policy, or every signed-in user. */
export interface AccessSubject {
  /** The object key, or `*` for every signed-in user. */
  readonly key: string;
  /** In words: `group admins`, `service account zot-ci`, `every signed-in user`. */
  readonly label: string;
  /** `group`, `user`, `policy` or `everyone`. */
  readonly kind: 'group' | 'user' | 'policy' | 'everyone';
  /** A negated binding: whoever does not match. */
  readonly negate: boolean;
}

/** An application and who may open it. */
export interface AccessApplication {
  /** The object key. */
  readonly key: string;
  /** `application zot`. */
  readonly label: string;
  /** The slug. */
  readonly slug: string;
  /** `any` (one binding suffices) or `all` (every binding must pass). */
  readonly mode: string;
  /** The enabled bindings' subjects, by order; empty: open to every signed-in user. */
  readonly subjects: readonly AccessSubject[];
}

/** A user and the groups it is a member of. */
export interface AccessUser {
  /** The object key. */
  readonly key: string;
  /** `service account zot-ci` or `user alice`. */
  readonly label: string;
  /** Keys of its groups (references resolved, lookups as found). */
  readonly groups: readonly string[];
}

/** Who may open what. */
export interface AccessModel {
  /** Applications, sorted by label. */
  readonly applications: readonly AccessApplication[];
  /** Users with their groups, sorted by label. */
  readonly users: readonly AccessUser[];
  /** Every group declared or bound, key → label, sorted by label. */
  readonly groups: ReadonlyMap<string, string>;
  /**
   * One line per (who, application) pair: `group admins may open application zot`; users reached
   * through a group are listed too (`service account zot-ci may open application zot`). Sorted.
   */
  readonly pairs: readonly AccessPair[];
}

/** Someone who may open an application. */
export interface AccessPair {
  /** `group admins`, `service account zot-ci`, `every signed-in user`, `members of all of: …`. */
  readonly who: string;
  /** `application zot`. */
  readonly application: string;
}

const EVERYONE: AccessSubject = { key: '*', label: 'every signed-in user', kind: 'everyone', negate: false };

/** The access model of `objects` (what authentik holds), described with `describer`. */
export function accessModel(objects: readonly StateObject[], describer: StateDescriber): AccessModel {
  const byTarget = new Map<string, StateObject[]>();
  for (const o of objects) {
    if (o.model !== POLICY_BINDING || o.fields.enabled === false) continue;
    const target = refOf(o.fields.target);
    if (target !== undefined) byTarget.set(target, [...(byTarget.get(target) ?? []), o]);
  }
  const groups = new Map<string, string>();
  for (const o of objects) if (o.model === GROUP) groups.set(objectKey(o), describer.describe(objectKey(o)));
  const subjectOf = (b: StateObject): AccessSubject => {
    const negate = b.fields.negate === true;
    for (const kind of ['group', 'user', 'policy'] as const) {
      const value = b.fields[kind];
      if (value === undefined || value === null) continue;
      const key = refOf(value) ?? describer.show(value);
      const label = describer.show(value);
      if (kind === 'group') groups.set(key, label);
      return { key, label, kind, negate };
    }
    return { key: '?', label: 'nothing', kind: 'policy', negate };
  };
  const applications: AccessApplication[] = objects.filter((o) => o.model === APPLICATION).map((o) => {
    const key = objectKey(o);
    const bindings = [...(byTarget.get(key) ?? [])].sort((a, b) => Number(a.fields.order ?? 0) - Number(b.fields.order ?? 0));
    return {
      key,
      label: describer.describe(key),
      slug: typeof o.fields.slug === 'string' ? o.fields.slug : describer.describe(key).replace(/^application /, ''),
      mode: typeof o.fields.policy_engine_mode === 'string' ? o.fields.policy_engine_mode : 'any',
      subjects: bindings.map(subjectOf),
    };
  }).sort((a, b) => compare(a.label, b.label));
  const users: AccessUser[] = objects.filter((o) => o.model === USER).map((o) => ({
    key: objectKey(o),
    label: describer.describe(objectKey(o)),
    groups: (Array.isArray(o.fields.groups) ? o.fields.groups : []).map((g) => refOf(g) ?? describer.show(g)),
  })).sort((a, b) => compare(a.label, b.label));
  for (const u of users) for (const g of u.groups) if (!groups.has(g)) groups.set(g, g.startsWith(`${GROUP} `) ? describer.describe(g) : g);

  const pairs = new Map<string, AccessPair>();
  const add = (who: string, application: string): void => void pairs.set(`${who}\u0000${application}`, { who, application });
  const label = (s: AccessSubject): string => (s.negate ? `whoever is not ${s.label}` : s.kind === 'policy' ? `whoever passes ${s.label}` : s.label);
  for (const app of applications) {
    if (app.subjects.length === 0) {
      add(EVERYONE.label, app.label);
      continue;
    }
    if (app.mode === 'all' && app.subjects.length > 1) add(`whoever matches all of: ${app.subjects.map(label).join(', ')}`, app.label);
    else for (const s of app.subjects) add(label(s), app.label);
    // users reached through their groups (or named), when that alone lets them in
    for (const user of users) {
      const passes = (s: AccessSubject): boolean => !s.negate && ((s.kind === 'group' && user.groups.includes(s.key)) || (s.kind === 'user' && s.key === user.key));
      const ok = app.mode === 'all' ? app.subjects.every(passes) : app.subjects.some(passes);
      if (ok) add(user.label, app.label);
    }
  }
  return {
    applications,
    users,
    groups: new Map([...groups].sort(([, a], [, b]) => compare(a, b))),
    pairs: [...pairs.values()].sort((a, b) => compare(a.application, b.application) || compare(a.who, b.who)),
  };
}

/** `access: …` summary lines for going from `before` to `after`, one per (who, application) pair gained or lost. */
export function accessChanges(before: AccessModel, after: AccessModel): string[] {
  const key = (p: AccessPair): string => `${p.who}\u0000${p.application}`;
  const was = new Set(before.pairs.map(key));
  const is = new Set(after.pairs.map(key));
  return [
    ...after.pairs.filter((p) => !was.has(key(p))).map((p) => `access: ${p.who} may now open ${p.application}`),
    ...before.pairs.filter((p) => !is.has(key(p))).map((p) => `access: ${p.who} may no longer open ${p.application}`),
  ];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
