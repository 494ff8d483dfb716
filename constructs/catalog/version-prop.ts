import { describeGiven } from '../private/prop-checks';
import { AUTHENTIK_VERSIONS, isAuthentikVersion, versionOfImageTag } from './versions';

/**
 * Problems with a declared `authentikVersion`: missing, or not a release this project has a catalog of.
 * @param where prefix of the message, e.g. `Authentik: authentikVersion`
 */
export function checkAuthentikVersion(value: unknown, where: string): string[] {
  if (isAuthentikVersion(value)) return [];
  const known = AUTHENTIK_VERSIONS.map((v) => `'${v}'`).join(', ');
  if (value === undefined || value === null) {
    return [`${where} is required: give the authentik release your base runs (the image tag's YYYY.M), one of ${known}, `
      + `e.g. authentikVersion: '${AUTHENTIK_VERSIONS[0]}'; entries are validated against that release`];
  }
  if (typeof value === 'number' && isAuthentikVersion(String(value))) {
    return [`${where} is the number ${value}; write the release as a string, authentikVersion: '${value}' (as a number 2026.10 would read 2026.1)`];
  }
  const meant = typeof value === 'string' ? versionOfImageTag(value.trim()) : undefined;
  if (meant && isAuthentikVersion(meant)) {
    return [`${where} ${JSON.stringify(value)} names a build, not a release; write authentikVersion: '${meant}'`];
  }
  return [`${where} must be one of ${known} (the releases this project has a catalog of); got ${describeGiven(value)}`
    + `${meant ? `; authentik ${meant} is not among them: pin @goauthentik/api at that release and run npm run generate, or declare a known release` : ''}`];
}
