import { describe, expect, it } from 'vitest';
import {
  AUTHENTIK_VERSIONS, AuthenticatorDuoStage, Blueprint, CaptchaStage, CertificateKeyPair, CfnOAuthSource, CfnRACProvider, CfnRadiusProvider, CfnSchedule,
  CfnAgentDeviceUserBinding, CfnEndpoint, Flow, PropertyMapping, Tag, WorkerSecret, catalogFor, validateApp,
} from '../constructs';
import * as api from '../constructs';
import { cfnEntries } from '../constructs/authentik/cfn-entry';
import { typedEntries } from '../constructs/authentik/private/entry-registry';
import { parseBlueprint, testChart } from './helpers';

function setup(version?: (typeof AUTHENTIK_VERSIONS)[number]) {
  const chart = testChart(version ? { authentikVersion: version } : {});
  const bp = new Blueprint(chart, 'Sources', { fileName: 'sources.yaml', name: 'Sources' });
  return { chart, bp };
}

const entries = (bp: Blueprint): any[] => parseBlueprint(bp.toYaml()).entries;

describe('typed constructs cover the catalog', () => {
  it('every blueprint model of every release has a typed construct, hand-written or generated, exported by name', () => {
    const covered = new Map<string, string>();
    for (const t of [...typedEntries(), ...cfnEntries()]) covered.set(t.model, t.className);
    for (const version of AUTHENTIK_VERSIONS) {
      const missing = catalogFor(version).modelNames().filter((m) => !covered.has(m));
      expect(missing, `authentik ${version}: models without a typed construct (run npm run generate)`).toEqual([]);
    }
    const exported = api as Record<string, unknown>;
    for (const { className } of cfnEntries()) expect(typeof exported[className], className).toBe('function');
    // the generated ones are not the hand-written ones again
    const hand = new Set(typedEntries().map((t) => t.model));
    expect(cfnEntries().filter((c) => hand.has(c.model))).toEqual([]);
    expect(cfnEntries().map((c) => c.className)).toEqual(expect.arrayContaining([
      'CfnOAuthSource', 'CfnSAMLSource', 'CfnLDAPSource', 'CfnPlexSource', 'CfnKerberosSource', 'CfnSCIMSource', 'CfnTelegramSource',
      'CfnRadiusProvider', 'CfnRACProvider', 'CfnEndpoint', 'CfnSchedule', 'CfnUserOAuthSourceConnection', 'CfnGroupSAMLSourceConnection',
    ]));
  });
});

