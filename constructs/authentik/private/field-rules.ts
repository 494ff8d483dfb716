/**
 * Rules authentik's serializers apply to single fields, beyond what its OpenAPI schema says
 * (`shared/docs/authentik-semantics.md`, "Serializer rules that bite"), over wire-form (snake_case)
 * fields. A tag or reference (any value that is not plain data) is skipped: authentik resolves it
 * when it applies the blueprint, and nothing can be said about it before.
 */
import type { Catalog, OpenApiSchema } from '../../catalog/catalog';
import { baselineCatalog } from '../../catalog/construct-version';
import { isTimedeltaField, NAME_FIELDS } from '../../catalog/field-facts';
import { Model } from '../../catalog/model-facts';
import { checkPythonRegex } from './python-regex';
import { pyStrip } from './python-text';
import { urlNormalisation } from './strict-redirect-uri';
import { checkTimedelta, timedeltaIgnoredKeys } from './timedelta';

/** The `state` values authentik's importer knows (`BlueprintEntryDesiredState`); any other fails the file. */
export const STATE_VALUES = ['present', 'created', 'must_created', 'absent'] as const;

/** What `SlugField` accepts (`validate_slug`), and so every slug of authentik. */
const SLUG = /^[-a-zA-Z0-9_]+$/;
const SLUG_PATTERN = '^[-a-zA-Z0-9_]+$';


/** Options for `checkAuthentikFieldRules`. */
export interface FieldRulesOptions {
  /**
   * The fields are the entry's identifiers, which authentik looks up as given: surrounding spaces then
   * mean the lookup never finds the stored (trimmed) object. Default false (attributes).
   */
  readonly identifiers?: boolean;
  /**
   * The release whose request schemas say which fields are text.
   * @default - the oldest release known
   */
  readonly catalog?: Catalog;
}

/**
 * Checks wire-form fields of one entry of `model` against authentik's per-field rules:
 *
 * - text with surrounding whitespace in a field DRF's `CharField` trims (every string field of the
 *   model's request schema that is not a uuid, date-time or choice, and every field the schema does not
 *   know); multi-line text (expressions, templates, certificates) and one-line expressions ending in
 *   line breaks (a YAML block scalar's) are left alone: trimming a final newline changes nothing there;
 * - slugs: every `slug` field, and every field whose schema pattern is `SlugField`'s, must match
 *   `^[-a-zA-Z0-9_]+$`;
 * - durations: the fields of `TIMEDELTA_FIELDS` must be read by `timedelta_string_validator`, without
 *   keys it skips;
 * - `redirect_uris` of an OAuth2 provider: regex URIs must compile with Python's `re`, strict URIs must
 *   be written as URL parsers write them (authentik compares raw strings);
 * - `authentik_core.user` `password`: never a literal (a tag such as `!Env`, or `""` for an unusable
 *   password), since the value would sit in Git;
 * - `authentik_blueprints.metaapplyblueprint` `identifiers`: not empty, since authentik applies the
 *   first blueprint instance matching them (`BlueprintInstance.objects.filter(**identifiers).first()`).
 *
 * @param where prefix of every message, e.g. the construct path and `attributes`
 * @returns one message per problem, each naming the field, the value given and the fix
 */
