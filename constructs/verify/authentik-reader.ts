import { BaseAPI, Configuration, CoreApi, FetchError, ResponseError, type HTTPHeaders, type HTTPQuery } from '@goauthentik/api/dist/esm/index.js';

/**
 * Read-only access to authentik's API through `@goauthentik/api`'s client: the raw JSON of its
 * responses (snake_case, as blueprints write the fields), pagination followed, every failure turned
 * into one of the errors below with a message that names what is wrong (never the token).
 */

/** One object as the API returns it. */
export type ApiObject = Record<string, unknown>;

/** authentik did not answer (refused, timed out, DNS) or answered with something that is not its API. */
export class AuthentikUnreachableError extends Error {}

/** authentik refused the token (401) or the token's user may not read something (403). */
export class AuthentikAccessError extends Error {
  constructor(message: string, public readonly status: number) {
    super(message);
  }
}

/** authentik answered an API call with an unexpected status (a bug or a proxy in the way). */
export class AuthentikApiError extends Error {}

/** How to reach authentik. */
export interface AuthentikReaderOptions {
  /** Base URL, e.g. `https://authentik.ops.eblu.me` (a trailing `/` is ignored). */
  readonly url: string;
  /** API token (intent `api`). */
  readonly token: string;
  /** Per-request timeout; default 5 s. */
  readonly timeoutMs?: number;
  /** fetch to use; default the global one. */
  readonly fetch?: typeof fetch;
}

/** The user a token belongs to. */
export interface TokenUser {
  readonly username: string;
  readonly isSuperuser: boolean;
}

const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

// the generated API classes have an operation per endpoint; this one sends any GET through the same
// runtime (base path, bearer token, fetch, error types), for endpoints chosen from the model table
class JsonGetApi extends BaseAPI {
  async getJson(path: string, query: HTTPQuery): Promise<Response> {
    const headers: HTTPHeaders = { Accept: 'application/json' };
    const token = this.configuration.accessToken;
    if (token) headers.Authorization = `Bearer ${await token('authentik', [])}`;
    return this.request({ path, method: 'GET', headers, query });
  }
}

/** Reads authentik; never writes (only GET requests exist here). */
export class AuthentikReader {
  /** The base URL without a trailing `/`. */
  public readonly baseUrl: string;
  private readonly api: JsonGetApi;
  private readonly core: CoreApi;
  private readonly fetchWithTimeout: typeof fetch;
  private meCache?: Promise<TokenUser>;

