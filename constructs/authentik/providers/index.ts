// the providers of authentik 2026.2 as typed constructs
export {
  type IProxyProvider, ProxyProvider, type ProxyProviderMode, type ProxyProviderOptions, type ProxyProviderProps,
} from './proxy-provider';
export { type ILdapProvider, LdapProvider, type LdapProviderProps } from './ldap-provider';
export { type ISamlProvider, SamlProvider, type SamlProviderProps } from './saml-provider';