describe('generated low-level constructs', () => {
  it('an OAuth source synthesizes its entry: wire names, references, the secret as !Env, and a lookup by slug', () => {
    const { chart, bp } = setup();
    const secret = new WorkerSecret(bp, 'GithubSecret', { envVar: 'AUTHENTIK_GITHUB_SECRET', secretKey: 'github-secret' });
    const source = new CfnOAuthSource(bp, 'Github', {
      name: 'GitHub', slug: 'github', providerType: 'github', consumerKey: 'Iv1.abc', consumerSecret: secret,
      authenticationFlow: Flow.fromSlug('default-source-authentication'), enrollmentFlow: Flow.fromSlug('default-source-enrollment'),
      userMatchingMode: 'email_link', userPropertyMappings: [PropertyMapping.fromName('gh')],
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entries(bp)).toContainEqual({
      model: 'authentik_sources_oauth.oauthsource', id: 'github', state: 'present', identifiers: { slug: 'github' },
      attrs: {
        name: 'GitHub', provider_type: 'github', consumer_key: 'Iv1.abc', consumer_secret: { tag: '!Env', value: 'AUTHENTIK_GITHUB_SECRET' },
        authentication_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'default-source-authentication']] },
        enrollment_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'default-source-enrollment']] },
        user_matching_mode: 'email_link',
        user_property_mappings: [{ tag: '!Find', items: ['authentik_core.propertymapping', ['name', 'gh']] }],
      },
    });
    expect(source.model).toBe('authentik_sources_oauth.oauthsource');
    expect(CfnOAuthSource.fromSlug('github').toReference()).toBeDefined();
    expect(CfnOAuthSource.fromSlug('github').model).toBe('authentik_sources_oauth.oauthsource');
  });

  it('a RADIUS provider takes its shared secret from !File or !Env, and any field from a tag', () => {
    const { chart, bp } = setup();
    new WorkerSecret(bp, 'Networks', { envVar: 'RADIUS_NETWORKS', secretKey: 'radius-networks' });
    new CfnRadiusProvider(bp, 'Radius', {
      name: 'radius', authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
      invalidationFlow: Tag.find('authentik_flows.flow', ['slug', 'default-provider-invalidation-flow']),
      clientNetworks: Tag.env('RADIUS_NETWORKS', '0.0.0.0/0'), sharedSecret: Tag.file('/run/secrets/radius'),
      certificate: CertificateKeyPair.fromName('authentik Self-signed Certificate'),
    });
    expect(validateApp(chart)).toEqual([]);
    const radius = entries(bp).find((e) => e.id === 'radius');
    expect(radius.identifiers).toEqual({ name: 'radius' });
    expect(radius.attrs.shared_secret).toEqual({ tag: '!File', value: '/run/secrets/radius' });
    expect(radius.attrs.client_networks).toEqual({ tag: '!Env', items: ['RADIUS_NETWORKS', '0.0.0.0/0'] });
    expect(radius.attrs.invalidation_flow).toEqual({ tag: '!Find', items: ['authentik_flows.flow', ['slug', 'default-provider-invalidation-flow']] });
  });

  it('a RADIUS provider refuses a literal secret without echoing it', () => {
    const { chart, bp } = setup();
    new WorkerSecret(bp, 'Networks', { envVar: 'RADIUS_NETWORKS', secretKey: 'radius-networks' });
    new CfnRadiusProvider(bp, 'Radius', {
      name: 'radius', authorizationFlow: Flow.fromSlug('f'), invalidationFlow: Flow.fromSlug('g'),
      // @ts-expect-error a secret is never a literal
      sharedSecret: 'hunter2-radius',
    });
    const problems = validateApp(chart);
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Sources\/Radius: sharedSecret is a secret and must be a reference .*Tag\.file/));
    expect(problems.join('\n')).not.toMatch(/hunter2/);
  });

  it('a RAC provider refuses unknown props and wrong types, naming path, field, value and fix, all at once', () => {
    const { chart, bp } = setup();
    new CfnRACProvider(bp, 'Rac', {
      name: 'rac', authorizationFlow: Flow.fromSlug('f'),
      // @ts-expect-error a boolean, not a string
      deleteTokenOnDisconnect: 'yes',
      // @ts-expect-error a flow, not a certificate
      authenticationFlow: CertificateKeyPair.fromName('x'),
      ...({ connectionExpire: 'hours=8' } as object), // no such field (a plain-JavaScript caller)
    });
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/Sources\/Rac: "connectionExpire" is not an attribute of authentik_providers_rac.racprovider .*given string "hours=8".*did you mean "connectionExpiry"/);
    expect(problems).toMatch(/Authentik\/Sources\/Rac.*delete_token_on_disconnect.*boolean/);
    expect(problems).toMatch(/Authentik\/Sources\/Rac\.authenticationFlow: expects a flow, but was given .*certificatekeypair.*pass a Flow/);
  });

  it('a RAC provider: a string where a relation is due is refused with the fix', () => {
    const { chart, bp } = setup();
    // @ts-expect-error a flow object, not its slug
    new CfnRACProvider(bp, 'Rac', { name: 'rac', authorizationFlow: 'default-provider-authorization-implicit-consent' });
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(
      /^Authentik\/Sources\/Rac: authorizationFlow expects a flow; got .*default-provider-authorization-implicit-consent.*; pass a Flow, Flow.fromSlug/));
  });

  it('a schedule has no natural key: it names the fields authentik finds it by, or is told to', () => {
    const { chart, bp } = setup();
    new CfnSchedule(bp, 'Paused', { relObjId: 'abc', paused: true, identifyBy: ['relObjId'], updatesExisting: true });
    new CfnSchedule(bp, 'Nameless', { paused: true, updatesExisting: true });
    new CfnSchedule(bp, 'Wrong', { paused: true, updatesExisting: true, identifyBy: ['uid'] });
    const problems = validateApp(chart);
    expect(entries(bp).find((e) => e.id === 'paused')).toMatchObject({ identifiers: { rel_obj_id: 'abc' }, attrs: { paused: true } });
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Sources\/Nameless: has no identifiers, so authentik cannot find the object/));
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Sources\/Wrong: identifyBy must be a non-empty list .*got \["uid"\]; known fields: crontab, paused, relObjId/));
    expect(problems.filter((p) => p.includes('Paused'))).toEqual([]);
  });

  it('a RAC endpoint, whose name is no unique key in authentik, is found by what the entry names', () => {
    const { chart, bp } = setup();
    const rac = new CfnRACProvider(bp, 'Rac', { name: 'rac', authorizationFlow: Flow.fromSlug('f') });
    new CfnEndpoint(bp, 'Ssh', { name: 'ssh', provider: rac, protocol: 'ssh', host: 'box:22', authMode: 'prompt', identifyBy: ['name', 'provider'] });
    new CfnEndpoint(bp, 'Vnc', { name: 'vnc', provider: rac, protocol: 'vnc', host: 'box:5900', authMode: 'prompt' });
    expect((CfnEndpoint as unknown as Record<string, unknown>).fromName).toBeUndefined();
    const problems = validateApp(chart);
    expect(problems).toEqual([expect.stringMatching(/^Authentik\/Sources\/Vnc: has no identifiers/)]);
    expect(entries(bp).find((e) => e.id === 'ssh').identifiers).toEqual({ name: 'ssh', provider: { tag: '!KeyOf', value: 'rac' } });
  });

  it('a model the API has no schema for maps camelCase to wire names and refuses unknown props with the value', () => {
    const { chart, bp } = setup('2026.8');
    new CfnAgentDeviceUserBinding(bp, 'Binding', { order: 0, failureResult: true, identifyBy: ['order'], updatesExisting: true } as never);
    new CfnAgentDeviceUserBinding(bp, 'Typo', { ordr: 3, identifyBy: ['order'], order: 1 } as never);
    const problems = validateApp(chart);
    expect(entries(bp).find((e) => e.id === 'binding')).toMatchObject({ identifiers: { order: 0 }, attrs: { failure_result: true } });
    expect(problems.filter((p) => p.includes('Binding'))).toEqual([]);
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Sources\/Typo: "ordr" is not a field of .*agentdeviceuserbinding .*given number 3; did you mean "order"\?/));
  });

  it('a field the chart\'s release lacks names the releases that have it', () => {
    const fields26 = catalogFor('2026.2').blueprintFieldNames('authentik_sources_oauth.oauthsource') ?? [];
    const fields28 = catalogFor('2026.8').blueprintFieldNames('authentik_sources_oauth.oauthsource') ?? [];
    const newer = fields28.filter((f) => !fields26.includes(f));
    if (newer.length === 0) return expect(fields26).toEqual(fields28); // nothing to show in these releases
    const { chart, bp } = setup('2026.2');
    const prop = newer[0]!.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    new CfnOAuthSource(bp, 'Github', { slug: 'github', name: 'g', providerType: 'github', consumerKey: 'k', [prop]: Tag.env('X') } as never);
    expect(validateApp(chart).join('\n')).toMatch(new RegExp(`"${prop}" .*authentik 2026\\.2 .*authentik 2026\\.[58]`));
  });
});

