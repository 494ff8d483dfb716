// the policies of authentik 2026.2 as typed constructs
export { ExpressionPolicy, type ExpressionPolicyProps, type IExpressionPolicy } from './expression-policy';
export { type IPasswordPolicy, PasswordPolicy, type PasswordPolicyProps } from './password-policy';
export { type IReputationPolicy, ReputationPolicy, type ReputationPolicyProps } from './reputation-policy';
export { EventMatcherPolicy, type EventMatcherPolicyProps, type IEventMatcherPolicy } from './event-matcher-policy';
export { DummyPolicy, type DummyPolicyProps, type IDummyPolicy } from './dummy-policy';
export { type IPasswordExpiryPolicy, PasswordExpiryPolicy, type PasswordExpiryPolicyProps } from './password-expiry-policy';
export { GeoIpPolicy, type GeoIpPolicyProps, type IGeoIpPolicy } from './geo-ip-policy';
export { type IUniquePasswordPolicy, UniquePasswordPolicy, type UniquePasswordPolicyProps } from './unique-password-policy';
