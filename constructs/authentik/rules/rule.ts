/**
 * The shape of authentik's judgement: one rule per check a serializer's `validate*`, a model validator
 * or a silent trap makes, each naming the goauthentik/authentik file it is read from. Rules see an
 * entry's wire-form (snake_case) fields with the identifiers merged in, as authentik's serializer
 * does, so typed constructs, `ModelEntry` and imported files are judged alike.
 */
import type { BlueprintEntry } from '../../blueprint/blueprint-entry';
import type { AuthentikVersion } from '../../catalog/versions';
import { EntryReference, LookupReference } from '../../blueprint/blueprint-entry';
import { Tag } from '../../blueprint/tags';
import { asReference } from '../../blueprint/value';

/** One entry as a rule sees it. */
export interface RuleEntry {
  /** Construct path, the start of every message. */
  readonly path: string;
  /** The model, `app_label.model_name`. */
  readonly model: string;
  /** Wire-form fields: attributes with the identifiers merged over them (references and tags as given). */
  readonly fields: Readonly<Record<string, unknown>>;
  /**
   * Whether the entry only updates an existing object; authentik then validates it as a partial
   * update (`partial=True`), so fields left out are not checked, but `validate()` still runs on what
   * is given.
   */
  readonly updatesExisting: boolean;
  /**
   * The authentik release the entry is judged by: its chart's `authentikVersion`.
   * @default the oldest release this project knows
   */
  readonly version?: AuthentikVersion;
  /**
   * Wire names of secret fields given in a form the secret check refuses (it reports them, and they
   * are not written): a rule takes them as given, so one mistake gets one message.
   * @default none
   */
  readonly refusedSecrets?: readonly string[];
}

/** A check of one entry. */
export interface EntryRule {
  /** Short id, unique among rules, e.g. `identification-stage-needs-fields-or-sources`. */
  readonly id: string;
  /** The goauthentik/authentik file the rule is read from (path at the 2026.2 tag). */
  readonly source: string;
  /** The models it applies to. */
  readonly models: readonly string[];
  /** One message per problem, each naming path, field, value and fix. */
  check(entry: RuleEntry): string[];
}

/** A check across every entry of an app (ties, duplicates, lookups of what nobody declares). */
export interface AppRule {
  /** Short id, unique among rules. */
  readonly id: string;
  /** The goauthentik/authentik file the rule is read from. */
  readonly source: string;
  /** One message per problem. */
  check(entries: readonly BlueprintEntry[]): string[];
}

/** Whether the value is known before authentik applies the file (not a tag, reference or object). */
export function isKnown(value: unknown): boolean {
  if (value === undefined) return false;
  if (value instanceof Tag || asReference(value) !== undefined) return false;
  return true;
}

/** Whether a field is left out or given as nothing (`null`, `""`, `[]`), judged as authentik's `not value`. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The model a reference (entry, lookup or `!Find` tag) points at; undefined when it cannot be told. */
export function referencedModel(value: unknown): string | undefined {
  if (value instanceof Tag) {
    if (value.name === '!Find' && typeof value.items[0] === 'string') return value.items[0];
    return undefined;
  }
  const reference = asReference(value);
  if (reference instanceof EntryReference) return reference.entry.model;
  if (reference instanceof LookupReference) return reference.model;
  return undefined;
}

/** How a value is shown in a message. */
export function show(value: unknown): string {
  if (value instanceof Tag) return `${value.name} ${JSON.stringify(value.value)}`;
  const reference = asReference(value);
  if (reference) return reference.description;
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** Text of a plain string field, undefined for anything else. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** How a referenced object is named in a message: `model "name"` for an entry, the query for a lookup. */
export function describeObject(value: unknown): string {
  const reference = asReference(value);
  if (reference instanceof EntryReference) return reference.entry.describe();
  return show(value);
}