describe('typed props take a tag where authentik resolves one', () => {
  it('a captcha stage takes its private key from !Env or !File and its public key from a tag', () => {
    const { chart, bp } = setup();
    new WorkerSecret(bp, 'SiteKey', { envVar: 'CAPTCHA_SITE_KEY', secretKey: 'captcha-site-key' });
    new WorkerSecret(bp, 'SecretKey', { envVar: 'CAPTCHA_SECRET', secretKey: 'captcha-secret' });
    new CaptchaStage(bp, 'Captcha', { name: 'captcha', publicKey: Tag.env('CAPTCHA_SITE_KEY'), privateKey: Tag.env('CAPTCHA_SECRET') });
    new CaptchaStage(bp, 'CaptchaFile', { name: 'captcha-file', publicKey: 'site', privateKey: Tag.file('/run/secrets/captcha') });
    expect(validateApp(chart)).toEqual([]);
    const byId = Object.fromEntries(entries(bp).map((e) => [e.id, e]));
    expect(byId.captcha.attrs).toMatchObject({ public_key: { tag: '!Env', value: 'CAPTCHA_SITE_KEY' }, private_key: { tag: '!Env', value: 'CAPTCHA_SECRET' } });
    expect(byId['captcha-file'].attrs.private_key).toEqual({ tag: '!File', value: '/run/secrets/captcha' });
  });

  it('a flow\'s title and a Duo stage\'s API host, typed from the API request, take a tag too', () => {
    const { chart, bp } = setup();
    new Flow(bp, 'Login', { slug: 'login', name: 'Login', title: Tag.context('login_title', 'Welcome'), designation: 'authentication' });
    new WorkerSecret(bp, 'DuoHost', { envVar: 'DUO_API_HOST', secretKey: 'duo-api-host' });
    new WorkerSecret(bp, 'DuoSecret', { envVar: 'DUO_SECRET', secretKey: 'duo-secret' });
    new AuthenticatorDuoStage(bp, 'Duo', { name: 'duo', clientId: 'DI123', apiHostname: Tag.env('DUO_API_HOST'), clientSecret: Tag.env('DUO_SECRET') });
    expect(validateApp(chart)).toEqual([]);
    const byId = Object.fromEntries(entries(bp).map((e) => [e.id, e]));
    expect(byId.login.attrs.title).toEqual({ tag: '!Context', items: ['login_title', 'Welcome'] });
    expect(byId.duo.attrs.api_hostname).toEqual({ tag: '!Env', value: 'DUO_API_HOST' });
  });

  it('a captcha stage still refuses a !Context or !Format private key, which would not read the secret at run time', () => {
    const { chart, bp } = setup();
    new CaptchaStage(bp, 'Captcha', { name: 'captcha', publicKey: 'pk', privateKey: Tag.format('%s', 'sk') as never });
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(/^Authentik\/Sources\/Captcha: privateKey is a secret and must be a reference/));
  });
});
