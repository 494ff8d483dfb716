import { plainText, type PlainValue } from '../blueprint-reader';
import { readDistContents } from '../dist-contents';
import type { DistFiles } from '../dist-dir';

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
  const declared = new Set<string>();
  for (const entry of entriesOf(next)) declared.add(entry.token);
  const dropped = new Map<string, DroppedObject>();
  for (const entry of entriesOf(previous)) {
    if (entry.state === 'absent' || declared.has(entry.token) || dropped.has(entry.token)) continue;
    dropped.set(entry.token, entry);
  }
  return [...dropped.values()].sort((a, b) => (a.blueprint < b.blueprint ? -1 : a.blueprint > b.blueprint ? 1 : a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
}

function* entriesOf(files: DistFiles): Generator<DroppedObject & { state: string }> {
  for (const [file, blueprint] of readDistContents(files).blueprints) {
    for (const entry of blueprint.blueprint?.entries ?? []) {
      // meta entries (apply another blueprint) name no object of their own
      if (entry.model.startsWith('authentik_blueprints.meta')) continue;
      if (Object.keys(entry.identifiers).length === 0) continue;
      const identifiers = identifierText(entry.identifiers);
      yield {
        blueprint: file, source: blueprint.source, model: entry.model, identifiers, label: entry.label,
        token: `${entry.model}:${identifiers}`, state: entry.state,
      };
    }
  }
}

function identifierText(identifiers: { readonly [key: string]: PlainValue }): string {
  return Object.keys(identifiers).sort().map((k) => `${k}=${plainText(identifiers[k])}`).join(',');
}
