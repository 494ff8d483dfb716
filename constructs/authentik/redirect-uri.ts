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
   * `allowInsecureHttp`), a regex must compile.
   */
  public check(where: string): string[] {
    if (this.matchingMode === MatchingMode.REGEX) {
      try {
        // authentik compiles with Python's re; translate its named-group syntax for JavaScript's check
        new RegExp(this.url.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>'), 'u');
      } catch (e) {
        return [`${where}: regex redirect URI ${JSON.stringify(this.url)} does not compile (${(e as Error).message}); fix the pattern`];
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
    return problems;
  }

  /** The API form. */
  public toAttributes(): { matchingMode: MatchingMode; url: string } {
    return { matchingMode: this.matchingMode, url: this.url };
  }
}
