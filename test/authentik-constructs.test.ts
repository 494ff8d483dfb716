import { describe, expect, it } from 'vitest';
import {
  Application, BindingSubject, Blueprint, CertificateKeyPair, Flow, Group, ModelEntry, OAuth2Provider, PolicyBinding, RedirectUri,
  ScopeMapping, ServiceAccount, WorkerSecret, validateApp,
} from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);

describe('Group', () => {
  it('is identified by name and carries API-typed attributes with wire names', () => {
    const { bp } = setup();
    new Group(bp, 'Ops', { name: 'ops', isSuperuser: false, attributes: { fooBar: 1 } });
    expect(entry(bp, 'ops')).toEqual({
      model: 'authentik_core.group', id: 'ops', state: 'present', identifiers: { name: 'ops' },
      // free-form JSON keeps its keys; only schema fields are renamed
      attrs: { attributes: { fooBar: 1 }, is_superuser: false },
    });
  });

  it('refers to parents by object', () => {
    const { bp } = setup();
    const parent = new Group(bp, 'Parent', { name: 'parent' });
    new Group(bp, 'Child', { name: 'child', parents: [parent] });
    expect(entry(bp, 'child').attrs.parents).toEqual([{ tag: '!KeyOf', value: 'parent' }]);
  });
});

describe('ServiceAccount', () => {
  it('is a service_account user, active, member of its groups, and never carries a password', () => {
    const { bp } = setup();
    const g = new Group(bp, 'Ci', { name: 'ci' });
    const sa = new ServiceAccount(bp, 'Robot', { username: 'robot', name: 'Robot', groups: [g] });
    sa.addToGroup(Group.fromName('readers'));
    const e = entry(bp, 'robot');
    expect(e.identifiers).toEqual({ username: 'robot' });
    expect(e.attrs).toEqual({
      groups: [{ tag: '!KeyOf', value: 'ci' }, { tag: '!Find', items: ['authentik_core.group', ['name', 'readers']] }],
      is_active: true,
      name: 'Robot',
      type: 'service_account',
    });
    expect(bp.toYaml()).not.toMatch(/password/);
  });
});

describe('OAuth2Provider, Application and PolicyBinding', () => {
  it('write the provider with references as tags and the client secret as !Env', () => {
    const { bp } = setup();
    const secret = new WorkerSecret(bp, 'Secret', { envVar: 'AUTHENTIK_APP_CLIENT_SECRET', secretKey: 'app-client-secret' });
    const provider = new OAuth2Provider(bp, 'Provider', {
      name: 'App',
      authorizationFlow: Flow.fromSlug('auth'),
      invalidationFlow: Flow.fromSlug('inval'),
      redirectUris: [RedirectUri.strict('https://app.example/cb')],
      clientSecret: secret,
      clientType: 'confidential',
      propertyMappings: [ScopeMapping.fromScopeName('openid'), ScopeMapping.fromManaged('goauthentik.io/providers/oauth2/scope-email')],
      signingKey: CertificateKeyPair.fromName('key'),
      accessTokenValidity: 'minutes=5',
    });
    provider.addRedirectUri(RedirectUri.regex('https://app\\.example/.*'));
    const app = new Application(bp, 'Application', { name: 'App', slug: 'app', provider, openInNewTab: true });
    new PolicyBinding(bp, 'Binding', { target: app, subject: BindingSubject.userNamed('alice'), order: 3, timeout: 10 });

    expect(entry(bp, 'provider').attrs).toEqual({
      access_token_validity: 'minutes=5',
      authorization_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'auth']] },
      client_secret: { tag: '!Env', value: 'AUTHENTIK_APP_CLIENT_SECRET' },
      client_type: 'confidential',
      invalidation_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'inval']] },
      property_mappings: [
        { tag: '!Find', items: ['authentik_providers_oauth2.scopemapping', ['scope_name', 'openid']] },
        { tag: '!Find', items: ['authentik_providers_oauth2.scopemapping', ['managed', 'goauthentik.io/providers/oauth2/scope-email']] },
      ],
      redirect_uris: [
        { matching_mode: 'strict', url: 'https://app.example/cb' },
        { matching_mode: 'regex', url: 'https://app\\.example/.*' },
      ],
      signing_key: { tag: '!Find', items: ['authentik_crypto.certificatekeypair', ['name', 'key']] },
    });
    expect(entry(bp, 'application')).toMatchObject({ identifiers: { slug: 'app' }, attrs: { name: 'App', open_in_new_tab: true, provider: { tag: '!KeyOf', value: 'provider' } } });
    expect(entry(bp, 'binding')).toMatchObject({
      identifiers: { target: { tag: '!KeyOf', value: 'application' }, user: { tag: '!Find', items: ['authentik_core.user', ['username', 'alice']] } },
      attrs: { enabled: true, negate: false, order: 3, timeout: 10 },
    });
  });

  it('does not accept a literal client secret: the compiler refuses it, and validation too', () => {
    const { chart, bp } = setup();
    const props = {
      name: 'P', authorizationFlow: Flow.fromSlug('a'), invalidationFlow: Flow.fromSlug('b'), redirectUris: [RedirectUri.strict('https://p.example/cb')], unsignedTokens: true,
    };
    // @ts-expect-error a client secret can only be an IEnvSecret, never a string
    new OAuth2Provider(bp, 'P', { ...props, clientSecret: 'hunter2' });
    expect(validateApp(chart)).toEqual([expect.stringMatching(/Authentik\/App\/P: clientSecret must be a reference to a worker secret/)]);
    expect(bp.toYaml()).not.toMatch(/hunter2/);
  });
});

describe('ModelEntry', () => {
  it('types fields by model name and writes wire names', () => {
    const { bp } = setup();
    new ModelEntry(bp, 'Flow', {
      model: 'authentik_flows.flow',
      identifiers: { slug: 'my-flow' },
      attributes: { name: 'My flow', title: 'Welcome', designation: 'authentication', policyEngineMode: 'all' },
    });
    // @ts-expect-error `colour` is not a field of FlowRequest
    new ModelEntry(bp, 'Bad', { model: 'authentik_flows.flow', identifiers: { slug: 'x' }, attributes: { colour: 'red' } });
    expect(entry(bp, 'flow')).toEqual({
      model: 'authentik_flows.flow', id: 'flow', state: 'present', identifiers: { slug: 'my-flow' },
      attrs: { designation: 'authentication', name: 'My flow', policy_engine_mode: 'all', title: 'Welcome' },
    });
  });

  it('fails when an attribute is unknown to the model, instead of letting authentik drop it', () => {
    const { chart, bp } = setup();
    new ModelEntry(bp, 'Flow', { model: 'authentik_flows.flow', identifiers: { slug: 'x' }, attributes: { titel: 'typo' } as any });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/App\/Flow: "titel" is not an attribute of authentik_flows.flow in authentik 2026.2.0.*known attributes: .*title/);
  });

  it('passes free-form fields through for models the API has no request type for', () => {
    const { bp } = setup();
    new ModelEntry(bp, 'Export', { model: 'authentik_reports.dataexport', identifiers: { id: 'x' }, attributes: { any_field: 1 } });
    expect(entry(bp, 'export').attrs).toEqual({ any_field: 1 });
  });
});
