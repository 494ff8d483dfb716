import { describe, expect, it } from 'vitest';
import { ApplicationAccess, Blueprint, Flow, Group, LdapProvider, Outpost, validateApp } from '../constructs';
import { ForwardAuthApplication } from '../constructs/forward-auth';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'Whoami', { fileName: 'whoami.yaml', name: 'Whoami' });
  return { chart, bp };
}

const find = (model: string, ...query: [string, unknown][]) => ({ tag: '!Find', items: [model, ...query] });

describe('ForwardAuthApplication', () => {
  it('writes the provider, the application, the bindings and the embedded outpost\'s provider list, and nothing else', () => {
    const { chart, bp } = setup();
    const admins = new Group(bp, 'Admins', { name: 'admins' });
    new ForwardAuthApplication(bp, 'Whoami', {
      name: 'Whoami',
      slug: 'whoami',
      externalHost: 'https://whoami.example.com',
      access: ApplicationAccess.groups(admins, Group.fromName('ops')),
      skipPathRegex: '^/health$',
    });
    expect(validateApp(chart)).toEqual([]);
    expect(parseBlueprint(bp.toYaml()).entries).toEqual([
      { model: 'authentik_core.group', id: 'admins', state: 'present', identifiers: { name: 'admins' } },
      {
        model: 'authentik_providers_proxy.proxyprovider', id: 'whoami-provider', state: 'present', identifiers: { name: 'Whoami' },
        attrs: {
          authorization_flow: find('authentik_flows.flow', ['slug', 'default-provider-authorization-implicit-consent']),
          external_host: 'https://whoami.example.com',
          invalidation_flow: find('authentik_flows.flow', ['slug', 'default-provider-invalidation-flow']),
          mode: 'forward_single',
          skip_path_regex: '^/health$',
        },
      },
      {
        model: 'authentik_core.application', id: 'whoami-application', state: 'present', identifiers: { slug: 'whoami' },
        attrs: {
          meta_launch_url: 'https://whoami.example.com', name: 'Whoami', policy_engine_mode: 'any',
          provider: { tag: '!KeyOf', value: 'whoami-provider' },
        },
      },
      {
        model: 'authentik_outposts.outpost', id: 'embedded-outpost', state: 'present', identifiers: { name: 'authentik Embedded Outpost' },
        attrs: { providers: [{ tag: '!KeyOf', value: 'whoami-provider' }] },
      },
      {
        model: 'authentik_policies.policybinding', id: 'whoami-binding-admins', state: 'present',
        identifiers: { group: { tag: '!KeyOf', value: 'admins' }, target: { tag: '!KeyOf', value: 'whoami-application' } },
        attrs: { enabled: true, negate: false, order: 0, timeout: 30 },
      },
      {
        model: 'authentik_policies.policybinding', id: 'whoami-binding-ops', state: 'present',
        identifiers: { group: find('authentik_core.group', ['name', 'ops']), target: { tag: '!KeyOf', value: 'whoami-application' } },
        attrs: { enabled: true, negate: false, order: 1, timeout: 30 },
      },
    ]);
  });

  it('shares one embedded outpost entry between the applications of every blueprint', () => {
    const { chart, bp } = setup();
    const other = new Blueprint(chart, 'Grafana', { fileName: 'grafana.yaml', name: 'Grafana' });
    const open = ApplicationAccess.anyAuthenticatedUser();
    const a = new ForwardAuthApplication(bp, 'Whoami', { name: 'Whoami', slug: 'whoami', externalHost: 'https://whoami.example.com', access: open });
    const b = new ForwardAuthApplication(other, 'Docs', { name: 'Docs', slug: 'docs', externalHost: 'https://docs.example.com', access: open });
    expect(validateApp(chart)).toEqual([]);
    expect(a.outpost).toBe(b.outpost);
    expect(parseBlueprint(other.toYaml()).entries.filter((e: any) => e.model === 'authentik_outposts.outpost')).toEqual([]);
    const outpost = parseBlueprint(bp.toYaml()).entries.find((e: any) => e.model === 'authentik_outposts.outpost');
    expect(outpost.attrs.providers).toEqual([
      { tag: '!KeyOf', value: 'whoami-provider' },
      find('authentik_providers_proxy.proxyprovider', ['name', 'Docs']),
    ]);
  });

  it('joins an outpost given explicitly, and writes domain mode', () => {
    const { chart, bp } = setup();
    const embedded = Outpost.embedded(bp, 'Embedded', { config: { log_level: 'info' } });
    const app = new ForwardAuthApplication(bp, 'Domain', {
      name: 'example.com', slug: 'example-com', mode: 'domain', externalHost: 'https://auth.example.com', cookieDomain: 'example.com',
      outpost: embedded, access: ApplicationAccess.anyAuthenticatedUser(), launchUrl: 'https://home.example.com',
    });
    expect(validateApp(chart)).toEqual([]);
    expect(app.outpost).toBe(embedded);
    const entries = parseBlueprint(bp.toYaml()).entries;
    expect(entries.find((e: any) => e.id === 'domain-provider').attrs).toMatchObject({
      mode: 'forward_domain', cookie_domain: 'example.com', external_host: 'https://auth.example.com',
    });
    expect(entries.find((e: any) => e.id === 'domain-application').attrs.meta_launch_url).toBe('https://home.example.com');
    expect(entries.find((e: any) => e.id === 'embedded').attrs).toEqual({ config: { log_level: 'info' }, providers: [{ tag: '!KeyOf', value: 'domain-provider' }] });
    expect(entries.filter((e: any) => e.model === 'authentik_outposts.outpost')).toHaveLength(1);
  });

  it('retires provider, application and bindings, and takes the provider off the outpost', () => {
    const { chart, bp } = setup();
    const ops = new Group(bp, 'Ops', { name: 'ops' });
    new ForwardAuthApplication(bp, 'Old', {
      name: 'Old', slug: 'old', externalHost: 'https://old.example.com', access: ApplicationAccess.groups(ops), retired: true,
    });
    expect(validateApp(chart)).toEqual([]);
    const entries = parseBlueprint(bp.toYaml()).entries;
    expect(entries.filter((e: any) => e.id.startsWith('old-')).map((e: any) => [e.id, e.state])).toEqual([
      ['old-binding-ops', 'absent'], ['old-application', 'absent'], ['old-provider', 'absent'],
    ]);
    expect(entries.find((e: any) => e.model === 'authentik_outposts.outpost').attrs).toEqual({ providers: [] });
  });

  it('writes revoked groups\' bindings as absent', () => {
    const { chart, bp } = setup();
    const ops = new Group(bp, 'Ops', { name: 'ops' });
    const app = new ForwardAuthApplication(bp, 'Whoami', {
      name: 'Whoami', slug: 'whoami', externalHost: 'https://whoami.example.com',
      access: ApplicationAccess.groups(ops), revokedGroups: [Group.fromName('contractors')],
    });
    expect(validateApp(chart)).toEqual([]);
    expect(app.revokedBindings).toHaveLength(1);
    const revoked = parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === 'whoami-binding-contractors');
    expect(revoked).toMatchObject({ state: 'absent', identifiers: { group: find('authentik_core.group', ['name', 'contractors']) } });
  });

  it('fails on unknown props with the closest name, non-boolean booleans, http hosts and a cookie domain in single mode', () => {
    const { chart, bp } = setup();
    new ForwardAuthApplication(bp, 'A', {
      name: 'A', slug: 'a', externalHost: 'http://a.example.com', access: ApplicationAccess.anyAuthenticatedUser(),
      retired: 'no', skipPathRegexp: '^/x$', cookieDomain: 'example.com',
    } as any);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/Whoami\/A: "skipPathRegexp" is not a prop of this construct; did you mean "skipPathRegex"\?/);
    expect(problems).toMatch(/Authentik\/Whoami\/A: retired must be true or false; got string "no"/);
    expect(problems).toMatch(/Authentik\/Whoami\/A: externalHost "http:\/\/a.example.com" must use https; set allowInsecureExternalHost/);
    expect(problems).toMatch(/Authentik\/Whoami\/A: cookieDomain is only used with mode: 'domain'/);
  });

  it('fails when domain mode lacks a cookie domain, access is missing or the outpost is not a proxy outpost', () => {
    const { chart, bp } = setup();
    const ldapOutpost = new Outpost(bp, 'Ldap', { name: 'ldap', type: 'ldap', providers: [new LdapProvider(bp, 'L', { name: 'l', authorizationFlow: Flow.fromSlug('a'), invalidationFlow: Flow.fromSlug('b') })] });
    new ForwardAuthApplication(bp, 'D', { name: 'D', slug: 'd', mode: 'domain', externalHost: 'https://auth.example.com', outpost: ldapOutpost } as any);
    new ForwardAuthApplication(bp, 'E', { name: 'E', slug: 'e', externalHost: 'https://e.example.com', access: ApplicationAccess.anyAuthenticatedUser(), outpost: 'embedded' } as any);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/Whoami\/D\/Provider: mode forward_domain needs cookieDomain/);
    expect(problems).toMatch(/Authentik\/Whoami\/D: access is required/);
    expect(problems).toMatch(/Authentik\/Whoami\/D: outpost Authentik\/Whoami\/Ldap is of type ldap; forward auth needs a proxy outpost/);
    expect(problems).toMatch(/Authentik\/Whoami\/E: outpost must be an Outpost \(new Outpost\(\.\.\.\) or Outpost.embedded\(\.\.\.\)\); got string "embedded"/);
  });
});
