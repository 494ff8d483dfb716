import { describe, expect, it } from 'vitest';
import { accessModel, type AccessModel } from '../constructs/synth/access';
import type { StateObject, StateValue } from '../constructs/synth/authentik-state';
import { StateDescriber } from '../constructs/synth/state-descriptions';
import { seededIntegers } from './helpers';

// the definition accessModel keeps for users: every user is weighed against every application, a user
// passing when (mode any) one subject or (mode all) every subject is a non-negated group it is in, or itself
function usersReached(model: AccessModel): string[] {
  const out: string[] = [];
  for (const app of model.applications) {
    if (app.subjects.length === 0) continue;
    for (const user of model.users) {
      const passes = (s: (typeof app.subjects)[number]): boolean => !s.negate && ((s.kind === 'group' && user.groups.includes(s.key)) || (s.kind === 'user' && s.key === user.key));
      if (app.mode === 'all' ? app.subjects.every(passes) : app.subjects.some(passes)) out.push(`${user.label}\u0000${app.label}`);
    }
  }
  return out.sort();
}

const object = (model: string, identity: string, fields: Record<string, StateValue>): StateObject => ({ model, identity, fields, state: 'present', conditions: [] });
const ref = (key: string): StateValue => ({ $ref: key });

describe('the access model', () => {
  it('reaches a user through a group or by name exactly when weighing every user against every application does, for random grants', () => {
    const next = seededIntegers(11);
    let reachedSome = 0;
    let allOf = 0;
    for (let round = 0; round < 300; round++) {
      const groups = Array.from({ length: 1 + next(4) }, (_, i) => `g${i}`);
      const users = Array.from({ length: next(6) }, (_, i) => `u${i}`);
      const apps = Array.from({ length: 1 + next(4) }, (_, i) => `a${i}`);
      const objects: StateObject[] = [];
      for (const g of groups) objects.push(object('authentik_core.group', `name=${g}`, { name: g }));
      for (const u of users) {
        // members of some groups, now and then of one group twice
        const of = groups.filter(() => next(2) === 0);
        if (of.length > 0 && next(5) === 0) of.push(of[0]!);
        objects.push(object('authentik_core.user', `username=${u}`, { username: u, groups: of.map((g) => ref(`authentik_core.group name=${g}`)) }));
      }
      for (const a of apps) {
        const mode = next(3) === 0 ? 'all' : 'any';
        if (mode === 'all') allOf++;
        objects.push(object('authentik_core.application', `slug=${a}`, { slug: a, policy_engine_mode: mode }));
        for (let order = next(4); order > 0; order--) {
          const kind = users.length > 0 && next(3) === 0 ? 'user' : 'group';
          const subject = kind === 'user' ? `authentik_core.user username=${users[next(users.length)]}` : `authentik_core.group name=${groups[next(groups.length)]}`;
          objects.push(object('authentik_policies.policybinding', `${kind}=${subject},target=${a}`, {
            target: ref(`authentik_core.application slug=${a}`), [kind]: ref(subject), order, negate: next(4) === 0, enabled: next(8) !== 0,
          }));
        }
      }
      const model = accessModel(objects, new StateDescriber([{ objects, deletions: [], deletionFields: {} }]));
      const want = usersReached(model);
      const userLabels = new Set(model.users.map((u) => u.label));
      const got = model.pairs.filter((p) => userLabels.has(p.who)).map((p) => `${p.who}\u0000${p.application}`).sort();
      expect(got).toEqual(want);
      if (want.length > 0) reachedSome++;
    }
    // the random grants did reach users, and did use all-of applications
    expect(reachedSome).toBeGreaterThan(50);
    expect(allOf).toBeGreaterThan(50);
  });
});
