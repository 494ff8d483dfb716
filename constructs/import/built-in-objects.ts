import type { ApiObject } from '../verify/authentik-reader';
import { catalogFor } from '../catalog/catalog';
import { AUTHENTIK_MANAGED_PREFIX } from '../catalog/shipped-objects';
import type { AuthentikVersion } from '../catalog/versions';
import { ModelName } from '../catalog/model-facts';
import { ruleFacts } from '../authentik/rules/facts';
import { fieldOf } from './entry-translator';
import type { SourceEntry } from './source-blueprints';

/**
 * Whether an object is one authentik itself holds in `version` before any blueprint of ours: a
 * `managed` key in authentik's namespace (`AUTHENTIK_MANAGED_PREFIX`), or a natural key
 * (`Catalog.naturalKey`) whose value is one of the objects the release ships: those of its packaged
 * blueprints and those its code creates (`constructs/catalog/shipped-objects.ts`, folded per release
 * into the judgement facts by `scripts/generate-rules-data.ts`). Objects of example blueprints exist
 * only once someone applies them, so they are not.
 * @param valueOf the object's value of a field (wire name)
 */
export function isShippedObject(version: AuthentikVersion, model: string, valueOf: (field: string) => unknown): boolean {
  const managed = valueOf('managed');
  if (typeof managed === 'string' && managed.startsWith(AUTHENTIK_MANAGED_PREFIX)) return true;
  const shipped = ruleFacts(version).shipped[model];
  if (!shipped) return false;
  return catalogFor(version).naturalKey(model).some((field) => {
    const value = valueOf(field);
    return typeof value === 'string' && (shipped[field]?.includes(value) ?? false);
  });
}

/**
 * Objects authentik holds before any blueprint of ours: an entry declaring one updates it, so it must
 * be written as an update of the existing object. A typed construct creating an object writes its
 * model defaults (an `Outpost`'s `config: {}`), harmless on a new object but, on an existing one,
 * written over its live values (the embedded outpost's configuration wiped). The importer proves
 * such entries without the allowance for construct defaults, so they end up `updatesExisting`.
 *
 * Built in (`isShippedObject`): the embedded outpost (authentik creates it at start:
 * outposts/apps.py), any object with a `managed` key of authentik's (`goauthentik.io/…`), and the
 * flows, stages, policies, groups, … of authentik's default blueprints (blueprints/default/) by their
 * natural key (slug for flows, name for stages and policies).
 */
export function isBuiltIn(entry: SourceEntry, version: AuthentikVersion): boolean {
  return isShippedObject(version, entry.model, (field) => fieldOf(entry, field));
}

/** Whether a live object is one authentik ships (`isShippedObject`); an application never is (authentik ships none). */
export function isBuiltInLive(version: AuthentikVersion, model: string, o: ApiObject): boolean {
  return model !== ModelName.APPLICATION && isShippedObject(version, model, (field) => o[field]);
}
