/**
 * Which provider model each type of outpost serves: the type map of authentik's
 * `OutpostSerializer.validate_providers` (authentik/outposts/api/outposts.py), which refuses a
 * provider of another model. A lookup in the base provider model may be any of them.
 */
import { ModelName } from './model-facts';

/** The provider model each outpost type serves. */
export const OUTPOST_PROVIDER_MODELS = {
  proxy: ModelName.PROXYPROVIDER,
  ldap: ModelName.LDAPPROVIDER,
  radius: ModelName.RADIUSPROVIDER,
  rac: ModelName.RACPROVIDER,
} as const;
