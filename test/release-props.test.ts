/**
 * Typed props for the fields authentik 2026.5 and 2026.8 add to models with a hand-written construct
 * (constructs/authentik/release-props.ts), gated by the chart's authentikVersion.
 *
 * Sources (goauthentik/authentik):
 * - website/docs/releases/2026/v2026.5.mdx: "OAuth2 configurable grant types", "SAML provider issuer"
 *   (generated, overridable: issuer → issuer_override), "Application Dashboard" (meta_hide),
 *   "WebAuthn Client Hints support", "2FA attempt throttling", Account Lockdown (brand flow_lockdown);
 * - website/docs/releases/2026/v2026.8.mdx: "Token exchange" (a grant type), "User switching" (brand
 *   flow_user_switch), PAM access requests (brand flow_request), "Self-hosted event maps" (brand map
 *   tiles), "CAPTCHA providers" (JSON verification requests);
 * - authentik/providers/oauth2/migrations/0033_alter_oauth2provider_grant_types.py (default=list) and
 *   authentik/providers/oauth2/views/authorize.py check_grant, views/token.py (a grant the provider does
 *   not list is refused);
 * - authentik/stages/authenticator_validate/models.py (the four *_otp_throttling_factor FloatField(default=1),
 *   webauthn_hints ArrayField(default=list)).
 * The field lists themselves are the OpenAPI documents of @goauthentik/api 2026.2.0, 2026.5.6 and 2026.8.3
 * (the catalogs under constructs/catalog/generated/).
 */
