/**
 * The mistakes of the source, RADIUS/RAC and schedule rules (constructs/authentik/rules/sources.ts,
 * rac-radius.ts, schedules.ts): [rule id, the mistake, its declaration, the message expected], each
 * declared through the generated typed constructs (`Cfn…`) or `ModelEntry`. Judged alone and all at
 * once by test/judgement-sources.test.ts; counted with the bad-input suite's own.
 */
import {
  Blueprint, CertificateKeyPair, CfnEndpoint, CfnKerberosSource, CfnLDAPSource, CfnOAuthSource, CfnPlexSource, CfnRACProvider,
  CfnRadiusProvider, CfnSAMLSource, CfnSchedule, CfnSCIMProvider, CfnTelegramSource, Flow, ModelEntry, PropertyMapping, WorkerSecret,
} from '../constructs';
import type { Declare, JudgementCase } from './judgement-harness';

/** Model names written out (to become the catalog's `ModelName` constants). */
const MODEL = {
  OAUTH_SOURCE: 'authentik_sources_oauth.oauthsource',
  SAML_SOURCE: 'authentik_sources_saml.samlsource',
  LDAP_SOURCE: 'authentik_sources_ldap.ldapsource',
  RADIUS_PROVIDER: 'authentik_providers_radius.radiusprovider',
  RAC_ENDPOINT: 'authentik_providers_rac.endpoint',
  SCHEDULE: 'authentik_tasks_schedules.schedule',
  FLOW: 'authentik_flows.flow',
  SCIM_PROVIDER: 'authentik_providers_scim.scimprovider',
  KERBEROS_SOURCE: 'authentik_sources_kerberos.kerberossource',
  PLEX_SOURCE: 'authentik_sources_plex.plexsource',
} as const;

let secrets = 0;
const secret = (bp: Blueprint): WorkerSecret => {
  secrets += 1;
  return new WorkerSecret(bp, `Secret${secrets}`, { envVar: `AUTHENTIK_CASE_SECRET_${secrets}`, secretKey: `case-secret-${secrets}` });
};
const entry = (bp: Blueprint, model: string, identifiers: Record<string, unknown>, attributes: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): void => {
  new ModelEntry(bp, `M${bp.node.children.length}`, { model, identifiers, attributes, ...extra } as never);
};
const oauth = (overrides: Record<string, unknown>): Declare => (bp) => new CfnOAuthSource(bp, 'S', {
  slug: 's', name: 'S', consumerKey: 'key', consumerSecret: secret(bp), ...overrides,
} as never);
const saml = (overrides: Record<string, unknown>): Declare => (bp) => new CfnSAMLSource(bp, 'S', {
  slug: 'saml', name: 'SAML', ssoUrl: 'https://idp.example/sso', preAuthenticationFlow: Flow.fromSlug('default-source-pre-authentication'), ...overrides,
} as never);
const ldap = (overrides: Record<string, unknown>): Declare => (bp) => new CfnLDAPSource(bp, 'S', {
  slug: 'ldap', name: 'LDAP', serverUri: 'ldaps://ldap.example', baseDn: 'dc=example,dc=com', syncUsersPassword: false, ...overrides,
} as never);
const NAME = PropertyMapping.fromManaged('goauthentik.io/sources/ldap/default-name');
const radius = (clientNetworks: string): Declare => (bp) => new CfnRadiusProvider(bp, 'R', {
  name: 'r', authorizationFlow: Flow.fromSlug('default-authentication-flow'), invalidationFlow: Flow.fromSlug('default-invalidation-flow'), clientNetworks, sharedSecret: secret(bp),
});
const endpoint = (host: string): Declare => (bp) => new CfnEndpoint(bp, 'E', {
  identifyBy: ['name'], name: 'e', provider: CfnRACProvider.fromName('remote'), protocol: 'rdp', host, authMode: 'prompt',
} as never);
const schedule = (crontab: string): Declare => (bp) => new CfnSchedule(bp, 'C', { identifyBy: ['relObjId'], relObjId: 'x', crontab });

