import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { ApplicationAccess, Blueprint, Group, OidcClient, renderApp } from '../constructs';
import { clientSecretEnvVar, clientSecretKey } from '../constructs/oidc/naming';
import { parseBlueprint, testChart } from './helpers';
import { parse } from 'yaml';

function declare(retired = false) {
  const chart = testChart();
  const common = new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'Common' });
  const admins = new Group(common, 'Admins', { name: 'admins' });
  const bp = new Blueprint(chart, 'Jellyfin', { fileName: 'jellyfin.yaml', name: 'Jellyfin SSO' });
  const viewers = new Group(bp, 'Viewers', { name: 'media-viewers' });
  const client = new OidcClient(bp, 'Jellyfin', {
    name: 'Jellyfin',
    slug: 'jelly-fin',
    redirectUris: ['https://jellyfin.example/sso/OID/redirect/authentik'],
    launchUrl: 'https://jellyfin.example',
    access: ApplicationAccess.groups(admins, viewers),
    serviceAccounts: [{ username: 'jf-bot', name: 'Jellyfin bot', groups: [viewers] }],
    retired,
  });
  return { chart, bp, client, app: chart.node.root as App };
}

describe('OidcClient', () => {
  it('derives the secret key and worker variable from the slug', () => {
    expect(clientSecretEnvVar('jelly-fin')).toBe('AUTHENTIK_JELLY_FIN_CLIENT_SECRET');
    expect(clientSecretKey('jelly-fin')).toBe('jelly-fin-client-secret');
  });

  it('wires one secret through the ExternalSecret, the worker env and the provider !Env, all agreeing', () => {
    const { bp, app } = declare();
    const files = renderApp(app);
    const provider = parseBlueprint(bp.toYaml()).entries.find((e: any) => e.model === 'authentik_providers_oauth2.oauth2provider');
    const env = provider.attrs.client_secret;
    expect(env).toEqual({ tag: '!Env', value: 'AUTHENTIK_JELLY_FIN_CLIENT_SECRET' });

    const patch = parse(files.get('deployment-authentik-worker.patch.yaml')!);
    const vars = patch.spec.template.spec.containers[0].env;
    expect(vars).toEqual([{ name: env.value, valueFrom: { secretKeyRef: { name: 'authentik-config', key: 'jelly-fin-client-secret' } } }]);

    const es = parse(files.get('externalsecret-authentik-config.yaml')!);
    expect(es.spec.data).toEqual([{ secretKey: 'jelly-fin-client-secret', remoteRef: { key: 'Authentik (test)', property: 'jelly-fin-client-secret' } }]);
  });

  it('binds the allowed groups in the order given, with any-mode on the application', () => {
    const { bp } = declare();
    const entries = parseBlueprint(bp.toYaml()).entries;
    const bindings = entries.filter((e: any) => e.model === 'authentik_policies.policybinding');
    expect(bindings.map((b: any) => [b.identifiers.group, b.attrs.order])).toEqual([
      [{ tag: '!Find', items: ['authentik_core.group', ['name', 'admins']] }, 0],
      [{ tag: '!KeyOf', value: 'viewers' }, 1],
    ]);
    expect(entries.find((e: any) => e.model === 'authentik_core.application').attrs.policy_engine_mode).toBe('any');
  });

  it('defines the service accounts in the same blueprint', () => {
    const { bp, client } = declare();
    expect(client.serviceAccounts.map((s) => s.username)).toEqual(['jf-bot']);
    const user = parseBlueprint(bp.toYaml()).entries.find((e: any) => e.model === 'authentik_core.user');
    expect(user.attrs).toEqual({ groups: [{ tag: '!KeyOf', value: 'viewers' }], is_active: true, name: 'Jellyfin bot', type: 'service_account' });
  });

  it('follows the blumeops provider conventions by default', () => {
    const { bp } = declare();
    const provider = parseBlueprint(bp.toYaml()).entries.find((e: any) => e.model === 'authentik_providers_oauth2.oauth2provider');
    expect(provider.attrs).toMatchObject({
      client_id: 'jelly-fin',
      client_type: 'confidential',
      sub_mode: 'hashed_user_id',
      include_claims_in_id_token: true,
      authorization_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'default-provider-authorization-implicit-consent']] },
      invalidation_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'default-provider-invalidation-flow']] },
      signing_key: { tag: '!Find', items: ['authentik_crypto.certificatekeypair', ['name', 'authentik Self-signed Certificate']] },
      redirect_uris: [{ matching_mode: 'strict', url: 'https://jellyfin.example/sso/OID/redirect/authentik' }],
    });
    expect(provider.attrs.property_mappings.map((m: any) => m.items[1][1])).toEqual(['openid', 'email', 'profile']);
  });

  it('writes no bindings and leaves the policy engine mode alone when open to every signed-in user', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Wiki', { fileName: 'wiki.yaml', name: 'Wiki' });
    new OidcClient(bp, 'Wiki', { name: 'Wiki', slug: 'wiki', redirectUris: ['https://wiki.example/cb'], launchUrl: 'https://wiki.example', access: ApplicationAccess.anyAuthenticatedUser() });
    const entries = parseBlueprint(bp.toYaml()).entries;
    expect(entries.map((e: any) => e.model)).toEqual(['authentik_providers_oauth2.oauth2provider', 'authentik_core.application']);
    expect(entries[1].attrs.policy_engine_mode).toBeUndefined();
  });

  it('deletes the bindings of revoked groups instead of leaving them in authentik', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Wiki', { fileName: 'wiki.yaml', name: 'Wiki' });
    const editors = new Group(bp, 'Editors', { name: 'editors' });
    const former = new Group(bp, 'Former', { name: 'former-staff' });
    new OidcClient(bp, 'Wiki', {
      name: 'Wiki', slug: 'wiki', redirectUris: ['https://wiki.example/cb'], launchUrl: 'https://wiki.example',
      access: ApplicationAccess.groups(editors), revokedGroups: [former],
    });
    const bindings = parseBlueprint(bp.toYaml()).entries.filter((e: any) => e.model === 'authentik_policies.policybinding');
    expect(bindings.map((b: any) => [b.identifiers.group.value, b.state, b.identifiers.target])).toEqual([
      ['editors', 'present', { tag: '!KeyOf', value: 'wiki-application' }],
      ['former', 'absent', { tag: '!KeyOf', value: 'wiki-application' }],
    ]);
  });

  it('retires to state: absent entries and removes its secret wiring', () => {
    const { bp, app } = declare(true);
    const entries = parseBlueprint(bp.toYaml()).entries;
    expect(entries.map((e: any) => `${e.model}:${e.state}`)).toEqual([
      'authentik_blueprints.metaapplyblueprint:present',
      'authentik_core.group:present',
      'authentik_policies.policybinding:absent',
      'authentik_policies.policybinding:absent',
      'authentik_core.application:absent',
      'authentik_providers_oauth2.oauth2provider:absent',
      'authentik_core.user:absent',
    ]);
    expect(bp.toYaml()).not.toMatch(/!Env|client_secret/);
    const files = renderApp(app);
    expect(files.get('externalsecret-authentik-config.yaml')).not.toMatch(/jelly-fin/);
    expect(files.get('deployment-authentik-worker.patch.yaml')).not.toMatch(/JELLY_FIN/);
  });
});
