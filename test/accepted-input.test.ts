import { describe, expect, it } from 'vitest';
import { Application, ApplicationAccess, AuthenticatorValidateStage, Blueprint, CertificateKeyPair, EntryState, Flow, Group, ModelEntry, OAuth2Provider, OidcClient, ProxyProvider, RedirectUri, Tag, WorkerSecret, validateApp, type AuthentikChart, type BlueprintValue } from '../constructs';
import { camelize } from '../constructs/authentik/model-schema';
import * as JudgedConstructs from '../constructs';
import { RedirectStage } from '../constructs/authentik/stages/redirect-stage';
import { ReputationPolicy } from '../constructs/authentik/policies/reputation-policy';
import { EventMatcherPolicy } from '../constructs/authentik/policies/event-matcher-policy';
import { ApplyBlueprint } from '../constructs/authentik/apply-blueprint';
import { AuthenticatorTotpStage } from '../constructs/authentik/stages/authenticator-totp-stage';
import { BlueprintInstance } from '../constructs/authentik/blueprint-instance';
import { Outpost } from '../constructs/authentik/outpost';
import { secretFields } from '../constructs/authentik/private/secret-fields';
import { camelKeys, CORPUS_FILES, readCorpusFile, toConstructValue } from './corpus-entries';
import { parseBlueprint, testChart } from './helpers';
import { SOURCE_ACCEPTED } from './judgement-sources-accepted';
import { JSON_SECRET_ACCEPTED } from './judgement-json-secrets-cases';

/** A chart with one blueprint `Authentik/Extra` (file extra.yaml) for the declaration under test. */
function declare(fill: (bp: Blueprint, chart: AuthentikChart) => void, props: { context?: Record<string, BlueprintValue> } = {}):
  { problems: string[]; entries: any[]; document: any } {
  const chart = testChart();
  const bp = new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra', ...props });
  fill(bp, chart);
  const problems = validateApp(chart);
  const document = problems.length === 0 ? parseBlueprint(bp.toYaml()) : undefined;
  return { problems, entries: document?.entries ?? [], document };
}

const FLOWS = {
  authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
  invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
};

