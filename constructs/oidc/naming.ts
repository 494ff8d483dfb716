/** `zot` → `AUTHENTIK_ZOT_CLIENT_SECRET`: the worker variable the provider's `!Env` reads. */
export function clientSecretEnvVar(slug: string): string {
  return `AUTHENTIK_${slug.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_CLIENT_SECRET`;
}

/** `zot` → `zot-client-secret`: the Secret key and the 1Password property. */
export function clientSecretKey(slug: string): string {
  return `${slug.toLowerCase()}-client-secret`;
}
