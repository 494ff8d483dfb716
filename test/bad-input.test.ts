import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import {
  Application, ApplicationAccess, BindingSubject, Blueprint, EntryState, Flow, Group, ModelEntry, OAuth2Provider, OidcClient,
  PolicyBinding, RedirectUri, ServiceAccount, Tag, WorkerSecret, readDist, synthCommand, type AuthentikChart, type OidcClientProps,
} from '../constructs';

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
    /launchUrl "immich.example" is not an absolute URL/],
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
];

describe('bad input', () => {
  let good: string;
  let work: string;

  beforeAll(() => {
    good = mkdtempSync(join(tmpdir(), 'bad-input-good-'));
    const code = synthCommand({ build: () => { const app = new App(); blumeops(app); return app; }, argv: ['--outdir', good], defaultOutdir: good, out: () => {}, err: () => {} });
    expect(code).toBe(0);
  });
  afterAll(() => {
    rmSync(good, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const run = (declare: (d: Declared) => void): { code: number; message: string; untouched: boolean } => {
    if (work) rmSync(work, { recursive: true, force: true });
    work = mkdtempSync(join(tmpdir(), 'bad-input-'));
    cpSync(good, work, { recursive: true });
    const before = readDist(work);
    const lines: string[] = [];
    const code = synthCommand({
      build: () => {
        const app = new App();
        const chart = blumeops(app);
        const bp = (id: string): Blueprint => chart.node.findChild(id) as Blueprint;
        declare({ chart, admins: bp('Common').node.findChild('Admins') as Group, grafana: bp('Grafana'), zot: bp('Zot') });
        return app;
      },
      argv: ['--outdir', work],
      defaultOutdir: work,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    const after = readDist(work);
    return { code, message: lines.join('\n'), untouched: after.size === before.size && [...before].every(([k, v]) => after.get(k) === v) };
  };

  it('has at least 30 distinct cases, each with its own message', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map(([, , re]) => re.source)).size).toBe(cases.length);
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

  it('reports every problem at once, not just the first', () => {
    const { code, message } = run((d) => {
      new OidcClient(newBlueprint(d), 'C', client({ redirectUris: ['http://a.example/cb'], launchUrl: 'nope', access: ApplicationAccess.groups() }));
    });
    expect(code).toBe(2);
    expect(message).toMatch(/^4 problems in the declaration; nothing was written/m);
    expect(message).toMatch(/meta_launch_url must match format "uri" \(given "nope"\)/);
    expect(message).toMatch(/must use https/);
    expect(message).toMatch(/launchUrl "nope" is not an absolute URL/);
    expect(message).toMatch(/access lists no groups/);
  });
});
