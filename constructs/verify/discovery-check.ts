import type { ApiObject, AuthentikReader } from './authentik-reader';
import { AuthentikUnreachableError } from './authentik-reader';

/**
 * For each OIDC client: its discovery document answers, with the issuer the provider's issuer
 * mode gives. authentik's `OAuth2Provider.get_issuer` (providers/oauth2/models.py) builds it from the
 * request: `per_provider` is the provider root `<url>/application/o/<slug>/`, `global` is the
 * absolute URL of `authentik_core:root-redirect`, the site root `<url>/`.
 */

/** One client's discovery, checked. */
export interface DiscoveryCheck {
  readonly slug: string;
  /** The blueprint file declaring it. */
  readonly file: string;
  readonly url: string;
  readonly expectedIssuer: string;
  /** The issuer the document holds, if it answered with one. */
  readonly issuer?: string;
  readonly ok: boolean;
  readonly problem?: string;
}

/** Fetches and checks the discovery document of the application `slug`. */
export async function checkDiscovery(reader: AuthentikReader, file: string, slug: string, provider: ApiObject | undefined): Promise<DiscoveryCheck> {
  const path = `/application/o/${encodeURIComponent(slug)}/.well-known/openid-configuration`;
  const url = `${reader.baseUrl}${path}`;
  const issuerMode = provider?.issuer_mode === 'global' ? 'global' : 'per_provider';
  const expectedIssuer = issuerMode === 'global' ? `${reader.baseUrl}/` : `${reader.baseUrl}/application/o/${slug}/`;
  const base = { slug, file, url, expectedIssuer };
  let answer: { status: number; body?: unknown };
  try {
    answer = await reader.getPublicJson(path);
  } catch (e) {
    if (e instanceof AuthentikUnreachableError) return { ...base, ok: false, problem: `discovery did not answer: ${e.message}` };
    throw e;
  }
  if (answer.status !== 200) {
    return { ...base, ok: false, problem: `discovery answered ${answer.status}${answer.status === 404 ? ' (no application with this slug and an OAuth2 provider)' : ''}` };
  }
  const body = answer.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ...base, ok: false, problem: 'discovery did not answer a JSON object' };
  const issuer = (body as Record<string, unknown>).issuer;
  if (typeof issuer !== 'string') return { ...base, ok: false, problem: 'the discovery document has no issuer' };
  if (issuer !== expectedIssuer) {
    return { ...base, issuer, ok: false, problem: `issuer is ${issuer}, expected ${expectedIssuer} (issuer mode ${issuerMode}); clients configured with the expected issuer reject its tokens` };
  }
  return { ...base, issuer, ok: true };
}
