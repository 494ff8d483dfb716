import { Tag } from '../blueprint/tags';
import type { BlueprintValue } from '../blueprint/value';
import { entryList } from '../synth/authentik-state';
import { isRecord, tagFromNode, type ParsedBlueprint } from '../synth/blueprint-parser';

/**
 * Blueprints exported from authentik's UI or API (blueprints/v1/exporter.py): each entry is
 * `BlueprintEntry.from_model(obj, *extra_identifiers)` (blueprints/v1/common.py), identified by its
 * `pk` plus a natural key (`slug`, `name`, a binding's `target`, `stage`, `order`), its attributes
 * the serializer's data, so a relation is the raw pk of the other object.
 *
 * authentik finds such an object by its pk OR its other identifiers (importer.py
 * `__query_from_identifier`), and replaces a value equal to the pk of an object it created from the
 * file with that object's real pk (`__update_pks_for_attrs`). The importer writes the same intent in
 * terms that carry to another authentik:
 * - `pk` is left out of identifiers that have a natural key besides it (the object is then found by
 *   that key alone: an object renamed since the export is not found by its old pk);
 * - a UUID text equal to the `pk` of an entry of the same file becomes a `!KeyOf` to that entry (the
 *   entry gets an id if it has none). Integer pks (providers, users) are left alone: an integer in
 *   an attribute cannot be told from a number.
 */

/** What was translated, for the import's notes. */
export interface ExportTranslation {
  readonly parsed: ParsedBlueprint[];
  readonly notes: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The files with `pk` identifiers and raw-UUID references translated; files without them unchanged. */
export function translateExportPks(parsed: readonly ParsedBlueprint[]): ExportTranslation {
  const notes: string[] = [];
  const out = parsed.map((p) => {
    const entries = entryList(p.document.entries);
    const withPk = entries.filter((e) => isRecord(e.identifiers) && 'pk' in e.identifiers);
    if (withPk.length === 0) return p;
    // ids for the entries others refer to, by their pk
    const taken = new Set(entries.map((e) => e.id).filter((id): id is string => typeof id === 'string'));
    const idByPk = new Map<string, string>();
    const newIds = new Map<object, string>();
    // the UUIDs the file refers to (outside each entry's own pk): only those entries need an id
    const referenced = new Set<string>();
    const collect = (value: BlueprintValue | undefined): void => {
      if (typeof value === 'string' && UUID.test(value)) referenced.add(value.toLowerCase());
      else if (Array.isArray(value)) value.forEach(collect);
      else if (isRecord(value)) Object.values(value).forEach(collect);
    };
    for (const e of entries) {
      collect(e.attrs);
      if (isRecord(e.identifiers)) for (const [k, v] of Object.entries(e.identifiers)) if (k !== 'pk') collect(v);
    }
    for (const e of withPk) {
      const pk = (e.identifiers as Record<string, BlueprintValue>).pk;
      if (typeof pk !== 'string' || !UUID.test(pk) || !referenced.has(pk.toLowerCase())) continue;
      let id = typeof e.id === 'string' ? e.id : undefined;
      if (id === undefined) {
        // named for its natural key where it has one (`homelab-login`), else its model and pk
        const fields = { ...(isRecord(e.attrs) ? e.attrs : {}), ...(e.identifiers as Record<string, BlueprintValue>) };
        const natural = [fields.slug, fields.name, fields.field_key].find((v): v is string => typeof v === 'string' && v.trim() !== '');
        const base = natural !== undefined ? natural.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'entry'
          : `${String(e.model).split('.').pop()}-${pk.slice(0, 8)}`;
        id = base;
        for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
        taken.add(id);
        newIds.set(e, id);
      }
      idByPk.set(pk.toLowerCase(), id);
    }
    let remapped = 0;
    const remap = (value: BlueprintValue): BlueprintValue => {
      if (value instanceof Tag) return value;
      if (typeof value === 'string' && UUID.test(value) && idByPk.has(value.toLowerCase())) {
        remapped++;
        return tagFromNode('!KeyOf', 'scalar', idByPk.get(value.toLowerCase())!);
      }
      if (Array.isArray(value)) return value.map(remap);
      if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remap(v)]));
      return value;
    };
    let dropped = 0;
    const translateEntry = (e: { readonly [key: string]: BlueprintValue }): { readonly [key: string]: BlueprintValue } => {
      const out: Record<string, BlueprintValue> = { ...e };
      const id = newIds.get(e);
      if (id !== undefined) out.id = id;
      else if (out.id === null) delete out.id;
      // the exporter writes every field of the dataclass: no conditions is `conditions: []`, which applies always
      if (Array.isArray(out.conditions) && out.conditions.length === 0) delete out.conditions;
      if (isRecord(e.identifiers)) {
        const ids: Record<string, BlueprintValue> = {};
        const others = Object.keys(e.identifiers).filter((k) => k !== 'pk');
        for (const [k, v] of Object.entries(e.identifiers)) {
          if (k === 'pk' && others.length > 0) {
            dropped++;
            continue;
          }
          // its own pk stays text; references to other entries become !KeyOf
          ids[k] = k === 'pk' ? v : remap(v);
        }
        out.identifiers = ids;
      }
      if (isRecord(e.attrs)) out.attrs = remap(e.attrs);
      return out;
    };
    const doc = p.document;
    const translated = Array.isArray(doc.entries)
      ? doc.entries.map((e) => (isRecord(e) ? translateEntry(e) : e))
      : isRecord(doc.entries)
        ? Object.fromEntries(Object.entries(doc.entries).map(([k, list]) => [k, Array.isArray(list) ? list.map((e) => (isRecord(e) ? translateEntry(e) : e)) : list]))
        : doc.entries;
    notes.push(`${p.source}: an export of authentik (pk identifiers): ${dropped} pk identifier(s) left out, the objects found by their other identifiers; `
      + `${remapped} raw-UUID reference(s) to entries of the file written as references`);
    return { ...p, document: { ...doc, entries: translated as BlueprintValue } };
  });
  return { parsed: out, notes };
}
