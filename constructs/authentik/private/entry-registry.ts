import type { AuthentikEntrySpec } from '../authentik-entry';

/** What the importer (and tooling) knows of a typed construct: its model, class name and spec. */
export interface TypedEntryInfo {
  /** The model the construct writes. */
  readonly model: string;
  /** The exported class name, e.g. `Flow`. */
  readonly className: string;
  /** How its props map onto the entry. */
  readonly spec: AuthentikEntrySpec;
}

const registry: TypedEntryInfo[] = [];

/**
 * Records a typed construct when its module loads. Several constructs may write one model (a
 * `ServiceAccount` and a `User` both write `authentik_core.user`).
 * @returns the spec, so a construct can register and use it in one expression
 */
export function registerTypedEntry(model: string, className: string, spec: AuthentikEntrySpec): AuthentikEntrySpec {
  registry.push({ model, className, spec });
  return spec;
}

/** Every typed construct whose module has been loaded, in load order. */
export function typedEntries(): readonly TypedEntryInfo[] {
  return [...registry];
}