export function checkAuthentikFieldRules(model: string, attrs: Record<string, unknown>, where: string, options: FieldRulesOptions = {}): string[] {
  const problems: string[] = [];
  const properties = (options.catalog ?? baselineCatalog()).requestProperties(model);
  const fields = Object.keys(attrs);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const value = attrs[field];
    if (value === undefined || !isPlainData(value)) continue;
    const at = `${where}.${field}`;
    const schema = properties?.[field];
    if (typeof value === 'string') {
      // DRF's CharField (trim_whitespace=True, the default) stores value.strip()
      const trimmed = isTrimmedText(schema) ? pyStrip(value) : value;
      // a final line break (a YAML block scalar's) is trimmed harmlessly; spaces around a name are not
      const body = trimmed === value || options.identifiers || NAME_FIELDS.has(field) ? value : value.replace(/[\r\n]+$/, '');
      if (trimmed !== value && pyStrip(body) !== body && (options.identifiers || !/\S[\n\r]+\S/.test(value))) {
        problems.push(options.identifiers
          ? `${at}: ${JSON.stringify(value)} has surrounding whitespace; authentik stores text trimmed (${JSON.stringify(trimmed)}), so this `
            + 'identifier never matches the stored object and the next apply creates a second one, which collides with it; remove the spaces'
          : `${at}: ${JSON.stringify(value)} has surrounding whitespace; authentik stores text trimmed (${JSON.stringify(trimmed)}), so what it `
            + 'holds is not what is declared (and, used as an identifier elsewhere, never matches); remove the spaces');
      }
      if ((field === 'slug' || schema?.pattern === SLUG_PATTERN) && !SLUG.test(value)) {
        problems.push(`${at}: ${JSON.stringify(value)} is not a slug authentik accepts (letters a-z and A-Z, digits, - and _ only); `
          + `write e.g. ${JSON.stringify(slugify(value))}`);
      }
      if (isTimedeltaField(model, field)) {
        const error = checkTimedelta(value);
        if (error !== undefined) problems.push(`${at}: ${error}`);
        else for (const ignored of timedeltaIgnoredKeys(value)) problems.push(`${at}: ${ignored}`);
      }
    }
    if (model === Model.OAUTH2_PROVIDER && field === 'redirect_uris' && Array.isArray(value)) {
      value.forEach((uri, i) => problems.push(...checkWireRedirectUri(uri, `${at}[${i}]`)));
    }
    if (model === Model.USER && field === 'password' && typeof value === 'string' && value !== '') {
      problems.push(`${at}: a literal password (${value.length} characters) would be committed to Git; `
        + 'read it from the worker environment with Tag.env(…) (!Env), or give "" to make the password unusable');
    }
    if (model === Model.META_APPLY_BLUEPRINT && field === 'identifiers' && isEmptyMapping(value)) {
      problems.push(`${at}: {} matches every blueprint instance, so authentik would apply whichever comes first; `
        + 'name the blueprint to apply, e.g. { name: <its metadata.name> } or { path: <its file path> }');
    }
  }
  return problems;
}

function isEmptyMapping(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

/**
 * Checks an entry's `state`: absent (meaning `present`) or one of `STATE_VALUES`.
 *
 * @returns one message when authentik would fail the whole file on it, otherwise none
 */
export function checkEntryState(value: unknown, where: string): string[] {
  if (value === undefined || (typeof value === 'string' && (STATE_VALUES as readonly string[]).includes(value))) return [];
  const hint = typeof value === 'string' ? STATE_VALUES.find((s) => s === value.trim().toLowerCase().replace(/[- ]/g, '_')) : undefined;
  return [`${where}: state ${JSON.stringify(value)} is not one authentik knows, which fails the whole blueprint; `
    + `write one of ${STATE_VALUES.map((s) => JSON.stringify(s)).join(', ')}${hint ? ` (here ${JSON.stringify(hint)})` : ''}`];
}

function checkWireRedirectUri(uri: unknown, at: string): string[] {
  if (!isPlainData(uri) || uri === null || typeof uri !== 'object' || Array.isArray(uri)) return [];
  const { matching_mode: mode, url } = uri as Record<string, unknown>;
  if (typeof url !== 'string') return [];
  if (mode === 'regex') {
    const error = checkPythonRegex(url);
    return error === undefined ? [] : [`${at}.url: regex ${JSON.stringify(url)} does not compile with Python's re, which authentik uses (${error}); fix the pattern`];
  }
  if (mode === 'strict') {
    const normalisation = urlNormalisation(url);
    if (normalisation) {
      return [`${at}.url: strict redirect URI ${JSON.stringify(url)} is not written as URL parsers write it (${normalisation.changes.join('; ')}); authentik compares strict redirect `
        + `URIs as raw strings, so the stored string will never equal the URL the client sends; write ${JSON.stringify(normalisation.normalised)}`];
    }
  }
  return [];
}

/** Whether DRF reads the field with a (trimming) CharField: plain strings, not uuids, dates or choices. */
function isTrimmedText(schema: OpenApiSchema | undefined): boolean {
  if (schema === undefined) return true; // a field the API does not describe: a CharField unless it says otherwise
  if (schema.type !== 'string') return false;
  return schema.format === undefined || schema.format === 'uri' || schema.format === 'email';
}

/** Plain data (not a Tag, Reference or other class instance). */
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return true;
  return Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
}

function slugify(value: string): string {
  const slug = value.trim().replace(/[^-a-zA-Z0-9_]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'my-slug' : slug;
}
