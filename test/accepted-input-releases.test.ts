/**
 * Accepted input: real-world declarations that use what authentik 2026.5 and 2026.8 add, each under a
 * release that has it (release notes: goauthentik/authentik website/docs/releases/2026/v2026.5.mdx,
 * v2026.8.mdx). Each synthesizes without a problem and writes the field as authentik names it.
 */
import { describe, expect, it } from 'vitest';
import {
  Application, ApplicationAccess, AuthenticatorValidateStage, AuthenticatorWebAuthnStage, Blueprint, Brand, CaptchaStage, CertificateKeyPair,
  EventMatcherPolicy, Flow, Group, NotificationTransport, OAuth2Provider, OidcClient, Prompt, RedirectUri, SamlProvider, Source, SourceStage,
  WorkerSecret, validateApp, type AuthentikVersion,
} from '../constructs';
import { parseBlueprint, testChart } from './helpers';

const FLOWS = {
  authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
  invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
};
const SIGNING_KEY = CertificateKeyPair.fromName('authentik Self-signed Certificate');

const cases: Array<[string, AuthentikVersion, (bp: Blueprint) => void, string, Record<string, unknown>]> = [
  ['an application hidden from the dashboard (2026.5 replaces blank://blank)', '2026.5',
    (bp) => new Application(bp, 'A', { name: 'Internal API', slug: 'internal-api', metaHide: true }), 'a', { meta_hide: true }],
  ['a Grafana client limited to the authorization code and refresh grants', '2026.5',
    (bp) => new OidcClient(bp, 'Grafana', {
      name: 'Grafana', slug: 'grafana', redirectUris: ['https://grafana.example.com/login/generic_oauth'],
      access: ApplicationAccess.anyAuthenticatedUser(), grantTypes: ['authorization_code', 'refresh_token'],
    }), 'grafana-provider', { grant_types: ['authorization_code', 'refresh_token'] }],
  ['a CLI client using the device code grant', '2026.5',
    (bp) => new OAuth2Provider(bp, 'Cli', {
      name: 'cli', ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
    }), 'cli', { grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'] }],
  ['a service exchanging tokens of a trusted provider (2026.8)', '2026.8',
    (bp) => new OAuth2Provider(bp, 'Exchange', {
      name: 'exchange', ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, redirectUris: [RedirectUri.strict('https://svc.example.com/cb')],
      grantTypes: ['urn:ietf:params:oauth:grant-type:token-exchange'],
    }), 'exchange', { grant_types: ['urn:ietf:params:oauth:grant-type:token-exchange'] }],
  ['a SAML provider with the EntityID its service provider expects, signing logout responses', '2026.5',
    (bp) => new SamlProvider(bp, 'Wiki', {
      name: 'Wiki', ...FLOWS, acsUrl: 'https://wiki.example.com/saml/acs', issuerOverride: 'https://auth.example.com', signLogoutResponse: true,
      signingKp: SIGNING_KEY, signAssertion: true,
    }), 'wiki', { issuer_override: 'https://auth.example.com', sign_logout_response: true }],
  ['an MFA validation that slows down repeated TOTP and email code guesses', '2026.5',
    (bp) => new AuthenticatorValidateStage(bp, 'Mfa', {
      name: 'mfa-validate', deviceClasses: ['totp', 'email', 'webauthn'], totpOtpThrottlingFactor: 2, emailOtpThrottlingFactor: 3, webauthnHints: ['security-key'],
    }), 'mfa', { totp_otp_throttling_factor: 2, email_otp_throttling_factor: 3, webauthn_hints: ['security-key'] }],
  ['a security-key-only WebAuthn enrollment', '2026.8',
    (bp) => new AuthenticatorWebAuthnStage(bp, 'Key', { name: 'webauthn-setup', hints: ['security-key'] }), 'key', { hints: ['security-key'] }],
  ['a webhook to a server with a private CA', '2026.5',
    (bp) => new NotificationTransport(bp, 'Hook', {
      name: 'ntfy', mode: 'webhook', webhookUrl: 'https://ntfy.internal/alerts', webhookCa: CertificateKeyPair.fromName('Internal CA'),
    }), 'hook', { webhook_ca: { tag: '!Find', items: ['authentik_crypto.certificatekeypair', ['name', 'Internal CA']] } }],
  ['an event matcher policy with an AKQL query', '2026.5',
    (bp) => new EventMatcherPolicy(bp, 'Abroad', { name: 'logins-abroad', action: 'login', query: 'context.geo.country != "Germany"' }),
    'abroad', { action: 'login', query: 'context.geo.country != "Germany"' }],
  ['an event matcher policy on user offboarding (2026.8)', '2026.8',
    (bp) => new EventMatcherPolicy(bp, 'Off', { name: 'offboarded', action: 'user_offboarded' }), 'off', { action: 'user_offboarded' }],
  ['a flow only API tokens may run', '2026.5',
    (bp) => new Flow(bp, 'Api', { slug: 'api-login', name: 'API login', title: 'API login', designation: 'authentication', authentication: 'require_token' }),
    'api', { authentication: 'require_token' }],
  ['a warning shown in an enrollment prompt', '2026.5',
    (bp) => new Prompt(bp, 'Warn', { name: 'enrollment-warning', fieldKey: 'warning', label: 'Accounts are reviewed', type: 'alert_warning' }),
    'warn', { type: 'alert_warning' }],
  ['a brand with user switching and self-hosted map tiles (2026.8)', '2026.8',
    (bp) => new Brand(bp, 'Brand', {
      domain: 'example.com',
      flowUserSwitch: new Flow(bp, 'Switch', { slug: 'user-switch', name: 'Switch', title: 'Switch account', designation: 'authentication' }),
      brandingMapTiles: 'https://tiles.example.com/{z}/{x}/{y}.pbf',
    }), 'brand', { flow_user_switch: { tag: '!KeyOf', value: 'switch' }, branding_map_tiles: 'https://tiles.example.com/{z}/{x}/{y}.pbf' }],
  ['a Cap captcha verified with JSON requests (2026.8)', '2026.8',
    (bp) => new CaptchaStage(bp, 'Cap', {
      name: 'cap', publicKey: 'site-key', privateKey: new WorkerSecret(bp, 'CapKey', { envVar: 'AUTHENTIK_CAP_KEY', secretKey: 'cap-key' }),
      apiUrl: 'https://cap.example.com/site-key/siteverify', jsUrl: 'https://cap.example.com/widget.js', requestContentType: 'application/json',
    }), 'cap', { request_content_type: 'application/json' }],
  ['a source stage that resumes when a property is missing (2026.8)', '2026.8',
    (bp) => new SourceStage(bp, 'Src', { name: 'corp-source', source: Source.fromSlug('corp'), resumeOnMatchFailures: ['missing_property'] }),
    'src', { resume_on_match_failures: ['missing_property'] }],
  ['an OIDC client with a CI service account under 2026.8 (login grants and client credentials by default)', '2026.8',
    (bp) => {
      const ci = new Group(bp, 'Ci', { name: 'ci' });
      new OidcClient(bp, 'Zot', {
        name: 'Zot', slug: 'zot', redirectUris: ['https://registry.example.com/auth/callback/oidc'], access: ApplicationAccess.groups(ci),
        serviceAccounts: [{ username: 'zot-ci', name: 'Zot CI', groups: [ci] }],
      });
    }, 'zot-provider', { grant_types: ['authorization_code', 'refresh_token', 'client_credentials'] }],
];

describe('accepted input: what later authentik releases add', () => {
  it.each(cases)('accepts %s (authentik %s)', (_name, version, fill, id, written) => {
    const chart = testChart({ authentikVersion: version });
    const bp = new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' });
    fill(bp);
    expect(validateApp(chart)).toEqual([]);
    const entry = parseBlueprint(bp.toYaml()).entries.find((e: { id: string }) => e.id === id);
    expect(entry?.attrs).toMatchObject(written);
  });
});