import type * as v2026_5 from '@goauthentik/api-2026.5';
import type * as v2026_8 from '@goauthentik/api-2026.8';
import type { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import {
  AnsibleConsumer, AnsibleHost, Application, AuthentikChart, ApplicationAccess, AuthenticatorValidateStage, AuthenticatorWebAuthnStage, Blueprint, Brand,
  CaptchaStage, CertificateKeyPair, EventMatcherPolicy, Flow, ModelEntry, NotificationTransport, OAuth2Provider, OidcClient, Prompt,
  RedirectUri, SamlProvider, Source, SourceStage, Tag, WorkerSecret, validateApp,
  type ApplicationProps, type AuthenticatorValidateStageProps, type AuthenticatorWebAuthnStageProps, type AuthentikVersion, type BrandProps,
  type CaptchaStageProps, type EventMatcherPolicyProps, type FlowProps, type NotificationTransportProps, type OAuth2ProviderProps,
  type PromptProps, type SamlProviderProps, type SourceStageProps,
} from '../constructs';
import { catalogFor } from '../constructs/catalog/catalog';
import { upgradeCheck, UpgradeExitCode } from '../constructs/synth/upgrade-check';
import { typedEntries } from '../constructs/authentik/private/entry-registry';
import { camelize } from '../constructs/authentik/model-schema';
import { parseBlueprint, TEST_CHART_PROPS, testChart } from './helpers';

/** Compiles only when `T` is `never`: no field of the later releases' request types is missing from a construct's props. */
function expectNoMissingProps<T extends never>(): T[] {
  return [];
}

// 1. at compile time: every field of the 2026.5 and 2026.8 request types is a typed prop (or deliberately left out, below)
expectNoMissingProps<Exclude<keyof v2026_5.ApplicationRequest | keyof v2026_8.ApplicationRequest, keyof ApplicationProps>>();
expectNoMissingProps<Exclude<keyof v2026_5.OAuth2ProviderRequest | keyof v2026_8.OAuth2ProviderRequest, keyof OAuth2ProviderProps>>();
expectNoMissingProps<Exclude<keyof v2026_5.SAMLProviderRequest | keyof v2026_8.SAMLProviderRequest, keyof SamlProviderProps>>();
// Brand writes the API's `_default` as `default`
expectNoMissingProps<Exclude<keyof v2026_5.BrandRequest | keyof v2026_8.BrandRequest, keyof BrandProps | '_default'>>();
expectNoMissingProps<Exclude<keyof v2026_5.NotificationTransportRequest | keyof v2026_8.NotificationTransportRequest, keyof NotificationTransportProps>>();
expectNoMissingProps<Exclude<keyof v2026_5.FlowRequest | keyof v2026_8.FlowRequest, keyof FlowProps>>();
expectNoMissingProps<Exclude<keyof v2026_5.EventMatcherPolicyRequest | keyof v2026_8.EventMatcherPolicyRequest, keyof EventMatcherPolicyProps>>();
expectNoMissingProps<Exclude<keyof v2026_5.AuthenticatorValidateStageRequest | keyof v2026_8.AuthenticatorValidateStageRequest,
  keyof AuthenticatorValidateStageProps>>();
expectNoMissingProps<Exclude<keyof v2026_5.AuthenticatorWebAuthnStageRequest | keyof v2026_8.AuthenticatorWebAuthnStageRequest,
  keyof AuthenticatorWebAuthnStageProps | 'preventDuplicateDevices'>>();
expectNoMissingProps<Exclude<keyof v2026_5.CaptchaStageRequest | keyof v2026_8.CaptchaStageRequest, keyof CaptchaStageProps>>();
expectNoMissingProps<Exclude<keyof v2026_5.SourceStageRequest | keyof v2026_8.SourceStageRequest, keyof SourceStageProps>>();
expectNoMissingProps<Exclude<keyof v2026_5.PromptRequest | keyof v2026_8.PromptRequest, keyof PromptProps>>();

/** The items a list prop takes. */
type ItemOf<P> = Extract<NonNullable<P>, readonly unknown[]>[number];

/** Compiles only when every value of `Later` (the newest release's type, without the generator's catch-all) is one `Prop` takes. */
function expectAccepts<Later, Prop>(..._proof: Exclude<Later, '11184809'> extends Prop ? [] : [never]): void {}

// the choices later releases widen are typed from the newest release, not 2026.2's
expectAccepts<v2026_8.AuthenticationEnum, FlowProps['authentication']>();
expectAccepts<v2026_8.PromptTypeEnum, PromptProps['type']>();
expectAccepts<v2026_8.EventActions, EventMatcherPolicyProps['action']>();
expectAccepts<v2026_8.AppEnum, EventMatcherPolicyProps['app']>();
expectAccepts<v2026_8.ModelEnum, EventMatcherPolicyProps['model']>();
expectAccepts<v2026_8.GrantTypeEnum, ItemOf<OAuth2ProviderProps['grantTypes']>>();
expectAccepts<v2026_8.WebAuthnHintEnum, ItemOf<AuthenticatorValidateStageProps['webauthnHints']>>();
expectAccepts<v2026_8.WebAuthnHintEnum, ItemOf<AuthenticatorWebAuthnStageProps['hints']>>();
expectAccepts<v2026_8.RequestContentTypeEnum, CaptchaStageProps['requestContentType']>();
expectAccepts<v2026_8.ResumeOnMatchFailuresEnum, ItemOf<SourceStageProps['resumeOnMatchFailures']>>();

/**
 * What later releases add to (or whose choices they widen on) the models with a hand-written construct:
 * typed (a prop in release-props.ts) or deliberately left to `ModelEntry` and the generated `Cfn…` class.
 */
const TYPED: Record<string, readonly string[]> = {
  'authentik_brands.brand': ['brandingMapTiles', 'flowLockdown', 'flowRequest', 'flowUserSwitch'],
  'authentik_core.application': ['metaHide'],
  'authentik_events.notificationtransport': ['webhookCa'],
  'authentik_flows.flow': ['authentication'],
  'authentik_policies_event_matcher.eventmatcherpolicy': ['action', 'app', 'model', 'query'],
  'authentik_providers_oauth2.oauth2provider': ['grantTypes'],
  'authentik_providers_saml.samlprovider': ['issuerOverride', 'signLogoutResponse'],
  'authentik_stages_authenticator_validate.authenticatorvalidatestage': [
    'emailOtpThrottlingFactor', 'smsOtpThrottlingFactor', 'staticOtpThrottlingFactor', 'totpOtpThrottlingFactor', 'webauthnHints',
  ],
  'authentik_stages_authenticator_webauthn.authenticatorwebauthnstage': ['hints'],
  'authentik_stages_captcha.captchastage': ['requestContentType'],
  'authentik_stages_prompt.prompt': ['type'],
  'authentik_stages_source.sourcestage': ['resumeOnMatchFailures'],
};
const LEFT_TO_MODEL_ENTRY: Record<string, Record<string, string>> = {
  'authentik_stages_authenticator_webauthn.authenticatorwebauthnstage': {
    preventDuplicateDevices: 'exists in 2026.5 only: disabled by default from 2026.5.4 and removed by 2026.8 (v2026.8.mdx breaking changes), '
      + 'so a typed prop would only lead into an upgrade edit',
  },
};

/** Fields a later release adds, and fields whose choices differ, per model with a hand-written construct (camelCase). */
function laterReleaseFields(): Record<string, string[]> {
  const [first, ...later] = (['2026.2', '2026.5', '2026.8'] as const).map((v) => catalogFor(v));
  const out: Record<string, string[]> = {};
  for (const model of [...new Set(typedEntries().map((e) => e.model))].sort()) {
    const fields = new Set<string>();
    for (const catalog of later) {
      for (const wire of catalog.blueprintFieldNames(model) ?? []) {
        const old = first!.field(model, wire);
        const now = catalog.field(model, wire)!;
        const widened = old?.enum !== undefined && JSON.stringify([...old.enum].sort()) !== JSON.stringify([...(now.enum ?? [])].sort());
        if (!first!.blueprintFieldNames(model)?.includes(wire) || widened) fields.add(camelize(wire));
      }
    }
    if (fields.size > 0) out[model] = [...fields].sort();
  }
  return out;
}

describe('typed props of later releases: the catalogs compared mechanically', () => {
  it('types every field 2026.5 and 2026.8 add to a model with a hand-written construct, or says why it is left to ModelEntry', () => {
    const expected: Record<string, string[]> = {};
    for (const model of new Set([...Object.keys(TYPED), ...Object.keys(LEFT_TO_MODEL_ENTRY)])) {
      expected[model] = [...(TYPED[model] ?? []), ...Object.keys(LEFT_TO_MODEL_ENTRY[model] ?? {})].sort();
    }
    expect(laterReleaseFields()).toEqual(Object.fromEntries(Object.entries(expected).sort(([a], [b]) => (a < b ? -1 : 1))));
  });
});

const FLOWS = {
  authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
  invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
};
const SIGNING_KEY = CertificateKeyPair.fromName('authentik Self-signed Certificate');

/** Declares into a chart of `version`; returns the problems and, when there are none, the blueprint's entries. */
function declare(version: AuthentikVersion, fill: (bp: Blueprint) => void): { problems: string[]; entries: any[] } {
  const chart = testChart({ authentikVersion: version });
  const bp = new Blueprint(chart, 'Apps', { fileName: 'apps.yaml', name: 'Apps' });
  fill(bp);
  const problems = validateApp(chart);
  return { problems, entries: problems.length === 0 ? parseBlueprint(bp.toYaml()).entries : [] };
}

const attrsOf = (entries: any[], id: string): Record<string, unknown> => entries.find((e) => e.id === id)?.attrs;

const saml = (bp: Blueprint, extra: Partial<SamlProviderProps>): SamlProvider => new SamlProvider(bp, 'Saml', {
  name: 'Wiki', ...FLOWS, acsUrl: 'https://wiki.example.com/saml/acs', ...extra,
});

describe('SamlProvider issuerOverride and signLogoutResponse (2026.5)', () => {
  it('writes issuer_override and sign_logout_response under 2026.5 and 2026.8', () => {
    for (const version of ['2026.5', '2026.8'] as const) {
      const { problems, entries } = declare(version, (bp) => saml(bp, { issuerOverride: 'https://auth.example.com/wiki', signLogoutResponse: true }));
      expect(problems, version).toEqual([]);
      expect(attrsOf(entries, 'saml'), version).toMatchObject({ issuer_override: 'https://auth.example.com/wiki', sign_logout_response: true });
    }
  });

  it('refuses issuerOverride under 2026.2 with path, value, the releases that have it and the fix', () => {
    const { problems } = declare('2026.2', (bp) => saml(bp, { issuerOverride: 'https://auth.example.com/wiki' }));
    expect(problems).toEqual(['Authentik/Apps/Saml: "issuerOverride" (given "https://auth.example.com/wiki") is not an attribute of '
      + 'authentik_providers_saml.samlprovider in authentik 2026.2 (the chart\'s authentikVersion); authentik 2026.5, 2026.8 have it; '
      + 'upgrade authentik to 2026.5 and set authentikVersion: \'2026.5\' on the AuthentikChart, or remove it']);
  });

  it('refuses the old issuer under 2026.8 too, naming its new name', () => {
    const { problems } = declare('2026.8', (bp) => saml(bp, { issuer: 'https://auth.example.com/wiki' }));
    expect(problems).toEqual([expect.stringMatching(/^Authentik\/Apps\/Saml: "issuer" \(given "https:\/\/auth.example.com\/wiki"\) is not an attribute .* in authentik 2026.8 .*authentik 2026.2 has it; authentik 2026.5 renamed it to issuer_override .*: write issuerOverride instead$/)]);
  });

  it('checks the new field\'s type by the release\'s schema', () => {
    const { problems } = declare('2026.5', (bp) => saml(bp, { signLogoutResponse: 'yes' as never }));
    expect(problems).toEqual(['Authentik/Apps/Saml (authentik_providers_saml.samlprovider): sign_logout_response must be boolean (given "yes")']);
  });
});

const provider = (bp: Blueprint, extra: Partial<OAuth2ProviderProps> = {}): OAuth2Provider => new OAuth2Provider(bp, 'P', {
  name: 'P', ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, redirectUris: [RedirectUri.strict('https://p.example.com/cb')], ...extra,
});

describe('OAuth2Provider grantTypes (2026.5; token exchange from 2026.8)', () => {
  it('writes grant_types under 2026.5', () => {
    const { problems, entries } = declare('2026.5', (bp) => provider(bp, { grantTypes: ['authorization_code', 'refresh_token'] }));
    expect(problems).toEqual([]);
    expect(attrsOf(entries, 'p')).toMatchObject({ grant_types: ['authorization_code', 'refresh_token'] });
  });

  it('refuses grantTypes under 2026.2, which allows every grant', () => {
    const { problems } = declare('2026.2', (bp) => provider(bp, { grantTypes: ['authorization_code'] }));
    expect(problems).toEqual([expect.stringMatching(/^Authentik\/Apps\/P: "grantTypes" \(given \["authorization_code"\]\) is not an attribute .* in authentik 2026.2 .*authentik 2026.5, 2026.8 have it; upgrade authentik to 2026.5/)]);
  });

  it('names the release that accepts a newer grant: token exchange under 2026.5 says 2026.8', () => {
    const { problems } = declare('2026.5', (bp) => provider(bp, { grantTypes: ['authorization_code', 'urn:ietf:params:oauth:grant-type:token-exchange'] }));
    expect(problems).toEqual([expect.stringMatching(/^Authentik\/Apps\/P \(authentik_providers_oauth2.oauth2provider\): grant_types\[1\] must be one of "authorization_code", .* \(given "urn:ietf:params:oauth:grant-type:token-exchange"\); authentik 2026.8 accepts it: upgrade authentik to 2026.8 and set authentikVersion: '2026.8' on the AuthentikChart, or pick one of the choices above$/)]);
    expect(declare('2026.8', (bp) => provider(bp, { grantTypes: ['urn:ietf:params:oauth:grant-type:token-exchange'] })).problems).toEqual([]);
  });

  it('refuses, under 2026.8, a new provider without grantTypes: authentik would create it with none and refuse every login', () => {
    const { problems } = declare('2026.8', (bp) => provider(bp));
    expect(problems).toEqual([
      'Authentik/Apps/P: grantTypes is not given, and authentik 2026.8 creates a provider without grant_types with none (its default is an '
      + 'empty list since migration 0033_alter_oauth2provider_grant_types), so every login would be refused; state the grants the client '
      + 'uses, e.g. grantTypes: [\'authorization_code\', \'refresh_token\'] (or updatesExisting: true for a provider that exists)',
    ]);
    // an update keeps the grants the provider has; 2026.5 gives a new provider every grant
    expect(declare('2026.8', (bp) => new OAuth2Provider(bp, 'P', { name: 'P', ...FLOWS, updatesExisting: true, unsignedTokens: true })).problems).toEqual([]);
    expect(declare('2026.5', (bp) => provider(bp)).problems).toEqual([]);
  });
});

const client = (bp: Blueprint, extra: Record<string, unknown> = {}): OidcClient => new OidcClient(bp, 'Wiki', {
  name: 'Wiki', slug: 'wiki', redirectUris: ['https://wiki.example.com/cb'], access: ApplicationAccess.anyAuthenticatedUser(), ...extra,
});

describe('OidcClient grantTypes', () => {
  it('writes the grants it is given on the provider under 2026.5, and nothing when none are given (the release keeps every grant)', () => {
    const given = declare('2026.5', (bp) => client(bp, { grantTypes: ['authorization_code', 'refresh_token'] }));
    expect(given.problems).toEqual([]);
    expect(attrsOf(given.entries, 'wiki-provider')).toMatchObject({ grant_types: ['authorization_code', 'refresh_token'] });
    const none = declare('2026.5', (bp) => client(bp));
    expect(attrsOf(none.entries, 'wiki-provider')).not.toHaveProperty('grant_types');
  });

  it('writes the login grants by default under 2026.8, whose providers otherwise get none, and client_credentials for its service accounts', () => {
    const plain = declare('2026.8', (bp) => client(bp));
    expect(plain.problems).toEqual([]);
    expect(attrsOf(plain.entries, 'wiki-provider')).toMatchObject({ grant_types: ['authorization_code', 'refresh_token'] });
    const withAccounts = declare('2026.8', (bp) => client(bp, { serviceAccounts: [{ username: 'wiki-ci', name: 'Wiki CI' }] }));
    expect(withAccounts.problems).toEqual([]);
    expect(attrsOf(withAccounts.entries, 'wiki-provider')).toMatchObject({ grant_types: ['authorization_code', 'refresh_token', 'client_credentials'] });
  });

  it('refuses grantTypes under 2026.2 on the provider it writes, naming the releases that have it', () => {
    const { problems } = declare('2026.2', (bp) => client(bp, { grantTypes: ['authorization_code'] }));
    expect(problems).toEqual([expect.stringMatching(/^Authentik\/Apps\/Wiki\/Provider: "grantTypes" \(given \["authorization_code"\]\) is not an attribute .*authentik 2026.5, 2026.8 have it/)]);
  });

  it('refuses grants no login can complete with, and a consumer left without the authorization code flow', () => {
    const { problems } = declare('2026.5', (bp) => {
      client(bp, { grantTypes: ['client_credentials'] });
      const host = new AnsibleHost(bp, 'Host', { host: 'indri' });
      new OidcClient(bp, 'Legacy', {
        name: 'Legacy', slug: 'legacy', redirectUris: ['https://legacy.example.com/cb'], access: ApplicationAccess.anyAuthenticatedUser(),
        grantTypes: ['implicit'], consumers: [new AnsibleConsumer({ host, name: 'legacy' })],
      });
    });
    expect(problems).toContain('Authentik/Apps/Wiki: grantTypes ["client_credentials"] has no grant that returns to the redirect URIs '
      + '(authorization_code, implicit, hybrid), so no login can complete; add \'authorization_code\' (and \'refresh_token\'), or declare a '
      + 'machine-to-machine client with OAuth2Provider');
    expect(problems).toContain('Authentik/Apps/Legacy: grantTypes ["implicit"] leaves out authorization_code, but its consumers (legacy on indri) sign '
      + 'in with the authorization code flow; add \'authorization_code\'');
  });

  it('refuses grantTypes that are not a list of strings', () => {
    const { problems } = declare('2026.5', (bp) => client(bp, { grantTypes: 'authorization_code' }));
    expect(problems).toEqual(['Authentik/Apps/Wiki: grantTypes must be a list of strings; got string "authorization_code"']);
  });
});

describe('the other typed models\' new fields', () => {
  it('Application metaHide, NotificationTransport webhookCa, EventMatcherPolicy query, validation stage throttling and hints under 2026.5', () => {
    const { problems, entries } = declare('2026.5', (bp) => {
      new Application(bp, 'App', { name: 'App', slug: 'app', metaHide: true });
      new NotificationTransport(bp, 'Hook', { name: 'hook', mode: 'webhook', webhookUrl: 'https://hooks.example.com/a', webhookCa: SIGNING_KEY });
      new EventMatcherPolicy(bp, 'Logins', { name: 'logins', action: 'login', query: 'context.geo.country = "Germany"' });
      new AuthenticatorValidateStage(bp, 'Mfa', {
        name: 'mfa', deviceClasses: ['totp', 'webauthn'], totpOtpThrottlingFactor: 2, emailOtpThrottlingFactor: 1.5, webauthnHints: ['security-key'],
      });
      new AuthenticatorWebAuthnStage(bp, 'Key', { name: 'key', hints: ['security-key', 'hybrid'] });
      new Prompt(bp, 'Note', { name: 'note', fieldKey: 'note', label: 'Read this', type: 'alert_info' });
      new Flow(bp, 'Api', { slug: 'api', name: 'API', title: 'API', designation: 'authentication', authentication: 'require_token' });
    });
    expect(problems).toEqual([]);
    expect(attrsOf(entries, 'app')).toMatchObject({ meta_hide: true });
    expect(attrsOf(entries, 'hook')).toMatchObject({ webhook_ca: { tag: '!Find', items: ['authentik_crypto.certificatekeypair', ['name', 'authentik Self-signed Certificate']] } });
    expect(attrsOf(entries, 'logins')).toMatchObject({ query: 'context.geo.country = "Germany"' });
    expect(attrsOf(entries, 'mfa')).toMatchObject({ totp_otp_throttling_factor: 2, email_otp_throttling_factor: 1.5, webauthn_hints: ['security-key'] });
    expect(attrsOf(entries, 'key')).toMatchObject({ hints: ['security-key', 'hybrid'] });
    expect(attrsOf(entries, 'note')).toMatchObject({ type: 'alert_info' });
    expect(attrsOf(entries, 'api')).toMatchObject({ authentication: 'require_token' });
  });

  it('Brand flowUserSwitch, flowRequest, flowLockdown and map tiles, captcha JSON requests and source stage resumption under 2026.8', () => {
    const { problems, entries } = declare('2026.8', (bp) => {
      const flow = (id: string, slug: string): Flow => new Flow(bp, id, { slug, name: id, title: id, designation: 'authentication' });
      new Brand(bp, 'Brand', {
        domain: 'example.com', flowUserSwitch: flow('Switch', 'user-switch'), flowRequest: flow('Request', 'access-request'),
        flowLockdown: flow('Lockdown', 'lockdown'), brandingMapTiles: 'pmtiles://tiles.example.com/world.pmtiles',
      });
      new CaptchaStage(bp, 'Captcha', {
        name: 'captcha', publicKey: 'site-key', privateKey: new WorkerSecret(bp, 'CaptchaKey', { envVar: 'AUTHENTIK_CAPTCHA_KEY', secretKey: 'captcha-key' }), apiUrl: 'https://cap.example.com/api/verify',
        jsUrl: 'https://cap.example.com/widget.js', requestContentType: 'application/json',
      });
      new SourceStage(bp, 'Resume', { name: 'resume', source: Source.fromSlug('corp'), resumeOnMatchFailures: ['missing_property'] });
    });
    expect(problems).toEqual([]);
    expect(attrsOf(entries, 'brand')).toMatchObject({
      flow_user_switch: { tag: '!KeyOf', value: 'switch' }, flow_request: { tag: '!KeyOf', value: 'request' },
      flow_lockdown: { tag: '!KeyOf', value: 'lockdown' }, branding_map_tiles: 'pmtiles://tiles.example.com/world.pmtiles',
    });
    expect(attrsOf(entries, 'captcha')).toMatchObject({ request_content_type: 'application/json' });
    expect(attrsOf(entries, 'resume')).toMatchObject({ resume_on_match_failures: ['missing_property'] });
  });

  it('refuses each under the release before the one that added it, naming the releases that have it', () => {
    const under25 = declare('2026.5', (bp) => {
      new Brand(bp, 'Brand', { domain: 'example.com', flowUserSwitch: Flow.fromSlug('user-switch') });
      new CaptchaStage(bp, 'Captcha', { name: 'captcha', publicKey: 'k', privateKey: Tag.env('K'), requestContentType: 'application/json' });
    }).problems.join('\n');
    expect(under25).toMatch(/Authentik\/Apps\/Brand: "flowUserSwitch" \(given authentik_flows.flow slug="user-switch"\) is not an attribute of authentik_brands.brand in authentik 2026.5 .*authentik 2026.8 has it; upgrade authentik to 2026.8/);
    expect(under25).toMatch(/Authentik\/Apps\/Captcha: "requestContentType" \(given "application\/json"\) .*authentik 2026.8 has it/);
    const under22 = declare('2026.2', (bp) => {
      new AuthenticatorWebAuthnStage(bp, 'Key', { name: 'key', hints: ['hybrid'] });
      new NotificationTransport(bp, 'Hook', { name: 'hook', mode: 'webhook', webhookUrl: 'https://hooks.example.com/a', webhookCa: SIGNING_KEY });
    }).problems.join('\n');
    expect(under22).toMatch(/Authentik\/Apps\/Key: "hints" \(given \["hybrid"\]\) .*authentik 2026.5, 2026.8 have it/);
    expect(under22).toMatch(/Authentik\/Apps\/Hook: "webhookCa" .*authentik 2026.5, 2026.8 have it/);
  });

  it('names the release of a newer choice: a prompt alert and a token-only flow under 2026.2, a 2026.8 event action under 2026.5', () => {
    const under22 = declare('2026.2', (bp) => {
      new Prompt(bp, 'Note', { name: 'note', fieldKey: 'note', label: 'Read this', type: 'alert_info' });
      new Flow(bp, 'Api', { slug: 'api', name: 'API', title: 'API', designation: 'authentication', authentication: 'require_token' });
    }).problems;
    expect(under22).toEqual([
      expect.stringMatching(/^Authentik\/Apps\/Note \(authentik_stages_prompt.prompt\): type must be one of "text", .* \(given "alert_info"\); authentik 2026.5, 2026.8 accept it: upgrade authentik to 2026.5 and set authentikVersion: '2026.5'/),
      expect.stringMatching(/^Authentik\/Apps\/Api \(authentik_flows.flow\): authentication must be one of "none", .* \(given "require_token"\); authentik 2026.5, 2026.8 accept it: upgrade authentik to 2026.5/),
    ]);
    const under25 = declare('2026.5', (bp) => new EventMatcherPolicy(bp, 'Off', { name: 'off', action: 'user_offboarded' })).problems;
    expect(under25).toEqual([expect.stringMatching(/action must be one of .* \(given "user_offboarded"\); authentik 2026.8 accepts it: upgrade authentik to 2026.8/)]);
  });

  it('checks the new fields\' values by the release\'s schema and the reference kinds they take', () => {
    const { problems } = declare('2026.5', (bp) => {
      new AuthenticatorValidateStage(bp, 'Mfa', { name: 'mfa', totpOtpThrottlingFactor: 'fast' as never, webauthnHints: ['usb'] as never });
      new Brand(bp, 'Brand', { domain: 'example.com', flowLockdown: 'default-account-lockdown' as never });
      new NotificationTransport(bp, 'Hook', { name: 'hook', mode: 'webhook', webhookUrl: 'https://hooks.example.com/a', webhookCa: Flow.fromSlug('x') as never });
    });
    expect(problems).toContain('Authentik/Apps/Mfa (authentik_stages_authenticator_validate.authenticatorvalidatestage): totp_otp_throttling_factor must be number (given "fast")');
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Apps\/Mfa \(.*\): webauthn_hints\[0\] must be one of "security-key", "client-device", "hybrid" \(given "usb"\)$/));
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Apps\/Brand: flowLockdown expects a flow; got string "default-account-lockdown"; pass /));
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Apps\/Hook.webhookCa: expects a certificate/));
  });

  it('leaves prevent_duplicate_devices (2026.5 only) to ModelEntry', () => {
    const { problems } = declare('2026.5', (bp) => new ModelEntry(bp, 'Key', {
      model: 'authentik_stages_authenticator_webauthn.authenticatorwebauthnstage', identifiers: { name: 'key' }, attributes: { preventDuplicateDevices: false },
    }));
    expect(problems).toEqual([]);
    expect(LEFT_TO_MODEL_ENTRY['authentik_stages_authenticator_webauthn.authenticatorwebauthnstage']!.preventDuplicateDevices).toMatch(/removed by 2026.8/);
  });
});

