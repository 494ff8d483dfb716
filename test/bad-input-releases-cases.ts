/**
 * Bad input around the fields and choices authentik 2026.5 and 2026.8 add (constructs/authentik/release-props.ts)
 * and OidcClient's grant types. test/bad-input.test.ts runs each through the real CLI path on blumeops's app:
 * each mistake fails the synth with its own message (construct path, field, value, fix) and leaves the output
 * folder byte-identical.
 *
 * Sources (goauthentik/authentik): website/docs/releases/2026/v2026.5.mdx ("OAuth2 configurable grant types",
 * "SAML provider issuer", "WebAuthn Client Hints support", "2FA attempt throttling", Account Lockdown),
 * v2026.8.mdx ("Token exchange", "User switching", "CAPTCHA providers"),
 * authentik/providers/oauth2/migrations/0033_alter_oauth2provider_grant_types.py (default=list) with
 * authentik/providers/oauth2/views/authorize.py check_grant (a grant the provider does not list is refused).
 */
import { App } from 'cdk8s';
import {
  ApplicationAccess, AuthenticatorValidateStage, AuthenticatorWebAuthnStage, AuthentikChart, Blueprint, Brand, CaptchaStage, CertificateKeyPair,
  EventMatcherPolicy, Flow, ModelEntry, NotificationTransport, OAuth2Provider, OidcClient, Prompt, RedirectUri, SamlProvider, Tag,
  type AuthentikVersion,
} from '../constructs';

interface Declared {
  readonly chart: AuthentikChart;
}

const FLOWS = {
  authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
  invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
};
const SIGNING_KEY = CertificateKeyPair.fromName('authentik Self-signed Certificate');

