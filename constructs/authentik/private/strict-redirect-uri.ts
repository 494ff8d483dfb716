/**
 * authentik compares a strict redirect URI with the `redirect_uri` a client sends as two raw strings
 * (`authentik/providers/oauth2/views/authorize.py`: `self.redirect_uri == allowed.url`). Clients build
 * that parameter with a URL library, which writes the URL the way the WHATWG URL standard does, so a
 * stored URI written any other way never matches: `HTTPS://App.example.com:443/cb/../cb` is sent as
 * `https://app.example.com/cb`.
 */

/** How a URI written by hand differs from what a WHATWG URL parser writes, and the parser's form. */
export interface UrlNormalisation {
  /** What the parser changes, in words, e.g. `an upper-case host`; no item holds a `;`. */
  readonly changes: readonly string[];
  /** The URI as a URL parser writes it (without the `/` it adds to an empty path). */
  readonly normalised: string;
}

const SCHEME_AND_AUTHORITY_ONLY = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#\\]*(?:[?#]|$)/;

/**
 * What a WHATWG URL parser would change in an absolute `http`/`https` URL; undefined when it writes the
 * URL back unchanged, when the URL does not parse, or for other schemes. A missing path (`https://host`)
 * is not reported: the parser adds `/`, but clients send the string they are configured with either way.
 */
export function urlNormalisation(uri: string): UrlNormalisation | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  let normalised = url.href;
  if (SCHEME_AND_AUTHORITY_ONLY.test(uri.trim()) && url.pathname === '/') {
    normalised = normalised.replace(/^([a-z]+:\/\/[^/]*)\//, '$1');
  }
  if (normalised === uri) return undefined;
  return { changes: describeChanges(uri, url), normalised };
}

function describeChanges(uri: string, url: URL): string[] {
  const changes: string[] = [];
  if (/[\t\n\r]/.test(uri)) changes.push('a tab or line break, which parsers drop');
  if (/^[\x00-\x20]|[\x00-\x20]$/.test(uri)) changes.push('surrounding spaces or control characters, which parsers drop');
  if (uri.includes('\\')) changes.push('a backslash, which parsers read as /');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri.trim());
  if (scheme) {
    if (scheme[1] !== scheme[1]!.toLowerCase()) changes.push('an upper-case scheme');
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:[/\\]{2}/.test(uri.trim())) changes.push(`not exactly two slashes after ${scheme[1]}:`);
    else if (/^[a-zA-Z][a-zA-Z0-9+.-]*:[/\\]{3}/.test(uri.trim())) changes.push(`more than two slashes after ${scheme[1]}:`);
  }
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:[/\\]*([^/?#\\]*)/.exec(uri.trim())?.[1] ?? '';
  const host = authority.replace(/^.*@/, '').replace(/:\d*$/, '');
  if (host !== url.hostname) {
    if (host.toLowerCase() === url.hostname) changes.push('an upper-case host');
    else changes.push(`the host ${JSON.stringify(host)} (parsers write ${JSON.stringify(url.hostname)})`);
  }
  if (/:$/.test(authority)) changes.push('an empty port (a : with no number), which parsers drop');
  else if (/:\d+$/.test(authority) && url.port === '') changes.push(`the port ${authority.replace(/^.*:/, ':')} (the default of ${url.protocol.slice(0, -1)}, which parsers drop)`);
  else if (/:0\d+$/.test(authority)) changes.push('a port with leading zeros');
  const path = uri.trim().slice(scheme ? scheme[0].length : 0).replace(/^[/\\]*[^/?#\\]*/, '').replace(/[?#].*$/, '');
  if (/(^|[/\\])\.{1,2}([/\\]|$)|%2e/i.test(path)) changes.push('. or .. path segments, which parsers resolve');
  if (/[^\x21-\x7e]|["<>`{}]/.test(uri.trim().replace(/[\t\n\r]/g, ''))) changes.push('spaces or characters that parsers percent-encode');
  if (changes.length === 0) changes.push('a form URL parsers write differently');
  return changes;
}
