import type { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { ApplicationAccess, Blueprint, CertificateKeyPair, Group, LdapProvider, OidcClient, validateApp } from '../constructs';
import { ForwardAuthApplication } from '../constructs/forward-auth';
import { ApplicationIntent, type ApplicationIntentProps } from '../constructs/intents/application-intent';
import { parseBlueprint, testChart } from './helpers';

/** Props of the smallest intent there is: an LDAP provider behind the shared application. */
interface DirectoryIntentProps extends ApplicationIntentProps {
  /** Base DN. */
  readonly baseDn?: string;
  /** Lets an http launch URL through. */
  readonly allowHttp?: boolean;
}

/** An intent written only for this test, to prove the building block carries an intent other than the two shipped. */
class DirectoryIntent extends ApplicationIntent<LdapProvider> {
  constructor(scope: Construct, id: string, props: DirectoryIntentProps) {
    super(scope, id, props, {
      rules: { baseDn: 'string', allowHttp: 'boolean' },
      slugReason: 'since it names the bind DN',
      slugExample: 'ldap',
      insecureProp: 'allowHttp',
      check: (where) => (props.baseDn === '' ? [`${where}: baseDn is empty; give the directory's base DN`] : []),
    });
    const provider = new LdapProvider(this, 'Provider', {
      state: this.entryState,
      name: props.name,
      baseDn: props.baseDn,
      authorizationFlow: props.authorizationFlow ?? ApplicationIntent.defaultAuthorizationFlow(),
      invalidationFlow: props.invalidationFlow ?? ApplicationIntent.defaultInvalidationFlow(),
      certificate: CertificateKeyPair.fromName('authentik Self-signed Certificate'),
    });
    this.addApplication(provider, props, props.launchUrl);
  }

  /** Calls `addApplication` again, which an intent must not do. */
  public addAgain(): void {
    this.addApplication(this.provider, { name: 'x', slug: 'x', access: ApplicationAccess.anyAuthenticatedUser() }, undefined);
  }
}

/** An intent that forgets to write its application. */
class ForgetfulIntent extends ApplicationIntent {
  constructor(scope: Construct, id: string, props: ApplicationIntentProps) {
    super(scope, id, props, { rules: {}, slugExample: 'x', insecureProp: 'allowHttp' });
  }
}

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'Dir', { fileName: 'dir.yaml', name: 'Dir' });
  const admins = new Group(bp, 'Admins', { name: 'admins' });
  return { chart, bp, admins };
}

const find = (model: string, ...query: [string, unknown][]) => ({ tag: '!Find', items: [model, ...query] });