describe('accepted input', () => {
  it.each([
    ['(?i)https://grafana\\.example/login/generic_oauth'],
    ['\\Ahttps://[a-z0-9-]+\\.example/cb\\Z'],
    ['https://(?P<tenant>[a-z]+)\\.example/(?P=tenant)/cb'],
    ['https://a++\\.example/cb'],
    ['https://(?>[a-z]+)\\.example/cb'],
    ['https://[a-z]*+\\.example/cb'],
    ['(?x) https://grafana\\.example/cb  # a comment'],
  ])('accepts the Python-only regex redirect URI %s', (pattern) => {
    const { problems, entries } = declare((bp) => new OidcClient(bp, 'C', {
      name: 'C', slug: 'c', redirectUris: ['https://c.example/cb'], redirectUriPatterns: [pattern], access: ApplicationAccess.anyAuthenticatedUser(),
    }));
    expect(problems).toEqual([]);
    const provider = entries.find((e) => e.model === 'authentik_providers_oauth2.oauth2provider');
    expect(provider.attrs.redirect_uris).toContainEqual({ matching_mode: 'regex', url: pattern });
  });

  it('accepts an OIDC client whose launch URL authentik formats per user (%(username)s), and writes it as given', () => {
    // authentik/core/models.py: meta_launch_url carries DomainlessFormattedURLValidator; a WHATWG URL parser refuses the host
    const { problems, entries } = declare((bp) => new OidcClient(bp, 'C', {
      name: 'C', slug: 'c', redirectUris: ['https://c.example/cb'], launchUrl: 'https://%(username)s.home.example.com/', access: ApplicationAccess.anyAuthenticatedUser(),
    }));
    expect(problems).toEqual([]);
    expect(entries.find((e) => e.model === 'authentik_core.application').attrs.meta_launch_url).toBe('https://%(username)s.home.example.com/');
  });

  it('accepts a regex redirect URI on an OAuth2Provider too', () => {
    const { problems } = declare((bp) => new OAuth2Provider(bp, 'P', {
      name: 'P', ...FLOWS, clientType: 'public', signingKey: CertificateKeyPair.fromName('authentik Self-signed Certificate'),
      redirectUris: [RedirectUri.regex('(?i)\\Ahttps://(?P<h>[a-z]+)\\.example/cb\\Z')],
    }));
    expect(problems).toEqual([]);
  });

  it('accepts an application icon, written as meta_icon', () => {
    const { problems, entries } = declare((bp) => {
      new Application(bp, 'A', { name: 'A', slug: 'a', icon: 'https://a.example/favicon.png' });
      new ModelEntry(bp, 'B', { model: 'authentik_core.application', identifiers: { slug: 'b' }, attributes: { name: 'B', icon: 'application-icons/b.svg' } });
    });
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.attrs.icon ?? e.attrs.meta_icon)).toEqual(['https://a.example/favicon.png', 'application-icons/b.svg']);
  });

  it('accepts meta apply-blueprint entries without identifiers, several in one file (ModelEntry and ApplyBlueprint)', () => {
    const { problems, entries } = declare((bp) => {
      new ModelEntry(bp, 'First', { model: 'authentik_blueprints.metaapplyblueprint', attributes: { identifiers: { name: 'Default - Authentication flow' }, required: false } });
      new ModelEntry(bp, 'Second', { model: 'authentik_blueprints.metaapplyblueprint', attributes: { identifiers: { name: 'Default - Invalidation flow' }, required: false } });
      new ApplyBlueprint(bp, 'Third', { blueprint: BlueprintInstance.fromName('Default - Password change flow'), required: false });
      new ApplyBlueprint(bp, 'Fourth', { blueprint: BlueprintInstance.fromPath('default/flow-oobe.yaml') });
    });
    expect(problems).toEqual([]);
    const meta = entries.filter((e) => e.model === 'authentik_blueprints.metaapplyblueprint');
    expect(meta).toHaveLength(4);
    for (const e of meta) expect(e.identifiers ?? {}).toEqual({});
  });

  it('accepts an update of the embedded outpost, writing only what is given', () => {
    const { problems, entries } = declare((bp) => {
      const proxy = new ProxyProvider(bp, 'Proxy', {
        name: 'Proxy', ...FLOWS, externalHost: 'https://proxy.example', mode: 'forward_single',
      } as never);
      new Application(bp, 'App', { name: 'Proxy', slug: 'proxy', provider: proxy });
      Outpost.embedded(bp, 'Embedded', { providers: [proxy] });
    });
    expect(problems).toEqual([]);
    const outpost = entries.find((e) => e.model === 'authentik_outposts.outpost');
    expect(outpost.identifiers).toEqual({ name: 'authentik Embedded Outpost' });
    expect(Object.keys(outpost.attrs)).toEqual(['providers']);
  });

  // authentik reads configuration_stages from the same request when not_configured_action is "configure"
  // (authentik/stages/authenticator_validate/api.py), so an update setting it names them too
  it('accepts an update of the built-in MFA validation stage with only the fields changed', () => {
    const { problems, entries } = declare((bp) => new AuthenticatorValidateStage(bp, 'Mfa', {
      name: 'default-authentication-mfa-validation', updatesExisting: true, notConfiguredAction: 'configure',
      configurationStages: [AuthenticatorTotpStage.fromName('default-authenticator-totp-setup')],
    } as never));
    expect(problems).toEqual([]);
    const mfa = entries.find((e) => e.identifiers.name === 'default-authentication-mfa-validation');
    expect(mfa).toMatchObject({ attrs: { not_configured_action: 'configure' } });
    expect(Object.keys(mfa.attrs).sort()).toEqual(['configuration_stages', 'not_configured_action']);
  });

  it('accepts a flow update without name or title', () => {
    const { problems, entries } = declare((bp) => new Flow(bp, 'F', { slug: 'default-authentication-flow', updatesExisting: true, compatibilityMode: true }));
    expect(problems).toEqual([]);
    expect(entries[0]).toMatchObject({ identifiers: { slug: 'default-authentication-flow' }, attrs: { compatibility_mode: true } });
    expect(entries[0].attrs.name).toBeUndefined();
  });

  it('accepts !If with the condition alone, state: created, and a declared certificate as signingKey', () => {
    const { problems, entries } = declare((bp) => {
      const key = new CertificateKeyPair(bp, 'Key', {
        name: 'k', certificateData: Tag.scalar('!File', '/certs/k/cert.pem'), keyData: Tag.scalar('!File', '/certs/k/key.pem'),
      } as never);
      new Group(bp, 'G', { name: 'g', isSuperuser: Tag.if(Tag.context('superusers')) as never, state: EntryState.CREATED });
      new OAuth2Provider(bp, 'P', { name: 'P', ...FLOWS, clientType: 'public', signingKey: key, redirectUris: [RedirectUri.strict('https://p.example/cb')] });
    }, { context: { superusers: false } });
    expect(problems).toEqual([]);
    const group = entries.find((e) => e.model === 'authentik_core.group');
    expect(group).toMatchObject({ state: 'created', attrs: { is_superuser: { tag: '!If', items: [{ tag: '!Context', value: 'superusers' }] } } });
    const provider = entries.find((e) => e.model === 'authentik_providers_oauth2.oauth2provider');
    expect(provider.attrs.signing_key).toEqual({ tag: '!KeyOf', value: entries.find((e) => e.model === 'authentik_crypto.certificatekeypair').id });
  });

  it('accepts !Context secrets backed by !Env in the blueprint context', () => {
    const { problems, document } = declare((bp) => {
      new WorkerSecret(bp, 'Password', { envVar: 'AUTHENTIK_BOOTSTRAP_PASSWORD', secretKey: 'bootstrap-password' });
      new ModelEntry(bp, 'Admin', {
        model: 'authentik_core.user', identifiers: { username: 'akadmin' }, attributes: { name: 'Admin', password: Tag.context('password') }, state: EntryState.CREATED,
      });
    }, { context: { password: Tag.env('AUTHENTIK_BOOTSTRAP_PASSWORD'), token: Tag.sequence('!Env', ['AUTHENTIK_BOOTSTRAP_TOKEN', null]) } });
    expect(problems).toEqual([]);
    expect(document.context.password).toEqual({ tag: '!Env', value: 'AUTHENTIK_BOOTSTRAP_PASSWORD' });
  });
});

