import { describe, expect, it } from 'vitest';
import { Application, Blueprint, CertificateKeyPair, Flow, PropertyMapping, SamlProvider, validateApp } from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);
const flows = { authorizationFlow: Flow.fromSlug('authz'), invalidationFlow: Flow.fromSlug('inval') };

describe('SamlProvider', () => {
  it('writes the service provider, keys and mappings as references', () => {
    const { chart, bp } = setup();
    const upn = new PropertyMapping(bp, 'Upn', { model: 'authentik_providers_saml.samlpropertymapping', name: 'upn', samlName: 'upn', expression: 'return request.user.email' });
    const provider = new SamlProvider(bp, 'Saml', {
      name: 'saml', acsUrl: 'https://sp.example.com/saml/acs', audience: 'sp', ...flows,
      signingKp: CertificateKeyPair.fromName('idp'), signAssertion: true, propertyMappings: [upn], nameIdMapping: upn, spBinding: 'post',
    });
    new Application(bp, 'Application', { name: 'SP', slug: 'sp', provider });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'saml').attrs).toMatchObject({
      acs_url: 'https://sp.example.com/saml/acs', audience: 'sp', sign_assertion: true, sp_binding: 'post',
      signing_kp: { tag: '!Find', items: ['authentik_crypto.certificatekeypair', ['name', 'idp']] },
      name_id_mapping: { tag: '!KeyOf', value: 'upn' },
      property_mappings: [{ tag: '!KeyOf', value: 'upn' }],
    });
    expect(entry(bp, 'application').attrs.provider).toEqual({ tag: '!KeyOf', value: 'saml' });
  });

  it('fails when signatures are asked for without a key, or the ACS URL is relative', () => {
    const { chart, bp } = setup();
    new SamlProvider(bp, 'Saml', { name: 'saml', acsUrl: '/saml/acs', signResponse: true, ...flows });
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Saml: signAssertion\/signResponse ask for signatures but no signingKp is given/);
    expect(problems).toMatch(/Authentik\/App\/Saml\.acs_url: "\/saml\/acs" is not a URL authentik takes \(authentik\/providers\/saml\/models\.py\)/);
  });

  it('fails when a mapping field is given a flow', () => {
    const { chart, bp } = setup();
    new SamlProvider(bp, 'Saml', { name: 'saml', acsUrl: 'https://sp.example.com/acs', nameIdMapping: Flow.fromSlug('x') as any, ...flows });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/App\/Saml.nameIdMapping: expects a property mapping, but was given authentik_flows.flow/);
  });
});
