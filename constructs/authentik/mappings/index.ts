// the mappings of authentik 2026.2 as typed constructs
export * from './property-mapping';
