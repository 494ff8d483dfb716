import { resolve } from 'node:path';
import type { App } from 'cdk8s';
import { readDist, sameFiles, writeDistAtomically } from './dist-dir';
import { renderApp, ValidationError } from './render-app';

/** Exit codes of the synth command. */
export enum ExitCode {
  /** `dist/` is (now) up to date. */
  OK = 0,
  /** `--check`: `dist/` differs from a fresh synth. */
  STALE = 1,
  /** The declaration is invalid, or the command was misused; nothing was written. */
  INVALID = 2,
}

/** Options for `synthCommand`. */
export interface SynthCommandOptions {
  /** Builds the app to synthesize. */
  readonly build: () => App;
  /** Command-line arguments (without node and the script). */
  readonly argv: readonly string[];
  /** Folder written when neither `--outdir` nor `CDK8S_OUTDIR` is given. */
  readonly defaultOutdir: string;
  /** Where messages go. */
  readonly out?: (line: string) => void;
  /** Where errors go. */
  readonly err?: (line: string) => void;
}

/**
 * `npm run synth [-- --check] [--outdir DIR]`: validates the whole app, then writes the folder
 * atomically, or with `--check` only compares it.
 */
export function synthCommand(options: SynthCommandOptions): ExitCode {
  const out = options.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = options.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const args = [...options.argv];
  let check = false;
  let outdir = process.env.CDK8S_OUTDIR ? resolve(process.env.CDK8S_OUTDIR) : options.defaultOutdir;
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--check') check = true;
    else if (arg === '--outdir' && args.length > 0) outdir = resolve(args.shift()!);
    else {
      err(`unknown argument "${arg}"; usage: synth [--check] [--outdir DIR]`);
      return ExitCode.INVALID;
    }
  }

  let files: Map<string, string>;
  try {
    files = renderApp(options.build());
  } catch (e) {
    if (e instanceof ValidationError) {
      err(e.message);
      return ExitCode.INVALID;
    }
    throw e;
  }

  if (check) {
    const current = readDist(outdir);
    if (sameFiles(current, files)) {
      out(`${outdir} is up to date (${files.size} files)`);
      return ExitCode.OK;
    }
    err(`${outdir} is stale: run \`npm run synth\` and commit the result`);
    return ExitCode.STALE;
  }
  const changed = writeDistAtomically(outdir, files);
  out(changed ? `wrote ${files.size} files to ${outdir}` : `${outdir} is up to date (${files.size} files)`);
  return ExitCode.OK;
}