describe('upgrade-check 2026.5 → 2026.8 with the typed grant types', () => {
  const appAt = (fill: (bp: Blueprint) => void) => (a: App): void => {
    const chart = new AuthentikChart(a, 'Authentik', { ...TEST_CHART_PROPS, authentikVersion: '2026.5' });
    fill(new Blueprint(chart, 'Apps', { fileName: 'apps.yaml', name: 'Apps' }));
  };

  it('asks for an edit when a typed provider states no grants (2026.8 would create it with none), naming the fix', () => {
    const result = upgradeCheck(appAt((bp) => provider(bp)), '2026.8');
    expect(result.code).toBe(UpgradeExitCode.EDITS_NEEDED);
    expect(result.problems).toEqual([expect.stringMatching(/^Authentik\/Apps\/P: grantTypes is not given, and authentik 2026.8 creates a provider without grant_types with none .*grantTypes: \['authorization_code', 'refresh_token'\] \(or updatesExisting: true for a provider that exists\)$/)]);
  });

  it('is ready when the provider states its grants, with no grant notice left', () => {
    const result = upgradeCheck(appAt((bp) => provider(bp, { grantTypes: ['authorization_code', 'refresh_token'] })), '2026.8');
    expect(result.code).toBe(UpgradeExitCode.READY);
    expect(result.findings.filter((f) => f.text.includes('grant_types'))).toEqual([]);
  });

  it('lets an OIDC client without grantTypes through: under 2026.8 it writes the login grants itself', () => {
    const result = upgradeCheck(appAt((bp) => client(bp)), '2026.8');
    expect(result.problems).toEqual([]);
    expect(result.code).toBe(UpgradeExitCode.READY);
  });
});

