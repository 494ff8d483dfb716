import { describe, expect, it } from 'vitest';
import {
  Application, Blueprint, CertificateKeyPair, Flow, Outpost, Provider, ProxyProvider, ScopeMapping, validateApp,
} from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);
const flows = { authorizationFlow: Flow.fromSlug('authz'), invalidationFlow: Flow.fromSlug('inval') };

describe('ProxyProvider', () => {
  it('writes forward auth for one application, with flows as references', () => {
    const { chart, bp } = setup();
    ProxyProvider.forwardAuthSingle(bp, 'Whoami', {
      name: 'whoami', externalHost: 'https://whoami.example.com', ...flows,
      skipPathRegex: '^/health$', accessTokenValidity: 'hours=24',
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'whoami')).toEqual({
      model: 'authentik_providers_proxy.proxyprovider', id: 'whoami', state: 'present', identifiers: { name: 'whoami' },
      attrs: {
        access_token_validity: 'hours=24',
        authorization_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'authz']] },
        external_host: 'https://whoami.example.com',
        invalidation_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'inval']] },
        mode: 'forward_single',
        skip_path_regex: '^/health$',
      },
    });
  });

  it('writes forward auth for a domain and a classic proxy with certificate and mappings', () => {
    const { chart, bp } = setup();
    const domain = ProxyProvider.forwardAuthDomain(bp, 'Domain', {
      name: 'domain', externalHost: 'https://auth.example.com', cookieDomain: 'example.com', ...flows,
    });
    ProxyProvider.proxy(bp, 'Proxy', {
      name: 'proxy', externalHost: 'https://app.example.com', internalHost: 'http://app.default.svc:8080', internalHostSslValidation: false,
      certificate: CertificateKeyPair.fromName('app'), propertyMappings: [ScopeMapping.fromScopeName('ak_proxy')],
      basicAuthEnabled: true, basicAuthUserAttribute: 'app_user', basicAuthPasswordAttribute: 'app_password', ...flows,
    });
    expect(validateApp(chart)).toEqual([]);
    expect(domain.mode).toBe('forward_domain');
    expect(entry(bp, 'domain').attrs).toMatchObject({ mode: 'forward_domain', cookie_domain: 'example.com', external_host: 'https://auth.example.com' });
    expect(entry(bp, 'proxy').attrs).toMatchObject({
      mode: 'proxy', internal_host: 'http://app.default.svc:8080', internal_host_ssl_validation: false,
      certificate: { tag: '!Find', items: ['authentik_crypto.certificatekeypair', ['name', 'app']] },
      property_mappings: [{ tag: '!Find', items: ['authentik_providers_oauth2.scopemapping', ['scope_name', 'ak_proxy']] }],
      basic_auth_enabled: true, basic_auth_user_attribute: 'app_user', basic_auth_password_attribute: 'app_password',
    });
  });

  it('is accepted where a provider is expected, declared or looked up', () => {
    const { chart, bp } = setup();
    const provider = ProxyProvider.forwardAuthSingle(bp, 'P', { name: 'p', externalHost: 'https://p.example.com', ...flows });
    new Application(bp, 'Application', { name: 'P', slug: 'p', provider });
    new Outpost(bp, 'Outpost', { name: 'proxies', type: 'proxy', providers: [provider, ProxyProvider.fromName('other'), Provider.fromName('any')] });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'application').attrs.provider).toEqual({ tag: '!KeyOf', value: 'p' });
    expect(entry(bp, 'outpost').attrs.providers[1]).toEqual({ tag: '!Find', items: ['authentik_providers_proxy.proxyprovider', ['name', 'other']] });
  });

  it('fails when a mode lacks what it needs or carries what it ignores', () => {
    const { chart, bp } = setup();
    new ProxyProvider(bp, 'NoInternal', { name: 'a', externalHost: 'https://a.example.com', ...flows });
    new ProxyProvider(bp, 'NoCookie', { name: 'b', mode: 'forward_domain', externalHost: 'https://auth.example.com', ...flows });
    ProxyProvider.forwardAuthSingle(bp, 'Extra', {
      name: 'c', externalHost: 'https://c.example.com', internalHost: 'http://c', cookieDomain: 'example.com', ...flows,
    });
    ProxyProvider.forwardAuthDomain(bp, 'Outside', { name: 'd', externalHost: 'https://auth.other.org', cookieDomain: 'example.com', ...flows });
    ProxyProvider.forwardAuthSingle(bp, 'Relative', { name: 'e', externalHost: 'e.example.com', basicAuthUserAttribute: 'u', ...flows });
    new ProxyProvider(bp, 'BadMode', { name: 'f', mode: 'forward', externalHost: 'https://f.example.com', ...flows } as any);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/NoInternal: mode proxy needs internalHost/);
    expect(problems).toMatch(/Authentik\/App\/NoCookie: mode forward_domain needs cookieDomain/);
    expect(problems).toMatch(/Authentik\/App\/Extra: internalHost string "http:\/\/c" is only used in mode proxy/);
    expect(problems).toMatch(/Authentik\/App\/Extra: cookieDomain string "example.com" only matters in mode forward_domain/);
    expect(problems).toMatch(/Authentik\/App\/Outside: externalHost "https:\/\/auth.other.org" is not under cookieDomain "example.com"/);
    expect(problems).toMatch(/Authentik\/App\/Relative\.external_host: "e\.example\.com" is not a URL authentik takes .*not an absolute URL/);
    expect(problems).toMatch(/Authentik\/App\/Relative: basicAuthUserAttribute only take effect with basicAuthEnabled: true/);
    expect(problems).toMatch(/Authentik\/App\/BadMode: mode string "forward" is not one of proxy, forward_single, forward_domain/);
  });

  it('fails when a flow is given as a string or an object of the wrong kind', () => {
    const { chart, bp } = setup();
    new ProxyProvider(bp, 'P', {
      name: 'p', mode: 'forward_single', externalHost: 'https://p.example.com',
      authorizationFlow: 'default-provider-authorization-implicit-consent' as any, invalidationFlow: CertificateKeyPair.fromName('x') as any,
    });
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/P: authorizationFlow expects a flow; got string "default-provider-authorization-implicit-consent"; pass a Flow, Flow.fromSlug/);
    expect(problems).toMatch(/Authentik\/App\/P.invalidationFlow: expects a flow, but was given authentik_crypto.certificatekeypair/);
  });

  it('fails when a prop name is misspelt, with the closest one', () => {
    const { chart, bp } = setup();
    ProxyProvider.forwardAuthSingle(bp, 'P', { name: 'p', externalHost: 'https://p.example.com', skipPathRegexp: 'x', ...flows } as any);
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/App\/P: "skipPathRegexp" is not an attribute of authentik_providers_proxy.proxyprovider.*did you mean "skipPathRegex"\?/);
  });
});
