/**
 * The judgement facts are per authentik release (constructs/authentik/rules/generated/authentik-<v>.json):
 * a rule reads the facts of the release the entry's chart declares, so an app that declares 2026.8 is
 * not judged by what 2026.2 ships or grants.
 */
import { describe, expect, it } from 'vitest';
import { Blueprint, Brand, Flow, Role, Tag, validateApp } from '../constructs';
import { ruleFacts } from '../constructs/authentik/rules/facts';
import { catalogFor } from '../constructs/catalog/catalog';
import { AUTHENTIK_VERSIONS, type AuthentikVersion } from '../constructs/catalog/versions';
import { testChart } from './helpers';

function problemsUnder(version: AuthentikVersion, declare: (bp: Blueprint) => void): string[] {
  const chart = testChart({ authentikVersion: version });
  declare(new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' }));
  return validateApp(chart);
}

describe('judgement facts per authentik release', () => {
  it('exist for every release the project knows, each naming its release and its sources', () => {
    for (const version of AUTHENTIK_VERSIONS) {
      const facts = ruleFacts(version);
      expect(facts.version).toBe(version);
      expect(facts.sources.length).toBeGreaterThan(1);
      expect(facts.shipped['authentik_flows.flow']?.slug).toContain('default-authentication-flow');
    }
    expect(() => ruleFacts('2025.12' as never)).toThrow(/no judgement facts for authentik "2025.12"; this project knows 2026.2, 2026.5, 2026.8/);
  });

  // authentik/rbac/api/rbac.py (get_permission_choices): a role may be granted any permission the release has
  it('authentik/rbac/api/rbac.py: the permissions of a model 2026.8 adds are granted under 2026.8 and refused under 2026.2 and 2026.5', () => {
    // authentik_requests.grantrequest (privileged access requests) first exists in 2026.8
    expect(catalogFor('2026.8').hasModel('authentik_requests.grantrequest')).toBe(true);
    expect(catalogFor('2026.5').hasModel('authentik_requests.grantrequest')).toBe(false);
    const grant = (bp: Blueprint): void => { new Role(bp, 'R', { name: 'r', permissions: ['authentik_core.view_user', 'authentik_requests.view_grantrequest'] }); };
    expect(problemsUnder('2026.8', grant).filter((p) => p.includes('permissions'))).toEqual([]);
    for (const version of ['2026.2', '2026.5'] as const) {
      const problems = problemsUnder(version, grant).filter((p) => p.includes('permissions'));
      expect(problems, version).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`/R\\.permissions\\[1\\]: "authentik_requests\\.view_grantrequest" is not a permission authentik ${version.replace('.', '\\.')} has`));
    }
  });

  it('are, for 2026.2, the catalog\'s per-model permissions and more: the blueprint schema also lists models no blueprint names', () => {
    const role = new Set(ruleFacts('2026.2').permissions['authentik_rbac.role']);
    const catalog = catalogFor('2026.2');
    const fromCatalog = catalog.modelNames().flatMap((m) => (catalog.model(m)?.permissions ?? []).map((p) => `${m.split('.')[0]}.${p}`));
    // the meta model has no table, so Django has no permissions for it
    expect(fromCatalog.filter((p) => !role.has(p))).toEqual([
      'authentik_blueprints.add_metaapplyblueprint', 'authentik_blueprints.change_metaapplyblueprint',
      'authentik_blueprints.delete_metaapplyblueprint', 'authentik_blueprints.view_metaapplyblueprint',
    ]);
    // e.g. the base classes of sources and providers, which a role may be granted but no blueprint entry names
    const extra = [...role].filter((p) => !fromCatalog.includes(p));
    expect(extra).toEqual(expect.arrayContaining(['authentik_core.view_source', 'authentik_core.view_provider', 'authentik_core.view_authenticatedsession']));
  });

  // blueprints/default/rbac-role-agents.yaml grants a custom permission of authentik_agents.agent (2026.8), which the catalog's defaults lack
  it('authentik/rbac/api/rbac.py: a custom permission a 2026.8 default blueprint grants passes under 2026.8 and is refused under 2026.5', () => {
    const grant = (bp: Blueprint): void => { new Role(bp, 'R', { name: 'r', permissions: ['authentik_agents.add_agent_self_service'] }); };
    expect(problemsUnder('2026.8', grant).filter((p) => p.includes('permissions'))).toEqual([]);
    expect(problemsUnder('2026.5', grant).filter((p) => p.includes('permissions')))
      .toEqual([expect.stringMatching(/\/R\.permissions\[0\]: "authentik_agents\.add_agent_self_service" is not a permission authentik 2026\.5 has/)]);
    expect(ruleFacts('2026.8').shipped['authentik_core.group']?.name).toContain('authentik Agent-Users');
  });

  it('do not refuse a permission of an app newer than 2026.2 they cannot place, but refuse a slip of a known one', () => {
    // authentik_requests (2026.8) may have custom permissions the catalog cannot list (only Django's defaults are known)
    expect(ruleFacts('2026.8').partlyKnownApps).toEqual(expect.arrayContaining(['authentik_agents', 'authentik_requests']));
    expect(ruleFacts('2026.2').partlyKnownApps).toEqual([]);
    const grant = (permissions: string[]) => (bp: Blueprint): void => { new Role(bp, 'R', { name: 'r', permissions }); };
    const problems = (version: AuthentikVersion, permissions: string[]): string[] => problemsUnder(version, grant(permissions)).filter((p) => p.includes('permissions'));
    expect(problems('2026.8', ['authentik_requests.review_grantrequest'])).toEqual([]);
    expect(problems('2026.8', ['authentik_requests.view_grantrequst']))
      .toEqual([expect.stringMatching(/"authentik_requests\.view_grantrequst" is not a permission authentik 2026\.8 has, .*did you mean "authentik_requests\.view_grantrequest"\?/)]);
    // an app 2026.2 already had is fully known
    expect(problems('2026.8', ['authentik_core.review_user'])).toHaveLength(1);
    // and the app does not exist before 2026.8
    expect(problems('2026.5', ['authentik_requests.review_grantrequest'])).toHaveLength(1);
  });

  it('keep 2026.2\'s permissions in later releases when the catalog removes no model, and add those of the models it adds', () => {
    const two = new Set(ruleFacts('2026.2').permissions['authentik_rbac.role']);
    const five = new Set(ruleFacts('2026.5').permissions['authentik_rbac.role']);
    const eight = new Set(ruleFacts('2026.8').permissions['authentik_rbac.role']);
    for (const p of two) expect(five.has(p), p).toBe(true);
    for (const p of five) expect(eight.has(p), p).toBe(true);
    expect([...five].filter((p) => !two.has(p))).toEqual(expect.arrayContaining(['authentik_stages_account_lockdown.add_accountlockdownstage']));
    expect(two.has('authentik_stages_account_lockdown.add_accountlockdownstage')).toBe(false);
    // a user's grantable permissions are the role's
    expect(ruleFacts('2026.8').permissions['authentik_core.user']).toEqual(ruleFacts('2026.8').permissions['authentik_rbac.role']);
  });

  // authentik/blueprints/v1/common.py (Find.resolve): a lookup that matches nothing resolves to None.
  // 2026.5 packages the account-lockdown flow (website/docs/releases/2026/v2026.5.mdx; blueprints/default/
  // flow-default-account-lockdown.yaml, its entries conditional on an enterprise licence), which 2026.2 lacks.
  it('authentik/blueprints/v1/common.py: a lookup of the account-lockdown flow is flagged under 2026.2 and passes under 2026.5 and 2026.8', () => {
    const lookup = (bp: Blueprint): void => {
      new Brand(bp, 'B', { domain: 'b.example.com', flowAuthentication: Flow.fromSlug('default-account-lockdown') as never });
    };
    const flagged = (version: AuthentikVersion): string[] => problemsUnder(version, lookup).filter((p) => p.includes('default-account-lockdown'));
    expect(flagged('2026.2')).toHaveLength(1);
    expect(flagged('2026.2')[0]).toMatch(/\/B: looks up authentik_flows\.flow by slug "default-account-lockdown", which looks like a built-in object, but authentik 2026\.2 ships none/);
    expect(flagged('2026.5')).toEqual([]);
    expect(flagged('2026.8')).toEqual([]);
    // a misspelling is still flagged under the newer release, and the message names that release
    const misspelt = problemsUnder('2026.8', (bp) => {
      new Brand(bp, 'B', { domain: 'b.example.com', flowAuthentication: Tag.find('authentik_flows.flow', ['slug', 'default-authentication']) as never });
    }).filter((p) => p.includes('looks up'));
    expect(misspelt).toHaveLength(1);
    expect(misspelt[0]).toMatch(/authentik 2026\.8 ships none by that slug/);
  });

  // 2026.8 ships an empty `default-request` flow for access requests (blueprints/default/flow-default-request-flow.yaml;
  // website/docs/add-secure-apps/access-requests/index.mdx, authentik_version 2026.8), which 2026.2 and 2026.5 lack
  it('authentik/blueprints/v1/common.py: a lookup of the default-request flow passes under 2026.8 only, and 2026.8 suggests it for a misspelling', () => {
    const lookup = (slug: string) => (bp: Blueprint): void => {
      new Brand(bp, 'B', { domain: 'b.example.com', flowAuthentication: Flow.fromSlug(slug) as never });
    };
    const flagged = (version: AuthentikVersion, slug: string): string[] => problemsUnder(version, lookup(slug)).filter((p) => p.includes('looks up'));
    for (const version of ['2026.2', '2026.5'] as const) {
      expect(flagged(version, 'default-request'), version).toHaveLength(1);
      expect(flagged(version, 'default-request')[0]).toMatch(new RegExp(`looks up authentik_flows\\.flow by slug "default-request", which looks like a built-in object, but authentik ${version.replace('.', '\\.')} ships none`));
    }
    expect(flagged('2026.8', 'default-request')).toEqual([]);
    expect(flagged('2026.8', 'default-requests')).toEqual([expect.stringMatching(/authentik 2026\.8 ships none by that slug .*; did you mean "default-request"\?/)]);
    expect(ruleFacts('2026.8').shipped['authentik_flows.flow']?.slug).toContain('default-request');
    expect(ruleFacts('2026.5').shipped['authentik_flows.flow']?.slug).not.toContain('default-request');
  });

  it('hold the licence-conditional account-lockdown objects as examples, never as shipped (never suggested as a fix)', () => {
    expect(ruleFacts('2026.5').examples['authentik_flows.flow']?.slug).toContain('default-account-lockdown');
    expect(ruleFacts('2026.5').shipped['authentik_flows.flow']?.slug).not.toContain('default-account-lockdown');
    expect(ruleFacts('2026.2').examples['authentik_flows.flow']?.slug).not.toContain('default-account-lockdown');
  });
});
