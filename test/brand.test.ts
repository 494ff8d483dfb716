import { describe, expect, it } from 'vitest';
import { Application, Blueprint, Brand, CertificateKeyPair, Flow, validateApp } from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);

describe('Brand', () => {
  it('writes a brand identified by domain, with flows, default application and certificates as references', () => {
    const { chart, bp } = setup();
    const app = new Application(bp, 'Home', { name: 'Home', slug: 'home' });
    new Brand(bp, 'Ops', {
      domain: 'ops.example.com', brandingTitle: 'Ops', flowAuthentication: Flow.fromSlug('login'), flowRecovery: Flow.fromSlug('recovery'),
      defaultApplication: app, webCertificate: CertificateKeyPair.fromName('ops'), clientCertificates: [CertificateKeyPair.fromName('ca')],
      attributes: { settings: { theme: { base: 'dark' } } },
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'ops')).toEqual({
      model: 'authentik_brands.brand', id: 'ops', state: 'present', identifiers: { domain: 'ops.example.com' },
      attrs: {
        attributes: { settings: { theme: { base: 'dark' } } },
        branding_title: 'Ops',
        client_certificates: [{ tag: '!Find', items: ['authentik_crypto.certificatekeypair', ['name', 'ca']] }],
        default_application: { tag: '!KeyOf', value: 'home' },
        flow_authentication: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'login']] },
        flow_recovery: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'recovery']] },
        web_certificate: { tag: '!Find', items: ['authentik_crypto.certificatekeypair', ['name', 'ops']] },
      },
    });
  });

  it('updates the default brand with only the fields given', () => {
    const { chart, bp } = setup();
    Brand.defaultBrand(bp, 'Default', { brandingTitle: 'BlumeOps', default: true });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'default')).toEqual({
      model: 'authentik_brands.brand', id: 'default', state: 'present', identifiers: { domain: 'authentik-default' },
      attrs: { branding_title: 'BlumeOps', default: true },
    });
  });

  it('fails when the domain is a URL or a flow is given as a string', () => {
    const { chart, bp } = setup();
    new Brand(bp, 'Url', { domain: 'https://ops.example.com' });
    new Brand(bp, 'Str', { domain: 'str.example.com', flowAuthentication: 'default-authentication-flow' as any });
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Url: domain "https:\/\/ops.example.com" must be a bare host name/);
    expect(problems).toMatch(/Authentik\/App\/Str: flowAuthentication expects a flow; got string "default-authentication-flow"/);
  });
});
