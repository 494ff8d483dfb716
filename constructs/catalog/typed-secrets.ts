/**
 * The secret props of a model's typed construct, derived from the catalog: every field that is a
 * secret (`Catalog.secretFields`) in any release this project knows, by its camelCase prop name. Read
 * on first use, never when a module loads.
 *
 * The order is the catalog's, the one a construct checks and reports its secrets in (the file itself
 * sorts attributes): authentik's serializer field order (the request schema of the oldest release that
 * has the field), blueprint-only secrets last by name. Most models have one secret field or none, so
 * only a model with several reads a request schema.
 */
import { catalogFor } from './catalog';
import { propNameOf } from './typed-references';
import { AUTHENTIK_VERSIONS } from './versions';

const tables = new Map<string, readonly string[]>();

/** The secret fields (wire names) of `model` in any release, in the catalog's order (above). */
export function catalogSecretFields(model: string): readonly string[] {
  const wires: string[] = [];
  for (const version of AUTHENTIK_VERSIONS) {
    for (const wire of catalogFor(version).secretFields(model)) if (!wires.includes(wire)) wires.push(wire);
  }
  if (wires.length < 2) return wires;
  const rank = new Map<string, number>();
  for (const wire of wires) {
    for (const version of AUTHENTIK_VERSIONS) {
      const at = catalogFor(version).hasModel(model) ? catalogFor(version).requestFieldOrder(model).indexOf(wire) : -1;
      if (at >= 0) { rank.set(wire, at); break; }
    }
  }
  const position = (wire: string): number => rank.get(wire) ?? Number.MAX_SAFE_INTEGER;
  return wires.sort((a, b) => position(a) - position(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The catalog's secret props (camelCase) of `model`, in the catalog's order. */
export function catalogSecretProps(model: string): readonly string[] {
  let props = tables.get(model);
  if (!props) {
    props = Object.freeze(catalogSecretFields(model).map(propNameOf));
    tables.set(model, props);
  }
  return props;
}
