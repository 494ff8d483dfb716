/**
 * The authentik releases this project knows, oldest first. authentik supports its two newest releases
 * and must be upgraded one release at a time (`lifecycle: prevent version skipping upgrades`, #24160,
 * in goauthentik/authentik website/docs/releases/2026/v2026.8.mdx), so the list is also the upgrade path.
 */
export const AUTHENTIK_VERSIONS = ['2026.2', '2026.5', '2026.8'] as const;

/** An authentik release (`YYYY.M`) this project has a catalog for. */
export type AuthentikVersion = (typeof AUTHENTIK_VERSIONS)[number];

/** The `@goauthentik/api` package (an npm alias beside the main pin) each release's catalog is generated from. */
export const API_PACKAGES: Readonly<Record<AuthentikVersion, string>> = {
  '2026.2': '@goauthentik/api',
  '2026.5': '@goauthentik/api-2026.5',
  '2026.8': '@goauthentik/api-2026.8',
};

/** Whether `value` is a release this project knows. */
export function isAuthentikVersion(value: unknown): value is AuthentikVersion {
  return typeof value === 'string' && (AUTHENTIK_VERSIONS as readonly string[]).includes(value);
}

/** The release after `version`, or undefined for the newest. */
export function nextVersion(version: AuthentikVersion): AuthentikVersion | undefined {
  return AUTHENTIK_VERSIONS[AUTHENTIK_VERSIONS.indexOf(version) + 1];
}

/** The release (`2026.2`) an image tag names: `2026.2.0`, `v2026.2.0-2d4098e-nix`, `2026.2`; undefined when it names none. */
export function versionOfImageTag(tag: string): string | undefined {
  const match = /^v?(\d{4})\.(\d{1,2})(?:[.\-+_]|$)/.exec(tag);
  return match ? `${match[1]}.${Number(match[2])}` : undefined;
}

/** Negative when `a` is older than `b`, 0 when equal, positive when newer. */
export function compareVersions(a: AuthentikVersion, b: AuthentikVersion): number {
  return AUTHENTIK_VERSIONS.indexOf(a) - AUTHENTIK_VERSIONS.indexOf(b);
}
