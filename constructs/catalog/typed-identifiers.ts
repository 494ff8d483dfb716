/**
 * The identifier props of a model's typed construct, derived from the catalog: the model's natural key
 * (`Catalog.naturalKey`, generated from `model-identity.ts`) by camelCase prop name, as the newest
 * release that knows the model states it (`test/typed-identifiers.test.ts` checks every release agrees).
 * Read on first use, never when a module loads.
 */
import { catalogFor } from './catalog';
import { propNameOf } from './typed-references';
import { AUTHENTIK_VERSIONS } from './versions';

const keys = new Map<string, readonly string[]>();

/** The natural key of `model` as camelCase props; empty when it has none or no release knows the model. */
export function catalogNaturalKey(model: string): readonly string[] {
  let key = keys.get(model);
  if (!key) {
    const newest = [...AUTHENTIK_VERSIONS].reverse().map((v) => catalogFor(v)).find((c) => c.hasModel(model));
    key = Object.freeze((newest?.naturalKey(model) ?? []).map(propNameOf));
    keys.set(model, key);
  }
  return key;
}
