import { parseAllDocuments } from 'yaml';
import { plainText, readBlueprint, type PlainValue } from '../blueprint-reader';
import type { DistFiles } from '../dist-dir';
import { isMetaModel } from '../../catalog/model-facts';

/**
 * Objects a synth would stop declaring without retiring them. authentik keeps an object whose entry
 * merely disappears from a blueprint: a client removed from main.ts keeps its provider, application,
 * secret and bindings, and whoever could log in still can. An object goes safely in two steps:
 * declared retired (`state: absent`, authentik deletes it), then removed.
 */

/** One object the current folder declares present and the new one does not declare at all. */
export interface DroppedObject {
  /** The blueprint file that declared it, e.g. `zot.yaml`. */
  readonly blueprint: string;
  /** The folder file holding that blueprint (a ConfigMap manifest). */
  readonly source: string;
  /** `app_label.model_name`. */
  readonly model: string;
  /** The identifiers, as `key=value,…` (tags described, e.g. `group=group admins`). */
  readonly identifiers: string;
  /** What it is, in words: `group admins`, `binding of group admins to application zot`. */
  readonly label: string;
  /** `model:identifiers`, the value `--forget` takes to let it go. */
  readonly token: string;
}

/** Every object `previous` declares with a state other than absent that `next` no longer declares, by file. */
export function droppedObjects(previous: DistFiles, next: DistFiles): DroppedObject[] {
  // only blueprints whose text changed can lose an object: reading every blueprint of a large app
  // twice would double the cost of a synth that changed one
  const before = blueprintTexts(previous, (path, content) => next.get(path) !== content);
  if (before.size === 0) return [];
  const after = blueprintTexts(next, (path, content) => previous.get(path) !== content);
  const changed = (file: string): boolean => before.get(file)?.text !== after.get(file)?.text;
  // candidates first: a synth that only adds blueprints reads none of them
  const dropped = new Map<string, DroppedObject>();
  for (const entry of entriesOf(before, changed)) {
    if (entry.state === 'absent' || dropped.has(entry.token)) continue;
    const { state: _state, ...object } = entry;
    dropped.set(entry.token, object);
  }
  if (dropped.size === 0) return [];
  for (const entry of entriesOf(after, changed)) dropped.delete(entry.token);
  if (dropped.size > 0) {
    // an object may have moved to a blueprint that did not change
    for (const entry of entriesOf(blueprintTexts(next, () => true), (file) => !changed(file))) dropped.delete(entry.token);
  }
  return [...dropped.values()].sort((a, b) => (a.blueprint < b.blueprint ? -1 : a.blueprint > b.blueprint ? 1 : a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
}

interface HeldBlueprint {
  readonly source: string;
  readonly text: string;
}

/** Blueprint file → text and the manifest holding it, from the ConfigMaps among the files `include` picks. */
function blueprintTexts(files: DistFiles, include: (path: string, content: string) => boolean): Map<string, HeldBlueprint> {
  const out = new Map<string, HeldBlueprint>();
  for (const [source, content] of files) {
    if (!source.endsWith('.yaml') || !/^kind: ConfigMap$/m.test(content) || !include(source, content)) continue;
    for (const doc of parseAllDocuments(content, { version: '1.1' })) {
      if (!('errors' in doc) || doc.errors.length > 0) continue;
      const obj = doc.toJS() as { kind?: unknown; data?: unknown } | null;
      if (obj?.kind !== 'ConfigMap' || obj.data === null || typeof obj.data !== 'object') continue;
      for (const [file, text] of Object.entries(obj.data as Record<string, unknown>)) {
        // authentik only discovers .yaml files
        if (file.endsWith('.yaml') && typeof text === 'string') out.set(file, { source, text });
      }
    }
  }
  return out;
}

function* entriesOf(blueprints: ReadonlyMap<string, HeldBlueprint>, include: (file: string) => boolean): Generator<DroppedObject & { state: string }> {
  for (const [file, { source, text }] of blueprints) {
    if (!include(file)) continue;
    let entries;
    try {
      entries = readBlueprint(text).entries;
    } catch {
      continue; // not a blueprint authentik could read: it declares nothing
    }
    for (const entry of entries) {
      // meta entries (apply another blueprint) name no object of their own
      if (isMetaModel(entry.model)) continue;
      if (Object.keys(entry.identifiers).length === 0) continue;
      const identifiers = identifierText(entry.identifiers);
      yield { blueprint: file, source, model: entry.model, identifiers, label: entry.label, token: `${entry.model}:${identifiers}`, state: entry.state };
    }
  }
}

function identifierText(identifiers: { readonly [key: string]: PlainValue }): string {
  return Object.keys(identifiers).sort().map((k) => `${k}=${plainText(identifiers[k])}`).join(',');
}
