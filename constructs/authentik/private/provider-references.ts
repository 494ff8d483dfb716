import { Kind } from '../models';

/** The relations every provider has (authentik's `Provider` base model): its flows and property mappings. */
export const PROVIDER_REFERENCES = {
  authorizationFlow: Kind.FLOW,
  invalidationFlow: Kind.FLOW,
  authenticationFlow: Kind.FLOW,
  propertyMappings: [Kind.PROPERTY_MAPPING],
} as const;