// --- every blueprint authentik 2026.2 ships, entry by entry through ModelEntry ---

const files = CORPUS_FILES;

// fields of the shipped files that authentik 2026.2's serializers no longer have: authentik drops them
// without a word (the identification stage's `template`, the notification rule's `group`, now
// `destination_group`, the LDAP mapping's `object_field`); the constructs refuse them (checked below),
// so the translation leaves them out
const STALE: Record<string, readonly string[]> = {
  'authentik_stages_identification.identificationstage': ['template'],
  'authentik_events.notificationrule': ['group'],
  'authentik_sources_ldap.ldapsourcepropertymapping': ['object_field'],
};



/** Declares every entry of a parsed corpus file as a ModelEntry with its exact identifiers, attrs, state and conditions. */
function declareCorpusFile(bp: Blueprint, document: any, stale: Record<string, readonly string[]>): void {
  const declared = new Map<string, unknown>();
  (document.entries as any[]).forEach((e, i) => {
    const attrs = toConstructValue(e.attrs ?? {}, declared);
    for (const field of stale[e.model] ?? []) delete attrs[field];
    // a literal secret of an example file comes from the worker here, as the constructs require
    for (const field of secretFields(e.model)) {
      if (typeof attrs[field] === 'string' && attrs[field] !== '') {
        attrs[field] = new WorkerSecret(bp, `Entry${i}Secret`, { envVar: `AUTHENTIK_ENTRY${i}_${field.toUpperCase()}`, secretKey: `entry${i}-${field.replace(/_/g, '-')}` });
      }
    }
    const entry = new ModelEntry(bp, `Entry${i}`, {
      model: e.model,
      identifiers: camelKeys(toConstructValue(e.identifiers ?? {}, declared)) as Record<string, BlueprintValue>,
      attributes: camelKeys(attrs) as Record<string, BlueprintValue>,
      state: e.state,
      conditions: e.conditions === undefined ? undefined : toConstructValue(e.conditions, declared),
    });
    if (e.id !== undefined) declared.set(e.id, entry);
  });
}

