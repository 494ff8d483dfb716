/**
 * Which release's catalog a construct is judged by: the `authentikVersion` of the `AuthentikChart` it
 * is defined in, which the chart puts in its construct context; `npm run upgrade-check` puts the
 * release it checks for in the app's context, which wins.
 */
import type { IConstruct } from 'constructs';
import { catalogFor, type Catalog } from './catalog';
import { AUTHENTIK_VERSIONS, isAuthentikVersion, type AuthentikVersion } from './versions';

/** Construct context key under which an `AuthentikChart` records its `authentikVersion`. */
export const VERSION_CONTEXT_KEY = 'blumeops-authentik:authentikVersion';

/** App context key `npm run upgrade-check` sets to judge the app by the release it upgrades to. */
export const UPGRADE_CONTEXT_KEY = 'blumeops-authentik:upgradeTo';

/**
 * The catalog callers without a chart use (the importer, `verify`, reading `dist/` back): the oldest
 * release this project knows.
 */
export function baselineCatalog(): Catalog {
  return catalogFor(AUTHENTIK_VERSIONS[0]);
}

/** The release a construct is judged by; the oldest known when its chart declares none or a wrong one (the chart reports that). */
export function authentikVersionOf(construct: IConstruct): AuthentikVersion {
  const upgrade = construct.node.tryGetContext(UPGRADE_CONTEXT_KEY) as unknown;
  if (isAuthentikVersion(upgrade)) return upgrade;
  const declared = construct.node.tryGetContext(VERSION_CONTEXT_KEY) as unknown;
  return isAuthentikVersion(declared) ? declared : AUTHENTIK_VERSIONS[0];
}

/** The catalog a construct is judged by. */
export function catalogOf(construct: IConstruct): Catalog {
  return catalogFor(authentikVersionOf(construct));
}
