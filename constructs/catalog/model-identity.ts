/**
 * What names an authentik object in the state reduction (the change summary, compare, plan): the
 * fields that identify it, whatever identifiers its blueprint entry uses. Hand-written judgement.
 */
import { ModelName } from './model-facts';

/**
 * Fields that name an object, in order of preference: the first the object has is its identity.
 * Bindings are named by what they bind, plus the order (two bindings of one stage or policy at
 * different orders are two objects in authentik).
 */
export const IDENTITY_KEYS: { readonly [model: string]: readonly (readonly string[])[] } = {
  [ModelName.FLOWSTAGEBINDING]: [['target', 'stage', 'order']],
  [ModelName.POLICYBINDING]: [['target', 'policy', 'order'], ['target', 'group', 'order'], ['target', 'user', 'order']],
  [ModelName.USER]: [['username']],
  [ModelName.TOKEN]: [['identifier']],
  [ModelName.BRAND]: [['domain']],
};
/** A slug where the model has one (flows, applications, sources), else the name most models are unique by. */
export const DEFAULT_IDENTITY_KEYS: readonly (readonly string[])[] = [['slug'], ['name'], ['managed'], ['field_key']];
