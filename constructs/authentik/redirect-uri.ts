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

  /** The API form. */
  public toAttributes(): { matchingMode: MatchingMode; url: string } {
    return { matchingMode: this.matchingMode, url: this.url };
  }
}
