import type { Tag } from '../blueprint/tags';
import type { BlueprintValue } from '../blueprint/value';
import type { IEnvSecret } from '../authentik/env-secret';
import type { ModelName } from './model-facts';

/**
 * The types of the fields authentik's blueprint serializers accept beyond the API request types (see
 * `./blueprint-only.ts` for the fields and the sources that add them), as `ModelEntry` takes them: a
 * secret only by reference, a user's password also `null` (an unusable password).
 */
export interface BlueprintOnlyFields {
  [ModelName.APPLICATION]: { readonly icon?: string | Tag };
  [ModelName.USER]: { readonly password?: IEnvSecret | Tag | null; readonly permissions?: readonly BlueprintValue[] };
  [ModelName.TOKEN]: { readonly key?: IEnvSecret | Tag };
}