  constructor(options: AuthentikReaderOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    const timeoutMs = options.timeoutMs ?? 5000;
    const fetchImpl = options.fetch ?? fetch;
    this.fetchWithTimeout = ((input: string | URL | Request, init?: RequestInit) =>
      fetchImpl(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as typeof fetch;
    const configuration = new Configuration({
      basePath: `${this.baseUrl}/api/v3`,
      accessToken: options.token,
      fetchApi: this.fetchWithTimeout,
    });
    this.api = new JsonGetApi(configuration);
    this.core = new CoreApi(configuration);
  }

  /** The username the token belongs to (`GET /core/users/me/`); fails early on a bad token. */
  async whoAmI(): Promise<string> {
    return (await this.me()).username;
  }

  /**
   * The token's user (`GET /core/users/me/`, read once): its username, and whether it is a superuser
   * (authentik's application list shows a non-superuser only the applications it may open).
   */
  me(): Promise<TokenUser> {
    this.meCache ??= (async () => {
      const response = await this.call('/core/users/me/', 'any authenticated user', () => this.core.coreUsersMeRetrieveRaw());
      const body = await this.json(response.raw, '/core/users/me/');
      const user = isObject(body) && isObject(body.user) ? body.user : {};
      return { username: String(user.username ?? '?'), isSuperuser: user.is_superuser === true };
    })();
    // a failure is not remembered: `--wait` asks again
    this.meCache.catch(() => { this.meCache = undefined; });
    return this.meCache;
  }

  /**
   * The authentik release the server runs (`2026.5` for 2026.5.6), from `GET /admin/version/`
   * (`version_current`; admin/api/version.py VersionView needs only an authenticated user, so a
   * read-only token reads it); undefined when the answer names no release (a proxy, a build without one).
   */
  async release(): Promise<string | undefined> {
    const response = await this.call('/admin/version/', 'any authenticated user', () => this.api.getJson('/admin/version/', {}));
    const body = await this.json(response, '/admin/version/');
    const current = isObject(body) && typeof body.version_current === 'string' ? body.version_current : '';
    const match = /^v?(\d{4})\.(\d{1,2})(?:[.\-+_]|$)/.exec(current);
    return match ? `${match[1]}.${Number(match[2])}` : undefined;
  }

  /** Every object of a list endpoint matching `query`, all pages. */
  async list(path: string, query: Record<string, string>, permission: string): Promise<ApiObject[]> {
    const out: ApiObject[] = [];
    let page = 1;
    for (let i = 0; i < MAX_PAGES && page > 0; i++) {
      const response = await this.call(path, permission, () => this.api.getJson(path, { ...query, page, page_size: PAGE_SIZE }));
      const body = await this.json(response, path);
      if (!isObject(body) || !Array.isArray(body.results) || !isObject(body.pagination)) {
        throw new AuthentikApiError(`${path} answered without results and pagination: is ${this.baseUrl} authentik?`);
      }
      out.push(...body.results.filter(isObject));
      page = Number(body.pagination.next) || 0;
    }
    return out;
  }

  /** One object by its detail path, or undefined when authentik answers 404. */
  async retrieve(path: string, permission: string): Promise<ApiObject | undefined> {
    try {
      const response = await this.call(path, permission, () => this.api.getJson(path, {}), true);
      const body = await this.json(response, path);
      return isObject(body) ? body : undefined;
    } catch (e) {
      if (e instanceof NotFound) return undefined;
      throw e;
    }
  }

  /** GET of a non-API URL under the base (OIDC discovery): status and parsed JSON, if any. */
  async getPublicJson(pathUnderBase: string): Promise<{ status: number; body?: unknown }> {
    const url = `${this.baseUrl}${pathUnderBase}`;
    let response: Response;
    try {
      response = await this.fetchWithTimeout(url, { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new AuthentikUnreachableError(`${url}: ${causeText(e)}`);
    }
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      return { status: response.status };
    }
  }

  private async call<T>(path: string, permission: string, send: () => Promise<T>, allow404 = false): Promise<T> {
    try {
      return await send();
    } catch (e) {
      if (e instanceof ResponseError) {
        const status = e.response.status;
        if (status === 401 || status === 403) {
          const detail = await errorDetail(e.response);
          // authentik refuses a bad token with 403 (its TokenAuthentication sends no WWW-Authenticate),
          // so the detail tells a refused token from a missing permission; /core/users/me/ needs none
          if (status === 401 || path === '/core/users/me/' || TOKEN_REFUSED.has(detail)) {
            throw new AuthentikAccessError(`authentik refused the token (${status}${detail ? ` "${detail}"` : ''} on ${path}): it is invalid, expired or revoked, or not an API token. Create one as the README describes.`, status);
          }
          throw new AuthentikAccessError(`the token may not read ${path} (403${detail ? ` "${detail}"` : ''}): give its user permission ${permission} (see the README's token section).`, status);
        }
        if (status === 404 && allow404) throw new NotFound();
        const hint = status === 404 ? `: is ${this.baseUrl} authentik's base URL?` : status >= 500 ? ': authentik failed; see its server log' : '';
        throw new AuthentikApiError(`${this.baseUrl}/api/v3${path} answered ${status} ${e.response.statusText}`.trim() + hint);
      }
      throw new AuthentikUnreachableError(`cannot reach authentik at ${this.baseUrl}: ${causeText(e)}`);
    }
  }

  private async json(response: Response, path: string): Promise<unknown> {
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new AuthentikUnreachableError(`${this.baseUrl}/api/v3${path} did not answer JSON: is AUTHENTIK_URL the authentik server (not a login page or proxy)?`);
    }
  }
}

class NotFound extends Error {}

// the `detail` of authentik's (DRF's) answers to a request whose token it does not accept
const TOKEN_REFUSED = new Set([
  'Token invalid/expired',
  'Authentication credentials were not provided.',
  'Incorrect authentication credentials.',
  'Unsupported authentication type',
  'Malformed header',
]);

/** `detail` of an error body (`{"detail": …}`), or `''`. */
async function errorDetail(response: Response): Promise<string> {
  try {
    const body = JSON.parse(await response.text()) as unknown;
    return isObject(body) && typeof body.detail === 'string' ? body.detail : '';
  } catch {
    return '';
  }
}

/** A network failure in words: `connection refused`, `timed out after 5s`, … */
function causeText(e: unknown): string {
  let err: unknown = e instanceof FetchError ? e.cause : e;
  for (let i = 0; i < 3 && err instanceof Error && err.cause instanceof Error; i++) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') break;
    err = err.cause;
  }
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'no answer in time (timed out)';
    const code = (err as { code?: string }).code;
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
    if (code === 'ECONNRESET') return 'connection reset';
    if (err.message === 'bad port') return 'fetch refuses to connect to this port ("bad port"); use the port authentik listens on';
    return code ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

function isObject(value: unknown): value is ApiObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