describe('ApplicationIntent', () => {
  it('writes the application beside the intent\'s provider, the access bindings in order, with entry ids under the intent', () => {
    const { chart, bp, admins } = setup();
    const intent = new DirectoryIntent(bp, 'Directory', {
      name: 'Directory', slug: 'directory', applicationName: 'Company directory', baseDn: 'dc=example,dc=com',
      launchUrl: 'https://directory.example.com', access: ApplicationAccess.groups(admins, Group.fromName('ops')),
    });
    expect(validateApp(chart)).toEqual([]);
    expect(intent.application.node.path).toBe('Authentik/Dir/Directory/Application');
    expect(intent.provider.node.path).toBe('Authentik/Dir/Directory/Provider');
    expect(intent.bindings.map((b) => b.node.path)).toEqual(['Authentik/Dir/Directory/Binding-admins', 'Authentik/Dir/Directory/Binding-ops']);
    expect(intent.grant.access.groups).toEqual([admins, expect.objectContaining({ model: 'authentik_core.group' })]);
    const entries = parseBlueprint(bp.toYaml()).entries;
    expect(entries.find((e: any) => e.id === 'directory-application')).toEqual({
      model: 'authentik_core.application', id: 'directory-application', state: 'present', identifiers: { slug: 'directory' },
      attrs: {
        meta_launch_url: 'https://directory.example.com', name: 'Company directory', policy_engine_mode: 'any',
        provider: { tag: '!KeyOf', value: 'directory-provider' },
      },
    });
    expect(entries.find((e: any) => e.id === 'directory-provider').attrs).toMatchObject({
      authorization_flow: find('authentik_flows.flow', ['slug', 'default-provider-authorization-implicit-consent']),
      invalidation_flow: find('authentik_flows.flow', ['slug', 'default-provider-invalidation-flow']),
      base_dn: 'dc=example,dc=com',
    });
    expect(entries.filter((e: any) => e.model === 'authentik_policies.policybinding').map((e: any) => [e.id, e.attrs.order])).toEqual([
      ['directory-binding-admins', 0], ['directory-binding-ops', 1],
    ]);
  });

  it('retires provider, application and bindings together, and writes revoked groups\' bindings as absent', () => {
    const { chart, bp, admins } = setup();
    const live = new DirectoryIntent(bp, 'Live', {
      name: 'Live', slug: 'live', access: ApplicationAccess.groups(admins), revokedGroups: [Group.fromName('contractors')],
    });
    // a retired intent's own props are not judged: the http launch URL below would be refused on a live one
    new DirectoryIntent(bp, 'Old', { name: 'Old', slug: 'old', launchUrl: 'http://old.example.com', access: ApplicationAccess.groups(admins), retired: true });
    expect(validateApp(chart)).toEqual([]);
    expect(live.revokedBindings.map((b) => b.node.id)).toEqual(['Binding-contractors']);
    const states = Object.fromEntries(parseBlueprint(bp.toYaml()).entries.map((e: any) => [e.id, e.state]));
    expect(states).toMatchObject({
      'live-binding-contractors': 'absent', 'live-binding-admins': 'present',
      'old-provider': 'absent', 'old-application': 'absent', 'old-binding-admins': 'absent',
    });
  });

  it('checks the shared props and the intent\'s own together, each with path, field, value and fix', () => {
    const { chart, bp } = setup();
    new DirectoryIntent(bp, 'Bad', {
      name: 'Bad', slug: 'Bad Dir', launchUrl: 'http://dir.example.com', baseDn: '', revokedGroups: 'ops', acess: 1,
    } as any);
    new DirectoryIntent(bp, 'Lan', { name: 'Lan', slug: 'lan', launchUrl: 'http://lan.example.com', allowHttp: true, access: ApplicationAccess.anyAuthenticatedUser() });
    // the intent's own messages (the provider and the application judge their fields as well, under their own paths)
    expect(validateApp(chart).filter((p) => p.startsWith('Authentik/Dir/Bad:') || p.startsWith('Authentik/Dir/Lan'))).toEqual([
      'Authentik/Dir/Bad: revokedGroups must be a list; got string "ops"',
      'Authentik/Dir/Bad: "acess" is not a prop of this construct; did you mean "access"? (given number 1; known props: name, slug, '
      + 'applicationName, launchUrl, metaHide, access, revokedGroups, retired, authorizationFlow, invalidationFlow, baseDn, allowHttp)',
      'Authentik/Dir/Bad: access is required; give it a value',
      'Authentik/Dir/Bad: launchUrl "http://dir.example.com" must use https; set allowHttp for local development only',
      'Authentik/Dir/Bad: slug "Bad Dir" must be lowercase letters, digits and -, since it names the bind DN; e.g. "ldap"',
      'Authentik/Dir/Bad: baseDn is empty; give the directory\'s base DN',
    ]);
  });

  it('writes the application once, and says so when an intent asks for it before writing it or writes it twice', () => {
    const { bp } = setup();
    const intent = new DirectoryIntent(bp, 'Directory', { name: 'D', slug: 'd', access: ApplicationAccess.anyAuthenticatedUser() });
    expect(() => intent.addAgain()).toThrow('Authentik/Dir/Directory: addApplication is called once, by the intent\'s constructor');
    const forgetful = new ForgetfulIntent(bp, 'Forgetful', { name: 'F', slug: 'f', access: ApplicationAccess.anyAuthenticatedUser() });
    expect(() => forgetful.application).toThrow('Authentik/Dir/Forgetful: the intent\'s constructor has not called addApplication yet');
    expect(() => forgetful.bindings).toThrow(/has not called addApplication yet/);
  });

  it('is what OidcClient and ForwardAuthApplication are built on: the same application, access and retirement', () => {
    const { chart, bp, admins } = setup();
    const oidc = new OidcClient(bp, 'Wiki', {
      name: 'Wiki', slug: 'wiki', redirectUris: ['https://wiki.example.com/cb'], access: ApplicationAccess.groups(admins),
    });
    const proxy = new ForwardAuthApplication(bp, 'Whoami', {
      name: 'Whoami', slug: 'whoami', externalHost: 'https://whoami.example.com', access: ApplicationAccess.groups(admins),
    });
    expect(validateApp(chart)).toEqual([]);
    for (const intent of [oidc, proxy]) {
      expect(intent).toBeInstanceOf(ApplicationIntent);
      expect(intent.application.provider).toBe(intent.provider);
      expect(intent.bindings.map((b) => b.node.id)).toEqual(['Binding-admins']);
    }
    // the launch URL each intent chooses: none for an OIDC client (authentik derives it), the external host for forward auth
    const apps = Object.fromEntries(parseBlueprint(bp.toYaml()).entries.filter((e: any) => e.model === 'authentik_core.application')
      .map((e: any) => [e.id, e.attrs.meta_launch_url]));
    expect(apps).toEqual({ 'wiki-application': undefined, 'whoami-application': 'https://whoami.example.com' });
  });
});

