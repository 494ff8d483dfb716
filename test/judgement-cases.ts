/**
 * The mistakes of the judgement suite (test/judgement.test.ts): [rule id, the mistake, its
 * declaration, the message expected]. Kept outside the test file so the bad-input suite can count
 * them with its own.
 */
import {
  Application, AuthenticatorValidateStage, Blueprint, Brand, CertificateKeyPair, ExpressionPolicy, Flow, FlowStageBinding,
  Group, IdentificationStage, ModelEntry, NotificationTransport, OAuth2Provider, Outpost, PasswordStage, PropertyMapping,
  ProxyProvider, RedirectUri, Role, SamlProvider, ScopeMapping, Stage, Tag, Token, User,
} from '../constructs';
import { RedirectStage } from '../constructs/authentik/stages/redirect-stage';
import { Prompt } from '../constructs/authentik/stages/prompt';
import { ReputationPolicy } from '../constructs/authentik/policies/reputation-policy';
import { EventMatcherPolicy } from '../constructs/authentik/policies/event-matcher-policy';
import type { Declare, JudgementCase } from './judgement-harness';

const FLOWS = {
  authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
  invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
};
const SIGNING_KEY = CertificateKeyPair.fromName('authentik Self-signed Certificate');

const entry = (bp: Blueprint, model: string, identifiers: Record<string, unknown>, attributes: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): void => {
  new ModelEntry(bp, `M${bp.node.children.length}`, { model, identifiers, attributes, ...extra } as never);
};
const expressionPolicy = (expression: string): Declare => (bp) => new ExpressionPolicy(bp, 'P', { name: 'p', expression });
const scopeMapping = (expression: string): Declare => (bp) => new ScopeMapping(bp, 'S', { name: 's', scopeName: 'x', expression });
const samlMapping = (expression: string): Declare => (bp) => new PropertyMapping(bp, 'S', {
  model: 'authentik_providers_saml.samlpropertymapping', name: 's', samlName: 'x', expression,
} as never);
const ldapSourceMapping = (expression: string): Declare => (bp) => entry(bp, 'authentik_sources_ldap.ldapsourcepropertymapping', { name: 'l' }, { expression });
const proxy = (overrides: Record<string, unknown>): Declare => (bp) => new ProxyProvider(bp, 'P', {
  name: 'p', ...FLOWS, externalHost: 'https://p.example', mode: 'forward_single', ...overrides,
} as never);
const oauth2 = (overrides: Record<string, unknown>): Declare => (bp) => new OAuth2Provider(bp, 'P', {
  name: 'p', ...FLOWS, clientType: 'public', redirectUris: [RedirectUri.strict('https://p.example/cb')], signingKey: SIGNING_KEY, ...overrides,
} as never);
const outpostConfig = (config: Record<string, unknown>): Declare => (bp) => {
  const p = new ProxyProvider(bp, 'Prov', { name: 'prov', ...FLOWS, externalHost: 'https://prov.example', mode: 'forward_single' } as never);
  new Application(bp, 'App', { name: 'App', slug: 'app', provider: p });
  new Outpost(bp, 'O', { name: 'o', type: 'proxy', providers: [p], config: config as never });
};
const role = (permissions: string[]): Declare => (bp) => new Role(bp, 'R', { name: 'r', permissions });
const userPath = (path: string): Declare => (bp) => new User(bp, 'U', { username: 'u', name: 'U', path });
const cert = (certificateData: unknown): Declare => (bp) => new CertificateKeyPair(bp, 'C', { name: 'c', certificateData } as never);
const webhook = (webhookUrl: string): Declare => (bp) => new NotificationTransport(bp, 'T', { name: 't', mode: 'webhook', webhookUrl } as never);
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const q = (s: string): string => esc(JSON.stringify(s));

