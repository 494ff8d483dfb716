/**
 * Legitimate, real-world declarations of the models judged by constructs/authentik/rules/sources.ts,
 * rac-radius.ts and schedules.ts: each must pass with no problem (test/accepted-input.test.ts). They
 * sit next to the mistakes of test/judgement-sources-cases.ts, each one step from a refused value.
 */
import {
  Application, Blueprint, CertificateKeyPair, CfnEndpoint, CfnKerberosSource, CfnLDAPSource, CfnOAuthSource, CfnPlexSource, CfnRACProvider,
  CfnRadiusProvider, CfnSAMLSource, CfnSchedule, CfnSCIMProvider, Flow, ModelEntry, PropertyMapping, WorkerSecret,
} from '../constructs';

/** Model names written out (to become the catalog's `ModelName` constants). */
const MODEL = { OAUTH_SOURCE: 'authentik_sources_oauth.oauthsource' } as const;

const secret = (bp: Blueprint, id: string, name: string): WorkerSecret => new WorkerSecret(bp, id, { envVar: `AUTHENTIK_${name.toUpperCase().replace(/-/g, '_')}`, secretKey: name });
const ENROLL = { authenticationFlow: Flow.fromSlug('default-source-authentication'), enrollmentFlow: Flow.fromSlug('default-source-enrollment') };
const LDAP_USER_MAPPINGS = ['default-name', 'default-mail', 'ms-samaccountname'].map((m) => PropertyMapping.fromManaged(`goauthentik.io/sources/ldap/${m}`));
const LDAP_GROUP_MAPPINGS = [PropertyMapping.fromManaged('goauthentik.io/sources/ldap/openldap-cn')];