describe('authentik 2026.2\'s own blueprints, written through ModelEntry', () => {
  it('covers every shipped file', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s synthesizes without a single problem', (file) => {
    const document = readCorpusFile(file);
    const chart = testChart();
    const bp = new Blueprint(chart, 'Corpus', {
      fileName: 'corpus.yaml', name: document.metadata.name,
      context: document.context === undefined ? undefined : toConstructValue(document.context, new Map()),
    });
    declareCorpusFile(bp, document, STALE);
    expect(validateApp(chart)).toEqual([]);
    expect(parseBlueprint(bp.toYaml()).entries).toHaveLength(document.entries.length);
  });

  it.each(Object.entries(STALE).map(([model, fields]) => [model, fields[0]]))('refuses %s\'s stale field %s, which authentik 2026.2 would drop', (model, field) => {
    const file = files.find((f) => (readCorpusFile(f).entries as any[]).some((e) => e.model === model && e.attrs?.[field] !== undefined))!;
    const document = readCorpusFile(file);
    const chart = testChart();
    const bp = new Blueprint(chart, 'Corpus', { fileName: 'corpus.yaml', name: document.metadata.name });
    declareCorpusFile(bp, document, {});
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(
      new RegExp(`"${camelize(field)}" is not an attribute of ${model.replace(/\./g, '\\.')} in authentik 2026\\.2\\.0 \\(authentik would silently drop it\\)`)));
  });
});

