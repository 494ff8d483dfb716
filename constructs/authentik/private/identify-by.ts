import type { AuthentikEntrySpec } from '../authentik-entry';
import { describeGiven } from '../../private/prop-checks';

/** The field a mapping is matched by: its `name`, or the `managed` id of a packaged (built-in) mapping. */
export type MappingIdentifier = 'name' | 'managed';

const CHOICES: readonly MappingIdentifier[] = ['name', 'managed'];

/**
 * The spec an instance uses: `identifiers` replaced by `[identifyBy]` (the registered spec keeps the
 * default, `name`), and `identifyBy` itself a prop the construct handles.
 */
export function specIdentifiedBy(spec: AuthentikEntrySpec, identifyBy: unknown): AuthentikEntrySpec {
  const field = CHOICES.includes(identifyBy as MappingIdentifier) ? identifyBy as MappingIdentifier : 'name';
  return { ...spec, identifiers: [field], ownProps: [...(spec.ownProps ?? []), 'identifyBy'] };
}

/** Problems with an `identifyBy` prop. */
export function checkIdentifyBy(where: string, identifyBy: unknown): string[] {
  if (identifyBy === undefined || CHOICES.includes(identifyBy as MappingIdentifier)) return [];
  return [`${where}: identifyBy must be 'name' or 'managed'; got ${describeGiven(identifyBy)}`];
}