describe('a ModelEntry of an OAuth2 provider under 2026.8', () => {
  const entry = (bp: Blueprint, attributes: Record<string, unknown>, options: Record<string, unknown> = {}): void => {
    new ModelEntry(bp, 'M', {
      model: 'authentik_providers_oauth2.oauth2provider', identifiers: { name: 'm' },
      attributes: { ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, redirectUris: [{ matchingMode: 'strict', url: 'https://m.example.com/cb' }], ...attributes },
      ...options,
    } as never);
  };

  it('is judged as the typed construct is: no grant types on create is refused, with the ModelEntry prop to set', () => {
    expect(declare('2026.8', (bp) => entry(bp, {})).problems).toEqual([expect.stringMatching(
      /^Authentik\/Apps\/M: attributes.grantTypes is not given, and authentik 2026.8 creates a provider without grant_types with none .*e.g. attributes.grantTypes: \['authorization_code', 'refresh_token'\]/)]);
    expect(declare('2026.8', (bp) => entry(bp, { grantTypes: ['authorization_code'] })).problems).toEqual([]);
    expect(declare('2026.8', (bp) => entry(bp, {}, { updatesExisting: true })).problems).toEqual([]);
    expect(declare('2026.5', (bp) => entry(bp, {})).problems).toEqual([]);
  });
});

describe('OidcClient grantTypes and service accounts', () => {
  it('refuses grants without client_credentials when service accounts log in with the client (authentik\'s machine-to-machine login)', () => {
    const { problems } = declare('2026.5', (bp) => client(bp, {
      grantTypes: ['authorization_code', 'refresh_token'], serviceAccounts: [{ username: 'wiki-ci', name: 'Wiki CI' }],
    }));
    expect(problems).toEqual(['Authentik/Apps/Wiki: grantTypes ["authorization_code","refresh_token"] leaves out client_credentials, but its '
      + 'service accounts (wiki-ci) log in with it; add \'client_credentials\', or drop serviceAccounts']);
    expect(declare('2026.5', (bp) => client(bp, {
      grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'], serviceAccounts: [{ username: 'wiki-ci', name: 'Wiki CI' }],
    })).problems).toEqual([]);
  });
});
