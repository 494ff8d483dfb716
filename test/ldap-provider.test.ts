import { describe, expect, it } from 'vitest';
import { Blueprint, CertificateKeyPair, Flow, LdapProvider, Outpost, PropertyMapping, validateApp } from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);

describe('LdapProvider', () => {
  it('writes the bind and unbind flows, base DN, modes and certificate', () => {
    const { chart, bp } = setup();
    const ldap = new LdapProvider(bp, 'Ldap', {
      name: 'ldap', authorizationFlow: Flow.fromSlug('ldap-bind'), invalidationFlow: Flow.fromSlug('default-invalidation-flow'),
      baseDn: 'DC=ldap,DC=example,DC=com', searchMode: 'cached', bindMode: 'direct', mfaSupport: false,
      certificate: CertificateKeyPair.fromName('ldap'), tlsServerName: 'ldap.example.com', uidStartNumber: 2000,
    });
    new Outpost(bp, 'Outpost', { name: 'ldap', type: 'ldap', providers: [ldap] });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'ldap')).toEqual({
      model: 'authentik_providers_ldap.ldapprovider', id: 'ldap', state: 'present', identifiers: { name: 'ldap' },
      attrs: {
        authorization_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'ldap-bind']] },
        base_dn: 'DC=ldap,DC=example,DC=com',
        bind_mode: 'direct',
        certificate: { tag: '!Find', items: ['authentik_crypto.certificatekeypair', ['name', 'ldap']] },
        invalidation_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'default-invalidation-flow']] },
        mfa_support: false,
        search_mode: 'cached',
        tls_server_name: 'ldap.example.com',
        uid_start_number: 2000,
      },
    });
    expect(entry(bp, 'outpost').attrs.providers).toEqual([{ tag: '!KeyOf', value: 'ldap' }]);
  });

  it('takes property mappings, declared or looked up', () => {
    const { chart, bp } = setup();
    const mapping = new PropertyMapping(bp, 'Mapping', { model: 'authentik_sources_ldap.ldapsourcepropertymapping', name: 'm', expression: 'return {}' });
    new LdapProvider(bp, 'Ldap', {
      name: 'ldap', authorizationFlow: Flow.fromSlug('a'), invalidationFlow: Flow.fromSlug('b'),
      propertyMappings: [mapping, PropertyMapping.fromName('other')],
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'ldap').attrs.property_mappings).toEqual([
      { tag: '!KeyOf', value: 'mapping' }, { tag: '!Find', items: ['authentik_core.propertymapping', ['name', 'other']] },
    ]);
  });

  it('fails when the base DN is not a distinguished name, a mode is unknown or a flow is missing', () => {
    const { chart, bp } = setup();
    new LdapProvider(bp, 'Ldap', { name: 'ldap', baseDn: 'example.com', searchMode: 'fast' } as any);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Ldap: baseDn "example.com" is not a distinguished name/);
    expect(problems).toMatch(/Authentik\/App\/Ldap \(authentik_providers_ldap.ldapprovider\): .*search_mode/);
    expect(problems).toMatch(/Authentik\/App\/Ldap \(authentik_providers_ldap.ldapprovider\): .*authorization_flow/);
  });
});
