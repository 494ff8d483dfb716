import { checkPythonRegex } from './private/python-regex';
import { urlNormalisation } from './private/strict-redirect-uri';

/** How authentik compares a redirect URI (`MatchingModeEnum`). */
export enum MatchingMode {
  /** The URI must equal the pattern. */
  STRICT = 'strict',
  /** The URI must match the pattern as a Python regular expression. */
  REGEX = 'regex',
}

/** Options for a redirect URI. */
export interface RedirectUriOptions {
  /**
   * Accept a plain `http` URL; meant for local development only, since the code travels in clear.
   * @default false
   */
  readonly allowInsecureHttp?: boolean;
}

/** One allowed OAuth2 redirect URI (`RedirectURIRequest`). */
export class RedirectUri {
  /** A URI that must match exactly. */
  public static strict(url: string, options: RedirectUriOptions = {}): RedirectUri {
    return new RedirectUri(MatchingMode.STRICT, url, options.allowInsecureHttp ?? false);
  }

  /** A pattern; must be asked for explicitly because a loose regex lets codes go to other hosts. */
  public static regex(pattern: string, options: RedirectUriOptions = {}): RedirectUri {
    return new RedirectUri(MatchingMode.REGEX, pattern, options.allowInsecureHttp ?? false);
  }

  private constructor(
    /** How the URI is matched. */
    public readonly matchingMode: MatchingMode,
    /** The URL or pattern. */
    public readonly url: string,
    /** Whether `http` is accepted. */
    public readonly allowInsecureHttp: boolean,
  ) {}

  /**
   * Problems with this URI: a strict one must be an absolute `https` URL without a fragment (unless
   * `allowInsecureHttp`), written as URL parsers write it (authentik compares the raw strings); a
   * regex must compile with Python's `re` (Python 3.14, as authentik 2026.2 runs).
   */
  public check(where: string): string[] {
    if (this.matchingMode === MatchingMode.REGEX) {
      const error = checkPythonRegex(this.url);
      if (error !== undefined) {
        return [`${where}: regex redirect URI ${JSON.stringify(this.url)} does not compile with Python's re, which authentik uses `
          + `(${error}); fix the pattern (Python syntax: (?P<name>…) for named groups, no \\p{…}, fixed-width look-behind)`];
      }
      return [];
    }
    let url: URL;
    try {
      url = new URL(this.url);
    } catch {
      return [`${where}: redirect URI ${JSON.stringify(this.url)} is not an absolute URL; write it in full, e.g. https://app.example.com/oauth2/callback`];
    }
    const problems: string[] = [];
    if (url.protocol !== 'https:' && !(this.allowInsecureHttp && url.protocol === 'http:')) {
      problems.push(`${where}: redirect URI ${JSON.stringify(this.url)} must use https (authorization codes would travel in clear); `
        + 'for local development only, set allowInsecureHttp / allowInsecureRedirectUris');
    }
    if (url.hash !== '' || this.url.includes('#')) problems.push(`${where}: redirect URI ${JSON.stringify(this.url)} has a fragment, which OAuth2 forbids; remove the #… part`);
    const normalisation = urlNormalisation(this.url);
    if (normalisation) {
      problems.push(`${where}: strict redirect URI ${JSON.stringify(this.url)} is not written as URL parsers write it (${normalisation.changes.join('; ')}); authentik compares `
        + 'strict redirect URIs as raw strings and clients send the URL as a URL parser writes it, so the stored string will never '
        + `equal the URL the client sends; write ${JSON.stringify(normalisation.normalised)}`);
    }
    return problems;
  }

  /** The API form. */
  public toAttributes(): { matchingMode: MatchingMode; url: string } {
    return { matchingMode: this.matchingMode, url: this.url };
  }
}
