import { parseArgs } from 'node:util';
import {
  authentikToken, authentikUrl, blueprintsDirFlag, CommandInputError, commandOutput, durationFlag, LIVE_COMMAND_FLAGS,
} from '../verify/private/command-output';
import { ReduceError, type AuthentikState } from '../synth/authentik-state';
import { AuthentikAccessError, AuthentikApiError, AuthentikReader, AuthentikUnreachableError } from '../verify/authentik-reader';
import { DEFAULT_BLUEPRINTS_DIR, DistInputError, readDistBlueprints, type DistBlueprints } from '../verify/dist-blueprints';
import { formatPlanText, planErrorJson, planJson } from './plan-report';
import { reduceDist, runPlan } from './plan-run';

/**
 * `npm run plan`: what applying `dist/` would do to the live authentik, read-only. Everything the
 * process touches comes in through `PlanCommandOptions`, so tests run it in-process.
 */

/** Exit codes of `npm run plan`, as the README documents them. */
export const PlanExitCode = {
  /** Nothing to apply and no undeclared live access. */
  NO_CHANGES: 0,
  /** Changes to apply, a reference that finds nothing, an object plan cannot tell, or undeclared live access (all listed). */
  CHANGES: 1,
  /** Bad arguments, no `dist/`, a blueprint that cannot be read or reduced, missing environment. */
  INVALID_INPUT: 2,
  /** authentik did not answer, or refused the token (401/403). */
  UNREACHABLE_OR_UNAUTHORIZED: 3,
} as const;

/** What the command runs with. */
export interface PlanCommandOptions {
  /** Arguments after the script name. */
  readonly argv: readonly string[];
  /** Environment (`AUTHENTIK_URL`, `AUTHENTIK_TOKEN`, and `!Env` variables to compare secrets with). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `dist/` when `--dist` is not given. */
  readonly defaultDist: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** fetch to use; default the global one. */
  readonly fetch?: typeof fetch;
}

const HELP = `Usage: npm run plan -- [options]

Reads the live authentik through its API (read-only) and lists what applying the blueprint files in
dist/ would do: each object created, updated (field: old → new), deleted (retired), or left as it is;
who gains or loses which application; references that find nothing. Secrets are never shown, only
whether they change ("changes", "unchanged", or "unknown" when plan cannot read both values).

Environment:
  AUTHENTIK_URL     authentik's base URL, e.g. https://authentik.ops.eblu.me
  AUTHENTIK_TOKEN   a read-only API token (the one verify uses); never printed
  any !Env variable of the blueprints, when set, lets plan tell whether that secret changes

Options:
  --json                print the plan as JSON
  --verbose             list unchanged objects too
  --accept-undeclared-access
                        list live bindings dist/ does not declare without failing on them
  --timeout DURATION    per-request timeout (default 5s)
  --dist DIR            the synthesized folder (default dist/)
  --blueprints-dir DIR  authentik's blueprints directory in the worker (default ${DEFAULT_BLUEPRINTS_DIR})
  -h, --help            this text

Exit codes:
  0  nothing to apply and no undeclared access
  1  changes to apply, references that find nothing, objects plan cannot tell, or live access
     dist/ does not declare (all listed)
  2  invalid input (arguments, no dist/, a blueprint that cannot be read, missing environment)
  3  authentik unreachable, or the token unauthorized (401/403)
`;

// the input errors of this command are those the shared checks of the environment throw
const InvalidInput = CommandInputError;

/** Runs plan; resolves to the exit code. */
export async function planCommand(options: PlanCommandOptions): Promise<number> {
  const output = commandOutput('plan', options, planErrorJson);
  const { stdout, fail } = output;

  let args: ReturnType<typeof parseCommandLine>;
  let dist: DistBlueprints;
  let state: AuthentikState;
  let reader: AuthentikReader;
  try {
    args = parseCommandLine(options.argv);
    output.json = args.json;
    if (args.help) {
      stdout(HELP);
      return PlanExitCode.NO_CHANGES;
    }
    dist = readDistBlueprints(args.dist ?? options.defaultDist, args.blueprintsDir);
    try {
      state = reduceDist(dist);
    } catch (e) {
      if (e instanceof ReduceError || e instanceof Error) throw new InvalidInput(`dist/ cannot be reduced to what authentik would hold: ${e.message}`);
      throw e;
    }
    reader = new AuthentikReader({ url: authentikUrl(options.env.AUTHENTIK_URL), token: authentikToken(options.env.AUTHENTIK_TOKEN ?? '', 'a read-only API token'), timeoutMs: args.timeoutMs, fetch: options.fetch });
  } catch (e) {
    if (e instanceof InvalidInput || e instanceof DistInputError) return fail(PlanExitCode.INVALID_INPUT, e.message);
    throw e;
  }

  try {
    const report = await runPlan(dist, state, reader, { acceptUndeclaredAccess: args.acceptUndeclaredAccess, env: options.env });
    const code = report.ok ? PlanExitCode.NO_CHANGES : PlanExitCode.CHANGES;
    stdout(output.json ? planJson(report, code) : formatPlanText(report, args.verbose));
    return code;
  } catch (e) {
    if (e instanceof AuthentikAccessError || e instanceof AuthentikUnreachableError || e instanceof AuthentikApiError) {
      return fail(PlanExitCode.UNREACHABLE_OR_UNAUTHORIZED, e.message);
    }
    throw e;
  }
}

function parseCommandLine(argv: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...LIVE_COMMAND_FLAGS, verbose: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new InvalidInput(`${(e as Error).message} (see --help)`);
  }
  const v = parsed.values;
  const timeoutMs = durationFlag('timeout', v.timeout, 5_000)!;
  const blueprintsDir = blueprintsDirFlag(v['blueprints-dir']);
  return {
    help: v.help === true,
    json: v.json === true,
    verbose: v.verbose === true,
    acceptUndeclaredAccess: v['accept-undeclared-access'] === true,
    dist: v.dist,
    blueprintsDir,
    timeoutMs,
  };
}
