import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application, ApplicationAccess, AuthenticatorValidateStage, AuthentikChart, BindingSubject, Blueprint, CaptchaStage, CertificateKeyPair, EntryState, ExpressionPolicy, Flow, FlowStageBinding, Group, IdentificationStage, LdapProvider, ModelEntry, OAuth2Provider, OidcClient, PasswordStage, PolicyBinding, ProxyProvider, RedirectUri, ScopeMapping, ServiceAccount, Tag, UserLoginStage, WorkerSecret, type OidcClientProps } from '../constructs';
import { ApplyBlueprint } from '../constructs/authentik/apply-blueprint';
import { Brand } from '../constructs/authentik/brand';
import { NotificationRule } from '../constructs/authentik/notification-rule';
import { Outpost } from '../constructs/authentik/outpost';
import { Role } from '../constructs/authentik/role';
import { Token } from '../constructs/authentik/token';
import { User } from '../constructs/authentik/user';
import { JUDGEMENT_CASES } from './judgement-cases';
import { RELEASE_CASES } from './bad-input-releases-cases';
import { SOURCE_JUDGEMENT_CASES } from './judgement-sources-cases';
import { synthBlumeops, synthBlumeopsWith } from './synth-mistakes';
import { JSON_SECRET_CASES } from './judgement-json-secrets-cases';

interface Declared {
  readonly chart: AuthentikChart;
  readonly admins: Group;
  readonly grafana: Blueprint;
  readonly zot: Blueprint;
}

/** A valid client for the blueprint under test; cases override one thing. */
const client = (overrides: Partial<OidcClientProps> = {}): OidcClientProps => ({
  name: 'Immich',
  slug: 'immich',
  redirectUris: ['https://immich.example/sso/callback'],
  launchUrl: 'https://immich.example',
  access: ApplicationAccess.anyAuthenticatedUser(),
  ...overrides,
});

const newBlueprint = (d: Declared, id = 'Extra', fileName = 'extra.yaml', name = 'Extra'): Blueprint =>
  new Blueprint(d.chart, id, { fileName, name });

const FLOWS = {
  authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
  invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
};
const SIGNING_KEY = CertificateKeyPair.fromName('authentik Self-signed Certificate');

/** A valid public OAuth2 provider `Authentik/Extra/P`; cases override one prop (plain-JavaScript style, unchecked by tsc). */
const provider = (bp: Blueprint, overrides: Record<string, unknown> = {}): OAuth2Provider => new OAuth2Provider(bp, 'P', {
  name: 'P', ...FLOWS, clientType: 'public', redirectUris: [RedirectUri.strict('https://p.example/cb')], signingKey: SIGNING_KEY, ...overrides,
} as never);

/** A `ModelEntry` `Authentik/Extra/M` (props unchecked by tsc, as plain JavaScript would pass them). */
const modelEntry = (d: Declared, model: string, identifiers: unknown, attributes: unknown = {}, options: Record<string, unknown> = {}): void => {
  new ModelEntry(newBlueprint(d), 'M', { model, identifiers, attributes, ...options } as never);
};

/** A second chart `Other` in the same app with one prop overridden. */
const otherChart = (d: Declared, overrides: Record<string, unknown>): void => {
  new AuthentikChart(d.chart.node.scope as never, 'Other', {
    namespace: 'authentik', authentikVersion: '2026.2', kustomizeBase: '../base', secretStoreName: 'store', secretRemoteKey: 'Authentik (test)', ...overrides,
  } as never);
};

