/** The output streams of a command that reads the live authentik (verify, plan): the token never reaches them. */
export interface CommandOutput {
  /** Writes to stdout, the token redacted. */
  stdout(text: string): void;
  /** Writes to stderr, the token redacted. */
  stderr(text: string): void;
  /** Whether errors are also printed as JSON on stdout (`--json`); set once the arguments are parsed. */
  json: boolean;
  /** Reports an error (on stderr, and as JSON on stdout with `--json`); returns `code`. */
  fail(code: number, message: string): number;
}

/**
 * Streams for command `name` that redact `env.AUTHENTIK_TOKEN` from whatever a message quotes;
 * `errorJson` renders an error for `--json`, which counts before the arguments parse.
 */
export function commandOutput(
  name: string,
  options: {
    readonly argv: readonly string[];
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
  },
  errorJson: (code: number, message: string) => string,
): CommandOutput {
  const token = options.env.AUTHENTIK_TOKEN ?? '';
  const redact = (text: string): string => (token.length >= 4 ? text.split(token).join('***') : text);
  const out: CommandOutput = {
    stdout: (text) => options.stdout(redact(text)),
    stderr: (text) => options.stderr(redact(text)),
    json: options.argv.includes('--json'),
    fail: (code, message) => {
      if (out.json) out.stdout(errorJson(code, message));
      out.stderr(`${name}: ${message}\n`);
      return code;
    },
  };
  return out;
}
