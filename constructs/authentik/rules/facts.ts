/**
 * The facts of authentik 2026.2 that rules need beyond its API schema, read once from
 * `generated/authentik-2026.2.json` (`scripts/generate-rules-data.ts`): the permissions a blueprint may
 * grant and the objects authentik ships.
 */
import { readFileSync } from 'node:fs';

interface RuleFacts {
  readonly version: string;
  readonly permissions: Readonly<Record<string, readonly string[]>>;
  readonly shipped: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Objects of authentik's example blueprints, which exist once applied (never flagged, never suggested). */
  readonly examples: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

let loaded: RuleFacts | undefined;

export function ruleFacts(): RuleFacts {
  loaded ??= JSON.parse(readFileSync(new URL('./generated/authentik-2026.2.json', import.meta.url), 'utf8')) as RuleFacts;
  return loaded;
}
