import { EMBEDDED_OUTPOST_NAME } from '../authentik/outpost';
import { POLICY_MODELS, STAGE_MODELS } from '../authentik/models';
import { fieldOf } from './entry-translator';
import type { SourceEntry } from './source-blueprints';
import { ModelName } from '../catalog/model-facts';

/**
 * Objects authentik holds before any blueprint of ours: an entry declaring one updates it, so it must
 * be written as an update of the existing object. A typed construct creating an object writes its
 * model defaults (an `Outpost`'s `config: {}`), harmless on a new object but, on an existing one,
 * written over its live values (the embedded outpost's configuration wiped). The importer proves
 * such entries without the allowance for construct defaults, so they end up `updatesExisting`.
 *
 * Built in:
 * - the embedded outpost (authentik creates it at start: outposts/apps.py, by name
 *   `authentik Embedded Outpost`, managed `goauthentik.io/outposts/embedded`);
 * - any object identified by a `managed` key of authentik's (`goauthentik.io/…`), which authentik's
 *   own blueprints and apps create;
 * - the flows, stages and policies of authentik's default blueprints (blueprints/default/), all
 *   named `default-…` (slug for flows, name for stages and policies).
 */
export function isBuiltIn(entry: SourceEntry): boolean {
  const managed = fieldOf(entry, 'managed');
  if (typeof managed === 'string' && managed.startsWith('goauthentik.io/')) return true;
  if (entry.model === ModelName.OUTPOST) return fieldOf(entry, 'name') === EMBEDDED_OUTPOST_NAME;
  if (entry.model === ModelName.FLOW) return startsDefault(fieldOf(entry, 'slug'));
  if ((STAGE_MODELS as readonly string[]).includes(entry.model) || (POLICY_MODELS as readonly string[]).includes(entry.model)) {
    return startsDefault(fieldOf(entry, 'name'));
  }
  return false;
}

function startsDefault(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('default-');
}