/** A blueprint `Authentik/Extra` in blumeops's chart, which declares authentik 2026.2. */
const extra = (d: Declared): Blueprint => new Blueprint(d.chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' });

/** A blueprint `Other/Extra` in a second chart of the app that declares `version`. */
const extraAt = (d: Declared, version: AuthentikVersion): Blueprint => {
  const other = new AuthentikChart(d.chart.node.scope as App, 'Other', {
    namespace: 'authentik', authentikVersion: version, kustomizeBase: '../base', secretStoreName: 'store', secretRemoteKey: 'Authentik (test)',
  });
  return new Blueprint(other, 'Extra', { fileName: 'extra.yaml', name: 'Extra' });
};

const client = (bp: Blueprint, overrides: Record<string, unknown>): OidcClient => new OidcClient(bp, 'C', {
  name: 'Wiki', slug: 'wiki', redirectUris: ['https://wiki.example/cb'], access: ApplicationAccess.anyAuthenticatedUser(), ...overrides,
});

const samlProvider = (bp: Blueprint, overrides: Record<string, unknown>): SamlProvider => new SamlProvider(bp, 'S', {
  name: 'S', ...FLOWS, acsUrl: 'https://sp.example/saml/acs', ...overrides,
});

const oauth2 = (bp: Blueprint, overrides: Record<string, unknown>): OAuth2Provider => new OAuth2Provider(bp, 'P', {
  name: 'P', ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, redirectUris: [RedirectUri.strict('https://p.example/cb')], ...overrides,
});

/** Mistakes around later releases' fields and choices; test/bad-input.test.ts runs them through the CLI with the rest. */
export const RELEASE_CASES: Array<[string, (d: Declared) => void, RegExp]> = [
  ['an OIDC client states grant types under 2026.2, which has no such field',
    (d) => client(extra(d), { grantTypes: ['authorization_code'] }),
    /Authentik\/Extra\/C\/Provider: "grantTypes" \(given \["authorization_code"\]\) is not an attribute of authentik_providers_oauth2.oauth2provider in authentik 2026.2 .*authentik 2026.5, 2026.8 have it; upgrade authentik to 2026.5 and set authentikVersion: '2026.5'/],
  ['an OIDC client\'s grant types are one string, not a list',
    (d) => client(extra(d), { grantTypes: 'authorization_code' }),
    /Authentik\/Extra\/C: grantTypes must be a list of strings; got string "authorization_code"/],
  ['a SAML provider overrides its issuer under 2026.2, which calls the field issuer',
    (d) => samlProvider(extra(d), { issuerOverride: 'https://auth.example/saml' }),
    /Authentik\/Extra\/S: "issuerOverride" \(given "https:\/\/auth.example\/saml"\) is not an attribute of authentik_providers_saml.samlprovider in authentik 2026.2 .*authentik 2026.5, 2026.8 have it/],
  ['a SAML provider signs logout responses under 2026.2',
    (d) => samlProvider(extra(d), { signLogoutResponse: true }),
    /Authentik\/Extra\/S: "signLogoutResponse" \(given true\) .*authentik 2026.5, 2026.8 have it/],
  ['a flow requires a token under 2026.2, a choice 2026.5 adds',
    (d) => new Flow(extra(d), 'F', { slug: 'api', name: 'API', title: 'API', designation: 'authentication', authentication: 'require_token' }),
    /Authentik\/Extra\/F \(authentik_flows.flow\): authentication must be one of "none", .* \(given "require_token"\); authentik 2026.5, 2026.8 accept it: upgrade authentik to 2026.5/],
  ['a prompt is an alert under 2026.2, a type 2026.5 adds',
    (d) => new Prompt(extra(d), 'P', { name: 'warn', fieldKey: 'warn', label: 'Careful', type: 'alert_warning' }),
    /Authentik\/Extra\/P \(authentik_stages_prompt.prompt\): type must be one of "text", .* \(given "alert_warning"\); authentik 2026.5, 2026.8 accept it/],
  ['a validation stage sends WebAuthn hints under 2026.2',
    (d) => new AuthenticatorValidateStage(extra(d), 'V', { name: 'mfa', webauthnHints: ['security-key'] }),
    /Authentik\/Extra\/V: "webauthnHints" \(given \["security-key"\]\) .*authentik 2026.5, 2026.8 have it/],
  ['a validation stage throttles TOTP attempts under 2026.2',
    (d) => new AuthenticatorValidateStage(extra(d), 'V', { name: 'mfa', totpOtpThrottlingFactor: 2 }),
    /Authentik\/Extra\/V: "totpOtpThrottlingFactor" \(given 2\) .*authentik 2026.5, 2026.8 have it/],
  ['a WebAuthn stage sends hints under 2026.2',
    (d) => new AuthenticatorWebAuthnStage(extra(d), 'W', { name: 'webauthn', hints: ['client-device'] }),
    /Authentik\/Extra\/W: "hints" \(given \["client-device"\]\) .*authentik 2026.5, 2026.8 have it/],
  ['a brand names a lockdown flow under 2026.2',
    (d) => new Brand(extra(d), 'B', { domain: 'b.example', flowLockdown: Flow.fromSlug('default-authentication-flow') }),
    /Authentik\/Extra\/B: "flowLockdown" \(given authentik_flows.flow slug="default-authentication-flow"\) .*authentik 2026.5, 2026.8 have it/],
  ['a webhook transport names a CA under 2026.2',
    (d) => new NotificationTransport(extra(d), 'T', { name: 'hook', mode: 'webhook', webhookUrl: 'https://hooks.example/a', webhookCa: SIGNING_KEY }),
    /Authentik\/Extra\/T: "webhookCa" .*authentik 2026.5, 2026.8 have it/],
  ['an event matcher policy has an AKQL query under 2026.2',
    (d) => new EventMatcherPolicy(extra(d), 'E', { name: 'germany', query: 'context.geo.country = "Germany"' }),
    /Authentik\/Extra\/E: "query" \(given "context.geo.country = \\"Germany\\""\) .*authentik 2026.5, 2026.8 have it/],
  ['a brand\'s lockdown flow is a slug, not a flow',
    (d) => new Brand(extraAt(d, '2026.5'), 'B', { domain: 'b.example', flowLockdown: 'default-account-lockdown' as never }),
    /Other\/Extra\/B: flowLockdown expects a flow; got string "default-account-lockdown"; pass /],
  ['a SAML provider keeps the old issuer under 2026.5, which renamed it',
    (d) => samlProvider(extraAt(d, '2026.5'), { issuer: 'https://auth.example/saml' }),
    /Other\/Extra\/S: "issuer" \(given "https:\/\/auth.example\/saml"\) is not an attribute .* in authentik 2026.5 .*authentik 2026.5 renamed it to issuer_override .*: write issuerOverride instead/],
  ['a provider asks for token exchange under 2026.5, a grant 2026.8 adds',
    (d) => oauth2(extraAt(d, '2026.5'), { grantTypes: ['urn:ietf:params:oauth:grant-type:token-exchange'] }),
    /Other\/Extra\/P \(authentik_providers_oauth2.oauth2provider\): grant_types\[0\] must be one of .* \(given "urn:ietf:params:oauth:grant-type:token-exchange"\); authentik 2026.8 accepts it: upgrade authentik to 2026.8/],
  ['a new provider under 2026.8 states no grant types, so authentik would give it none',
    (d) => oauth2(extraAt(d, '2026.8'), {}),
    /Other\/Extra\/P: grantTypes is not given, and authentik 2026.8 creates a provider without grant_types with none .*state the grants the client uses/],
  ['a ModelEntry of a new OAuth2 provider under 2026.8 states no grant types',
    (d) => new ModelEntry(extraAt(d, '2026.8'), 'M', {
      model: 'authentik_providers_oauth2.oauth2provider', identifiers: { name: 'm' },
      attributes: { ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, redirectUris: [{ matchingMode: 'strict', url: 'https://m.example/cb' }] },
    }),
    /Other\/Extra\/M: attributes.grantTypes is not given, and authentik 2026.8 creates a provider without grant_types with none .*\(or updatesExisting: true for a provider that exists\)/],
  ['an OIDC client\'s grant types hold no login grant',
    (d) => client(extraAt(d, '2026.5'), { grantTypes: ['client_credentials', 'refresh_token'] }),
    /Other\/Extra\/C: grantTypes \["client_credentials","refresh_token"\] has no grant that returns to the redirect URIs .*add 'authorization_code'/],
  ['an OIDC client\'s grant types leave out client_credentials, which its CI service account logs in with',
    (d) => client(extraAt(d, '2026.5'), { grantTypes: ['authorization_code'], serviceAccounts: [{ username: 'wiki-ci', name: 'Wiki CI' }] }),
    /Other\/Extra\/C: grantTypes \["authorization_code"\] leaves out client_credentials, but its service accounts \(wiki-ci\) log in with it; add 'client_credentials'/],
  ['a captcha stage sends JSON under 2026.5, which 2026.8 adds',
    (d) => new CaptchaStage(extraAt(d, '2026.5'), 'K', { name: 'captcha', publicKey: 'k', privateKey: Tag.env('AUTHENTIK_CAPTCHA_KEY'), requestContentType: 'application/json' }),
    /Other\/Extra\/K: "requestContentType" \(given "application\/json"\) is not an attribute of authentik_stages_captcha.captchastage in authentik 2026.5 .*authentik 2026.8 has it/],
  ['a validation stage\'s WebAuthn hint is none the browser knows',
    (d) => new AuthenticatorValidateStage(extraAt(d, '2026.5'), 'V', { name: 'mfa', webauthnHints: ['usb'] as never }),
    /Other\/Extra\/V \(authentik_stages_authenticator_validate.authenticatorvalidatestage\): webauthn_hints\[0\] must be one of "security-key", "client-device", "hybrid" \(given "usb"\)/],
];
