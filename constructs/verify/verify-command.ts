import { parseArgs } from 'node:util';
import {
  authentikToken, authentikUrl, blueprintsDirFlag, CommandInputError, commandOutput, durationFlag, LIVE_COMMAND_FLAGS,
} from './private/command-output';
import { AuthentikAccessError, AuthentikApiError, AuthentikReader, AuthentikUnreachableError } from './authentik-reader';
import { DEFAULT_BLUEPRINTS_DIR, DistInputError, readDistBlueprints, type DistBlueprints } from './dist-blueprints';
import { formatDuration } from './duration';
import { ExitCode } from './exit-codes';
import { errorJson, reportJson } from './report-json';
import { formatReportText } from './report-text';
import { checkFilesApplied, runVerify, type VerifyReport } from './verify-run';

/**
 * `npm run verify`: arguments and environment in, a report and an exit code out. Everything the
 * process touches comes in through `VerifyCommandOptions`, so tests run it in-process.
 */

/** What the command runs with. */
export interface VerifyCommandOptions {
  /** Arguments after the script name. */
  readonly argv: readonly string[];
  /** Environment (`AUTHENTIK_URL`, `AUTHENTIK_TOKEN`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `dist/` when `--dist` is not given. */
  readonly defaultDist: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Waits between `--wait` polls; default a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Clock for `--wait`; default `Date.now`. */
  readonly now?: () => number;
  /** fetch to use; default the global one. */
  readonly fetch?: typeof fetch;
}

const HELP = `Usage: npm run verify -- [options]

Reads the live authentik through its API (read-only) and reports whether it applied the blueprint
files in dist/ at this commit and holds the objects they declare.

Environment:
  AUTHENTIK_URL     authentik's base URL, e.g. https://authentik.ops.eblu.me
  AUTHENTIK_TOKEN   an API token with view permissions (see the README); never printed

Options:
  --wait DURATION       poll until every file is applied at this commit, or fail at the timeout (30s, 5m, 1h)
  --interval DURATION   time between polls with --wait (default 10s)
  --timeout DURATION    per-request timeout (default 5s)
  --json                print the report as JSON
  --accept-undeclared-access
                        list live access to declared applications that dist/ does not declare (policy
                        bindings made in the UI, an application left without bindings), but do not
                        count it as drift
  --dist DIR            the synthesized folder (default dist/)
  --blueprints-dir DIR  authentik's blueprints directory in the worker (default ${DEFAULT_BLUEPRINTS_DIR})
  -h, --help            this text

Exit codes:
  0  every file applied at this commit and matching
  1  not yet applied, failed, or drifted (undeclared access included, unless accepted)
  2  invalid input (arguments, duration, no dist/, missing environment)
  3  authentik unreachable, or the token unauthorized (401/403)
`;

// the input errors of this command are those the shared checks of the environment throw
const InvalidInput = CommandInputError;

/** Runs verify; resolves to the exit code. */
export async function verifyCommand(options: VerifyCommandOptions): Promise<number> {
  const output = commandOutput('verify', options, errorJson);
  const { stdout, stderr, fail } = output;

  let args: ReturnType<typeof parseCommandLine>;
  let dist: DistBlueprints;
  let reader: AuthentikReader;
  try {
    args = parseCommandLine(options.argv);
    output.json = args.json;
    if (args.help) {
      stdout(HELP);
      return ExitCode.OK;
    }
    dist = readDistBlueprints(args.dist ?? options.defaultDist, args.blueprintsDir);
    reader = new AuthentikReader({ url: authentikUrl(options.env.AUTHENTIK_URL), token: authentikToken(options.env.AUTHENTIK_TOKEN ?? '', 'an API token'), timeoutMs: args.timeoutMs, fetch: options.fetch });
  } catch (e) {
    if (e instanceof InvalidInput || e instanceof DistInputError) return fail(ExitCode.INVALID_INPUT, e.message);
    throw e;
  }

  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  try {
    let rounds: number | undefined;
    let timedOut = false;
    if (args.waitMs !== undefined) {
      const waited = await waitForApply(dist, reader, args.waitMs, args.intervalMs, now, sleep, stderr);
      rounds = waited.rounds;
      timedOut = waited.timedOut;
      if (waited.lastError && timedOut) throw waited.lastError;
    }
    const report = await runVerify(dist, reader, { acceptUndeclaredAccess: args.acceptUndeclaredAccess });
    const code = report.ok ? ExitCode.OK : ExitCode.NOT_APPLIED_OR_DRIFTED;
    if (output.json) stdout(reportJson(report, code, { waitRounds: rounds, timedOut }));
    else stdout(formatReportText(report));
    if (timedOut && !output.json) stderr(`verify: gave up waiting after ${formatDuration(args.waitMs!)}: ${notAppliedSummary(report)}\n`);
    return code;
  } catch (e) {
    if (e instanceof AuthentikAccessError || e instanceof AuthentikUnreachableError || e instanceof AuthentikApiError) {
      return fail(ExitCode.UNREACHABLE_OR_UNAUTHORIZED, e.message);
    }
    throw e;
  }
}

/** Polls the blueprint instances until every file is applied at this commit or time runs out. */
async function waitForApply(
  dist: DistBlueprints, reader: AuthentikReader, waitMs: number, intervalMs: number,
  now: () => number, sleep: (ms: number) => Promise<void>, stderr: (text: string) => void,
): Promise<{ rounds: number; timedOut: boolean; lastError?: Error }> {
  const deadline = now() + waitMs;
  for (let rounds = 1; ; rounds++) {
    let lastError: Error | undefined;
    let waitingFor = '';
    try {
      const checks = await checkFilesApplied(dist, reader);
      const pending = checks.filter((c) => !c.applied);
      if (pending.length === 0) return { rounds, timedOut: false };
      waitingFor = `${checks.length - pending.length} of ${checks.length} files applied at this commit; waiting for ${pending.map((c) => c.file).join(', ')}`;
    } catch (e) {
      // a refused token will not start working: stop at once; an unreachable authentik may come back
      if (e instanceof AuthentikAccessError) throw e;
      if (!(e instanceof AuthentikUnreachableError || e instanceof AuthentikApiError)) throw e;
      lastError = e;
      waitingFor = e.message;
    }
    const left = deadline - now();
    if (left <= 0) return { rounds, timedOut: true, lastError };
    const pause = Math.min(intervalMs, left);
    stderr(`verify: ${waitingFor}; next check in ${formatDuration(pause)}\n`);
    await sleep(pause);
  }
}

function notAppliedSummary(report: VerifyReport): string {
  const pending = report.blueprints.filter((b) => !b.applied).map((b) => b.file);
  return pending.length > 0 ? `not applied at this commit: ${pending.join(', ')}` : 'applied, but drifted';
}

function parseCommandLine(argv: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...LIVE_COMMAND_FLAGS, wait: { type: 'string' }, interval: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new InvalidInput(`${(e as Error).message} (see --help)`);
  }
  const v = parsed.values;
  const blueprintsDir = blueprintsDirFlag(v['blueprints-dir']);
  return {
    help: v.help === true,
    json: v.json === true,
    acceptUndeclaredAccess: v['accept-undeclared-access'] === true,
    dist: v.dist,
    blueprintsDir,
    waitMs: durationFlag('wait', v.wait),
    intervalMs: durationFlag('interval', v.interval, 10_000)!,
    timeoutMs: durationFlag('timeout', v.timeout, 5_000)!,
  };
}
