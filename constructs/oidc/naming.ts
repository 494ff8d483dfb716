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
