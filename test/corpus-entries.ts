import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LookupReference, Tag, type TagName } from '../constructs';
import { camelize } from '../constructs/authentik/model-schema';
import { parseBlueprint } from './helpers';

/** The folder of authentik 2026.2's own blueprints, vendored (see its README). */
export const CORPUS = fileURLToPath(new URL('./fixtures/corpus/authentik-2026.2/', import.meta.url));

/** An entry as compared: model, identifiers and attrs, every `!KeyOf` replaced by what it points at. */
export interface ComparableEntry {
  readonly model: string;
  readonly identifiers: Record<string, unknown>;
  readonly attrs: Record<string, unknown>;
}

/** A blueprint file of the corpus, parsed (tags as `{ tag, value | items }`). */
export function readCorpusFile(relativePath: string): any {
  return parseBlueprint(readFileSync(`${CORPUS}${relativePath}`, 'utf8'));
}

/**
 * The entries of a parsed blueprint with `!KeyOf` resolved to `{ keyOf: { model, identifiers } }` of the
 * entry it names (recursively, so a binding's target is its flow and stage), so two files that name
 * their entries differently compare equal. Missing identifiers and attrs count as empty.
 */
export function comparableEntries(document: any): ComparableEntry[] {
  const raw: any[] = document.entries ?? [];
  const byId = new Map(raw.filter((e) => e.id !== undefined).map((e) => [e.id, e]));
  const resolve = (value: unknown, seen: string[]): unknown => {
    if (Array.isArray(value)) return value.map((v) => resolve(v, seen));
    if (value === null || typeof value !== 'object') return value;
    const tag = value as { tag?: string; value?: unknown; items?: unknown[] };
    if (tag.tag === '!KeyOf') {
      const target = byId.get(tag.value);
      if (!target || seen.includes(String(tag.value))) throw new Error(`!KeyOf ${String(tag.value)} does not name an entry`);
      return { keyOf: { model: target.model, identifiers: resolve(target.identifiers ?? {}, [...seen, String(tag.value)]) } };
    }
    if (typeof tag.tag === 'string') return { tag: tag.tag, value: tag.value, items: tag.items === undefined ? undefined : resolve(tag.items, seen) };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, seen)]));
  };
  return raw.map((e) => ({
    model: e.model,
    identifiers: resolve(e.identifiers ?? {}, []) as Record<string, unknown>,
    attrs: resolve(e.attrs ?? {}, []) as Record<string, unknown>,
  }));
}

/** Entries in a canonical order (by their JSON), so files with entries in another order compare equal. */
export function sortedEntries(entries: readonly ComparableEntry[]): ComparableEntry[] {
  return [...entries].sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
}

/** JSON with sorted keys, for order-free comparison. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** Every blueprint file of the corpus, as `dir/file.yaml`, in a stable order. */
export const CORPUS_FILES: readonly string[] = ['default', 'example', 'system']
  .flatMap((dir) => readdirSync(`${CORPUS}${dir}`).filter((f) => f.endsWith('.yaml')).sort().map((f) => `${dir}/${f}`));

/**
 * A parsed value (tags as `{ tag, value | items }`) as a construct value: `!KeyOf` → the entry declared
 * under that id, `!Find` → a lookup, `!Env NAME` → `Tag.env`, other tags → `Tag`.
 */
export function toConstructValue(value: any, declared: ReadonlyMap<string, unknown>): any {
  if (Array.isArray(value)) return value.map((v) => toConstructValue(v, declared));
  if (value === null || typeof value !== 'object') return value;
  if (value.tag === '!KeyOf') return declared.get(value.value);
  if (value.tag === '!Find') {
    const [model, ...pairs] = value.items as [string, ...Array<[string, unknown]>];
    return new LookupReference(model, Object.fromEntries(pairs.map(([k, v]) => [k, toConstructValue(v, declared)])));
  }
  if (value.tag === '!Env' && typeof value.value === 'string') return Tag.env(value.value);
  if (typeof value.tag === 'string') {
    return value.items ? Tag.sequence(value.tag as TagName, toConstructValue(value.items, declared)) : Tag.scalar(value.tag as TagName, value.value);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toConstructValue(v, declared)]));
}

/** A record with its wire (snake_case) keys as API (camelCase) prop names. */
export function camelKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [camelize(k), v]));
}
