// the providers of authentik 2026.2 as typed constructs
export * from './proxy-provider';
export * from './ldap-provider';
export * from './saml-provider';