// legitimate inputs next to each of authentik's judgement rules (constructs/authentik/rules/): none is refused
const PEM_CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJ0vY\nAbCd+/=\n-----END CERTIFICATE-----\n';
const JUDGED_FLOWS = {
  authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
  invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
};
const judgedProxy = (bp: Blueprint, overrides: Record<string, unknown>): void => {
  new JudgedConstructs.ProxyProvider(bp, 'P', { name: 'p', ...JUDGED_FLOWS, externalHost: 'https://p.example', mode: 'forward_single', ...overrides } as never);
};
const JUDGED_ACCEPTED: Array<[string, (bp: Blueprint) => void]> = [
  ['an identification stage with sources and no user fields (social login only)', (bp) => new JudgedConstructs.IdentificationStage(bp, 'S', { name: 's', userFields: [], sources: [JudgedConstructs.Source.fromSlug('github')] })],
  ['an identification stage with user fields from a tag', (bp) => new ModelEntry(bp, 'S', { model: 'authentik_stages_identification.identificationstage', identifiers: { name: 's' }, attributes: { userFields: Tag.context('fields') } as never })],
  ['a validation stage that configures TOTP', (bp) => new AuthenticatorValidateStage(bp, 'S', { name: 's', notConfiguredAction: 'configure', configurationStages: [AuthenticatorTotpStage.fromName('default-authenticator-totp-setup')] })],
  ['a validation stage that skips users without devices', (bp) => new AuthenticatorValidateStage(bp, 'S', { name: 's', notConfiguredAction: 'skip' })],
  ['a redirect stage in flow mode with its flow', (bp) => new RedirectStage(bp, 'S', { name: 's', mode: 'flow', targetFlow: Flow.fromSlug('default-source-enrollment') })],
  ['a redirect stage in static mode with its URL', (bp) => new RedirectStage(bp, 'S', { name: 's', mode: 'static', targetStatic: 'https://example.com/welcome' })],
  ['a multi-line expression policy', (bp) => new JudgedConstructs.ExpressionPolicy(bp, 'P', { name: 'p', expression: 'if request.user.is_anonymous:\n    return False\nreturn ak_is_group_member(request.user, name="admins")\n' })],
  ['a groups scope mapping with a comprehension', (bp) => new JudgedConstructs.ScopeMapping(bp, 'S', { name: 'groups', scopeName: 'groups', expression: 'return {"groups": [g.name for g in request.user.ak_groups.all()]}' })],
  ['a reputation policy checking the username only', (bp) => new ReputationPolicy(bp, 'P', { name: 'p', checkIp: false, checkUsername: true })],
  ['an event matcher on failed logins', (bp) => new EventMatcherPolicy(bp, 'P', { name: 'p', action: 'login_failed' })],
  ['a forward-auth proxy update with its mode', (bp) => judgedProxy(bp, { name: 'elsewhere', updatesExisting: true, mode: 'forward_single' })],
  ['a proxy in proxy mode to an in-cluster http service', (bp) => judgedProxy(bp, { mode: 'proxy', internalHost: 'http://grafana.monitoring.svc:3000' })],
  ['skip-path patterns RE2 takes', (bp) => judgedProxy(bp, { skipPathRegex: '^/api/.*\n^/(?P<asset>static|media)/\n(?i)^/health\\z\n' })],
  ['basic auth with both attributes', (bp) => judgedProxy(bp, { basicAuthEnabled: true, basicAuthUserAttribute: 'username', basicAuthPasswordAttribute: 'app_password' })],
  ['a wildcard host in a regex redirect URI', (bp) => new OAuth2Provider(bp, 'P', { name: 'p', ...JUDGED_FLOWS, clientType: 'public', signingKey: CertificateKeyPair.fromName('authentik Self-signed Certificate'), redirectUris: [RedirectUri.regex('^https://[a-z0-9-]+\\.example\\.com/cb$')] })],
  ['the embedded outpost with no providers yet', (bp) => Outpost.embedded(bp, 'E')],
  ['an outpost config with Kubernetes settings of the right types', (bp) => {
    const p = new ProxyProvider(bp, 'Prov', { name: 'prov', ...JUDGED_FLOWS, externalHost: 'https://prov.example', mode: 'forward_single' } as never);
    new Application(bp, 'App', { name: 'App', slug: 'app', provider: p });
    new Outpost(bp, 'O', { name: 'o', type: 'proxy', providers: [p], config: { authentik_host: 'https://auth.example', kubernetes_replicas: 2, kubernetes_ingress_annotations: { a: 'b' }, kubernetes_disabled_components: ['traefik middleware'], docker_labels: null, log_level: 'info' } });
  }],
  ['a certificate in PEM', (bp) => new CertificateKeyPair(bp, 'C', { name: 'c', certificateData: PEM_CERT } as never)],
  ['a certificate read from a file with !File', (bp) => new CertificateKeyPair(bp, 'C', { name: 'c', certificateData: Tag.scalar('!File', '/certs/tls.crt') } as never)],
  ['a user path with segments', (bp) => new JudgedConstructs.User(bp, 'U', { username: 'u', name: 'U', path: 'users/homelab/admins' })],
  ['a role with real permissions', (bp) => new JudgedConstructs.Role(bp, 'R', { name: 'r', permissions: ['authentik_core.view_user', 'authentik_core.view_group', 'authentik_flows.view_flow'] })],
  ['a webhook URL without a credential', (bp) => new JudgedConstructs.NotificationTransport(bp, 'T', { name: 't', mode: 'webhook', webhookUrl: 'https://ntfy.example/authentik?priority=high' } as never)],
  ['flow-stage bindings with distinct orders', (bp) => {
    const f = new Flow(bp, 'F', { slug: 'f', name: 'F', title: 'F', designation: 'authentication' });
    new JudgedConstructs.FlowStageBinding(bp, 'B1', { target: f, stage: JudgedConstructs.Stage.fromName('default-authentication-identification'), order: 10 });
    new JudgedConstructs.FlowStageBinding(bp, 'B2', { target: f, stage: JudgedConstructs.Stage.fromName('default-authentication-password'), order: 20 });
  }],
  ['the shipped default brand made non-default and a new default brand', (bp) => {
    JudgedConstructs.Brand.defaultBrand(bp, 'Shipped', { default: false });
    new JudgedConstructs.Brand(bp, 'B', { domain: 'auth.example.com', default: true });
  }],
  ['lookups of shipped objects by their names', (bp) => new JudgedConstructs.FlowStageBinding(bp, 'B', { target: Flow.fromSlug('default-authentication-flow'), stage: JudgedConstructs.Stage.fromName('default-authentication-mfa-validation'), order: 25 })],
  ['a lookup of an object of authentik\'s example blueprints (applied elsewhere)', (bp) => new JudgedConstructs.Brand(bp, 'B', { domain: 'b.example.com', flowRecovery: Flow.fromSlug('default-recovery-flow') })],
  ['a SAML provider that signs its assertions', (bp) => new JudgedConstructs.SamlProvider(bp, 'P', { name: 'saml', acsUrl: 'https://sp.example/acs', ...JUDGED_FLOWS, signingKp: CertificateKeyPair.fromName('authentik Self-signed Certificate'), signAssertion: true })],
  // URL fields as authentik's validators take them (constructs/authentik/rules/urls.ts), each one step from a refused value
  ['an application launching a per-user URL (%(username)s, DomainlessFormattedURLValidator)', (bp) => new JudgedConstructs.Application(bp, 'A', { name: 'Homes', slug: 'homes', metaLaunchUrl: 'https://%(username)s.home.example.com/' })],
  ['an application with no launch URL (blank)', (bp) => new JudgedConstructs.Application(bp, 'A', { name: 'Hidden', slug: 'hidden', metaLaunchUrl: '' })],
  ['an application whose launch URL is blank://blank (hidden from the library)', (bp) => new JudgedConstructs.Application(bp, 'A', { name: 'Blank', slug: 'blank', metaLaunchUrl: 'blank://blank' })],
  ['an application on an internationalised domain', (bp) => new JudgedConstructs.Application(bp, 'A', { name: 'Café', slug: 'cafe', metaLaunchUrl: 'https://café.example/' })],
  ['a proxy provider reaching a Kubernetes service without a domain', (bp) => judgedProxy(bp, { mode: 'proxy', externalHost: 'https://grafana.example.com', internalHost: 'http://grafana.monitoring:3000' })],
  ['a proxy provider reaching an IPv4 and port', (bp) => judgedProxy(bp, { mode: 'proxy', externalHost: 'https://nas.example.com', internalHost: 'https://192.168.1.20:5001' })],
  ['a proxy provider reaching an IPv6 host', (bp) => judgedProxy(bp, { mode: 'proxy', externalHost: 'https://nas.example.com', internalHost: 'http://[fd00::20]:8080' })],
  ['a proxy provider during development on localhost', (bp) => judgedProxy(bp, { mode: 'proxy', externalHost: 'http://localhost:9000', internalHost: 'http://localhost:3000' })],
  ['an LDAP source with two domain controllers', (bp) => new ModelEntry(bp, 'L', { model: 'authentik_sources_ldap.ldapsource', identifiers: { slug: 'ad' }, attributes: {
    name: 'AD', serverUri: 'ldaps://dc1.corp.example.com,ldaps://dc2.corp.example.com:636', baseDn: 'dc=corp,dc=example,dc=com', syncUsers: false, syncGroups: false,
  } } as never)],
  ['a webhook transport to a bare in-cluster host', (bp) => new ModelEntry(bp, 'T', { model: 'authentik_events.notificationtransport', identifiers: { name: 'ntfy' }, attributes: {
    mode: 'webhook', webhookUrl: 'http://ntfy/authentik',
  } } as never)],
  ...SOURCE_ACCEPTED,
  ...JSON_SECRET_ACCEPTED,
];

describe('accepted input next to authentik\'s judgement', () => {
  it.each(JUDGED_ACCEPTED)('accepts %s', (_name, fill) => {
    const { problems } = declare(fill);
    expect(problems).toEqual([]);
  });
});
