/**
 * What identifies an authentik object: the natural key a typed construct (hand-written or generated)
 * finds its object by, and what names an object in the state reduction (the change summary, compare,
 * plan), whatever identifiers its blueprint entry uses. The natural key of each model and release is
 * generated into the catalog (`Catalog.naturalKey`) from the rule and exceptions here.
 */
import { NAME_NOT_UNIQUE } from './construct-names';
import { ModelName } from './model-facts';

/**
 * Models whose natural key is not the rule's (`naturalKeyOf`), with why, in wire names. An empty key:
 * the construct identifies each object itself.
 */
export const NATURAL_KEY_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  // authentik/core/models.py: User.username is unique (AbstractUser); `name` is a display name
  [ModelName.USER]: ['username'],
  // authentik/core/models.py: Token.identifier is unique (`identifier = SlugField(max_length=255, unique=True)`)
  [ModelName.TOKEN]: ['identifier'],
  // authentik/brands/models.py: Brand.domain is unique; a brand has no name
  [ModelName.BRAND]: ['domain'],
  // authentik/flows/models.py: FlowStageBinding is unique together on (target, stage, order)
  [ModelName.FLOWSTAGEBINDING]: ['target', 'stage', 'order'],
  // authentik/policies/models.py: a PolicyBinding has no name, and binds a policy, a group or a user: its construct
  // identifies it by target, subject and order (IDENTITY_KEYS below)
  [ModelName.POLICYBINDING]: [],
  // a meta model holds no object (authentik/blueprints/v1/meta/registry.py)
  [ModelName.METAAPPLYBLUEPRINT]: [],
};

/** The facts of a model's fields the rule reads: which it has, and whether `name` may be null. */
export interface KeyFields {
  readonly has: (field: string) => boolean;
  readonly nameNullable: boolean;
}

/**
 * The natural key (wire names) of `model` with these fields: an exception above, else `slug` where
 * the model has one (flows, applications, sources), else `name` where it names one object (not
 * nullable, not a label: `NAME_NOT_UNIQUE`), else none (the entry must say what authentik finds the
 * object by).
 */
export function naturalKeyOf(model: string, fields: KeyFields): readonly string[] {
  const exception = NATURAL_KEY_EXCEPTIONS[model];
  if (exception) return exception;
  if (fields.has('slug')) return ['slug'];
  if (fields.has('name') && !fields.nameNullable && !NAME_NOT_UNIQUE.some((re) => re.test(model))) return ['name'];
  return [];
}

// the single-key exceptions name an object in the state reduction as they identify it
const KEYED: Readonly<Record<string, readonly (readonly string[])[]>> = Object.fromEntries(
  Object.entries(NATURAL_KEY_EXCEPTIONS).filter(([, key]) => key.length > 0).map(([model, key]) => [model, [key]]),
);

/**
 * Fields that name an object, in order of preference: the first the object has is its identity.
 * Bindings are named by what they bind, plus the order (two bindings of one stage or policy at
 * different orders are two objects in authentik).
 */
export const IDENTITY_KEYS: { readonly [model: string]: readonly (readonly string[])[] } = {
  ...KEYED,
  [ModelName.POLICYBINDING]: [['target', 'policy', 'order'], ['target', 'group', 'order'], ['target', 'user', 'order']],
};
/** A slug where the model has one (flows, applications, sources), else the name most models are unique by. */
export const DEFAULT_IDENTITY_KEYS: readonly (readonly string[])[] = [['slug'], ['name'], ['managed'], ['field_key']];
