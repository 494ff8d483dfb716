// the providers of authentik 2026.2 as typed constructs
export * from './proxy-provider';
export * from './ldap-provider';
export * from './saml-provider';
// further typed constructs outside this folder, exported here until the lead tidies the exports
export * from '../outpost';
export * from '../brand';
export * from '../role';
export * from '../token';
export * from '../notification-transport';
export * from '../notification-rule';
export * from '../blueprint-instance';
export * from '../apply-blueprint';
export * from '../source';
export * from '../service-connection';
