import { DEFAULT_BLUEPRINTS_DIR } from '../dist-blueprints';
import { parseDuration } from '../duration';

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

/** Invalid input to a command that reads the live authentik (exit 2). */
export class CommandInputError extends Error {}

/** `AUTHENTIK_URL`, checked: a plain http(s) base URL. */
export function authentikUrl(value: string | undefined): string {
  if (!value) throw new CommandInputError('AUTHENTIK_URL is not set: export it as authentik\'s base URL, e.g. https://authentik.ops.eblu.me');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CommandInputError(`AUTHENTIK_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CommandInputError(`AUTHENTIK_URL must be http(s), not ${url.protocol}`);
  if (url.search || url.hash || url.username || url.password) throw new CommandInputError('AUTHENTIK_URL must be a plain base URL (no query, fragment or credentials)');
  return value;
}

/** `AUTHENTIK_TOKEN`, trimmed; `kind` says which token the README describes (e.g. 'a read-only API token'). */
export function authentikToken(value: string, kind: string): string {
  if (value.trim() === '') throw new CommandInputError(`AUTHENTIK_TOKEN is not set: create ${kind} as the README describes and export it`);
  return value.trim();
}

/** The flags every command that reads the live authentik takes, for `parseArgs`. */
export const LIVE_COMMAND_FLAGS = {
  json: { type: 'boolean', default: false },
  'accept-undeclared-access': { type: 'boolean', default: false },
  timeout: { type: 'string' },
  dist: { type: 'string' },
  'blueprints-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The duration given to `--flag` in milliseconds, `fallback` when not given. */
export function durationFlag(flag: string, text: string | undefined, fallback?: number): number | undefined {
  if (text === undefined) return fallback;
  try {
    return parseDuration(text);
  } catch (e) {
    throw new CommandInputError(`--${flag}: ${(e as Error).message}`);
  }
}

/** `--blueprints-dir`, checked: an absolute path in the worker. */
export function blueprintsDirFlag(value: string | undefined): string {
  const dir = value ?? DEFAULT_BLUEPRINTS_DIR;
  if (!dir.startsWith('/')) throw new CommandInputError(`--blueprints-dir must be an absolute path, not ${dir}`);
  return dir;
}
