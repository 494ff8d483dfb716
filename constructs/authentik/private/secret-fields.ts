import { Env, Tag } from '../../blueprint/tags';
import type { Catalog } from '../../catalog/catalog';
import { baselineCatalog } from '../../catalog/construct-version';
import { jsonSecretFix } from '../rules/json-secrets';

/**
 * The secret fields (wire names) of a model in a release (the oldest known by default): the catalog's
 * (write-only in authentik's API, blueprint-only secrets, and credentials by nature, see
 * `../../catalog/credential-fields.ts`). A literal there would be committed to Git and synced into a
 * ConfigMap anyone in the namespace reads.
 */
export function secretFields(model: string, catalog: Catalog = baselineCatalog()): readonly string[] {
  return catalog.secretFields(model);
}

/**
 * Problems with secret fields of wire-form attributes: anything but `!Env`, `!File`, `!Context` (whose
 * value `contextValue` must itself not be a literal), `null` or an empty string (an unusable password)
 * would put the secret into Git.
 */
export function checkSecretFields(
  model: string,
  attrs: Readonly<Record<string, unknown>>,
  where: string,
  contextValue: (key: string) => unknown,
  catalog: Catalog = baselineCatalog(),
): string[] {
  const problems: string[] = [];
  for (const field of secretFields(model, catalog)) {
    const value = attrs[field];
    if (value === undefined || value === null || value === '') continue;
    if (isReadAtRunTime(value)) continue;
    if (value instanceof Tag && value.name === '!Context' && typeof value.value === 'string') {
      const held = contextValue(value.value);
      const jsonFix = jsonSecretFix(model, field, catalog);
      if (held === undefined || held === null || held === '') continue;
      if (isReadAtRunTime(held)) {
        // an object-valued field: the context's !Env / !File gives text, which authentik's JSONDictField refuses (rules/json-secrets.ts)
        if (jsonFix) {
          problems.push(`${where}: ${field} reads !Context ${value.value}, whose value in the blueprint's context is ${(held as Tag).name}, which gives `
            + 'text: authentik\'s serializer refuses anything but a dictionary here (JSONDictField, authentik/core/api/utils.py), so the whole '
            + `blueprint fails to apply; ${jsonFix}`);
        }
        continue;
      }
      problems.push(`${where}: ${field} reads !Context ${value.value}, whose value in the blueprint's context is a literal; `
        + (jsonFix ?? 'a secret must come from !Env or !File there too (e.g. context: { token: Tag.env(\'X\') })'));
      continue;
    }
    const shown = typeof value === 'string' ? 'a literal string' : value instanceof Tag ? `a ${value.name} tag` : `a literal ${typeof value}`;
    const fix = jsonSecretFix(model, field, catalog)
      ?? 'pass a WorkerSecret (wired from the ExternalSecret through the worker\'s environment to !Env) or a !File tag';
    problems.push(`${where}: ${field} is a secret, but was given ${shown}; a secret must never be written into the blueprint (it would be `
      + `committed to Git): ${fix}`);
  }
  return problems;
}

// `!Env` / `!File`, also when written with Tag.scalar or Tag.sequence (e.g. `!Env [NAME, null]`)
function isReadAtRunTime(value: unknown): boolean {
  return value instanceof Env || (value instanceof Tag && (value.name === '!Env' || value.name === '!File'));
}