/** [what, declaration] */
export const SOURCE_ACCEPTED: Array<[string, (bp: Blueprint) => void]> = [
  ['a GitHub OAuth source (built-in URLs)', (bp) => new CfnOAuthSource(bp, 'GitHub', {
    slug: 'github', name: 'GitHub', providerType: 'github', consumerKey: 'Iv1.0123456789abcdef', consumerSecret: secret(bp, 'GhSecret', 'github-secret'), ...ENROLL,
  })],
  ['a Google OAuth source promoted on the login page', (bp) => new CfnOAuthSource(bp, 'Google', {
    slug: 'google', name: 'Google', providerType: 'google', consumerKey: '123-abc.apps.googleusercontent.com', consumerSecret: secret(bp, 'GSecret', 'google-secret'), promoted: true, userMatchingMode: 'email_link',
  })],
  ['a Discord OAuth source asking for guilds', (bp) => new CfnOAuthSource(bp, 'Discord', {
    slug: 'discord', name: 'Discord', providerType: 'discord', consumerKey: '1234567890', consumerSecret: secret(bp, 'DSecret', 'discord-secret'), additionalScopes: 'guilds guilds.members.read',
  })],
  ['a generic OIDC source (Keycloak) read from its well-known document', (bp) => new CfnOAuthSource(bp, 'Keycloak', {
    slug: 'keycloak', name: 'Keycloak', providerType: 'openidconnect', consumerKey: 'authentik', consumerSecret: secret(bp, 'KcSecret', 'keycloak-secret'),
    oidcWellKnownUrl: 'https://sso.example.com/realms/home/.well-known/openid-configuration', pkce: 'S256',
  })],
  ['an Okta source with its three URLs (ModelEntry)', (bp) => new ModelEntry(bp, 'Okta', {
    model: MODEL.OAUTH_SOURCE, identifiers: { slug: 'okta' }, attributes: {
      name: 'Okta', providerType: 'okta', consumerKey: '0oa1', consumerSecret: secret(bp, 'OktaSecret', 'okta-secret'),
      authorizationUrl: 'https://dev-1.okta.com/oauth2/v1/authorize', accessTokenUrl: 'https://dev-1.okta.com/oauth2/v1/token', profileUrl: 'https://dev-1.okta.com/oauth2/v1/userinfo',
    },
  })],
  ['an update of an OAuth source that names its type', (bp) => new CfnOAuthSource(bp, 'GitHubUpdate', { slug: 'github', updatesExisting: true, providerType: 'github', promoted: true })],
  ['a Plex source for friends of one server', (bp) => new CfnPlexSource(bp, 'Plex', {
    slug: 'plex', name: 'Plex', clientId: 'authentik-plex-client', plexToken: secret(bp, 'PlexToken', 'plex-token'), allowedServers: ['0123456789abcdef0123456789abcdef01234567'], allowFriends: true, ...ENROLL,
    userPathTemplate: 'goauthentik.io/sources/%(slug)s',
  })],
  ['a Plex source for the owner\'s friends only (no server listed)', (bp) => new CfnPlexSource(bp, 'PlexFriends', {
    slug: 'plex-friends', name: 'Plex friends', clientId: 'authentik-plex-friends', plexToken: secret(bp, 'PlexOwner', 'plex-owner-token'),
  })],
  ['an LDAP source syncing users and groups from FreeIPA', (bp) => new CfnLDAPSource(bp, 'FreeIpa', {
    slug: 'freeipa', name: 'FreeIPA', serverUri: 'ldaps://ipa.example.com', bindCn: 'uid=authentik,cn=sysaccounts,cn=etc,dc=example,dc=com',
    bindPassword: secret(bp, 'IpaBind', 'freeipa-bind'), baseDn: 'dc=example,dc=com', additionalUserDn: 'cn=users,cn=accounts', additionalGroupDn: 'cn=groups,cn=accounts',
    userObjectFilter: '(objectClass=person)', groupObjectFilter: '(objectClass=groupofnames)', objectUniquenessField: 'ipaUniqueID',
    syncUsers: true, syncGroups: true, syncUsersPassword: true,
    userPropertyMappings: [PropertyMapping.fromManaged('goauthentik.io/sources/ldap/default-name'), PropertyMapping.fromManaged('goauthentik.io/sources/ldap/default-mail')],
    groupPropertyMappings: LDAP_GROUP_MAPPINGS, userPathTemplate: 'ldap/%(slug)s',
  })],
  ['an LDAP source from Active Directory next to an authentication-only one without password sync', (bp) => {
    new CfnLDAPSource(bp, 'Ad', {
      slug: 'ad', name: 'Active Directory', serverUri: 'ldaps://dc1.corp.example', bindCn: 'CN=authentik,OU=Service,DC=corp,DC=example',
      bindPassword: secret(bp, 'AdBind', 'ad-bind'), baseDn: 'DC=corp,DC=example', syncUsers: true, syncGroups: false, syncUsersPassword: true, userPropertyMappings: LDAP_USER_MAPPINGS,
    });
    new CfnLDAPSource(bp, 'Lab', {
      slug: 'lab', name: 'Lab LDAP', serverUri: 'ldap://ldap.lab', baseDn: 'dc=lab', syncUsers: false, syncGroups: false, syncUsersPassword: false,
    });
  }],
  ['a Kerberos source syncing users from an MIT KDC with a keytab', (bp) => new CfnKerberosSource(bp, 'Krb', {
    slug: 'kerberos', name: 'Kerberos', realm: 'HOME.EXAMPLE', syncUsers: true, syncPrincipal: 'authentik/admin@HOME.EXAMPLE', syncKeytab: secret(bp, 'KrbKeytab', 'kerberos-keytab'),
    spnegoServerName: 'HTTP@auth.home.example', userPathTemplate: 'goauthentik.io/sources/%(slug)s',
  })],
  ['a Kerberos source for password logins only (no sync)', (bp) => new CfnKerberosSource(bp, 'KrbLogin', { slug: 'kerberos-login', name: 'Kerberos login', realm: 'LAB.EXAMPLE', syncUsers: false })],
  ['a SAML source that verifies signed assertions', (bp) => new CfnSAMLSource(bp, 'Saml', {
    slug: 'entra-saml', name: 'Entra ID (SAML)', ssoUrl: 'https://login.microsoftonline.com/tenant/saml2', issuer: 'https://auth.example.com',
    verificationKp: CertificateKeyPair.fromName('entra-signing'), signedAssertion: true, bindingType: 'REDIRECT', ...ENROLL,
    preAuthenticationFlow: Flow.fromSlug('default-source-pre-authentication'),
  })],
  ['a RADIUS provider for a VPN concentrator and a home network', (bp) => {
    const p = new CfnRadiusProvider(bp, 'Radius', {
      name: 'vpn-radius', authorizationFlow: Flow.fromSlug('default-authentication-flow'), invalidationFlow: Flow.fromSlug('default-invalidation-flow'),
      clientNetworks: '10.8.0.0/24, 192.168.1.1/32,fd00::/8', sharedSecret: secret(bp, 'RadiusSecret', 'radius-secret'), mfaSupport: true,
    });
    new Application(bp, 'VpnApp', { name: 'VPN', slug: 'vpn', provider: p });
  }],
  ['a RADIUS provider open to every network (authentik\'s default)', (bp) => new CfnRadiusProvider(bp, 'Radius', {
    name: 'wifi-radius', authorizationFlow: Flow.fromSlug('default-authentication-flow'), invalidationFlow: Flow.fromSlug('default-invalidation-flow'),
    clientNetworks: '0.0.0.0/0, ::/0', sharedSecret: secret(bp, 'WifiSecret', 'wifi-secret'),
  })],
  ['a RAC provider with an RDP and an SSH endpoint', (bp) => {
    const rac = new CfnRACProvider(bp, 'Rac', {
      name: 'remote-desktops', authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'), connectionExpiry: 'hours=8', settings: { 'enable-drive': 'true' },
    });
    new Application(bp, 'RacApp', { name: 'Remote desktops', slug: 'remote', provider: rac });
    new CfnEndpoint(bp, 'Win', { identifyBy: ['name'], name: 'Windows 11', provider: rac, protocol: 'rdp', host: 'win11.lan:3389', authMode: 'prompt', maximumConnections: 1 });
    new CfnEndpoint(bp, 'Nas', { identifyBy: ['name'], name: 'NAS', provider: rac, protocol: 'ssh', host: 'nas.lan', authMode: 'prompt', maximumConnections: -1 });
    new CfnEndpoint(bp, 'V6', { identifyBy: ['name'], name: 'Router', provider: rac, protocol: 'ssh', host: 'router', authMode: 'prompt', settings: { hostname: 'fd00::1', port: '22' } });
  }],
  ['a SCIM provider pushing users to an application with its token', (bp) => new CfnSCIMProvider(bp, 'Scim', {
    name: 'nextcloud-scim', url: 'https://cloud.example.com/index.php/apps/scimserviceprovider', token: secret(bp, 'ScimToken', 'scim-token'), excludeUsersServiceAccount: true,
  })],
  ['a SCIM provider authenticating through an OAuth source', (bp) => new CfnSCIMProvider(bp, 'ScimOauth', {
    name: 'saas-scim', url: 'https://saas.example/scim/v2', authMode: 'oauth', authOauth: '5f0c2c7e-9d2a-4c55-8f57-3c1b0b8e9a11',
  })],
  ['an update of a SCIM provider that changes only its URL', (bp) => new CfnSCIMProvider(bp, 'ScimUpdate', { name: 'nextcloud-scim', updatesExisting: true, url: 'https://cloud.example.com/scim' })],
  ['schedules of an LDAP sync at night and every 30 minutes on weekdays', (bp) => {
    new CfnSchedule(bp, 'Nightly', { identifyBy: ['relObjId'], relObjId: '1f0c1d6e-0000-4000-8000-000000000001', crontab: '0 3 * * *' });
    new CfnSchedule(bp, 'Often', { identifyBy: ['relObjId'], relObjId: '1f0c1d6e-0000-4000-8000-000000000002', crontab: '*/30 8-18 * * mon-fri' });
    new CfnSchedule(bp, 'Sunday', { identifyBy: ['relObjId'], relObjId: '1f0c1d6e-0000-4000-8000-000000000003', crontab: '15 4 1,15 jan-dec 7', paused: true });
  }],
];