const cases: Array<[string, (d: Declared) => void, RegExp]> = [
  ['a redirect URI uses plain http', (d) => new OidcClient(newBlueprint(d), 'C', client({ redirectUris: ['http://immich.example/cb'] })),
    /Authentik\/Extra\/C\/Provider: redirectUris\[0\]: redirect URI "http:\/\/immich.example\/cb" must use https/],
  ['a redirect URI is relative', (d) => new OidcClient(newBlueprint(d), 'C', client({ redirectUris: ['/sso/callback'] })),
    /redirectUris\[0\]: redirect URI "\/sso\/callback" is not an absolute URL; write it in full/],
  ['a redirect URI has a fragment', (d) => new OidcClient(newBlueprint(d), 'C', client({ redirectUris: ['https://j.example/cb#x'] })),
    /has a fragment, which OAuth2 forbids/],
  ['a regex redirect URI does not compile', (d) => new OidcClient(newBlueprint(d), 'C', client({ redirectUriPatterns: ['https://(j.example/.*'] })),
    /redirectUris\[1\]: regex redirect URI "https:\/\/\(j.example\/\.\*" does not compile/],
  ['a client lists no groups instead of opening access explicitly', (d) => new OidcClient(newBlueprint(d), 'C', client({ access: ApplicationAccess.groups() })),
    /Authentik\/Extra\/C\/Application: access lists no groups; .*ApplicationAccess.anyAuthenticatedUser\(\)/],
  ['a group is both allowed and revoked', (d) => new OidcClient(newBlueprint(d), 'C', client({ access: ApplicationAccess.groups(d.admins), revokedGroups: [d.admins] })),
    /Authentik\/Extra\/C\/Application: group admins is both allowed \(access\) and revoked; keep it in one list/],
  ['a client lists a group twice', (d) => new OidcClient(newBlueprint(d), 'C', client({ access: ApplicationAccess.groups(d.admins, d.admins) })),
    /access lists group admins twice/],
  ['the launch URL is not absolute', (d) => new OidcClient(newBlueprint(d), 'C', client({ launchUrl: 'immich.example' })),
    /Application\.meta_launch_url: "immich\.example" is not a URL authentik takes \(authentik\/core\/models\.py\): .*not an absolute URL/],
  ['the launch URL uses plain http', (d) => new OidcClient(newBlueprint(d), 'C', client({ launchUrl: 'http://immich.example' })),
    /launchUrl "http:\/\/immich.example" must use https/],
  ['a slug has characters that cannot name the secret', (d) => new OidcClient(newBlueprint(d), 'C', client({ slug: 'Jelly Fin' })),
    /slug "Jelly Fin" must be lowercase letters, digits and -/],
  ['a slug is reserved by authentik', (d) => new OidcClient(newBlueprint(d), 'C', client({ slug: 'token' })),
    /Authentik\/Extra\/C\/Application: slug "token" is reserved by authentik's OAuth2 endpoints/],
  ['two clients share a slug, and so a worker variable', (d) => new OidcClient(newBlueprint(d), 'C', client({ name: 'Grafana 2', slug: 'grafana' })),
    /environment variable AUTHENTIK_GRAFANA_CLIENT_SECRET is set by Authentik\/Grafana\/Grafana\/ClientSecret and Authentik\/Extra\/C\/ClientSecret/],
  ['two clients share a client id', (d) => new OidcClient(newBlueprint(d), 'C', client({ clientId: 'grafana' })),
    /OAuth2 client id "grafana" is used by Authentik\/Grafana\/Grafana\/Provider and Authentik\/Extra\/C\/Provider/],
  ['two providers share a name', (d) => new OidcClient(newBlueprint(d), 'C', client({ name: 'Grafana' })),
    /authentik_providers_oauth2.oauth2provider name="Grafana" is declared by Authentik\/Grafana\/Grafana\/Provider and Authentik\/Extra\/C\/Provider/],
  ['two groups share a name', (d) => new Group(d.zot, 'MoreAdmins', { name: 'admins' }),
    /authentik_core.group name="admins" is declared by Authentik\/Common\/Admins and Authentik\/Zot\/MoreAdmins/],
  ['two service accounts share a username', (d) => new ServiceAccount(newBlueprint(d), 'Ci', { username: 'zot-ci', name: 'Other' }),
    /authentik_core.user username="zot-ci" is declared by/],
  ['two blueprints share a file name', (d) => newBlueprint(d, 'Extra', 'grafana.yaml'),
    /blueprint file grafana.yaml is declared by Authentik\/Grafana and Authentik\/Extra/],
  ['two blueprints share a metadata name', (d) => newBlueprint(d, 'Extra', 'extra.yaml', 'BlumeOps Grafana SSO'),
    /blueprint name "BlumeOps Grafana SSO" is used by Authentik\/Grafana and Authentik\/Extra/],
  ['a blueprint file ends in .yml, which authentik ignores', (d) => newBlueprint(d, 'Extra', 'extra.yml'),
    /Authentik\/Extra: fileName "extra.yml" must be a plain file name ending in .yaml/],
  ['a blueprint file starts with a dot, which authentik skips', (d) => newBlueprint(d, 'Extra', '.hidden.yaml'),
    /fileName ".hidden.yaml" must be a plain file name/],
  ['a blueprint has an empty name', (d) => newBlueprint(d, 'Extra', 'extra.yaml', ' '),
    /Authentik\/Extra: name \(metadata.name\) is empty/],
  ['an attribute is unknown to authentik, which would drop it silently', (d) => new ModelEntry(newBlueprint(d), 'Flow', {
    model: 'authentik_flows.flow', identifiers: { slug: 'f' }, attributes: { titel: 'x' } as never,
  }), /Authentik\/Extra\/Flow: "titel" is not an attribute of authentik_flows.flow .*silently drop/],
  ['an enum value is not one authentik accepts', (d) => new Application(newBlueprint(d), 'App', { name: 'A', slug: 'a', policyEngineMode: 'some' as never }),
    /Authentik\/Extra\/App \(authentik_core.application\): policy_engine_mode must be one of "all", "any" \(given "some"\)/],
  ['an identifier does not match authentik\'s pattern', (d) => new ModelEntry(newBlueprint(d), 'Token', {
    model: 'authentik_core.token', identifiers: { identifier: 'bad id!' },
  }), /identifier must match pattern "\^\[-a-zA-Z0-9_\]\+\$" \(given "bad id!"\)/],
  ['a value is longer than authentik allows', (d) => new OidcClient(newBlueprint(d), 'C', client({ clientId: 'x'.repeat(300) })),
    /client_id must NOT have more than 255 characters \(given "x{59}…\(302 characters\)\)/],
  ['a field authentik requires is missing', (d) => new ModelEntry(newBlueprint(d), 'P', {
    model: 'authentik_providers_oauth2.oauth2provider', identifiers: { name: 'P' }, attributes: { redirectUris: [] },
  }), /Authentik\/Extra\/P \(authentik_providers_oauth2.oauth2provider\): authorization_flow is required by authentik's API/],
  ['an !Env has no worker variable behind it', (d) => new ModelEntry(newBlueprint(d), 'G', {
    model: 'authentik_core.group', identifiers: { name: 'g' }, attributes: { attributes: { token: Tag.env('NOPE') } },
  }), /Authentik\/Extra: entry "g" reads !Env NOPE, but the worker has no such variable .*new WorkerSecret/],
  ['a !KeyOf points at no earlier entry', (d) => new ModelEntry(newBlueprint(d), 'App', {
    model: 'authentik_core.application', identifiers: { slug: 'a' }, attributes: { name: 'A', provider: Tag.keyOf('nowhere') },
  }), /entry "app" uses !KeyOf nowhere, but no earlier live entry in this file has that id/],
  ['a live entry refers to a retired group', (d) => {
    const bp = newBlueprint(d);
    new ServiceAccount(bp, 'Ci', { username: 'ci', name: 'CI', groups: [new Group(bp, 'Old', { name: 'old', state: EntryState.ABSENT })] });
  }, /Authentik\/Extra\/Ci: refers to authentik_core.group "old" .*which is retired/],
  ['two blueprints look up each other\'s objects', (d) => {
    const bp = newBlueprint(d);
    const g = new Group(bp, 'G', { name: 'g' });
    new Group(d.grafana, 'Child', { name: 'child', parents: [g] });
    new Group(bp, 'Other', { name: 'other', parents: [Group.fromName('x')] });
    new ServiceAccount(bp, 'Sa', { username: 'sa', name: 'SA', groups: [d.grafana.node.findChild('Child') as Group] });
  }, /blueprints look up each other's objects in a cycle \((extra.yaml → grafana.yaml → extra.yaml|grafana.yaml → extra.yaml → grafana.yaml)\)/],
  ['a secret key is added twice', (d) => d.chart.secrets.addKey('secret-key'),
    /secret key "secret-key" is added by Authentik\/ExternalSecret and Authentik\/ExternalSecret/],
  ['a secret key is not a valid Secret key', (d) => d.chart.secrets.addKey('bad key'),
    /Authentik\/ExternalSecret: secret key "bad key" is not a valid Secret key/],
  ['a worker variable name is not portable', (d) => new WorkerSecret(newBlueprint(d), 'S', { envVar: 'BAD-NAME', secretKey: 'bad-name' }),
    /Authentik\/Extra\/S: environment variable "BAD-NAME" is not a portable environment variable name/],
  ['a worker variable reads a key the ExternalSecret does not define', (d) => d.chart.worker.addSecretEnv('AUTHENTIK_X', 'authentik-config', 'missing'),
    /worker variable AUTHENTIK_X reads key missing of Secret authentik-config, which the ExternalSecret does not define/],
  ['a text contains a lone surrogate', (d) => new Group(newBlueprint(d), 'G', { name: 'bad\uD800name' }),
    /Authentik\/Extra\/G attributes key "name"|Authentik\/Extra\/G attributes\.name: contains a lone UTF-16 surrogate/],
  ['a text contains a NUL character', (d) => new Group(newBlueprint(d), 'G', { name: 'bad\0name' }),
    /attributes\.name: contains a NUL character, which authentik's database cannot store/],
  ['a number is not finite', (d) => {
    const bp = newBlueprint(d);
    new PolicyBinding(bp, 'B', { target: new Application(bp, 'A', { name: 'A', slug: 'a' }), subject: BindingSubject.group(d.admins), order: 0, timeout: Number.NaN });
  }, /Authentik\/Extra\/B attributes\.timeout: NaN is not a finite number/],
  ['an identifier contradicts an attribute', (d) => new ModelEntry(newBlueprint(d), 'G', {
    model: 'authentik_core.group', identifiers: { name: 'a' }, attributes: { name: 'b' },
  }), /Authentik\/Extra\/G: name is both an identifier \("a"\) and an attribute \("b"\)/],
  ['a confidential provider has no client secret', (d) => new OAuth2Provider(newBlueprint(d), 'P', {
    name: 'P', authorizationFlow: Flow.fromSlug('a'), invalidationFlow: Flow.fromSlug('b'), redirectUris: [RedirectUri.strict('https://p.example/cb')],
  }), /Authentik\/Extra\/P: a confidential client needs clientSecret/],
  ['a client secret is a literal', (d) => new OAuth2Provider(newBlueprint(d), 'P', {
    name: 'P', authorizationFlow: Flow.fromSlug('a'), invalidationFlow: Flow.fromSlug('b'), redirectUris: [RedirectUri.strict('https://p.example/cb')],
    clientSecret: 'hunter2' as never,
  }), /Authentik\/Extra\/P: clientSecret must be a reference to a worker secret .*never a literal/],
  ['a provider has no redirect URIs', (d) => new OidcClient(newBlueprint(d), 'C', client({ redirectUris: [] })),
    /Authentik\/Extra\/C: redirectUris is empty, so no login can complete/],
  ['two entries derive the same id', (d) => {
    const bp = newBlueprint(d);
    new Group(bp, 'Foo-Bar', { name: 'a' });
    new Group(bp, 'FooBar', { name: 'b' });
  }, /entry id "foo-bar" is derived for Authentik\/Extra\/Foo-Bar and Authentik\/Extra\/FooBar/],
  ['one provider serves two applications', (d) => {
    const c = new OidcClient(newBlueprint(d), 'C', client());
    new Application(Blueprint.of(c), 'Second', { name: 'Second', slug: 'second', provider: c.provider });
  }, /provider Authentik\/Extra\/C\/Provider is used by Authentik\/Extra\/C\/Application and Authentik\/Extra\/Second/],
  // 1. types are not the only guard: booleans, enums, reference kinds, unknown props (plain-JavaScript calls)
  ['retired is the string "false", which must never retire (delete) a client', (d) => new OidcClient(newBlueprint(d), 'C', client({ retired: 'false' as never })),
    /Authentik\/Extra\/C: retired must be true or false; got string "false"/],
  ['allowInsecureRedirectUris is the string "true"', (d) => new OidcClient(newBlueprint(d), 'C', client({ allowInsecureRedirectUris: 'true' as never })),
    /Authentik\/Extra\/C: allowInsecureRedirectUris must be true or false; got string "true"/],
  ['a prop name is misspelt (revokedGroup)', (d) => new OidcClient(newBlueprint(d), 'C', client({ revokedGroup: [d.admins] } as never)),
    /Authentik\/Extra\/C: "revokedGroup" is not a prop of this construct; did you mean "revokedGroups"\?/],
  ['redirectUris is one string, not a list', (d) => new OidcClient(newBlueprint(d), 'C', client({ redirectUris: 'https://j.example/cb' as never })),
    /Authentik\/Extra\/C: redirectUris must be a list of strings; got string "https:\/\/j.example\/cb"/],
  ['clientType is no client type', (d) => new OidcClient(newBlueprint(d), 'C', client({ clientType: 'secret' as never })),
    /Authentik\/Extra\/C: clientType must be one of "confidential", "public"; got string "secret"/],
  ['a group is passed where a flow is due', (d) => new OidcClient(newBlueprint(d), 'C', client({ authorizationFlow: d.admins as never })),
    /Authentik\/Extra\/C\/Provider.authorizationFlow: expects a flow, but was given authentik_core.group "admins" .*pass a Flow, Flow.fromSlug/],
  ['a slug string is passed where a flow object is due', (d) => provider(newBlueprint(d), { authorizationFlow: 'default-provider-authorization-implicit-consent' }),
    /Authentik\/Extra\/P: authorizationFlow expects a flow; got string "default-provider-authorization-implicit-consent"; pass a Flow/],
  ['a flow is passed as signingKey', (d) => provider(newBlueprint(d), { signingKey: Flow.fromSlug('default-authentication-flow') }),
    /Authentik\/Extra\/P.signingKey: expects a certificate-key pair, but was given authentik_flows.flow slug="default-authentication-flow" .*pass a CertificateKeyPair/],
  ['a group is passed as a flow stage binding\'s stage', (d) => {
    const bp = newBlueprint(d);
    new FlowStageBinding(bp, 'B', { target: new Flow(bp, 'F', { slug: 'f', name: 'F', title: 'F', designation: 'authentication' }), stage: d.admins as never, order: 10 });
  }, /Authentik\/Extra\/B.stage: expects a stage, but was given authentik_core.group "admins"/],
  ['a binding order is a string', (d) => new FlowStageBinding(newBlueprint(d), 'B', { target: Flow.fromSlug('f'), stage: PasswordStage.fromName('p'), order: '10' as never }),
    /Authentik\/Extra\/B \(authentik_flows.flowstagebinding\): order must be integer \(given "10"\)/],
  ['a Group prop is misspelt (parent)', (d) => new Group(newBlueprint(d), 'G', { name: 'g', parent: [d.admins] } as never),
    /Authentik\/Extra\/G: "parent" is not an attribute of authentik_core.group .*did you mean "parents"\?/],
  ['isSuperuser is the string "true"', (d) => new Group(newBlueprint(d), 'G', { name: 'g', isSuperuser: 'true' as never }),
    /Authentik\/Extra\/G \(authentik_core.group\): is_superuser must be boolean \(given "true"\)/],
  ['a flow designation is no designation', (d) => new Flow(newBlueprint(d), 'F', { slug: 'f', name: 'F', title: 'F', designation: 'login' as never }),
    /Authentik\/Extra\/F \(authentik_flows.flow\): designation must be one of "authentication", .* \(given "login"\)/],
  ['a flow layout is no layout', (d) => new Flow(newBlueprint(d), 'F', { slug: 'f', name: 'F', title: 'F', designation: 'authentication', layout: 'sideways' as never }),
    /Authentik\/Extra\/F \(authentik_flows.flow\): layout must be one of "stacked", .* \(given "sideways"\)/],
  ['parents is one group, not a list', (d) => new Group(newBlueprint(d), 'G', { name: 'g', parents: d.admins as never }),
    /Authentik\/Extra\/G: parents must be a list of group objects; got a Group; pass \[/],
  ['a group\'s parent is a flow', (d) => new Group(newBlueprint(d), 'G', { name: 'g', parents: [Flow.fromSlug('x') as never] }),
    /Authentik\/Extra\/G.parents\[0\]: expects a group, but was given authentik_flows.flow slug="x"/],
  ['a service account lists a group by name, not as an object', (d) => new ServiceAccount(newBlueprint(d), 'S', { username: 's', name: 'S', groups: ['admins' as never] }),
    /Authentik\/Extra\/S: groups\[0\] expects a group; got string "admins"; pass a Group, Group.fromName/],
  ['a state is none authentik knows', (d) => new Group(newBlueprint(d), 'G', { name: 'g', state: 'deleted' as never }),
    /Authentik\/Extra\/G: state "deleted" is not one authentik knows, which fails the whole blueprint; write one of "present", "created", "must_created", "absent"$/m],
  ['a state is written with a dash', (d) => modelEntry(d, 'authentik_core.group', { name: 'g' }, {}, { state: 'must-created' }),
    /Authentik\/Extra\/M: state "must-created" is not one authentik knows.* \(here "must_created"\)/],
  ['updatesExisting is the string "yes"', (d) => new Flow(newBlueprint(d), 'F', { slug: 'f', updatesExisting: 'yes' as never }),
    /Authentik\/Extra\/F: updatesExisting must be true or false; got string "yes"/],
  ['conditions is not a list', (d) => new Group(newBlueprint(d), 'G', { name: 'g', conditions: true as never }),
    /Authentik\/Extra\/G: conditions must be a list of values; got boolean true/],
  ['a ModelEntry is given attrs instead of attributes', (d) => modelEntry(d, 'authentik_core.group', { name: 'g' }, undefined, { attrs: { is_superuser: true } }),
    /Authentik\/Extra\/M: "attrs" is not a prop of ModelEntry; known props: model, identifiers, attributes/],
  ['a ModelEntry\'s identifiers is a string', (d) => modelEntry(d, 'authentik_core.group', 'g'),
    /Authentik\/Extra\/M: identifiers must be an object of fields; got string "g"/],
  ['a ModelEntry\'s model is a number', (d) => modelEntry(d, 42 as never, { name: 'g' }),
    /Authentik\/Extra\/M: model must be a string such as "authentik_flows.flow"; got number 42/],
  ['a model does not exist', (d) => modelEntry(d, 'authentik_core.groups', { name: 'g' }),
    /Authentik\/Extra\/M: model "authentik_core.groups" does not exist in authentik 2026.2.0, which would fail the whole file; did you mean "authentik_core.group"\?/],
  ['a ModelEntry boolean is the string "yes"', (d) => modelEntry(d, 'authentik_core.group', { name: 'g' }, { isSuperuser: 'yes' }),
    /Authentik\/Extra\/M \(authentik_core.group\): is_superuser must be boolean \(given "yes"\)/],
  ['a ModelEntry relation gets a flow where a group is due', (d) => modelEntry(d, 'authentik_core.user', { username: 'u' }, { name: 'U', groups: [Flow.fromSlug('x')] }),
    /Authentik\/Extra\/M.groups\[0\]: expects a group, but was given authentik_flows.flow slug="x"/],
  ['a ModelEntry of an object model has no identifiers', (d) => modelEntry(d, 'authentik_core.group', {}, { name: 'g' }),
    /Authentik\/Extra\/M: has no identifiers, so authentik cannot find the object to update; give it a unique field such as name or slug/],
  ['negate is the string "no"', (d) => {
    const bp = newBlueprint(d);
    new PolicyBinding(bp, 'B', { target: new Application(bp, 'A', { name: 'A', slug: 'a' }), subject: BindingSubject.group(d.admins), order: 0, negate: 'no' as never });
  }, /Authentik\/Extra\/B \(authentik_policies.policybinding\): negate must be boolean \(given "no"\)/],
  ['an application\'s provider is a group', (d) => new Application(newBlueprint(d), 'A', { name: 'A', slug: 'a', provider: d.admins as never }),
    /Authentik\/Extra\/A.provider: expects a provider, but was given authentik_core.group "admins"/],
  ['an application prop is misspelt (metaLaunchURL)', (d) => new Application(newBlueprint(d), 'A', { name: 'A', slug: 'a', metaLaunchURL: 'https://a.example' } as never),
    /Authentik\/Extra\/A: "metaLaunchURL" is not an attribute of authentik_core.application .*did you mean "metaLaunchUrl"\?/],
  ['revoked is one group, not a list', (d) => new Application(newBlueprint(d), 'A', { name: 'A', slug: 'a' }).grantAccess(ApplicationAccess.groups(d.admins), { revoked: d.admins as never }),
    /Authentik\/Extra\/A: revoked must be a list of groups, users or policies; got a Group/],
  ['grantAccess is told retired: "false"', (d) => new Application(newBlueprint(d), 'A', { name: 'A', slug: 'a' }).grantAccess(ApplicationAccess.groups(d.admins), { retired: 'false' as never }),
    /Authentik\/Extra\/A: grantAccess options: retired must be true or false; got string "false"/],
  ['an outpost type is none authentik knows', (d) => new Outpost(newBlueprint(d), 'O', { name: 'o', type: 'saml' as never }),
    /Authentik\/Extra\/O \(authentik_outposts.outpost\): type must be one of "proxy", "ldap", "radius", "rac" \(given "saml"\)/],
  ['a brand has no domain', (d) => new Brand(newBlueprint(d), 'B', { default: true } as never),
    /Authentik\/Extra\/B: domain is required: authentik finds the object by it; give it a value/],
  ['a brand\'s authentication flow is a group', (d) => new Brand(newBlueprint(d), 'B', { domain: 'b.example', flowAuthentication: d.admins as never }),
    /Authentik\/Extra\/B.flowAuthentication: expects a flow, but was given authentik_core.group "admins"/],
  ['a role\'s permissions is one string', (d) => new Role(newBlueprint(d), 'R', { name: 'r', permissions: 'authentik_core.view_user' as never }),
    /Authentik\/Extra\/R: permissions must be a list of "app_label.codename" strings or a tag; got string "authentik_core.view_user"/],
  ['a user\'s roles lists a group', (d) => new User(newBlueprint(d), 'U', { username: 'u', name: 'U', roles: [d.admins as never] }),
    /Authentik\/Extra\/U.roles\[0\]: expects a role, but was given authentik_core.group "admins"/],
  ['a token\'s user is a group', (d) => new Token(newBlueprint(d), 'T', { identifier: 't', user: d.admins as never }),
    /Authentik\/Extra\/T.user: expects a user, but was given authentik_core.group "admins"/],
  ['an identification stage\'s password stage is a flow', (d) => new IdentificationStage(newBlueprint(d), 'S', { name: 's', userFields: ['username'], passwordStage: Flow.fromSlug('x') as never }),
    /Authentik\/Extra\/S.passwordStage: expects a stage, but was given authentik_flows.flow slug="x"/],
  ['an identification stage lists an unknown user field', (d) => new IdentificationStage(newBlueprint(d), 'S', { name: 's', userFields: ['login'] as never }),
    /Authentik\/Extra\/S \(authentik_stages_identification.identificationstage\): user_fields\[0\] must be one of "email", "username", "upn" \(given "login"\)/],
  ['executionLogging is the string "true"', (d) => new ExpressionPolicy(newBlueprint(d), 'P', { name: 'p', expression: 'return True', executionLogging: 'true' as never }),
    /Authentik\/Extra\/P \(authentik_policies_expression.expressionpolicy\): execution_logging must be boolean \(given "true"\)/],
  ['ApplyBlueprint is given a file name instead of a blueprint', (d) => new ApplyBlueprint(newBlueprint(d), 'A', { blueprint: 'other.yaml' as never }),
    /Authentik\/Extra\/A: blueprint expects a Blueprint of this app, BlueprintInstance.fromName\(...\) or BlueprintInstance.fromPath\(...\); got string "other.yaml"/],
  ['a scope mapping is given a field authentik does not have', (d) => new ScopeMapping(newBlueprint(d), 'S', { name: 's', scopeName: 'x', expression: 'return {}', scope: 'x' } as never),
    /Authentik\/Extra\/S: "scope" is not an attribute of authentik_providers_oauth2.scopemapping/],
  ['a validate stage lists an unknown device class', (d) => new AuthenticatorValidateStage(newBlueprint(d), 'S', { name: 's', deviceClasses: ['sms2'] as never }),
    /Authentik\/Extra\/S \(authentik_stages_authenticator_validate.authenticatorvalidatestage\): device_classes\[0\] must be one of .* \(given "sms2"\)/],
  ['a notification rule severity is none authentik knows', (d) => new NotificationRule(newBlueprint(d), 'N', { name: 'n', severity: 'critical' as never, destinationEventUser: true }),
    /Authentik\/Extra\/N \(authentik_events.notificationrule\): severity must be one of "notice", "warning", "alert" \(given "critical"\)/],
  ['an event matcher names an app authentik does not have', (d) => modelEntry(d, 'authentik_policies_event_matcher.eventmatcherpolicy', { name: 'e' }, { app: 'authentik.nope' }),
    /Authentik\/Extra\/M \(authentik_policies_event_matcher.eventmatcherpolicy\): app must be one of .* \(given "authentik.nope"\)/],
  ['a minimum length is negative', (d) => modelEntry(d, 'authentik_policies_password.passwordpolicy', { name: 'pp' }, { lengthMin: -1 }),
    /Authentik\/Extra\/M \(authentik_policies_password.passwordpolicy\): length_min must be >= 0 \(given -1\)/],
  ['an LDAP outpost is given a proxy provider', (d) => {
    const bp = newBlueprint(d);
    const p = new ProxyProvider(bp, 'Proxy', { name: 'Proxy', ...FLOWS, externalHost: 'https://x.example', mode: 'forward_single' } as never);
    new Application(bp, 'A', { name: 'A', slug: 'a', provider: p });
    new Outpost(bp, 'O', { name: 'o', type: 'ldap', providers: [p] });
  }, /Authentik\/Extra\/O: providers\[0\]: a ldap outpost serves authentik_providers_ldap.ldapprovider providers only, not authentik_providers_proxy.proxyprovider "Proxy"/],
  ['the embedded outpost is declared twice', (d) => {
    const bp = newBlueprint(d);
    Outpost.embedded(bp, 'E1');
    Outpost.embedded(bp, 'E2');
  }, /authentik_outposts.outpost name="authentik Embedded Outpost" is declared by Authentik\/Extra\/E1 and Authentik\/Extra\/E2; both would write the same authentik object/],
  ['two bindings give one group the same application at the same order', (d) => {
    const bp = newBlueprint(d);
    const app = new Application(bp, 'A', { name: 'A', slug: 'a' });
    new PolicyBinding(bp, 'B1', { target: app, subject: BindingSubject.group(d.admins), order: 0 });
    new PolicyBinding(bp, 'B2', { target: app, subject: BindingSubject.group(d.admins), order: 0 });
    // another application's binding of the same group and order is another object
    new PolicyBinding(bp, 'B3', { target: new Application(bp, 'Other', { name: 'Other', slug: 'other' }), subject: BindingSubject.group(d.admins), order: 0 });
  }, /authentik_policies.policybinding group="authentik_core.group \\"admins\\" \(Authentik\/Common\/Admins\)" target="authentik_core.application \\"a\\" \(Authentik\/Extra\/A\)" is declared by Authentik\/Extra\/B1 and Authentik\/Extra\/B2; both would write the same authentik object/],
  ['an embedded outpost prop is misspelt (provider)', (d) => Outpost.embedded(newBlueprint(d), 'E', { provider: [] } as never),
    /Authentik\/Extra\/E \(Outpost.embedded\): "provider" is not a prop of this construct; did you mean "providers"\?/],
  ['a token intent is none authentik knows', (d) => modelEntry(d, 'authentik_core.token', { identifier: 't' }, { intent: 'apikey' }),
    /Authentik\/Extra\/M \(authentik_core.token\): intent must be one of "verification", "api", "recovery", "app_password" \(given "apikey"\)/],
  ['a client\'s service account misspells username', (d) => new OidcClient(newBlueprint(d), 'C', client({ serviceAccounts: [{ usernam: 'ci' } as never] })),
    /Authentik\/Extra\/C\/ServiceAccount-0: "usernam" is not an attribute of authentik_core.user .*did you mean "username"\?/],
  ['a proxy provider\'s external host is not a URL', (d) => new ProxyProvider(newBlueprint(d), 'P', { name: 'P', ...FLOWS, externalHost: 'proxy.example', mode: 'forward_single' } as never),
    /Authentik\/Extra\/P\.external_host: "proxy\.example" is not a URL authentik takes \(authentik\/providers\/proxy\/models\.py\): .*not an absolute URL/],
  ['an LDAP provider\'s base DN is no distinguished name', (d) => new LdapProvider(newBlueprint(d), 'P', { name: 'P', ...FLOWS, baseDn: 'example.com' } as never),
    /Authentik\/Extra\/P: baseDn "example.com" is not a distinguished name; write attribute=value pairs/],
  ['a redirect URI matching mode is none authentik knows (ModelEntry)', (d) => modelEntry(d, 'authentik_providers_oauth2.oauth2provider', { name: 'P' }, {
    ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, redirectUris: [{ matchingMode: 'exact', url: 'https://x.example/cb' }],
  }), /Authentik\/Extra\/M \(authentik_providers_oauth2.oauth2provider\): redirect_uris\[0\].matching_mode must be one of "strict", "regex" \(given "exact"\)/],
  ['a redirect URI is a bare string (ModelEntry)', (d) => modelEntry(d, 'authentik_providers_oauth2.oauth2provider', { name: 'P' }, {
    ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, redirectUris: ['https://x.example/cb'],
  }), /Authentik\/Extra\/M \(authentik_providers_oauth2.oauth2provider\): redirect_uris\[0\] must be object \(given "https:\/\/x.example\/cb"\)/],
  ['a group\'s attributes is a string', (d) => new Group(newBlueprint(d), 'G', { name: 'g', attributes: 'x' as never }),
    /Authentik\/Extra\/G \(authentik_core.group\): attributes must be object \(given "x"\)/],
  // 2. secrets only by reference, on any model
  ['a user password is a literal (ModelEntry)', (d) => modelEntry(d, 'authentik_core.user', { username: 'u' }, { name: 'U', password: 'hunter2' }),
    /Authentik\/Extra\/M: password is a secret, but was given a literal string; .*pass a WorkerSecret/],
  ['a token key is a literal (ModelEntry)', (d) => modelEntry(d, 'authentik_core.token', { identifier: 't' }, { key: 'abc', intent: 'api' }),
    /Authentik\/Extra\/M: key is a secret, but was given a literal string/],
  ['a private key is a literal (ModelEntry)', (d) => modelEntry(d, 'authentik_crypto.certificatekeypair', { name: 'c' }, {
    certificateData: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----', keyData: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
  }), /Authentik\/Extra\/M: key_data is a secret, but was given a literal string/],
  ['an LDAP source bind password is a literal', (d) => modelEntry(d, 'authentik_sources_ldap.ldapsource', { slug: 'ldap' }, {
    name: 'LDAP', serverUri: 'ldaps://ldap.example', baseDn: 'dc=example', bindPassword: 'secret',
  }), /Authentik\/Extra\/M: bind_password is a secret, but was given a literal string/],
  ['an email stage password is a literal', (d) => modelEntry(d, 'authentik_stages_email.emailstage', { name: 'e' }, { useGlobalSettings: false, password: 'pw' }),
    /Authentik\/Extra\/M: password is a secret, but was given a literal string; a secret must never be written into the blueprint/],
  ['a client secret is a literal (ModelEntry)', (d) => modelEntry(d, 'authentik_providers_oauth2.oauth2provider', { name: 'P' }, {
    ...FLOWS, clientSecret: 'literal', signingKey: SIGNING_KEY, redirectUris: [],
  }), /Authentik\/Extra\/M: client_secret is a secret, but was given a literal string/],
  ['a SCIM token is a literal', (d) => modelEntry(d, 'authentik_providers_scim.scimprovider', { name: 'S' }, { url: 'https://scim.example', token: 'tok' }),
    /Authentik\/Extra\/M: token is a secret, but was given a literal string/],
  ['a captcha private key is a literal', (d) => new CaptchaStage(newBlueprint(d), 'S', { name: 's', publicKey: 'pk', privateKey: 'sk' as never }),
    /Authentik\/Extra\/S: privateKey is a secret and must be a reference to a worker secret .*got a literal string \(2 characters\)/],
  ['a User password is a literal', (d) => new User(newBlueprint(d), 'U', { username: 'u', name: 'U', password: 'hunter2' as never }),
    /Authentik\/Extra\/U: password must be a worker secret \(new WorkerSecret\(...\)\) or an !Env, !File or !Context tag, never a literal/],
  ['a Token key is a literal', (d) => new Token(newBlueprint(d), 'T', { identifier: 't', user: User.fromUsername('akadmin'), key: 'abc' as never }),
    /Authentik\/Extra\/T: key must be a worker secret \(new WorkerSecret\(...\)\) or an !Env, !File or !Context tag, never a literal/],
  ['a !Context secret is backed by a literal in the context', (d) => {
    const bp = new Blueprint(d.chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra', context: { pw: 'hunter2' } });
    new ModelEntry(bp, 'U', { model: 'authentik_core.user', identifiers: { username: 'u' }, attributes: { name: 'U', password: Tag.context('pw') } });
  }, /Authentik\/Extra\/U: password reads !Context pw, whose value in the blueprint's context is a literal; a secret must come from !Env or !File there too/],
  ['an !Env written with Tag.scalar has no worker variable behind it', (d) => new Group(newBlueprint(d), 'G', { name: 'g', attributes: { token: Tag.scalar('!Env', 'ALSO_NOPE') } }),
    /Authentik\/Extra: entry "g" reads !Env ALSO_NOPE, but the worker has no such variable/],
  // 3. authentik's judgement
  ['an identifier has a leading space', (d) => new Group(newBlueprint(d), 'G', { name: ' admins2' }),
    /Authentik\/Extra\/G.name: " admins2" has surrounding whitespace; authentik stores text trimmed \("admins2"\), so this identifier never matches/],
  ['an attribute has a trailing space', (d) => new Application(newBlueprint(d), 'A', { name: 'A ', slug: 'a' }),
    /Authentik\/Extra\/A.name: "A " has surrounding whitespace; authentik stores text trimmed \("A"\), so what it holds is not what is declared/],
  ['a ModelEntry identifier has a trailing space', (d) => modelEntry(d, 'authentik_flows.flow', { slug: 'f ' }, { name: 'F', title: 'F', designation: 'authentication' }),
    /Authentik\/Extra\/M.slug: "f " has surrounding whitespace; authentik stores text trimmed \("f"\), so this identifier never matches/],
  ['a flow slug has a space', (d) => new Flow(newBlueprint(d), 'F', { slug: 'my flow', name: 'F', title: 'F', designation: 'authentication' }),
    /Authentik\/Extra\/F.slug: "my flow" is not a slug authentik accepts .*write e.g. "my-flow"/],
  ['an application slug has a dot', (d) => new Application(newBlueprint(d), 'A', { name: 'A', slug: 'a.b' }),
    /Authentik\/Extra\/A.slug: "a.b" is not a slug authentik accepts .*write e.g. "a-b"/],
  ['a code validity is written in words', (d) => provider(newBlueprint(d), { accessCodeValidity: '10 minutes' }),
    /Authentik\/Extra\/P.access_code_validity: "10 minutes" is not a duration authentik reads: the part "10 minutes" is not key=value/],
  ['a token validity uses a key authentik does not know', (d) => provider(newBlueprint(d), { accessTokenValidity: 'hour=1' }),
    /Authentik\/Extra\/P.access_token_validity: "hour=1" is not a duration authentik reads: it has none of the keys weeks, days/],
  ['a duration has a value that is no number', (d) => provider(newBlueprint(d), { refreshTokenValidity: 'days=x' }),
    /Authentik\/Extra\/P.refresh_token_validity: "days=x" is not a duration authentik reads: "x" is not a number/],
  ['a session duration is "forever"', (d) => new UserLoginStage(newBlueprint(d), 'S', { name: 's', sessionDuration: 'forever' }),
    /Authentik\/Extra\/S.session_duration: "forever" is not a duration authentik reads/],
  ['a strict redirect URI holds a tab', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.strict('https://p.example/c\tb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: strict redirect URI "https:\/\/p.example\/c\\tb" is not written as URL parsers write it \(a tab or line break, .*write "https:\/\/p.example\/cb"/],
  ['a strict redirect URI holds a backslash', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.strict('https://p.example\\cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: strict redirect URI "https:\/\/p.example\\\\cb" is not written as URL parsers write it \(a backslash, .*write "https:\/\/p.example\/cb"/],
  ['a strict redirect URI has one slash after the scheme', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.strict('https:/p.example/cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: strict redirect URI "https:\/p.example\/cb" is not written as URL parsers write it \(not exactly two slashes after https:\).*write "https:\/\/p.example\/cb"/],
  ['a strict redirect URI has an upper-case host', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.strict('https://P.Example/cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: strict redirect URI "https:\/\/P.Example\/cb" is not written as URL parsers write it \(an upper-case host\); .*write "https:\/\/p.example\/cb"/],
  ['a strict redirect URI has the default port', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.strict('https://p.example:443/cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: strict redirect URI "https:\/\/p.example:443\/cb" is not written as URL parsers write it \(the port :443 \(the default of https/],
  ['a strict redirect URI has a dot segment', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.strict('https://p.example/a/../cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: strict redirect URI "https:\/\/p.example\/a\/..\/cb" is not written as URL parsers write it \(. or .. path segments/],
  ['a strict redirect URI has an upper-case scheme (ModelEntry)', (d) => modelEntry(d, 'authentik_providers_oauth2.oauth2provider', { name: 'P' }, {
    ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, redirectUris: [{ matchingMode: 'strict', url: 'HTTPS://p.example/cb' }],
  }), /Authentik\/Extra\/M.redirect_uris\[0\].url: strict redirect URI "HTTPS:\/\/p.example\/cb" is not written as URL parsers write it \(an upper-case scheme\)/],
  ['a regex redirect URI uses a JavaScript named group', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.regex('https://(?<h>[a-z]+)\\.example/cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: regex "https:\/\/\(\?<h>\[a-z\]\+\)\\\\.example\/cb" does not compile with Python's re, which authentik uses \(unknown extension \?<h at position 9\)/],
  ['a regex redirect URI uses \\p{L}', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.regex('https://\\p{L}+\\.example/cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: regex "https:\/\/\\\\p\{L\}\+\\\\.example\/cb" does not compile with Python's re, which authentik uses \(bad escape \\p at position 8\)/],
  ['a regex redirect URI uses \\k<name>', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.regex('https://(?P<h>a)\\k<h>\\.example/cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: regex "https:\/\/\(\?P<h>a\)\\\\k<h>\\\\.example\/cb" does not compile .*\(bad escape \\k at position 16\)/],
  ['a regex redirect URI has a variable-width look-behind', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.regex('https://(?<=a+)b\\.example/cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: regex "https:\/\/\(\?<=a\+\)b\\\\.example\/cb" does not compile .*\(look-behind requires fixed-width pattern\)/],
  ['a regex redirect URI uses \\e', (d) => provider(newBlueprint(d), { redirectUris: [RedirectUri.regex('https://a\\e\\.example/cb')] }),
    /Authentik\/Extra\/P.redirect_uris\[0\].url: regex "https:\/\/a\\\\e\\\\.example\/cb" does not compile .*\(bad escape \\e at position 9\)/],
  ['a lookup slug has a leading space', (d) => new OidcClient(newBlueprint(d), 'C', client({ authorizationFlow: Flow.fromSlug(' default-provider-authorization-implicit-consent') })),
    /Authentik\/Extra\/C\/Provider.authorizationFlow: looks up authentik_flows.flow by slug " default-provider-authorization-implicit-consent", with surrounding whitespace/],
  ['a lookup name is empty', (d) => new Group(newBlueprint(d), 'G', { name: 'g', parents: [Group.fromName('')] }),
    /Authentik\/Extra\/G.parents\[0\]: looks up authentik_core.group by an empty name, which matches nothing meant; give the value/],
  ['a !Find searches a model that does not exist', (d) => modelEntry(d, 'authentik_core.group', { name: 'g' }, { parents: [Tag.find('authentik_core.groupz', ['name', 'x'])] }),
    /Authentik\/Extra\/M.parents\[0\]: looks up model "authentik_core.groupz", which authentik 2026.2.0 does not have .*did you mean "authentik_core.group"\?/],
  ['a !Find searches by a field the model lacks', (d) => modelEntry(d, 'authentik_core.group', { name: 'g' }, { parents: [Tag.find('authentik_core.group', ['title', 'x'])] }),
    /Authentik\/Extra\/M.parents\[0\]: looks up authentik_core.group by "title", which that model does not have, so nothing can ever match/],
  ['a !Find has no field at all', (d) => modelEntry(d, 'authentik_core.group', { name: 'g' }, { parents: [Tag.find('authentik_core.group')] }),
    /Authentik\/Extra\/M.parents\[0\]: looks up authentik_core.group without any field, so it would match an arbitrary object/],
  ['a !Find in an identifier searches a misspelt model', (d) => modelEntry(d, 'authentik_flows.flowstagebinding', {
    target: Tag.find('authentik_flows.flows', ['slug', 'x']), stage: Tag.find('authentik_stages_dummy.dummystage', ['name', 'x']), order: 0,
  }), /Authentik\/Extra\/M.target: looks up model "authentik_flows.flows", which authentik 2026.2.0 does not have .*did you mean "authentik_flows.flow"\?/],
  ['a provider has no signing key and does not say so', (d) => provider(newBlueprint(d), { signingKey: undefined }),
    /Authentik\/Extra\/P: no signingKey, so authentik would sign ID tokens with HS256 and the client secret; give signingKey .* unsignedTokens: true/],
  ['a provider has a signing key and unsignedTokens', (d) => provider(newBlueprint(d), { unsignedTokens: true }),
    /Authentik\/Extra\/P: unsignedTokens is true but a signingKey is given; keep one/],
  ['a looked-up provider backs two applications', (d) => {
    const bp = newBlueprint(d);
    const p = new ModelEntry(bp, 'P', { model: 'authentik_providers_oauth2.oauth2provider', identifiers: { name: 'Elsewhere' }, updatesExisting: true });
    new Application(bp, 'A1', { name: 'A1', slug: 'a1', provider: p });
    new Application(bp, 'A2', { name: 'A2', slug: 'a2', provider: p });
  }, /provider Authentik\/Extra\/P is used by Authentik\/Extra\/A1 and Authentik\/Extra\/A2/],
  ['a provider looked up by name backs two applications', (d) => {
    const bp = newBlueprint(d);
    new Application(bp, 'A1', { name: 'A1', slug: 'a1', provider: OAuth2Provider.fromName('Elsewhere') });
    new Application(bp, 'A2', { name: 'A2', slug: 'a2', provider: OAuth2Provider.fromName('Elsewhere') });
  }, /provider authentik_providers_oauth2.oauth2provider name="Elsewhere" is used by Authentik\/Extra\/A1 and Authentik\/Extra\/A2; a provider serves one application/],
  // 4. Kubernetes, External Secrets and ArgoCD rules
  ['a secret key starts with ..', (d) => d.chart.secrets.addKey('..x'),
    /Authentik\/ExternalSecret: secret key "..x" is not a valid Secret key: Kubernetes refuses ".", ".." and keys starting with ".."/],
  ['a worker secret key holds a slash', (d) => new WorkerSecret(newBlueprint(d), 'S', { envVar: 'AUTHENTIK_S', secretKey: 'a/b' }),
    /Authentik\/ExternalSecret: Authentik\/Extra\/S: secret key "a\/b" is not a valid Secret key; use letters, digits, -, _ and ./],
  ['the worker container name is not a container name', (d) => otherChart(d, { workerContainerName: 'Worker_1' }),
    /Other\/WorkerPatch: containerName "Worker_1" is not a valid container name; use lowercase letters, digits and -/],
  ['the blueprints are mounted outside AUTHENTIK_BLUEPRINTS_DIR', (d) => otherChart(d, { blueprintsMountPath: '/etc/blueprints' }),
    /Other\/WorkerPatch: blueprintsMountPath "\/etc\/blueprints" is outside AUTHENTIK_BLUEPRINTS_DIR \(\/blueprints\)/],
  ['the blueprints are mounted over the bundled ones', (d) => otherChart(d, { blueprintsMountPath: '/blueprints' }),
    /Other\/WorkerPatch: blueprintsMountPath "\/blueprints" is AUTHENTIK_BLUEPRINTS_DIR itself: the volume would hide authentik's bundled blueprints/],
  ['the blueprints are mounted inside the bundled system folder', (d) => otherChart(d, { blueprintsMountPath: '/blueprints/system/custom' }),
    /Other\/WorkerPatch: blueprintsMountPath "\/blueprints\/system\/custom" would hide or mix with authentik's bundled system\/ blueprints/],
  ['the blueprints mount has a dot-prefixed folder', (d) => otherChart(d, { blueprintsMountPath: '/blueprints/.custom' }),
    /Other\/WorkerPatch: blueprintsMountPath "\/blueprints\/.custom" has a dot-prefixed part, which authentik's discovery skips/],
  ['the blueprints mount path is not normalized', (d) => otherChart(d, { blueprintsMountPath: '/blueprints//custom' }),
    /Other\/WorkerPatch: blueprintsMountPath "\/blueprints\/\/custom" is not a normalized path/],
  ['the ESO refresh interval is written in words', (d) => otherChart(d, { secretRefreshInterval: '1 hour' }),
    /Other\/ExternalSecret: refreshInterval "1 hour" is not a Go duration, so External Secrets would refuse the object/],
  ['the ESO refresh interval is in days', (d) => otherChart(d, { secretRefreshInterval: '1d' }),
    /Other\/ExternalSecret: refreshInterval "1d" is not a Go duration/],
  ['the kustomize base is empty', (d) => otherChart(d, { kustomizeBase: '' }),
    /Other: kustomizeBase is empty; kustomize needs the hand-written base with the Deployments the patch applies to, e.g. ..\/base/],
  ['the namespace has upper-case letters', (d) => otherChart(d, { namespace: 'Authentik' }),
    /Other: namespace "Authentik" is not a valid namespace; use lowercase letters, digits and -/],
  ['the ConfigMap name has upper-case letters', (d) => otherChart(d, { blueprintsConfigMapName: 'Blueprints' }),
    /Other: blueprintsConfigMapName "Blueprints" is not a valid Kubernetes name/],
  ['the Secret name has an underscore', (d) => otherChart(d, { secretName: 'authentik_config' }),
    /Other\/ExternalSecret: name "authentik_config" is not a valid Kubernetes name/],
  ['the worker Deployment name has a space', (d) => otherChart(d, { workerDeploymentName: 'authentik worker' }),
    /Other\/WorkerPatch: deploymentName "authentik worker" is not a valid Kubernetes name/],
  ['the secret store kind is none ESO knows', (d) => otherChart(d, { secretStoreKind: 'Vault' }),
    /Other: secretStoreKind must be one of "ClusterSecretStore", "SecretStore"; got string "Vault"/],
  ['the secret store item is blank', (d) => otherChart(d, { secretRemoteKey: ' ' }),
    /Other\/ExternalSecret: remoteKey is empty; name the item in the secret store/],
  ['a blueprint file name holds a folder', (d) => new Blueprint(d.chart, 'Extra', { fileName: 'sub/extra.yaml', name: 'Extra' }),
    /Authentik\/Extra: fileName "sub\/extra.yaml" must be a plain file name ending in .yaml/],
  ['a chart prop is misspelt (namspace)', (d) => otherChart(d, { namspace: 'authentik' }),
    /Other: "namspace" is not a prop of this construct; did you mean "namespace"\?/],
  // fields and choices of later releases, OidcClient's grant types
  ...RELEASE_CASES,
  // URL fields as authentik's validators judge them (constructs/authentik/rules/urls.ts, test/judgement-urls.test.ts)
  ['an application\'s launch URL has a scheme authentik does not list', (d) => new Application(newBlueprint(d), 'A', { name: 'A', slug: 'a', metaLaunchUrl: 'myapp://open' }),
    /Authentik\/Extra\/A\.meta_launch_url: "myapp:\/\/open" is not a URL authentik takes \(authentik\/core\/models\.py\): .*the scheme "myapp" is not one of/],
  ['a proxy provider\'s internal host holds a space', (d) => new ProxyProvider(newBlueprint(d), 'P', { name: 'P', ...FLOWS, externalHost: 'https://app.example', internalHost: 'http://graf ana:3000', mode: 'proxy' } as never),
    /Authentik\/Extra\/P\.internal_host: "http:\/\/graf ana:3000" is not a URL authentik takes \(authentik\/providers\/proxy\/models\.py\): .*holds a space/],
  ['a proxy provider\'s external host is ftp', (d) => new ProxyProvider(newBlueprint(d), 'P', { name: 'P', ...FLOWS, externalHost: 'ftp://app.example', mode: 'forward_single' } as never),
    /Authentik\/Extra\/P\.external_host: "ftp:\/\/app\.example" .*the scheme "ftp" is not one of http, https, blank/],
  ['an LDAP source lists its servers with a space after the comma', (d) => modelEntry(d, 'authentik_sources_ldap.ldapsource', { slug: 'l' }, { name: 'L', serverUri: 'ldaps://dc1.example, ldaps://dc2.example', baseDn: 'dc=example,dc=com', syncUsers: false, syncGroups: false }),
    /Authentik\/Extra\/M\.server_uri: .*MultiURLValidator refuses it: " ldaps:\/\/dc2\.example": the scheme " ldaps"/],
  ['a notification transport\'s webhook URL has a host name over 253 characters', (d) => modelEntry(d, 'authentik_events.notificationtransport', { name: 't' }, {
    mode: 'webhook', webhookUrl: `https://${Array.from({ length: 5 }, () => 'h'.repeat(60)).join('.')}.example/hook`,
  }), /webhook_url: "https:\/\/h+.*" is not a URL authentik takes \(authentik\/events\/models\.py\): .*more than the 253 DNS allows/],
];

describe('bad input', () => {
  let good: string;

  beforeAll(() => {
    good = mkdtempSync(join(tmpdir(), 'bad-input-good-'));
    synthBlumeops(good);
  });
  afterAll(() => rmSync(good, { recursive: true, force: true }));

  const run = (declare: (d: Declared) => void): { code: number; message: string; untouched: boolean } => {
    const { code, message, changed } = synthBlumeopsWith((chart) => {
      const bp = (id: string): Blueprint => chart.node.findChild(id) as Blueprint;
      declare({ chart, admins: bp('Common').node.findChild('Admins') as Group, grafana: bp('Grafana'), zot: bp('Zot') });
    }, 'bad-input-', good);
    return { code, message, untouched: changed.length === 0 };
  };

  it('has at least 100 distinct cases, each with its own message', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map(([, , re]) => re.source)).size).toBe(cases.length);
  });

  // with the judgement suite's (test/judgement.test.ts: each judged alone, and all at once through one synth that leaves the output untouched)
  it('holds at least 250 distinct mistakes together with the judgement suite, each with its own message', () => {
    const all = [...cases.map(([, , re]) => re.source), ...[...JUDGEMENT_CASES, ...SOURCE_JUDGEMENT_CASES, ...JSON_SECRET_CASES].map(([, , , re]) => re.source)];
    expect(all.length).toBeGreaterThanOrEqual(250);
    expect(new Set(all).size).toBe(all.length);
  });

  for (const [name, declare, expected] of cases) {
    it(`fails when ${name}, leaving the output folder untouched`, () => {
      const { code, message, untouched } = run(declare);
      expect(message).toMatch(expected);
      expect(message).toMatch(/nothing was written/);
      expect(code).toBe(2);
      expect(untouched).toBe(true);
    });
  }

  it('reports mistakes of every kind at once, each with its construct path, field, value and fix', () => {
    const { code, message, untouched } = run((d) => {
      const bp = newBlueprint(d);
      new OidcClient(bp, 'C', client({ retired: 'false' as never }));
      new ModelEntry(bp, 'M', { model: 'authentik_core.token', identifiers: { identifier: 't' }, attributes: { key: 'abc' as never, intent: 'api' } });
      provider(d.zot, { redirectUris: [RedirectUri.regex('https://(?<h>[a-z]+)\\.example/cb')] });
      otherChart(d, { secretRefreshInterval: '1d' });
    });
    expect(code).toBe(2);
    expect(untouched).toBe(true);
    expect(message).toMatch(/^\d+ problems in the declaration; nothing was written/m);
    expect(message).toMatch(/Authentik\/Extra\/C: retired must be true or false; got string "false"/);
    expect(message).toMatch(/Authentik\/Extra\/M: key is a secret, but was given a literal string; .*pass a WorkerSecret/);
    expect(message).toMatch(/Authentik\/Zot\/P.redirect_uris\[0\].url: regex .* does not compile with Python's re, .*fix the pattern/);
    expect(message).toMatch(/Other\/ExternalSecret: refreshInterval "1d" is not a Go duration, .*write e.g. "1h"/);
  });

  it('reports every problem at once, not just the first', () => {
    const { code, message } = run((d) => {
      new OidcClient(newBlueprint(d), 'C', client({ redirectUris: ['http://a.example/cb'], launchUrl: 'nope', access: ApplicationAccess.groups() }));
    });
    expect(code).toBe(2);
    // one message per problem: the launch URL authentik would refuse is reported once, by the URL rule
    expect(message).toMatch(/^3 problems in the declaration; nothing was written/m);
    expect(message).toMatch(/meta_launch_url: "nope" is not a URL authentik takes \(authentik\/core\/models\.py\)/);
    expect(message).toMatch(/must use https/);
    expect(message).toMatch(/access lists no groups/);
  });
});
