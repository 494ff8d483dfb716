// the policies of authentik 2026.2 as typed constructs
export * from './expression-policy';
export * from './password-policy';
export * from './reputation-policy';
export * from './event-matcher-policy';
export * from './dummy-policy';
export * from './password-expiry-policy';
export * from './geo-ip-policy';
export * from './unique-password-policy';