/** [rule id, the mistake, its declaration, the message expected]. */
export const JUDGEMENT_CASES: JudgementCase[] = [
  // URL fields (constructs/authentik/rules/urls.ts; its tables in test/judgement-urls.test.ts)
  ['url-fields-pass-authentiks-url-validators', 'a SAML provider\'s ACS URL has a space',
    (bp) => new SamlProvider(bp, 'P', { name: 'saml', acsUrl: 'https://sp.example/saml acs', authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'), invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow') } as never),
    /\/P\.acs_url: "https:\/\/sp\.example\/saml acs" is not a URL authentik takes \(authentik\/providers\/saml\/models\.py\): .*holds a space/],
  // stages
  ['identification-stage-needs-user-fields-or-sources', 'an identification stage has neither user fields nor sources',
    (bp) => new IdentificationStage(bp, 'S', { name: 's' }), /\/S\.user_fields: \[\] and no sources: authentik refuses/],
  ['identification-stage-needs-user-fields-or-sources', 'an identification stage lists empty user fields and empty sources',
    (bp) => new IdentificationStage(bp, 'S', { name: 's', userFields: [], sources: [] }), /\/S\.user_fields: \[\] and no sources: .*give userFields/],
  ['identification-stage-needs-user-fields-or-sources', 'an update of an identification stage gives neither (ModelEntry)',
    (bp) => entry(bp, 'authentik_stages_identification.identificationstage', { name: 'default-authentication-identification' }, { passwordStage: Stage.fromName('default-authentication-password') }, { updatesExisting: true }),
    /\/M\d+\.user_fields: \[\] and no sources: authentik refuses an identification stage with neither .*on an update too/],
  ['authenticator-validate-configure-needs-configuration-stages', 'a validation stage is set to configure with no configuration stages',
    (bp) => new AuthenticatorValidateStage(bp, 'S', { name: 's', notConfiguredAction: 'configure' }), /\/S\.not_configured_action: "configure" with no configuration_stages/],
  ['authenticator-validate-configure-needs-configuration-stages', 'a validation stage is set to configure with an empty list',
    (bp) => new AuthenticatorValidateStage(bp, 'S', { name: 's', notConfiguredAction: 'configure', configurationStages: [] }), /\/S\.not_configured_action: "configure" with no configuration_stages: authentik refuses it/],
  ['authenticator-validate-configure-needs-configuration-stages', 'an update sets configure without stages (ModelEntry)',
    (bp) => entry(bp, 'authentik_stages_authenticator_validate.authenticatorvalidatestage', { name: 'default-authentication-mfa-validation' }, { notConfiguredAction: 'configure' }, { updatesExisting: true }),
    /\/M\d+\.not_configured_action: "configure" with no configuration_stages: .*notConfiguredAction "skip" or "deny"/],
  ['redirect-stage-mode-needs-target', 'a redirect stage in flow mode has no target flow',
    (bp) => new RedirectStage(bp, 'S', { name: 's', mode: 'flow' }), /\/S\.target_flow: not given in mode "flow"/],
  ['redirect-stage-mode-needs-target', 'a redirect stage in static mode has no URL',
    (bp) => new RedirectStage(bp, 'S', { name: 's', mode: 'static' }), /\/S\.target_static: null in mode "static"/],
  ['redirect-stage-mode-needs-target', 'a redirect stage in static mode has an empty URL (ModelEntry)',
    (bp) => entry(bp, 'authentik_stages_redirect.redirectstage', { name: 'r' }, { mode: 'static', targetStatic: '' }), /\/M\d+\.target_static: "" in mode "static"/],
  ['prompt-expressions-compile', 'a prompt placeholder expression does not compile',
    (bp) => new Prompt(bp, 'P', { name: 'p', fieldKey: 'f', label: 'F', type: 'text', placeholder: 'return user.name +', placeholderExpression: true }),
    /\/P\.placeholder: "return user.name \+" is not valid Python/],
  ['prompt-expressions-compile', 'a prompt initial value expression does not compile',
    (bp) => new Prompt(bp, 'P', { name: 'p', fieldKey: 'f', label: 'F', type: 'text', initialValue: 'return {"a": 1', initialValueExpression: true }),
    /\/P\.initial_value: "return \{\\"a\\": 1" is not valid Python .*initial_value_expression/],
  // policies
  ['event-matcher-needs-a-criterion', 'an event matcher sets no criterion',
    (bp) => new EventMatcherPolicy(bp, 'P', { name: 'p' }), /\/P: none of action, client_ip, app and model is set/],
  ['event-matcher-needs-a-criterion', 'an event matcher sets only empty criteria (ModelEntry)',
    (bp) => entry(bp, 'authentik_policies_event_matcher.eventmatcherpolicy', { name: 'e' }, { clientIp: '' }), /\/M\d+: none of action, client_ip, app and model is set: authentik refuses/],
  ['reputation-policy-checks-ip-or-username', 'a reputation policy checks neither IP nor username',
    (bp) => new ReputationPolicy(bp, 'P', { name: 'p', checkIp: false, checkUsername: false }), /\/P\.check_ip: false and check_username false/],
  ['reputation-policy-checks-ip-or-username', 'a reputation policy leaves both checks out',
    (bp) => new ReputationPolicy(bp, 'P', { name: 'p', threshold: -5 }), /\/P\.check_ip: null and check_username null: .*whatever the model's default/],
  ['policy-binding-has-one-subject', 'a policy binding names a group and a user (ModelEntry)',
    (bp) => entry(bp, 'authentik_policies.policybinding', { target: Flow.fromSlug('default-authentication-flow'), order: 0 }, { group: Group.fromName('authentik Admins'), user: User.fromUsername('akadmin') }),
    /\/M\d+: sets group and user: authentik refuses a binding with more than one subject/],
  ['policy-binding-has-one-subject', 'a policy binding names no subject (ModelEntry)',
    (bp) => entry(bp, 'authentik_policies.policybinding', { target: Flow.fromSlug('default-authentication-flow'), order: 5 }, { negate: true }),
    /\/M\d+: sets none of policy, group and user/],
  ['policy-binding-has-one-subject', 'a policy binding names a policy and a group (ModelEntry)',
    (bp) => entry(bp, 'authentik_policies.policybinding', { target: Flow.fromSlug('default-authentication-flow'), order: 1 }, { policy: ExpressionPolicy.fromName('default-source-enrollment-if-sso'), group: Group.fromName('authentik Admins') }),
    /\/M\d+: sets policy and group: authentik refuses/],
  // providers
  ['proxy-mode-proxy-needs-internal-host', 'an update of a proxy provider omits its mode',
    (bp) => new ProxyProvider(bp, 'P', { name: 'elsewhere', updatesExisting: true, externalHost: 'https://e.example' } as never),
    /\/P\.mode: not given, so authentik validates the provider as mode "proxy" \(its default, on an update too\)/],
  ['proxy-mode-proxy-needs-internal-host', 'a proxy-mode provider has an empty internal host (ModelEntry)',
    (bp) => entry(bp, 'authentik_providers_proxy.proxyprovider', { name: 'pp' }, { ...FLOWS, externalHost: 'https://pp.example', mode: 'proxy', internalHost: '' }),
    /\/M\d+: mode proxy needs internalHost/],
  ['proxy-basic-auth-needs-attributes', 'basic auth is enabled without the attributes',
    proxy({ basicAuthEnabled: true }), /\/P\.basic_auth_enabled: true without basic_auth_user_attribute and basic_auth_password_attribute/],
  ['proxy-basic-auth-needs-attributes', 'basic auth is enabled without the password attribute',
    proxy({ basicAuthEnabled: true, basicAuthUserAttribute: 'username' }), /\/P\.basic_auth_enabled: true without basic_auth_password_attribute: authentik refuses/],
  ['strict-redirect-uri-has-no-wildcard', 'a strict redirect URI has a wildcard host',
    oauth2({ redirectUris: [RedirectUri.strict('https://*.example.com/cb')] }), /\/P\.redirect_uris\[0\]\.url: strict redirect URI "https:\/\/\*\.example\.com\/cb" holds a \*/],
  ['strict-redirect-uri-has-no-wildcard', 'a strict redirect URI has a wildcard path',
    oauth2({ redirectUris: [RedirectUri.strict('https://p.example/*')] }), /\/P\.redirect_uris\[0\]\.url: strict redirect URI "https:\/\/p\.example\/\*" holds a \*.*RedirectUri\.regex/],
  // outposts
  ['outpost-has-providers', 'an outpost has no providers',
    (bp) => new Outpost(bp, 'O', { name: 'o', type: 'proxy' }), /\/O\.providers: \[\]: authentik refuses an outpost without providers/],
  ['outpost-has-providers', 'an outpost has no providers (ModelEntry)',
    (bp) => entry(bp, 'authentik_outposts.outpost', { name: 'o2' }, { type: 'ldap', providers: [], config: {} }), /\/M\d+\.providers: \[\]: authentik refuses an outpost without providers \("This list may not be empty"/],
  ['saml-signing-key-signs-something', 'a SAML provider has a signing key but signs nothing',
    (bp) => new SamlProvider(bp, 'P', { name: 'saml', acsUrl: 'https://sp.example/acs', ...FLOWS, signingKp: SIGNING_KEY }),
    /\/P\.signing_kp: authentik_crypto\.certificatekeypair name="authentik Self-signed Certificate" is given, but neither sign_assertion nor sign_response/],
  ['saml-signing-key-signs-something', 'a SAML provider has a signing key and both signatures off (ModelEntry)',
    (bp) => entry(bp, 'authentik_providers_saml.samlprovider', { name: 'saml3' }, { ...FLOWS, acsUrl: 'https://sp.example/acs', signingKp: SIGNING_KEY, signAssertion: false, signResponse: false }),
    /\/M\d+\.signing_kp: .* is given, but neither sign_assertion nor sign_response is true in this entry: authentik refuses it/],
  ['token-names-user-and-intent', 'a token has no user',
    (bp) => new Token(bp, 'T', { identifier: 't', intent: 'api', expiring: false }), /\/T: user is required: a token authenticates as a user, and authentik refuses a blueprint token without one/],
  ['token-names-user-and-intent', 'a token has no intent',
    (bp) => new Token(bp, 'T', { identifier: 't', user: User.fromUsername('akadmin') }), /\/T\.intent: not given: authentik refuses a blueprint token without one \("Missing intent"\)/],
  ['token-names-user-and-intent', 'an update of a token names no user (ModelEntry)',
    (bp) => entry(bp, 'authentik_core.token', { identifier: 'ci' }, { intent: 'api', description: 'CI' }, { updatesExisting: true }), /\/M\d+: user is required: .*on an update too/],
  ['outpost-providers-match-its-type', 'an LDAP outpost is given a proxy provider (ModelEntry)',
    (bp) => entry(bp, 'authentik_outposts.outpost', { name: 'ldap-out' }, { type: 'ldap', providers: [ProxyProvider.fromName('web')], config: {} }),
    /\/M\d+: providers\[0\]: a ldap outpost serves authentik_providers_ldap\.ldapprovider providers only, not authentik_providers_proxy\.proxyprovider name="web"/],
  ['outpost-providers-match-its-type', 'a proxy outpost is given an OAuth2 provider',
    (bp) => new Outpost(bp, 'O', { name: 'o', type: 'proxy', providers: [OAuth2Provider.fromName('grafana')] }),
    /\/O: providers\[0\]: a proxy outpost serves authentik_providers_proxy\.proxyprovider providers only, not authentik_providers_oauth2\.oauth2provider name="grafana"/],
  ['email-uses-tls-or-ssl-not-both', 'an email stage uses TLS and SSL at once (ModelEntry)',
    (bp) => entry(bp, 'authentik_stages_email.emailstage', { name: 'mail' }, { useGlobalSettings: false, host: 'smtp.example', useTls: true, useSsl: true }),
    /\/M\d+\.use_ssl: true together with use_tls: true; Django's mail backend/],
  ['email-uses-tls-or-ssl-not-both', 'an email authenticator stage uses TLS and SSL at once (ModelEntry)',
    (bp) => entry(bp, 'authentik_stages_authenticator_email.authenticatoremailstage', { name: 'mail-otp' }, { useGlobalSettings: false, host: 'smtp.example', useTls: true, useSsl: true, fromAddress: 'a@example.com' }),
    /\/M\d+\.use_ssl: true together with use_tls: true; .*keep useTls \(STARTTLS, port 587\)/],
  ['group-is-not-its-own-parent', 'a group lists itself as parent (by name)',
    (bp) => new Group(bp, 'G', { name: 'ops', parents: [Group.fromName('ops')] }), /\/G\.parents\[0\]: authentik_core\.group name="ops" is the group itself/],
  ['group-is-not-its-own-parent', 'a group lists itself as parent with a !Find (ModelEntry)',
    (bp) => entry(bp, 'authentik_core.group', { name: 'loop' }, { parents: [Group.fromName('admins'), Tag.find('authentik_core.group', ['name', 'loop'])] }),
    /\/M\d+\.parents\[1\]: !Find .* is the group itself; authentik refuses it \("Cannot set group as parent of itself\."\)/],
  ['webhook-url-holds-no-credential', 'a Teams webhook URL is written in clear',
    webhook('https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def'), /\/T\.webhook_url: "https:\/\/contoso\.webhook\.office\.com\/…" carries its credential in clear \(a Microsoft Teams webhook URL/],
  ['webhook-url-holds-no-credential', 'a Google Chat webhook URL is written in clear',
    webhook('https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t'), /\/T\.webhook_url: "https:\/\/chat\.googleapis\.com\/…" carries its credential in clear \(the query parameter "key"\)/],
  ['strict-redirect-uri-has-no-wildcard', 'a strict redirect URI with a wildcard port (ModelEntry)',
    (bp) => entry(bp, 'authentik_providers_oauth2.oauth2provider', { name: 'wild' }, { ...FLOWS, clientType: 'public', signingKey: SIGNING_KEY, redirectUris: [{ matchingMode: 'strict', url: 'https://localhost:*/cb' }] }),
    /\/M\d+\.redirect_uris\[0\]\.url: strict redirect URI "https:\/\/localhost:\*\/cb" holds a \*/],
  ['certificate-data-is-pem', 'certificate data is empty (ModelEntry)',
    (bp) => entry(bp, 'authentik_crypto.certificatekeypair', { name: 'empty' }, { certificateData: '' }), /\/M\d+\.certificate_data: "" is not a PEM certificate/],
  ['built-in-lookups-name-shipped-objects', 'a built-in policy is looked up by a misspelt name (ModelEntry binding)',
    (bp) => entry(bp, 'authentik_policies.policybinding', { target: Flow.fromSlug('default-source-enrollment'), order: 0 }, { policy: ExpressionPolicy.fromName('default-source-enrollment-if-ssso') }),
    /\/M\d+: looks up authentik_policies_expression\.expressionpolicy by name "default-source-enrollment-if-ssso", .*did you mean "default-source-enrollment-if-sso"\?/],
  ['built-in-lookups-name-shipped-objects', 'a built-in flow is looked up by a name authentik does not ship',
    (bp) => new Brand(bp, 'B', { domain: 'b.example.com', flowAuthentication: Tag.find('authentik_flows.flow', ['slug', 'default-authentication']) as never }),
    /\/B: looks up authentik_flows\.flow by slug "default-authentication", which looks like a built-in object, but authentik 2026\.2 ships none/],
  ['reputation-policy-checks-ip-or-username', 'a reputation policy checks neither (ModelEntry)',
    (bp) => entry(bp, 'authentik_policies_reputation.reputationpolicy', { name: 'rep' }, { checkIp: false }),
    /\/M\d+\.check_ip: false and check_username null: authentik refuses a reputation policy that checks neither/],
  ['redirect-stage-mode-needs-target', 'a redirect stage update switches to flow mode without a flow (ModelEntry)',
    (bp) => entry(bp, 'authentik_stages_redirect.redirectstage', { name: 'existing-redirect' }, { mode: 'flow' }, { updatesExisting: true }),
    /\/M\d+\.target_flow: not given in mode "flow": authentik refuses it/],
  // crypto
  ['certificate-data-is-pem', 'certificate data is a path, not PEM',
    cert('/etc/ssl/certs/grafana.crt'), /\/C\.certificate_data: "\/etc\/ssl\/certs\/grafana\.crt" is not a PEM certificate.*looks like a file path: read the file with Tag\.scalar\(.!File./],
  ['certificate-data-is-pem', 'certificate data is a relative file name',
    cert('certs/tls.pem'), /\/C\.certificate_data: "certs\/tls\.pem" is not a PEM certificate/],
  ['certificate-data-is-pem', 'certificate data is base64 without the PEM armour',
    cert('MIIBszCCAVmgAwIBAgIUJ0vY'), /\/C\.certificate_data: "MIIBszCCAVmgAwIBAgIUJ0vY" is not a PEM certificate; authentik refuses it \("Unable to load certificate\."\); give the certificate as/],
  ['certificate-data-is-pem', 'certificate data is a private key',
    cert('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----'), /\/C\.certificate_data: "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----" is not a PEM certificate/],
  ['certificate-data-is-pem', 'certificate data lacks its end line (ModelEntry)',
    (bp) => entry(bp, 'authentik_crypto.certificatekeypair', { name: 'cc' }, { certificateData: '-----BEGIN CERTIFICATE-----\nMIIB\n' }), /\/M\d+\.certificate_data: "-----BEGIN CERTIFICATE-----\\nMIIB\\n" is not a PEM certificate/],
  // core
  ['user-path-has-no-edge-slashes-or-empty-segments', 'a user path has a leading slash', userPath('/users/admins'),
    /\/U\.path: "\/users\/admins" has a leading or trailing slash; .*write "users\/admins"/],
  ['user-path-has-no-edge-slashes-or-empty-segments', 'a user path has a trailing slash', userPath('users/'),
    /\/U\.path: "users\/" has a leading or trailing slash; authentik refuses it \("No leading or trailing slashes allowed\."\); write "users"/],
  ['user-path-has-no-edge-slashes-or-empty-segments', 'a user path has an empty segment', userPath('users//svc'),
    /\/U\.path: "users\/\/svc" has an empty segment/],
  ['user-path-has-no-edge-slashes-or-empty-segments', 'a user path has an empty segment (ModelEntry)',
    (bp) => entry(bp, 'authentik_core.user', { username: 'm' }, { name: 'M', path: 'a//b//c' }), /\/M\d+\.path: "a\/\/b\/\/c" has an empty segment \(\/\/\); .*write "a\/b\/c"/],
  ['user-path-has-no-edge-slashes-or-empty-segments', 'a user path is only a slash', userPath('/'),
    /\/U\.path: "\/" has a leading or trailing slash; .*write "users"/],
  // events
  ['webhook-url-holds-no-credential', 'a webhook URL holds a password',
    webhook('https://bot:hunter2@hooks.example/notify'), /\/T\.webhook_url: "https:\/\/hooks\.example\/…" carries its credential in clear \(a password in its user information\)/],
  ['webhook-url-holds-no-credential', 'a webhook URL holds a token query parameter',
    webhook('https://ntfy.example/alerts?token=tk_abc'), /\/T\.webhook_url: "https:\/\/ntfy\.example\/…" carries its credential in clear \(the query parameter "token"\)/],
  ['webhook-url-holds-no-credential', 'a webhook URL holds an api key query parameter',
    webhook('https://gotify.example/message?api_key=abc'), /carries its credential in clear \(the query parameter "api_key"\)/],
  ['webhook-url-holds-no-credential', 'a Slack webhook URL is written in clear',
    webhook('https://hooks.slack.com/services/T000/B000/XXXX'), /\/T\.webhook_url: "https:\/\/hooks\.slack\.com\/…" carries its credential in clear \(a Slack webhook URL/],
  ['webhook-url-holds-no-credential', 'a Discord webhook URL is written in clear',
    webhook('https://discord.com/api/webhooks/123/abcdef'), /carries its credential in clear \(a Discord webhook URL/],
  ['webhook-url-holds-no-credential', 'a webhook URL with a secret is written through a ModelEntry',
    (bp) => entry(bp, 'authentik_events.notificationtransport', { name: 'w' }, { mode: 'webhook_slack', webhookUrl: 'https://chat.example/hook?secret=s3' }),
    /\/M\d+\.webhook_url: "https:\/\/chat\.example\/…" carries its credential in clear \(the query parameter "secret"\)/],
  // mappings of the wrong family
  ['mappings-of-the-provider-family', 'an OAuth2 provider is given a SAML mapping',
    (bp) => oauth2({ propertyMappings: [new PropertyMapping(bp, 'Saml', { model: 'authentik_providers_saml.samlpropertymapping', name: 'upn', samlName: 'upn', expression: 'return user.email' } as never)] })(bp),
    /\/P\.property_mappings\[0\]: .* is a authentik_providers_saml\.samlpropertymapping, but authentik_providers_oauth2\.oauth2provider reads only authentik_providers_oauth2\.scopemapping/],
  ['mappings-of-the-provider-family', 'a SAML provider is given a scope mapping (ModelEntry)',
    (bp) => entry(bp, 'authentik_providers_saml.samlprovider', { name: 'saml' }, { ...FLOWS, acsUrl: 'https://sp.example/acs', propertyMappings: [ScopeMapping.fromScopeName('email')] }),
    /\/M\d+\.property_mappings\[0\]: .* is a authentik_providers_oauth2\.scopemapping, but authentik_providers_saml\.samlprovider reads only authentik_providers_saml\.samlpropertymapping/],
  ['mappings-of-the-provider-family', 'a SAML provider\'s NameID mapping is a scope mapping (ModelEntry)',
    (bp) => entry(bp, 'authentik_providers_saml.samlprovider', { name: 'saml2' }, { ...FLOWS, acsUrl: 'https://sp.example/acs', nameIdMapping: ScopeMapping.fromScopeName('profile') }),
    /\/M\d+\.name_id_mapping: .* is a authentik_providers_oauth2\.scopemapping/],
  ['mappings-of-the-provider-family', 'a proxy provider is given an LDAP source mapping',
    (bp) => {
      const m = new PropertyMapping(bp, 'L', { model: 'authentik_sources_ldap.ldapsourcepropertymapping', name: 'l', expression: 'return {}' } as never);
      proxy({ propertyMappings: [m] })(bp);
    }, /\/P\.property_mappings\[0\]: .* is a authentik_sources_ldap\.ldapsourcepropertymapping, but authentik_providers_proxy\.proxyprovider reads only authentik_providers_oauth2\.scopemapping/],
  ['mappings-of-the-provider-family', 'an LDAP source is given a scope mapping (ModelEntry, !Find)',
    (bp) => entry(bp, 'authentik_sources_ldap.ldapsource', { slug: 'ldap' }, { name: 'LDAP', serverUri: 'ldaps://l.example', baseDn: 'dc=example', userPropertyMappings: [Tag.find('authentik_providers_oauth2.scopemapping', ['scope_name', 'email'])] }),
    /\/M\d+\.user_property_mappings\[0\]: !Find .* is a authentik_providers_oauth2\.scopemapping, but authentik_sources_ldap\.ldapsource reads only authentik_sources_ldap\.ldapsourcepropertymapping/],
  // flows: ties
  ['flow-stage-bindings-have-distinct-orders', 'two flow-stage bindings share one order',
    (bp) => {
      const f = new Flow(bp, 'F', { slug: 'tie', name: 'Tie', title: 'Tie', designation: 'authentication' });
      new FlowStageBinding(bp, 'B1', { target: f, stage: Stage.fromName('default-authentication-identification'), order: 10 });
      new FlowStageBinding(bp, 'B2', { target: f, stage: PasswordStage.fromName('default-authentication-password'), order: 10 });
    }, /\/B1\.order: 10 is also the order of .*\/B2 in flow/],
  ['flow-stage-bindings-have-distinct-orders', 'three bindings of a looked-up flow share one order (ModelEntry)',
    (bp) => {
      for (const [i, stage] of ['default-authentication-identification', 'default-authentication-password', 'default-authentication-login'].entries()) {
        entry(bp, 'authentik_flows.flowstagebinding', { target: Flow.fromSlug('default-authentication-flow'), stage: Stage.fromName(stage), order: 30 }, {}, { orderRank: 60 + i });
      }
    }, /\/M\d+\.order: 30 is also the order of .*\/M\d+ and .*\/M\d+ in flow authentik_flows\.flow slug="default-authentication-flow"/],
  // brands
  ['one-default-brand', 'a second brand is declared default',
    (bp) => new Brand(bp, 'B', { domain: 'auth.example.com', default: true }), /\/B\.default: true, but the shipped brand authentik-default is default already/],
  ['one-default-brand', 'two declared brands are default after clearing the shipped one',
    (bp) => {
      Brand.defaultBrand(bp, 'Shipped', { default: false });
      new Brand(bp, 'B1', { domain: 'a.example.com', default: true });
      new Brand(bp, 'B2', { domain: 'b.example.com', default: true });
    }, /\/B2\.default: true, but .*\/B1 is default already/],
  // built-in lookups
  ['built-in-lookups-name-shipped-objects', 'a built-in flow is looked up by a slug authentik does not ship',
    (bp) => new Application(bp, 'A', { name: 'A', slug: 'a', provider: OAuth2Provider.fromName('x') }) && oauth2({ authorizationFlow: Flow.fromSlug('default-provider-authorization-implict-consent') })(bp),
    /\/P: looks up authentik_flows\.flow by slug "default-provider-authorization-implict-consent", .*did you mean "default-provider-authorization-implicit-consent"\?/],
  ['built-in-lookups-name-shipped-objects', 'the self-signed certificate is looked up by a wrong name',
    oauth2({ signingKey: CertificateKeyPair.fromName('authentik Self-Signed Certificate') }),
    /\/P: looks up authentik_crypto\.certificatekeypair by name "authentik Self-Signed Certificate", .*did you mean "authentik Self-signed Certificate"\?/],
  ['built-in-lookups-name-shipped-objects', 'a built-in stage is looked up by a name authentik does not ship',
    (bp) => new FlowStageBinding(bp, 'B', { target: Flow.fromSlug('default-authentication-flow'), stage: Stage.fromName('default-authentication-passwd'), order: 99 }),
    /\/B: looks up authentik_flows\.stage by name "default-authentication-passwd", .*did you mean "default-authentication-password"\?/],
  ['built-in-lookups-name-shipped-objects', 'a built-in scope mapping is looked up by a managed id authentik does not ship',
    oauth2({ propertyMappings: [Tag.find('authentik_providers_oauth2.scopemapping', ['managed', 'goauthentik.io/providers/oauth2/scope-groups'])] }),
    /\/P: looks up authentik_providers_oauth2\.scopemapping by managed "goauthentik\.io\/providers\/oauth2\/scope-groups"/],
  ['built-in-lookups-name-shipped-objects', 'the admins group is looked up by a wrong built-in name',
    (bp) => new Group(bp, 'G', { name: 'g', parents: [Group.fromName('authentik Admin')] }),
    /\/G: looks up authentik_core\.group by name "authentik Admin", .*did you mean "authentik Admins"\?/],
];

// expressions that are not valid Python, on every model that compiles one
const BAD_PYTHON = [
  'return {', 'if x\n  return 1', 'x = = 1', 'print("a"', 'return True)', 'for x in y:\nreturn 1', 'return 1 +', 'def f(:', 'x := 1',
  'return not', 'return $x', 'return "unterminated', 'return [1, 2', 'return user.attributes["a"', 'return request.user.name ==',
  "return 'a' 'b' +", 'else:\n    return 1', 'return ak_is_group_member(request.user name="a")', 'lambda x: ', 'return {"a": 1,, "b": 2}',
];
BAD_PYTHON.forEach((expression, i) => {
  const models: Array<[string, (e: string) => Declare, string]> = [
    ['expression-policy-compiles', expressionPolicy, 'expression policy'],
    ['property-mapping-expression-compiles', scopeMapping, 'scope mapping'],
    ['property-mapping-expression-compiles', samlMapping, 'SAML mapping'],
    ['property-mapping-expression-compiles', ldapSourceMapping, 'LDAP source mapping (ModelEntry)'],
  ];
  const [rule, declare, what] = models[i % models.length]!;
  JUDGEMENT_CASES.push([rule, `a ${what} expression is not valid Python (${JSON.stringify(expression)})`, declare(expression),
    new RegExp(`\\.expression: ${esc(JSON.stringify(expression).length > 80 ? '' : JSON.stringify(expression))}.* is not valid Python \\(line \\d+, column \\d+`)]);
});

// skip-path patterns Go's RE2 refuses
const BAD_RE2 = ['^/api/(?=v1)', '^/(?!admin)', '(a)\\1', '^/static/.*+', '^/health\\Z', '^/a{1001}', '(?<!x)y', '^/x**', '(?>atomic)', '^/[z-a]'];
for (const pattern of BAD_RE2) {
  JUDGEMENT_CASES.push(['proxy-skip-path-compiles-with-re2', `a skip-path pattern Go refuses (${pattern})`, proxy({ skipPathRegex: `^/public/.*\n${pattern}` }),
    new RegExp(`/P\\.skip_path_regex line 2: ${esc(JSON.stringify(pattern))} does not compile with Go's regexp`)]);
}

// internal hosts without a scheme
for (const host of ['grafana.monitoring.svc:3000', 'localhost:8080', '10.0.0.5', 'tcp://app:80', 'app.default.svc']) {
  JUDGEMENT_CASES.push(['proxy-internal-host-has-scheme', `a proxy provider's internal host has no http(s) scheme (${host})`,
    proxy({ mode: 'proxy', internalHost: host }), new RegExp(`/P\\.internal_host: ${esc(JSON.stringify(host))} has no http:// or https:// scheme`)]);
}

// outpost config values of the wrong type
const BAD_CONFIG: Array<[string, unknown]> = [
  ['kubernetes_replicas', '2'], ['kubernetes_replicas', 1.5], ['authentik_host_insecure', 'false'], ['docker_map_ports', 1],
  ['kubernetes_ingress_annotations', 'nginx'], ['kubernetes_disabled_components', 'deployment'], ['log_level', 3], ['authentik_host', null],
  ['kubernetes_image_pull_secrets', { name: 'x' }], ['kubernetes_json_patches', ['op']], ['refresh_interval', 300], ['docker_labels', []],
  ['kubernetes_service_type', false], ['kubernetes_httproute_parent_refs', {}],
];
for (const [key, value] of BAD_CONFIG) {
  JUDGEMENT_CASES.push(['outpost-config-types', `an outpost config ${key} is ${JSON.stringify(value)}`, outpostConfig({ [key]: value }),
    new RegExp(`/O\\.config\\.${key}: ${esc(JSON.stringify(value))} is not a `)]);
}

// permissions that do not exist
const BAD_PERMISSIONS = ['authentik_core.view_users', 'authentik_core.viewuser', 'core.view_user', 'authentik_flows.run_flow', 'authentik_rbac.edit_role',
  'authentik_core.view_application_secret', 'authentik_providers_oauth2.view_oauth2providers', 'authentik_events.add_events'];
for (const permission of BAD_PERMISSIONS) {
  JUDGEMENT_CASES.push(['permissions-exist', `a role grants a permission that does not exist (${permission})`, role(['authentik_core.view_user', permission]),
    new RegExp(`/R\\.permissions\\[1\\]: ${q(permission)} is not a permission authentik 2026\\.2 has`)]);
}
JUDGEMENT_CASES.push(['permissions-exist', 'a user is granted a permission that does not exist (ModelEntry)',
  (bp) => entry(bp, 'authentik_core.user', { username: 'perm' }, { name: 'P', permissions: ['authentik_core.impersonate_user'] }),
  /\/M\d+\.permissions\[0\]: "authentik_core\.impersonate_user" is not a permission authentik 2026\.2 has, so the blueprint fails to apply/]);

