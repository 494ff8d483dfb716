import { basename } from 'node:path';
import { Tag } from '../blueprint/tags';
import type { BlueprintValue } from '../blueprint/value';
import { entryList } from '../synth/authentik-state';
import { isRecord, type ParsedBlueprint } from '../synth/blueprint-parser';
import { ImportError } from './import-error';

/** One entry of an imported file. */
export interface SourceEntry {
  /** The file it is in. */
  readonly blueprint: SourceBlueprint;
  /** Its position in the file. */
  readonly index: number;
  /** The entry as parsed. */
  readonly raw: { readonly [key: string]: BlueprintValue };
  /** `app_label.model_name`. */
  readonly model: string;
  /** `present`, `created`, `must_created` or `absent`. */
  readonly state: string;
  /** The entry `id`, if any. */
  readonly id?: string;
  /** `file: entry 3 (id flow)`, for messages. */
  readonly where: string;
  /** Identifiers (wire names). */
  readonly identifiers: { readonly [key: string]: BlueprintValue };
  /** Attrs (wire names). */
  readonly attrs: { readonly [key: string]: BlueprintValue };
}

/** One imported blueprint file. */
export interface SourceBlueprint {
  /** As parsed. */
  readonly parsed: ParsedBlueprint;
  /** File name it is written under: the source's base name, or the ConfigMap key. */
  readonly fileName: string;
  /** `metadata.name`. */
  readonly name: string;
  /** The description label, if any. */
  readonly description?: string;
  /** Other labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** `context`. */
  readonly context: { readonly [key: string]: BlueprintValue };
  /** Its entries, in file order. */
  readonly entries: SourceEntry[];
}

const DESCRIPTION_LABEL = 'blueprints.goauthentik.io/description';
const STATES = ['present', 'created', 'must_created', 'absent'];

/**
 * Reads parsed blueprints into the importer's model, checking what authentik would reject outright.
 * @throws ImportError for a blueprint without `metadata.name`, a version other than 1, an entry
 * without a model, a state authentik does not know or labels that are not text
 */
export function sourceBlueprints(parsed: readonly ParsedBlueprint[]): SourceBlueprint[] {
  return parsed.map((p) => {
    const doc = p.document;
    if (doc.version !== undefined && doc.version !== 1) throw new ImportError(p.source, `version ${JSON.stringify(doc.version)}: authentik reads only version 1`);
    const metadata = isRecord(doc.metadata) ? doc.metadata : {};
    if (typeof metadata.name !== 'string' || metadata.name.trim() === '') {
      throw new ImportError(p.source, 'has no metadata.name, which a Blueprint needs (it names the blueprint instance); add one');
    }
    const labels: Record<string, string> = {};
    let description: string | undefined;
    for (const [k, v] of Object.entries(isRecord(metadata.labels) ? metadata.labels : {})) {
      if (typeof v !== 'string') throw new ImportError(p.source, `label ${k} is ${JSON.stringify(v)}, not text; labels are text (quote it)`);
      if (k === DESCRIPTION_LABEL) description = v;
      else labels[k] = v;
    }
    const hash = p.source.lastIndexOf('#');
    const blueprint: SourceBlueprint = {
      parsed: p,
      fileName: hash >= 0 ? p.source.slice(hash + 1) : basename(p.source),
      name: metadata.name,
      description,
      labels,
      context: isRecord(doc.context) ? doc.context : {},
      entries: [],
    };
    refuseWrongTypes(p);
    entryList(doc.entries).forEach((raw, index) => {
      const id = typeof raw.id === 'string' ? raw.id : undefined;
      const where = `${p.source}: entry ${index}${id !== undefined ? ` (id ${id})` : ''}`;
      refuseWrongEntryTypes(raw, where);
      if (typeof raw.model !== 'string') throw new ImportError(where, 'has no model');
      const state = raw.state === undefined ? 'present' : raw.state;
      if (typeof state !== 'string' || !STATES.includes(state)) {
        throw new ImportError(where, `state ${JSON.stringify(state)} is not one of ${STATES.join(', ')} (authentik fails the file)`);
      }
      blueprint.entries.push({
        blueprint, index, raw, model: raw.model, state, id, where,
        identifiers: isRecord(raw.identifiers) ? raw.identifiers : {},
        attrs: isRecord(raw.attrs) ? raw.attrs : {},
      });
    });
    return blueprint;
  });
}

// authentik reads a file with dacite into its dataclasses (blueprints/v1/importer.py Importer.from_string:
// `from_dict(Blueprint, …)`, type-checked), and a value of the wrong type fails the whole file with
// EntryInvalidError before any entry is applied. These are the checks of blueprints/v1/common.py's
// `Blueprint` and `BlueprintEntry` fields that a file can get wrong.
const DACITE = 'authentik refuses the whole file (its importer reads blueprints with dacite, blueprints/v1/importer.py, and fails with "wrong value type for field';

function typeName(value: BlueprintValue | undefined): string {
  if (value instanceof Tag) return `the tag ${value.name}`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (isRecord(value)) return 'a mapping';
  return `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the boolean' : 'the text'} ${JSON.stringify(value)}`;
}

function refuseWrongTypes(p: ParsedBlueprint): void {
  const doc = p.document;
  // Blueprint.context is `dict` (not Optional): `context:` left empty (null) fails too
  if ('context' in doc && !isRecord(doc.context)) {
    throw new ImportError(p.source, `context is ${typeName(doc.context)}: ${DACITE} "context""); write a mapping`);
  }
  const entries = doc.entries;
  const listOrSections = Array.isArray(entries) || (isRecord(entries) && Object.values(entries).every(Array.isArray));
  if (!listOrSections) throw new ImportError(p.source, `entries is ${typeName(entries)}: ${DACITE} "entries""); write a list of entries (or a mapping of section → list)`);
}

function refuseWrongEntryTypes(raw: { readonly [key: string]: BlueprintValue }, where: string): void {
  if ('id' in raw && raw.id !== null && typeof raw.id !== 'string') {
    throw new ImportError(where, `id is ${typeName(raw.id)}, but an entry id is text (BlueprintEntry.id: Optional[str]): ${DACITE} "id""); write the id as plain text${raw.id instanceof Tag ? ', not through a tag' : ' (quote it)'}`);
  }
  if ('identifiers' in raw && !isRecord(raw.identifiers)) {
    throw new ImportError(where, `identifiers is ${typeName(raw.identifiers)}: ${DACITE} "identifiers""); write a mapping of field → value`);
  }
  if ('attrs' in raw && raw.attrs !== null && !isRecord(raw.attrs)) {
    throw new ImportError(where, `attrs is ${typeName(raw.attrs)}: ${DACITE} "attrs""); write a mapping of field → value`);
  }
  if ('conditions' in raw && !Array.isArray(raw.conditions)) {
    throw new ImportError(where, `conditions is ${typeName(raw.conditions)}: ${DACITE} "conditions""); write a list`);
  }
}
