import { describe, expect, it } from 'vitest';
import { Blueprint, EntryState, Flow, LdapProvider, ModelEntry, Outpost, ProxyProvider, ServiceConnection, validateApp } from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);
const flows = { authorizationFlow: Flow.fromSlug('authz'), invalidationFlow: Flow.fromSlug('inval') };
const proxy = (bp: Blueprint, name: string, state?: EntryState) => ProxyProvider.forwardAuthSingle(bp, name, {
  name, externalHost: `https://${name}.example.com`, state, ...flows,
});

describe('Outpost', () => {
  it('writes a new outpost with its type, providers, service connection and config (empty config by default)', () => {
    const { chart, bp } = setup();
    const a = proxy(bp, 'a');
    const k8s = new ModelEntry(bp, 'K8s', { model: 'authentik_outposts.kubernetesserviceconnection', identifiers: { name: 'local' }, attributes: { local: true } });
    new Outpost(bp, 'Proxies', { name: 'proxies', type: 'proxy', providers: [a], serviceConnection: k8s, config: { log_level: 'info' } });
    // authentik refuses an outpost without providers (authentik/outposts/api/outposts.py, validate_providers)
    new Outpost(bp, 'Bare', { name: 'bare', type: 'proxy', providers: [proxy(bp, 'b')] });
    new Outpost(bp, 'Cluster', { name: 'cluster', type: 'proxy', providers: [proxy(bp, 'c')], serviceConnection: ServiceConnection.fromName('Local Kubernetes Cluster') });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'proxies')).toEqual({
      model: 'authentik_outposts.outpost', id: 'proxies', state: 'present', identifiers: { name: 'proxies' },
      attrs: { config: { log_level: 'info' }, providers: [{ tag: '!KeyOf', value: 'a' }], service_connection: { tag: '!KeyOf', value: 'k8s' }, type: 'proxy' },
    });
    expect(entry(bp, 'bare').attrs).toEqual({ config: {}, providers: [{ tag: '!KeyOf', value: 'b' }], type: 'proxy' });
    expect(entry(bp, 'cluster').attrs.service_connection).toEqual({ tag: '!Find', items: ['authentik_outposts.outpostserviceconnection', ['name', 'Local Kubernetes Cluster']] });
  });

  it('updates the embedded outpost with only its providers: never an empty config', () => {
    const { chart, bp } = setup();
    const embedded = Outpost.embedded(bp, 'Embedded', { providers: [proxy(bp, 'a')] });
    embedded.addProvider(proxy(bp, 'b'));
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'embedded')).toEqual({
      model: 'authentik_outposts.outpost', id: 'embedded', state: 'present', identifiers: { name: 'authentik Embedded Outpost' },
      attrs: { providers: [{ tag: '!KeyOf', value: 'a' }, { tag: '!KeyOf', value: 'b' }] },
    });
    expect(embedded.type).toBe('proxy');
  });

  it('writes the embedded outpost\'s config only when given, and nothing but identifiers when given nothing', () => {
    const { bp } = setup();
    Outpost.embedded(bp, 'WithConfig', { config: { log_level: 'debug' } });
    Outpost.embedded(bp, 'Nothing');
    expect(entry(bp, 'with-config').attrs).toEqual({ config: { log_level: 'debug' } });
    expect(entry(bp, 'nothing')).toEqual({
      model: 'authentik_outposts.outpost', id: 'nothing', state: 'present', identifiers: { name: 'authentik Embedded Outpost' },
    });
  });

  it('leaves retired providers out of the list instead of referring to them', () => {
    const { chart, bp } = setup();
    Outpost.embedded(bp, 'Embedded', { providers: [proxy(bp, 'live'), proxy(bp, 'gone', EntryState.ABSENT)] });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'embedded').attrs.providers).toEqual([{ tag: '!KeyOf', value: 'live' }]);
  });

  it('refers to providers of another blueprint with !Find, and applies that blueprint first', () => {
    const { chart, bp } = setup();
    const other = new Blueprint(chart, 'Other', { fileName: 'other.yaml', name: 'Other' });
    Outpost.embedded(bp, 'Embedded', { providers: [proxy(other, 'x')] });
    expect(validateApp(chart)).toEqual([]);
    const doc = parseBlueprint(bp.toYaml());
    expect(doc.entries[0]).toMatchObject({ model: 'authentik_blueprints.metaapplyblueprint', attrs: { identifiers: { name: 'Other' }, required: true } });
    expect(entry(bp, 'embedded').attrs.providers).toEqual([{ tag: '!Find', items: ['authentik_providers_proxy.proxyprovider', ['name', 'x']] }]);
  });

  it('fails at once when addProvider is given a provider of the wrong type, a non-provider or one listed already', () => {
    const { bp } = setup();
    const ldap = new LdapProvider(bp, 'Ldap', { name: 'ldap', ...flows });
    const embedded = Outpost.embedded(bp, 'Embedded');
    expect(() => embedded.addProvider(ldap)).toThrow(/Authentik\/App\/Embedded: addProvider\(a LdapProvider\): a proxy outpost serves authentik_providers_proxy.proxyprovider providers only/);
    expect(() => embedded.addProvider(Flow.fromSlug('x') as any)).toThrow(/Authentik\/App\/Embedded: addProvider\(a LookupReference\) expects a provider/);
    const a = proxy(bp, 'a');
    embedded.addProvider(a);
    expect(() => embedded.addProvider(a)).toThrow(/is listed already/);
  });

  it('fails when the same outpost is declared twice, since each entry would replace the other\'s providers', () => {
    const { chart, bp } = setup();
    const other = new Blueprint(chart, 'Other', { fileName: 'other.yaml', name: 'Other' });
    Outpost.embedded(bp, 'Embedded', { providers: [proxy(bp, 'a')] });
    Outpost.embedded(other, 'Embedded', { providers: [proxy(other, 'b')] });
    expect(validateApp(chart)).toEqual([expect.stringMatching(
      /authentik_outposts.outpost name="authentik Embedded Outpost" is declared by Authentik\/App\/Embedded and Authentik\/Other\/Embedded; both would write the same authentik object/)]);
  });

  it('fails when props are wrong: providers not a list, a string provider, an unknown type or prop', () => {
    const { chart, bp } = setup();
    new Outpost(bp, 'A', { name: 'a', type: 'proxy', providers: 'x' } as any);
    new Outpost(bp, 'B', { name: 'b', type: 'proxi', providers: ['whoami'] } as any);
    Outpost.embedded(bp, 'C', { provider: [] } as any);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/A: providers must be a list of provider objects; got string "x"/);
    expect(problems).toMatch(/Authentik\/App\/B: type string "proxi" is not one of proxy, ldap, radius, rac/);
    expect(problems).toMatch(/Authentik\/App\/B: providers\[0\] expects a provider/);
    expect(problems).toMatch(/Authentik\/App\/C \(Outpost.embedded\): "provider" is not a prop of this construct; did you mean "providers"\?/);
  });
});
