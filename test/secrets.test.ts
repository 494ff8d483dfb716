import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { ApplicationAccess, Blueprint, ModelEntry, OidcClient, Tag, WorkerSecret, renderApp, validateApp, type AuthentikChart, type Group } from '../constructs';
import { changeSummary } from '../constructs/synth/change-summary';
import { parseBlueprint, testChart } from './helpers';

function setup(context?: Record<string, never>): { chart: AuthentikChart; bp: Blueprint } {
  const chart = testChart();
  return { chart, bp: new Blueprint(chart, 'B', { fileName: 'b.yaml', name: 'B', context }) };
}

describe('secrets only by reference', () => {
  it('fails when a ModelEntry gives a client secret as a literal, and never writes it', () => {
    const { chart, bp } = setup();
    new ModelEntry(bp, 'P', { model: 'authentik_providers_oauth2.oauth2provider', identifiers: { name: 'p' }, updatesExisting: true,
      attributes: { clientSecret: 'hunter2' } });
    expect(validateApp(chart)).toEqual([expect.stringMatching(/^Authentik\/B\/P: client_secret is a secret, but was given a literal string; .*WorkerSecret/)]);
    expect(validateApp(chart).join('\n')).not.toMatch(/hunter2/);
  });

  it('accepts a WorkerSecret in a ModelEntry secret field and writes its !Env', () => {
    const { chart, bp } = setup();
    const secret = new WorkerSecret(chart, 'LdapBind', { envVar: 'AUTHENTIK_LDAP_BIND_PASSWORD', secretKey: 'ldap-bind-password' });
    new ModelEntry(bp, 'Ldap', { model: 'authentik_sources_ldap.ldapsource', identifiers: { slug: 'ldap' }, updatesExisting: true,
      attributes: { bindPassword: secret } });
    expect(validateApp(chart)).toEqual([]);
    expect(parseBlueprint(bp.toYaml()).entries[0].attrs).toEqual({ bind_password: { tag: '!Env', value: 'AUTHENTIK_LDAP_BIND_PASSWORD' } });
  });

  it.each([
    ['a user password', 'authentik_core.user', { username: 'u' }, { password: 'pw' }, /password is a secret/],
    ['a private key', 'authentik_crypto.certificatekeypair', { name: 'k' }, { keyData: '-----BEGIN PRIVATE KEY-----' }, /key_data is a secret/],
    ['a token key', 'authentik_core.token', { identifier: 't' }, { key: 'abc' }, /key is a secret/],
    ['a captcha private key', 'authentik_stages_captcha.captchastage', { name: 'c' }, { privateKey: 'k' }, /private_key is a secret/],
    ['a secret built with !Format', 'authentik_stages_email.emailstage', { name: 'e' }, { password: Tag.format('%s', 'x') }, /password is a secret, but was given a !Format tag/],
  ])('fails when %s is a literal', (_name, model, identifiers, attributes, expected) => {
    const { chart, bp } = setup();
    new ModelEntry(bp, 'E', { model, identifiers, attributes, updatesExisting: true } as never);
    expect(validateApp(chart)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('accepts !Context only when the context holds !Env or !File, as authentik\'s bootstrap blueprint does', () => {
    const chart = testChart();
    const good = new Blueprint(chart, 'Good', { fileName: 'good.yaml', name: 'Good', context: { password: Tag.env('BOOTSTRAP_PASSWORD') } });
    new ModelEntry(good, 'U', { model: 'authentik_core.user', identifiers: { username: 'akadmin' }, attributes: { name: 'Admin', password: Tag.context('password') } });
    const bad = new Blueprint(chart, 'Bad', { fileName: 'bad.yaml', name: 'Bad', context: { password: 'hunter2' } });
    new ModelEntry(bad, 'U', { model: 'authentik_core.user', identifiers: { username: 'other' }, attributes: { name: 'Other', password: Tag.context('password') } });
    expect(validateApp(chart)).toEqual([expect.stringMatching(/^Authentik\/Bad\/U: password reads !Context password, whose value in the blueprint's context is a literal/)]);
  });
});

describe('service account password from the secret store', () => {
  function withPassword(authentik: AuthentikChart): void {
    const zot = authentik.node.findChild('Zot') as Blueprint;
    const admins = (authentik.node.findChild('Common') as Blueprint).node.findChild('Admins') as Group;
    new OidcClient(zot, 'Robot', {
      name: 'Robot', slug: 'robot', redirectUris: ['https://robot.example/cb'], launchUrl: 'https://robot.example',
      access: ApplicationAccess.groups(admins),
      serviceAccounts: [{ username: 'robot-ci', name: 'Robot CI', passwordFromSecretStore: true }],
    });
  }

  it('wires the password from 1Password through the worker to the user\'s !Env, and names the field to create', () => {
    const before = renderApp(((a) => (blumeops(a), a))(new App()));
    const app = new App();
    withPassword(blumeops(app));
    const after = renderApp(app);
    const zotYaml = parseBlueprint(parseBlueprint(after.get('configmap-authentik-blueprints.yaml')!).data['zot.yaml']);
    const user = zotYaml.entries.find((e: { identifiers?: { username?: string } }) => e.identifiers?.username === 'robot-ci');
    expect(user.attrs.password).toEqual({ tag: '!Env', value: 'AUTHENTIK_ROBOT_CI_PASSWORD' });
    expect(after.get('externalsecret-authentik-config.yaml')).toMatch(/secretKey: robot-ci-password/);
    expect(after.get('deployment-authentik-worker.patch.yaml')).toMatch(/name: AUTHENTIK_ROBOT_CI_PASSWORD/);
    expect(changeSummary(before, after)).toEqual(expect.arrayContaining([
      expect.stringMatching(/before merging: create field robot-ci-password in 1Password item "Authentik \(blumeops\)"/),
    ]));
  });
});
