/**
 * Which authentik releases accept a choice a field's schema refuses in the declared release: a value
 * added later (`grant_types` `urn:ietf:params:oauth:grant-type:token-exchange` from 2026.8, a flow's
 * `require_token` from 2026.5) or one a later release dropped. Read from each release's request schemas
 * (the catalogs), so a message can name the releases and the fix instead of only the declared release's list.
 */
import { catalogFor, type Catalog, type OpenApiSchema } from '../catalog/catalog';
import { AUTHENTIK_VERSIONS, compareVersions, type AuthentikVersion } from '../catalog/versions';
import { derefSchema } from './model-schema';

/** The choices a (top-level, wire-named) field of `model` takes in `catalog`'s release, items' choices for a list; undefined when it is no choice. */
function choicesOf(model: string, field: string, catalog: Catalog): readonly unknown[] | undefined {
  const schemaName = catalog.requestSchemaName(model);
  if (!schemaName) return undefined;
  const request = derefSchema(catalog.requestSchemas().components[schemaName]!, catalog);
  const property = request.properties?.[field];
  if (!property) return undefined;
  let schema = derefSchema(property, catalog);
  if (schema.items) schema = derefSchema(schema.items, catalog);
  return enumOf(schema, catalog);
}

function enumOf(schema: OpenApiSchema, catalog: Catalog): readonly unknown[] | undefined {
  if (schema.enum) return schema.enum;
  // a nullable choice is `oneOf: [Choice, NullEnum]` (or allOf/anyOf)
  const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  const found = branches.map((b) => enumOf(derefSchema(b, catalog), catalog)).filter((e): e is readonly unknown[] => e !== undefined);
  return found.length === 0 ? undefined : found.flat();
}

/** The releases whose schema of `field` (wire name, top level) of `model` lists `value` as a choice, oldest first. */
export function releasesAcceptingChoice(model: string, field: string, value: unknown): AuthentikVersion[] {
  return AUTHENTIK_VERSIONS.filter((v) => choicesOf(model, field, catalogFor(v))?.includes(value) === true);
}

/**
 * For a choice the declared release refuses: which releases accept it, and the fix (upgrade, or pick
 * another choice); undefined when no release accepts it, or the field is not a choice.
 * @param pointer the JSON pointer of the refused value, e.g. `/grant_types/0` (only top-level fields and their list items are looked up)
 */
export function otherReleasesForChoice(model: string, pointer: string, value: unknown, catalog: Catalog): string | undefined {
  const match = /^\/([^/]+)(?:\/\d+)?$/.exec(pointer);
  if (!match || value === null || typeof value === 'object') return undefined;
  const versions = releasesAcceptingChoice(model, match[1], value);
  if (versions.length === 0 || versions.includes(catalog.version)) return undefined;
  const later = versions.find((v) => compareVersions(v, catalog.version) > 0);
  const have = `authentik ${versions.join(', ')} ${versions.length === 1 ? 'accepts' : 'accept'} it`;
  return later
    ? `${have}: upgrade authentik to ${later} and set authentikVersion: '${later}' on the AuthentikChart, or pick one of the choices above`
    : `${have}, but authentik ${catalog.version} (the chart's authentikVersion) no longer does: pick one of the choices above`;
}