/** [rule id, the mistake, its declaration, the message expected]. */
export const SOURCE_JUDGEMENT_CASES: JudgementCase[] = [
  // OAuth sources (authentik/sources/oauth/api/source.py)
  ['oauth-source-type-needs-its-urls', 'a generic OpenID Connect source gives neither its URLs nor a well-known URL',
    oauth({ providerType: 'openidconnect' }),
    /\/S\.provider_type: "openidconnect" has no built-in URLs and authorization_url, access_token_url, profile_url are not given: authentik refuses it \("authorization_url is required for provider OpenID Connect"\)/],
  ['oauth-source-type-needs-its-urls', 'an Okta source gives only its authorization URL',
    oauth({ providerType: 'okta', authorizationUrl: 'https://dev-1.okta.com/oauth2/v1/authorize' }),
    /\/S\.provider_type: "okta" has no built-in URLs and access_token_url, profile_url are not given: authentik refuses it \("access_token_url is required for provider Okta"\)/],
  ['oauth-source-type-needs-its-urls', 'a Mailcow source lacks its profile URL (ModelEntry)',
    (bp) => entry(bp, MODEL.OAUTH_SOURCE, { slug: 'mail' }, { name: 'Mail', providerType: 'mailcow', consumerKey: 'k', consumerSecret: secret(bp), authorizationUrl: 'https://mail.example/oauth/authorize', accessTokenUrl: 'https://mail.example/oauth/token' }),
    /\/M\d+\.provider_type: "mailcow" has no built-in URLs and profile_url is not given: authentik refuses it \("profile_url is required for provider Mailcow"\), on an update too/],
  ['oauth-source-type-needs-its-urls', 'an OpenID Connect source with an empty well-known URL and no URLs',
    oauth({ providerType: 'openidconnect', oidcWellKnownUrl: '' }),
    /\/S\.provider_type: "openidconnect" has no built-in URLs .*give oidcWellKnownUrl \(e\.g\. 'https:\/\/idp\.example\/\.well-known\/openid-configuration'\)/],
  ['oauth-source-type-needs-its-urls', 'an OpenID Connect source gives its URLs as empty strings',
    oauth({ providerType: 'openidconnect', authorizationUrl: '', accessTokenUrl: 'https://idp.example/token', profileUrl: '' }),
    /\/S\.authorization_url: "" for provider type "openidconnect", which has no built-in URL to fall back on: authentik saves it \(its check only asks that authorization_url and profile_url be present\)/],
  ['oauth-source-type-needs-its-urls', 'an update of an OAuth source omits its provider type',
    (bp) => new CfnOAuthSource(bp, 'S', { slug: 'github', updatesExisting: true, promoted: true }),
    /\/S\.provider_type: not given in this update, but authentik validates an OAuth source against the type in the request .*give the providerType the source has/],
  // SAML sources (authentik/sources/saml/api/source.py)
  ['saml-source-verification-key-verifies-something', 'a SAML source has a verification certificate but verifies nothing',
    saml({ verificationKp: CertificateKeyPair.fromName('idp-signing') }),
    /\/S\.verification_kp: authentik_crypto\.certificatekeypair name="idp-signing" is given, but neither signed_assertion nor signed_response is true in this entry/],
  ['saml-source-verification-key-verifies-something', 'a SAML source turns both verifications off explicitly (ModelEntry)',
    (bp) => entry(bp, MODEL.SAML_SOURCE, { slug: 'saml2' }, { name: 'S2', ssoUrl: 'https://idp.example/sso', preAuthenticationFlow: Flow.fromSlug('default-source-pre-authentication'), verificationKp: CertificateKeyPair.fromName('idp'), signedAssertion: false, signedResponse: false }),
    /\/M\d+\.verification_kp: .* is given, but neither .* authentik refuses it \("With a Verification Certificate selected, at least one of 'Verify Assertion Signature' or 'Verify Response Signature' must be selected\."/],
  ['saml-source-verification-key-verifies-something', 'an update of a SAML source sets a verification certificate alone',
    (bp) => new CfnSAMLSource(bp, 'S', { slug: 'corp-saml', updatesExisting: true, verificationKp: CertificateKeyPair.fromName('idp-2026') }),
    /\/S\.verification_kp: .* a field left out counts as false, on an update too\); set signedAssertion: true/],
  // LDAP sources (authentik/sources/ldap/api.py)
  ['ldap-source-sync-needs-property-mappings', 'an LDAP source syncs users with no user mappings',
    ldap({ syncUsers: true, syncGroups: false }),
    /\/S\.user_property_mappings: \[\] with sync_users: true: authentik refuses it \("When 'Sync users' is enabled, 'users property mappings' cannot be empty\."\)/],
  ['ldap-source-sync-needs-property-mappings', 'an LDAP source syncs groups with an empty group mapping list',
    ldap({ syncUsers: true, userPropertyMappings: [NAME], syncGroups: true, groupPropertyMappings: [] }),
    /\/S\.group_property_mappings: \[\] with sync_groups: true: authentik refuses it \("When 'Sync groups' is enabled, 'groups property mappings' cannot be empty\."\).*openldap-cn/],
  ['ldap-source-sync-needs-property-mappings', 'an LDAP source leaves sync at its default with no mappings',
    ldap({ syncGroups: false }),
    /\/S\.sync_users: not given, so the model's default \(true\) syncs users, but user_property_mappings is \[\]: authentik saves it/],
  ['ldap-source-sync-needs-property-mappings', 'an update turns user sync on without mappings (ModelEntry)',
    (bp) => entry(bp, MODEL.LDAP_SOURCE, { slug: 'corp' }, { syncUsers: true }, { updatesExisting: true }),
    /\/M\d+\.user_property_mappings: \[\] with sync_users: true: authentik refuses it .*on an update too; give userPropertyMappings/],
  ['ldap-source-one-password-sync', 'two LDAP sources both sync passwords back',
    (bp) => {
      ldap({ syncUsersPassword: true, syncUsers: false, syncGroups: false })(bp);
      new CfnLDAPSource(bp, 'T', { slug: 'ldap2', name: 'LDAP 2', serverUri: 'ldaps://l2.example', baseDn: 'dc=two', syncUsers: false, syncGroups: false, syncUsersPassword: true });
    }, /\/T\.sync_users_password: true, but .*\/S syncs passwords too: authentik refuses every LDAP source after the first with it \("Only a single LDAP Source with password synchronization is allowed"\)/],
  ['ldap-source-one-password-sync', 'an LDAP source syncs passwords and another leaves it at the default (ModelEntry)',
    (bp) => {
      ldap({ syncUsersPassword: true, syncUsers: false, syncGroups: false })(bp);
      entry(bp, MODEL.LDAP_SOURCE, { slug: 'ldap3' }, { name: 'L3', serverUri: 'ldap://l3', baseDn: 'dc=three', syncUsers: false, syncGroups: false });
    }, /\/S\.sync_users_password: true, but .*\/M\d+ \(left out: the model's default is true\) syncs passwords too/],
  ['ldap-source-additional-dn-is-relative', 'an LDAP source\'s additional user DN repeats the base DN',
    ldap({ syncUsers: false, syncGroups: false, additionalUserDn: 'ou=people,dc=example,dc=com' }),
    /\/S\.additional_user_dn: "ou=people,dc=example,dc=com" repeats base_dn, but authentik appends base_dn to it, so the user sync searches "ou=people,dc=example,dc=com,dc=example,dc=com".*e\.g\. "ou=people"/],
  ['ldap-source-additional-dn-is-relative', 'an LDAP source\'s additional group DN ends in a comma (ModelEntry)',
    (bp) => entry(bp, MODEL.LDAP_SOURCE, { slug: 'ipa' }, { name: 'IPA', serverUri: 'ldaps://ipa', baseDn: 'dc=ipa,dc=lan', syncUsers: false, syncGroups: false, syncUsersPassword: false, additionalGroupDn: 'cn=groups,cn=accounts,' }),
    /\/M\d+\.additional_group_dn: "cn=groups,cn=accounts," has a comma at its edge, .*searches "cn=groups,cn=accounts,,dc=ipa,dc=lan".*e\.g\. "cn=groups,cn=accounts"/],
  // Kerberos sources (authentik/sources/kerberos/models.py)
  ['kerberos-source-sync-has-credentials', 'a Kerberos source syncs users with no sync principal',
    (bp) => new CfnKerberosSource(bp, 'S', { slug: 'krb', name: 'Kerberos', realm: 'EXAMPLE.COM', syncUsers: true, syncPassword: secret(bp) } as never),
    /\/S\.sync_users: true with no sync_principal: authentik saves it, but KerberosSource\.connection\(\) then has no kadmin connection/],
  ['kerberos-source-sync-has-credentials', 'a Kerberos source syncs users with a principal but no credential (ModelEntry)',
    (bp) => entry(bp, MODEL.KERBEROS_SOURCE, { slug: 'krb2' }, { name: 'K2', realm: 'CORP.EXAMPLE', syncUsers: true, syncPrincipal: 'authentik/admin@CORP.EXAMPLE' }),
    /\/M\d+\.sync_users: true with no sync_password, sync_keytab or sync_ccache: authentik saves it/],
  // Plex sources (authentik/sources/plex/api/source.py)
  ['plex-source-admits-someone', 'a Plex source allows no friends and lists no server',
    (bp) => new CfnPlexSource(bp, 'S', { slug: 'plex', name: 'Plex', clientId: 'c', plexToken: secret(bp), allowFriends: false }),
    /\/S\.allowed_servers: \[\] with allow_friends: false: authentik saves it, but redeem_token lets a Plex user in only as a friend/],
  ['plex-source-admits-someone', 'a Plex source update clears its servers and friends (ModelEntry)',
    (bp) => entry(bp, MODEL.PLEX_SOURCE, { slug: 'plex-home' }, { allowFriends: false, allowedServers: [] }, { updatesExisting: true }),
    /\/M\d+\.allowed_servers: \[\] with allow_friends: false: .*every login is "Access denied\."/],
  // every source's user path template (authentik/core/models.py)
  ['source-user-path-template-formats', 'a user path template names the source by name',
    oauth({ providerType: 'github', userPathTemplate: 'sources/%(name)s' }),
    /\/S\.user_path_template: "sources\/%\(name\)s": "%\(name\)s" names "name", but authentik formats the template with the slug alone, so it raises; .*default path "users"/],
  ['source-user-path-template-formats', 'a user path template uses str.format braces',
    (bp) => new CfnPlexSource(bp, 'S', { slug: 'plex', name: 'Plex', clientId: 'c', plexToken: secret(bp), userPathTemplate: 'goauthentik.io/sources/{slug}' }),
    /\/S\.user_path_template: "goauthentik\.io\/sources\/\{slug\}": "\{slug\}" is str\.format syntax, .*gives every user this source creates that mangled path/],
  ['source-user-path-template-formats', 'a user path template uses a bare %s',
    ldap({ syncUsers: false, syncGroups: false, userPathTemplate: 'ldap/%s' }),
    /\/S\.user_path_template: "ldap\/%s": a bare % conversion \(not %\(slug\)s\) is given the whole mapping/],
  ['source-user-path-template-formats', 'a user path template ends in a lone percent sign (ModelEntry)',
    (bp) => entry(bp, MODEL.SAML_SOURCE, { slug: 'pct' }, { name: 'P', ssoUrl: 'https://idp.example/sso', preAuthenticationFlow: Flow.fromSlug('default-source-pre-authentication'), userPathTemplate: 'sources/100%' }),
    /\/M\d+\.user_path_template: "sources\/100%": "%" leaves a conversion unfinished, so Python's % formatting raises/],
  ['source-user-path-template-formats', 'a user path template converts the slug as a number',
    (bp) => new CfnTelegramSource(bp, 'S', { slug: 'tg', name: 'Telegram', botUsername: 'home_bot', botToken: secret(bp), preAuthenticationFlow: Flow.fromSlug('default-source-pre-authentication'), userPathTemplate: 'telegram/%(slug)d' } as never),
    /\/S\.user_path_template: "telegram\/%\(slug\)d": "%\(slug\)d" converts the slug, a string, as a number or character/],
  ['source-user-path-template-formats', 'a Kerberos user path template forgets the closing conversion',
    (bp) => new CfnKerberosSource(bp, 'S', { slug: 'krb', name: 'Kerberos', realm: 'EXAMPLE.COM', userPathTemplate: 'kerberos/%(slug)' } as never),
    /\/S\.user_path_template: "kerberos\/%\(slug\)": "%\(slug\)" leaves a conversion unfinished/],
  // RADIUS providers (internal/outpost/radius/api.go)
  ['radius-client-networks-are-cidrs', 'a RADIUS client network is a plain IP address',
    radius('192.168.1.1'), /\/R\.client_networks entry 1: "192\.168\.1\.1" does not parse as a CIDR \(no \/prefix length\); .*write "192\.168\.1\.1\/32" for that one host/],
  ['radius-client-networks-are-cidrs', 'a RADIUS client network list has a trailing comma',
    radius('10.0.0.0/8,'), /\/R\.client_networks entry 2: "" does not parse as a CIDR \(no \/prefix length\); .*without a trailing comma/],
  ['radius-client-networks-are-cidrs', 'a RADIUS client network has a prefix longer than 32',
    radius('10.0.0.0/8, 172.16.0.0/33'), /\/R\.client_networks entry 2: "172\.16\.0\.0\/33" does not parse as a CIDR \("33" is not a prefix length of 0 to 32\)/],
  ['radius-client-networks-are-cidrs', 'a RADIUS client network is a host name',
    radius('vpn.lan/32'), /\/R\.client_networks entry 1: "vpn\.lan\/32" does not parse as a CIDR \("vpn\.lan" is not an IP address\)/],
  ['radius-client-networks-are-cidrs', 'RADIUS client networks are separated by spaces (ModelEntry)',
    (bp) => entry(bp, MODEL.RADIUS_PROVIDER, { name: 'wifi' }, { authorizationFlow: Flow.fromSlug('default-authentication-flow'), invalidationFlow: Flow.fromSlug('default-invalidation-flow'), clientNetworks: '10.0.0.0/8 192.168.0.0/16', sharedSecret: secret(bp) }),
    /\/M\d+\.client_networks entry 1: "10\.0\.0\.0\/8 192\.168\.0\.0\/16" does not parse as a CIDR .*drops one that fails with only a log line/],
  ['radius-client-networks-are-cidrs', 'a RADIUS IPv6 client network carries a zone',
    radius('fe80::%eth0/64'), /\/R\.client_networks entry 1: "fe80::%eth0\/64" does not parse as a CIDR \("fe80::%eth0" is not an IP address\)/],
  // RAC endpoints (authentik/providers/rac/models.py)
  ['rac-endpoint-host-is-host-and-port', 'a RAC endpoint host carries a URL scheme',
    endpoint('rdp://win11.lan:3389'), /\/E\.host: "rdp:\/\/win11\.lan:3389": authentik saves it, but splits it at the first ":" into hostname "rdp" and port "\/\/win11\.lan:3389" .*drop the scheme: write "win11\.lan:3389"/],
  ['rac-endpoint-host-is-host-and-port', 'a RAC endpoint host is a bare IPv6 address',
    endpoint('fd00::10'), /\/E\.host: "fd00::10": .* hostname "fd00" and port ":10" .*settings: \{ hostname: "fd00::10", port: '3389' \}/],
  ['rac-endpoint-host-is-host-and-port', 'a RAC endpoint host is a bracketed IPv6 address with a port (ModelEntry)',
    (bp) => entry(bp, MODEL.RAC_ENDPOINT, { name: 'v6' }, { provider: CfnRACProvider.fromName('remote'), protocol: 'ssh', host: '[fd00::10]:22', authMode: 'prompt' }),
    /\/M\d+\.host: "\[fd00::10\]:22": .* hostname "\[fd00" .*give it in settings instead, e\.g\. settings: \{ hostname: "fd00::10"/],
  ['rac-endpoint-host-is-host-and-port', 'a RAC endpoint host has no name before its port',
    endpoint(':3389'), /\/E\.host: ":3389": authentik saves it, but splits it at the first ":" into hostname "" and port "3389"/],
  ['rac-endpoint-host-is-host-and-port', 'a RAC endpoint port is not a number',
    endpoint('nas.lan:ssh'), /\/E\.host: "nas\.lan:ssh": .* hostname "nas\.lan" and port "ssh" .*write it as host or host:port/],
  ['rac-endpoint-allows-a-connection', 'a RAC endpoint allows zero connections',
    (bp) => new CfnEndpoint(bp, 'E', { identifyBy: ['name'], name: 'e', provider: CfnRACProvider.fromName('remote'), protocol: 'vnc', host: 'pi.lan:5900', authMode: 'prompt', maximumConnections: 0 }),
    /\/E\.maximum_connections: 0: authentik saves it, but refuses a connection once .*write 1 for one connection at a time, or -1 for no limit/],
  ['rac-endpoint-allows-a-connection', 'a RAC endpoint allows zero connections (ModelEntry)',
    (bp) => entry(bp, MODEL.RAC_ENDPOINT, { name: 'z' }, { provider: CfnRACProvider.fromName('remote'), protocol: 'ssh', host: 'nas.lan', authMode: 'prompt', maximumConnections: 0 }),
    /\/M\d+\.maximum_connections: 0: authentik saves it, .*"Maximum connection limit reached\."/],
  // SCIM providers (authentik/providers/scim/models.py)
  ['scim-provider-auth-mode-has-its-credential', 'a SCIM provider in the default token mode has no token',
    (bp) => new CfnSCIMProvider(bp, 'P', { name: 'scim', url: 'https://app.example/scim/v2' }),
    /\/P\.token: null in auth mode "token" \(the model's default\): authentik saves it .*"Authorization: Bearer " with nothing after it/],
  ['scim-provider-auth-mode-has-its-credential', 'an update switches a SCIM provider to OAuth and clears its source (ModelEntry)',
    (bp) => entry(bp, MODEL.SCIM_PROVIDER, { name: 'scim2' }, { authMode: 'oauth', authOauth: null }, { updatesExisting: true }),
    /\/M\d+\.auth_oauth: null in auth mode "oauth": authentik saves it .*fails on every run without one/],
  ['scim-provider-auth-mode-has-its-credential', 'a SCIM provider in OAuth mode names no OAuth source',
    (bp) => new CfnSCIMProvider(bp, 'P', { name: 'scim', url: 'https://app.example/scim/v2', authMode: 'oauth' }),
    /\/P\.auth_oauth: null in auth mode "oauth": authentik saves it \(the field is nullable\), but the sync reads the OAuth source/],
  // schedules (django_dramatiq_postgres/models.py, cron-converter)
  ['schedule-crontab-parses', 'a schedule uses a cron macro', schedule('@daily'),
    /\/C\.crontab: "@daily" is not a crontab authentik takes: it has 1 field, not the 5 .*authentik refuses it \("… is not a valid crontab"\); write "0 0 \* \* \*" for @daily/],
  ['schedule-crontab-parses', 'a schedule has a seconds field (six fields)', schedule('0 */5 * * * *'),
    /\/C\.crontab: "0 \*\/5 \* \* \* \*" is not a crontab authentik takes: it has 6 fields/],
  ['schedule-crontab-parses', 'a schedule runs at hour 24', schedule('0 24 * * *'),
    /\/C\.crontab: "0 24 \* \* \*" .*"24" has 24, out of range for hour \(0 to 23\)/],
  ['schedule-crontab-parses', 'a schedule uses Quartz\'s question mark', schedule('0 3 ? * MON'),
    /\/C\.crontab: "0 3 \? \* MON" .*"\?" is not a day value or range/],
  ['schedule-crontab-parses', 'a schedule has a step of zero', schedule('*/0 * * * *'),
    /\/C\.crontab: "\*\/0 \* \* \* \*" .*has step "0" in minute, not a whole number of at least 1/],
  ['schedule-crontab-parses', 'a schedule has a reversed range', schedule('0 18-8 * * *'),
    /\/C\.crontab: "0 18-8 \* \* \*" .*has a hour range whose end is before its start/],
  ['schedule-crontab-parses', 'a schedule names weekday 8 (ModelEntry)',
    (bp) => entry(bp, MODEL.SCHEDULE, { relObjId: 'y' }, { crontab: '0 0 * * 8' }),
    /\/M\d+\.crontab: "0 0 \* \* 8" .*"8" has 8, out of range for weekday \(0 to 6, or 7 for Sunday\)/],
  ['schedule-crontab-parses', 'a schedule uses Quartz\'s last-day L', schedule('0 0 L * *'),
    /\/C\.crontab: "0 0 L \* \*" .*"L" is not a day value or range \(cron-converter takes numbers only\)/],
];

/** The same mistakes written in a blueprint file authentik would load, for the importer: [rule, what, entries YAML, message]. */
export const SOURCE_IMPORT_CASES: Array<[string, string, string, RegExp]> = [
  ['oauth-source-type-needs-its-urls', 'an OIDC source without URLs', `
- model: ${MODEL.OAUTH_SOURCE}
  identifiers: {slug: oidc}
  attrs: {name: OIDC, provider_type: openidconnect, consumer_key: k, consumer_secret: !Env [AUTHENTIK_OIDC_SECRET, null]}
`, /\.provider_type: "openidconnect" has no built-in URLs/],
  ['ldap-source-sync-needs-property-mappings', 'an LDAP source syncing users without mappings', `
- model: ${MODEL.LDAP_SOURCE}
  identifiers: {slug: ldap}
  attrs: {name: LDAP, server_uri: "ldaps://l.example", base_dn: "dc=example", sync_users: true, sync_groups: false, sync_users_password: false}
`, /\.user_property_mappings: \[\] with sync_users: true: authentik refuses it/],
  ['radius-client-networks-are-cidrs', 'a RADIUS provider with a bare IP network', `
- model: ${MODEL.RADIUS_PROVIDER}
  identifiers: {name: vpn}
  attrs:
    authorization_flow: !Find [${MODEL.FLOW}, [slug, default-authentication-flow]]
    invalidation_flow: !Find [${MODEL.FLOW}, [slug, default-invalidation-flow]]
    client_networks: "10.0.0.1"
`, /\.client_networks entry 1: "10\.0\.0\.1" does not parse as a CIDR/],
  ['schedule-crontab-parses', 'a schedule with a macro', `
- model: ${MODEL.SCHEDULE}
  identifiers: {rel_obj_id: "abc"}
  attrs: {crontab: "@hourly"}
`, /\.crontab: "@hourly" is not a crontab authentik takes/],
];
