import { describe, expect, it } from 'vitest';
import { Application, ApplicationAccess, BindingSubject, Blueprint, Group, Role, Tag, User, WorkerSecret, validateApp } from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);

describe('User', () => {
  it('writes a user identified by username, with groups, roles and a password from the worker environment', () => {
    const { chart, bp } = setup();
    const ops = new Group(bp, 'Ops', { name: 'ops' });
    const secret = new WorkerSecret(bp, 'Password', { envVar: 'AUTHENTIK_ALICE_PASSWORD', secretKey: 'alice-password' });
    const alice = new User(bp, 'Alice', {
      username: 'alice', name: 'Alice', email: 'alice@example.com', groups: [ops], roles: [Role.fromName('auditor')], password: secret, path: 'users/ops',
    });
    alice.addToGroup(Group.fromName('authentik Admins'));
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'alice')).toEqual({
      model: 'authentik_core.user', id: 'alice', state: 'present', identifiers: { username: 'alice' },
      attrs: {
        email: 'alice@example.com',
        groups: [{ tag: '!KeyOf', value: 'ops' }, { tag: '!Find', items: ['authentik_core.group', ['name', 'authentik Admins']] }],
        name: 'Alice',
        password: { tag: '!Env', value: 'AUTHENTIK_ALICE_PASSWORD' },
        path: 'users/ops',
        roles: [{ tag: '!Find', items: ['authentik_rbac.role', ['name', 'auditor']] }],
      },
    });
  });

  it('takes a password from !File or !Context, and writes neither groups nor password when none are given', () => {
    const { chart, bp } = setup();
    new User(bp, 'Bob', { username: 'bob', name: 'Bob', password: Tag.scalar('!File', '/run/secrets/bob') });
    new User(bp, 'Carol', { username: 'carol', updatesExisting: true, isActive: false });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'bob').attrs).toEqual({ name: 'Bob', password: { tag: '!File', value: '/run/secrets/bob' } });
    expect(entry(bp, 'carol').attrs).toEqual({ is_active: false });
  });

  it('is accepted where a user is expected, declared or looked up', () => {
    const { chart, bp } = setup();
    const dave = new User(bp, 'Dave', { username: 'dave', name: 'Dave' });
    const app = new Application(bp, 'Application', { name: 'A', slug: 'a' });
    app.grantAccess(ApplicationAccess.subjects(BindingSubject.user(dave), BindingSubject.user(User.fromUsername('erin'))));
    expect(validateApp(chart)).toEqual([]);
    const bindings = parseBlueprint(bp.toYaml()).entries.filter((e: any) => e.model === 'authentik_policies.policybinding');
    expect(bindings.map((b: any) => b.identifiers.user)).toEqual([
      { tag: '!KeyOf', value: 'dave' }, { tag: '!Find', items: ['authentik_core.user', ['username', 'erin']] },
    ]);
  });

  it('fails when the password is a literal, and never writes it', () => {
    const { chart, bp } = setup();
    // @ts-expect-error a password is a reference, never a string
    new User(bp, 'Frank', { username: 'frank', name: 'Frank', password: 'hunter2' });
    new User(bp, 'Grace', { username: 'grace', name: 'Grace', password: Tag.sequence('!Format', ['%s', 'hunter3']) });
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Frank: password must be a worker secret \(new WorkerSecret\(\.\.\.\)\) or an !Env, !File or !Context tag, never a literal \(got string "…"\)/);
    expect(problems).toMatch(/Authentik\/App\/Grace: password must be a worker secret/);
    expect(problems).not.toMatch(/hunter/);
    expect(bp.toYaml()).not.toMatch(/hunter/);
  });

  it('fails when groups are names instead of objects', () => {
    const { chart, bp } = setup();
    new User(bp, 'Heidi', { username: 'heidi', name: 'Heidi', groups: ['ops'] as any });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/App\/Heidi: groups\[0\] expects a group; got string "ops"; pass a Group, Group.fromName/);
  });
});

