/**
 * What authentik's blueprint importer accepts of a release (`../../catalog/`): its models and the
 * attributes each one's blueprint serializer takes. An unknown model fails the whole file; an unknown
 * attribute is dropped without a word. For 2026.2 this is authentik's own blueprint schema (vendored
 * in `../specs/`); later releases are derived from their OpenAPI documents.
 */
import { closest } from '../../private/prop-checks';
import type { Catalog } from '../../catalog/catalog';
import { baselineCatalog } from '../../catalog/construct-version';

/** Every model name a blueprint entry may have in the release (the oldest known by default), sorted. */
export function blueprintModelNames(catalog: Catalog = baselineCatalog()): readonly string[] {
  return catalog.modelNames();
}

/** Whether the release knows `model` (`app_label.modelname`, lower case, as blueprints write it). */
export function isKnownModel(model: string, catalog: Catalog = baselineCatalog()): boolean {
  return catalog.hasModel(model);
}

/**
 * The attribute names (wire form) authentik's blueprint serializer accepts for `model`, sorted,
 * blueprint-only ones included (an application's `icon`, a user's `password` and `permissions`);
 * undefined for a model the release does not know.
 */
export function blueprintFieldNames(model: string, catalog: Catalog = baselineCatalog()): readonly string[] | undefined {
  return catalog.blueprintFieldNames(model);
}

/** The permission codenames an entry of `model` may grant in its `permissions`; undefined for an unknown model. */
export function blueprintPermissionNames(model: string, catalog: Catalog = baselineCatalog()): readonly string[] | undefined {
  return catalog.model(model)?.permissions;
}

/** The closest of `candidates` to a misspelt `name` (shared with every prop check). */
export const closestName = closest;
