import { describe, expect, it } from 'vitest';
import { Blueprint, Flow, PropertyMapping, SamlProvider, ScopeMapping, validateApp } from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);

describe('PropertyMapping', () => {
  it('writes the model given, identified by name, with fields typed by that model', () => {
    const { chart, bp } = setup();
    new PropertyMapping(bp, 'LdapName', {
      model: 'authentik_sources_ldap.ldapsourcepropertymapping', name: 'LDAP name', expression: 'return {"name": ldap.get("cn")}',
    });
    new PropertyMapping(bp, 'Rac', {
      model: 'authentik_providers_rac.racpropertymapping', name: 'RAC size', staticSettings: { 'resize-method': 'display-update' },
    });
    // @ts-expect-error staticSettings is a field of RAC mappings only
    new PropertyMapping(bp, 'Wrong', { model: 'authentik_sources_ldap.ldapsourcepropertymapping', name: 'w', expression: 'x', staticSettings: {} });
    expect(entry(bp, 'ldap-name')).toEqual({
      model: 'authentik_sources_ldap.ldapsourcepropertymapping', id: 'ldap-name', state: 'present',
      identifiers: { name: 'LDAP name' }, attrs: { expression: 'return {"name": ldap.get("cn")}' },
    });
    expect(entry(bp, 'rac')).toMatchObject({ identifiers: { name: 'RAC size' }, attrs: { static_settings: { 'resize-method': 'display-update' } } });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/App\/Wrong: "staticSettings" is not an attribute of authentik_sources_ldap.ldapsourcepropertymapping/);
  });

  it('is identified by managed when asked, as authentik\'s packaged mappings are', () => {
    const { chart, bp } = setup();
    new PropertyMapping(bp, 'Dn', {
      model: 'authentik_sources_ldap.ldapsourcepropertymapping', identifyBy: 'managed', managed: 'goauthentik.io/sources/ldap/default-name',
      name: 'authentik default LDAP Mapping: Name', expression: 'return {"name": ldap.get("name")}',
    });
    new ScopeMapping(bp, 'Proxy', {
      identifyBy: 'managed', managed: 'goauthentik.io/providers/proxy/scope-proxy', name: 'Proxy', scopeName: 'ak_proxy', expression: 'return {}',
    });
    new ScopeMapping(bp, 'Touch', { identifyBy: 'managed', managed: 'goauthentik.io/providers/oauth2/scope-email', description: 'Email', updatesExisting: true });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'dn')).toMatchObject({
      identifiers: { managed: 'goauthentik.io/sources/ldap/default-name' },
      attrs: { name: 'authentik default LDAP Mapping: Name', expression: 'return {"name": ldap.get("name")}' },
    });
    expect(entry(bp, 'dn').attrs.managed).toBeUndefined();
    expect(entry(bp, 'proxy')).toMatchObject({ identifiers: { managed: 'goauthentik.io/providers/proxy/scope-proxy' }, attrs: { name: 'Proxy', scope_name: 'ak_proxy' } });
    expect(entry(bp, 'touch')).toMatchObject({ identifiers: { managed: 'goauthentik.io/providers/oauth2/scope-email' }, attrs: { description: 'Email' } });
  });

  it('is accepted where a property mapping is expected, declared or looked up', () => {
    const { chart, bp } = setup();
    const saml = new PropertyMapping(bp, 'Saml', {
      model: 'authentik_providers_saml.samlpropertymapping', name: 'SAML upn', samlName: 'upn', expression: 'return request.user.email',
    });
    // a SAML mapping on a SAML provider: authentik ignores mappings of another family (rules/mappings.ts)
    new SamlProvider(bp, 'Provider', {
      name: 'P', acsUrl: 'https://sp.example.com/saml/acs', authorizationFlow: Flow.fromSlug('a'), invalidationFlow: Flow.fromSlug('b'),
      propertyMappings: [saml, PropertyMapping.fromName('some mapping'), PropertyMapping.fromManaged('goauthentik.io/providers/saml/upn')],
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'provider').attrs.property_mappings).toEqual([
      { tag: '!KeyOf', value: 'saml' },
      { tag: '!Find', items: ['authentik_core.propertymapping', ['name', 'some mapping']] },
      { tag: '!Find', items: ['authentik_core.propertymapping', ['managed', 'goauthentik.io/providers/saml/upn']] },
    ]);
  });

  it('fails when the model is not a property mapping model, with the closest one', () => {
    const { chart, bp } = setup();
    new PropertyMapping(bp, 'Typo', { model: 'authentik_sources_ldap.ldapsourcepropertymaping', name: 'x', expression: 'x' } as any);
    new PropertyMapping(bp, 'Scope', { model: 'authentik_providers_oauth2.scopemapping', name: 's', expression: 'x', scopeName: 's' } as any);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Typo: model string "authentik_sources_ldap.ldapsourcepropertymaping" is not a property mapping model; did you mean "authentik_sources_ldap.ldapsourcepropertymapping"\?/);
    expect(problems).toMatch(/Authentik\/App\/Scope: model authentik_providers_oauth2.scopemapping is written by ScopeMapping/);
  });

  it('fails when identifyBy is not name or managed, or the managed id is missing', () => {
    const { chart, bp } = setup();
    new PropertyMapping(bp, 'Bad', { model: 'authentik_providers_scim.scimmapping', name: 'x', expression: 'x', identifyBy: 'slug' } as any);
    new PropertyMapping(bp, 'NoManaged', { model: 'authentik_providers_scim.scimmapping', name: 'y', expression: 'y', identifyBy: 'managed' });
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Bad: identifyBy must be 'name' or 'managed'; got string "slug"/);
    expect(problems).toMatch(/Authentik\/App\/NoManaged: managed is required: authentik finds the object by it/);
  });
});
