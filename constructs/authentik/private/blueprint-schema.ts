/**
 * What authentik's own blueprint schema (`blueprints/schema.json` of 2026.2, vendored in
 * `../specs/`) says a blueprint may name: its models and the attributes each one's blueprint
 * serializer accepts. An unknown model fails the whole file; an unknown attribute is dropped without a
 * word. Read from `../generated/blueprint-fields.json` (`npm run generate`), once.
 */
import { readFileSync } from 'node:fs';
import { closest } from '../../private/prop-checks';

interface BlueprintModel {
  readonly attributes: readonly string[];
  readonly permissions: readonly string[];
  readonly identifiers: boolean;
}

interface BlueprintFields {
  readonly schemaTitle: string;
  readonly models: Readonly<Record<string, BlueprintModel>>;
}

let loaded: BlueprintFields | undefined;
let names: readonly string[] | undefined;

function fields(): BlueprintFields {
  loaded ??= JSON.parse(readFileSync(new URL('../generated/blueprint-fields.json', import.meta.url), 'utf8')) as BlueprintFields;
  return loaded;
}

/** Every model name a blueprint entry may have in authentik 2026.2, sorted. */
export function blueprintModelNames(): readonly string[] {
  names ??= Object.freeze(Object.keys(fields().models));
  return names;
}

/** Whether authentik 2026.2 knows `model` (`app_label.modelname`, lower case, as blueprints write it). */
export function isKnownModel(model: string): boolean {
  return Object.prototype.hasOwnProperty.call(fields().models, model);
}

/**
 * The attribute names (wire form) authentik's blueprint serializer accepts for `model`, sorted,
 * blueprint-only ones included (an application's `icon`, a user's `password` and `permissions`);
 * undefined for a model authentik does not know.
 */
export function blueprintFieldNames(model: string): readonly string[] | undefined {
  return isKnownModel(model) ? fields().models[model]!.attributes : undefined;
}

/** The permission codenames an entry of `model` may grant in its `permissions`; undefined for an unknown model. */
export function blueprintPermissionNames(model: string): readonly string[] | undefined {
  return isKnownModel(model) ? fields().models[model]!.permissions : undefined;
}

/** The closest of `candidates` to a misspelt `name` (shared with every prop check). */
export const closestName = closest;

