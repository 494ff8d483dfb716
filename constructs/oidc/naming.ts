/** `zot` → `AUTHENTIK_ZOT_CLIENT_SECRET`: the worker variable the provider's `!Env` reads. */
export function clientSecretEnvVar(slug: string): string {
  return secretEnvVar(slug, 'CLIENT_SECRET');
}

/** `zot-ci`, `PASSWORD` → `AUTHENTIK_ZOT_CI_PASSWORD`: a worker variable for a secret of `name`. */
export function secretEnvVar(name: string, what: string): string {
  return `AUTHENTIK_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${what}`;
}

/** `zot` → `zot-client-secret`: the Secret key and the 1Password property. */
export function clientSecretKey(slug: string): string {
  return `${slug.toLowerCase()}-client-secret`;
}

/**
 * `zot-client-secret`, 1 → `zot-client-secret-r1` (a Secret key and 1Password field), and
 * `AUTHENTIK_ZOT_CLIENT_SECRET`, 1 → `AUTHENTIK_ZOT_CLIENT_SECRET_R1` (a worker variable): the names of
 * rotation `n` of a secret. Rotation 0 keeps the plain name, so declaring no rotation changes nothing.
 */
export function rotatedName(name: string, rotation: number | undefined, separator: '-' | '_'): string {
  return rotation === undefined || rotation === 0 || !Number.isInteger(rotation) || rotation < 0
    ? name : `${name}${separator}${separator === '_' ? 'R' : 'r'}${rotation}`;
}
