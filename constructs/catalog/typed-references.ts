/**
 * The reference props of a model's typed construct, derived from the catalog: every field a blueprint
 * may set on the model in any known release that `./reference-fields.ts` knows as a relation, by its
 * camelCase prop name, with the kind it takes (in a one-item array for a list). Read on first use
 * (the releases' small field indexes), never when a module loads.
 */
import { catalogFor } from './catalog';
import { SERIALIZER_READ_ONLY } from './field-facts';
import type { ObjectKind } from './object-kinds';
import { LIST_FIELDS, LIVE_RELATIONS, referenceKind } from './reference-fields';
import { AUTHENTIK_VERSIONS } from './versions';

/** The kind a reference prop takes: one object of the kind, or (in a one-item array) a list of them. */
export type ReferenceShape = ObjectKind | readonly [ObjectKind];

/** A reference table: camelCase prop name → the kind it takes. */
export type ReferenceTable = Readonly<Record<string, ReferenceShape>>;

const tables = new Map<string, ReferenceTable>();

/** The camelCase prop name of a wire (snake_case) field name, as @goauthentik/api spells it. */
export function propNameOf(wireField: string): string {
  return wireField.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The kind a relation field of `model` takes as a typed prop, or undefined when it is no relation:
 * the relations of `reference-fields.ts`, and those a blueprint leaves unjudged (`LIVE_RELATIONS`),
 * which a typed prop still takes only as objects.
 */
export function referenceShape(model: string, wireField: string): ReferenceShape | undefined {
  const kind = referenceKind(model, wireField) ?? LIVE_RELATIONS[wireField];
  if (!kind) return undefined;
  return LIST_FIELDS.has(wireField) ? [kind] : kind;
}

/**
 * The catalog's reference props of `model`: its relation fields a blueprint may set in any release this
 * project knows, except those the serializer sets itself (`SERIALIZER_READ_ONLY`), sorted by prop name.
 */
export function catalogReferences(model: string): ReferenceTable {
  let table = tables.get(model);
  if (!table) {
    const wires = new Set<string>();
    for (const version of AUTHENTIK_VERSIONS) for (const wire of catalogFor(version).blueprintFieldNames(model) ?? []) wires.add(wire);
    const dropped = SERIALIZER_READ_ONLY[model] ?? [];
    const out: Record<string, ReferenceShape> = {};
    for (const wire of [...wires].sort()) {
      if (dropped.includes(wire)) continue;
      const shape = referenceShape(model, wire);
      if (shape) out[propNameOf(wire)] = shape;
    }
    table = Object.freeze(out);
    tables.set(model, table);
  }
  return table;
}
