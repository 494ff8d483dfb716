import { describe, expect, it } from 'vitest';
import { Blueprint, Group, Role, Tag, User, validateApp } from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);

describe('Role', () => {
  it('writes a role with its permissions (a blueprint-only field), before the groups and users holding it', () => {
    const { chart, bp } = setup();
    const role = new Role(bp, 'Auditor', { name: 'auditor', permissions: ['authentik_core.view_user', 'authentik_events.view_event'] });
    new Group(bp, 'Auditors', { name: 'auditors', roles: [role, Role.fromName('authentik Read-only')] });
    new User(bp, 'Alice', { username: 'alice', name: 'Alice', roles: [role] });
    expect(validateApp(chart)).toEqual([]);
    const doc = parseBlueprint(bp.toYaml());
    expect(doc.entries.map((e: any) => e.id)).toEqual(['auditor', 'auditors', 'alice']);
    expect(entry(bp, 'auditor')).toEqual({
      model: 'authentik_rbac.role', id: 'auditor', state: 'present', identifiers: { name: 'auditor' },
      attrs: { permissions: ['authentik_core.view_user', 'authentik_events.view_event'] },
    });
    expect(entry(bp, 'auditors').attrs.roles).toEqual([
      { tag: '!KeyOf', value: 'auditor' }, { tag: '!Find', items: ['authentik_rbac.role', ['name', 'authentik Read-only']] },
    ]);
    expect(entry(bp, 'alice').attrs.roles).toEqual([{ tag: '!KeyOf', value: 'auditor' }]);
  });

  it('takes permissions as a tag, as authentik\'s read-only role does', () => {
    const { chart, bp } = setup();
    new Role(bp, 'ReadOnly', {
      name: 'read-only',
      permissions: Tag.sequence('!Enumerate', [Tag.scalar('!Context', 'goauthentik.io/rbac/models'), 'SEQ',
        Tag.sequence('!Format', ['%s.view_%s', Tag.scalar('!Value', 0), Tag.scalar('!Index', 0)])]),
    });
    expect(validateApp(chart)).toEqual([]);
    expect(bp.toYaml()).toContain('permissions: !Enumerate');
  });

  it('writes no permissions when none are given, so they stay as they are', () => {
    const { bp } = setup();
    new Role(bp, 'Plain', { name: 'plain' });
    expect(entry(bp, 'plain').attrs).toBeUndefined();
  });

  it('fails when a permission is not app_label.codename, or permissions is not a list', () => {
    const { chart, bp } = setup();
    new Role(bp, 'Bad', { name: 'bad', permissions: ['view_user', 'authentik_core.view_user'] });
    new Role(bp, 'Str', { name: 'str', permissions: 'authentik_core.view_user' as any });
    new Role(bp, 'Typo', { name: 'typo', permission: ['authentik_core.view_user'] } as any);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Bad: permission "view_user" is not "app_label.codename"/);
    expect(problems).not.toMatch(/permission "authentik_core.view_user"/);
    expect(problems).toMatch(/Authentik\/App\/Str: permissions must be a list of "app_label.codename" strings or a tag; got string/);
    expect(problems).toMatch(/Authentik\/App\/Typo: "permission" is not an attribute of authentik_rbac.role.*did you mean "permissions"\?/);
  });
});
