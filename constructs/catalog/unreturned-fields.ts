/**
 * How authentik's API serves a model's fields, for the tools that compare a declaration with the live
 * object (`verify`): which fields a blueprint may set that the API never returns, and why. Read from
 * the catalog: blueprint-only fields (`blueprint-only.ts`, taken by the blueprint serializer alone) and
 * write-only fields (DRF's `write_only`, `writeOnly` in the release's OpenAPI document).
 */
import { catalogFor, type Catalog } from './catalog';
import { BLUEPRINT_ONLY_FIELDS, BLUEPRINT_ONLY_MODELS } from './blueprint-only';
import { AUTHENTIK_VERSIONS } from './versions';

/**
 * Why authentik's API never returns `field` (wire name) of `model`, or undefined when it returns it or
 * no catalog knows the field. Judged by `catalog`'s release when given, else by the newest release that
 * knows the field.
 */
export function notReturnedReason(model: string, field: string, catalog?: Catalog): string | undefined {
  const known = catalog ?? [...AUTHENTIK_VERSIONS].reverse().map((v) => catalogFor(v)).find((c) => c.field(model, field) !== undefined);
  const facts = known?.field(model, field);
  if (!facts) return undefined;
  if (facts.blueprintOnly) {
    const extra = [...(BLUEPRINT_ONLY_FIELDS[model] ?? []), ...(BLUEPRINT_ONLY_MODELS[model]?.fields ?? [])].find((f) => f.field === field);
    if (extra?.storedAs) return `blueprint-only: stored as ${extra.storedAs}`;
    return facts.secret
      ? 'a secret only the blueprint importer takes: the API never returns it'
      : 'blueprint-only: the blueprint importer takes it, the API does not return it as part of the object';
  }
  if (facts.writeOnly) return facts.secret ? 'a secret: write-only in the API' : 'write-only in the API';
  return undefined;
}