describe('ApplicationIntent metaHide', () => {
  it('hides either intent\'s application from the dashboard under 2026.5, and is refused under 2026.2 with the releases that have it', () => {
    const chart = testChart({ authentikVersion: '2026.5' });
    const bp = new Blueprint(chart, 'Dir', { fileName: 'dir.yaml', name: 'Dir' });
    new OidcClient(bp, 'Cli', { name: 'Cli', slug: 'cli', redirectUris: ['http://localhost:8000/cb'], allowInsecureRedirectUris: true, access: ApplicationAccess.anyAuthenticatedUser(), metaHide: true });
    new ForwardAuthApplication(bp, 'Api', { name: 'Api', slug: 'api', externalHost: 'https://api.example.com', access: ApplicationAccess.anyAuthenticatedUser(), metaHide: true });
    expect(validateApp(chart)).toEqual([]);
    const hidden = parseBlueprint(bp.toYaml()).entries.filter((e: any) => e.model === 'authentik_core.application').map((e: any) => [e.id, e.attrs.meta_hide]);
    expect(hidden).toEqual([['api-application', true], ['cli-application', true]]);

    const old = testChart({ authentikVersion: '2026.2' });
    new DirectoryIntent(new Blueprint(old, 'Dir', { fileName: 'dir.yaml', name: 'Dir' }), 'D', { name: 'D', slug: 'd', access: ApplicationAccess.anyAuthenticatedUser(), metaHide: true });
    expect(validateApp(old)).toEqual([expect.stringMatching(/^Authentik\/Dir\/D\/Application: "metaHide" \(given true\) is not an attribute of authentik_core.application in authentik 2026.2 .*authentik 2026.5, 2026.8 have it/)]);
  });

  it('refuses a metaHide that is not a boolean', () => {
    const chart = testChart({ authentikVersion: '2026.5' });
    new DirectoryIntent(new Blueprint(chart, 'Dir', { fileName: 'dir.yaml', name: 'Dir' }), 'D', { name: 'D', slug: 'd', access: ApplicationAccess.anyAuthenticatedUser(), metaHide: 'yes' as never });
    expect(validateApp(chart)).toEqual(['Authentik/Dir/D: metaHide must be true or false; got string "yes"']);
  });
});
