/**
 * The facts of one authentik release that rules need beyond its API schema, read on first use from
 * `generated/authentik-<version>.json` (`scripts/generate-rules-data.ts`): the permissions a blueprint
 * may grant and the objects authentik ships. A rule reads the facts of the release the entry's chart
 * declares (`authentikVersion`, see `constructs/catalog/construct-version.ts`).
 */
import { readFileSync } from 'node:fs';
import { AUTHENTIK_VERSIONS, isAuthentikVersion, type AuthentikVersion } from '../../catalog/versions';

/** What one release's facts file holds. */
export interface RuleFacts {
  readonly version: AuthentikVersion;
  /** Where the facts were read from (authentik files and commits). */
  readonly sources: readonly string[];
  readonly permissions: Readonly<Record<string, readonly string[]>>;
  /**
   * App labels whose every model is newer than 2026.2: only Django's default permissions of their
   * models (and those a cited blueprint grants) are known, not all their custom ones.
   */
  readonly partlyKnownApps: readonly string[];
  readonly shipped: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Objects of authentik's example (and licence-conditional) blueprints, which exist once applied (never flagged, never suggested). */
  readonly examples: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

const loaded = new Map<AuthentikVersion, RuleFacts>();

/**
 * The facts of a release; the oldest this project knows when none is given.
 * @throws for a release this project has no facts of
 */
export function ruleFacts(version: AuthentikVersion = AUTHENTIK_VERSIONS[0]): RuleFacts {
  if (!isAuthentikVersion(version)) {
    throw new Error(`no judgement facts for authentik ${JSON.stringify(version)}; this project knows ${AUTHENTIK_VERSIONS.join(', ')}`);
  }
  let facts = loaded.get(version);
  if (!facts) {
    facts = JSON.parse(readFileSync(new URL(`./generated/authentik-${version}.json`, import.meta.url), 'utf8')) as RuleFacts;
    loaded.set(version, facts);
  }
  return facts;
}
