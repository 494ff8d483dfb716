import { isAbsolute, relative, resolve } from 'node:path';
import type { App } from 'cdk8s';
import { changeSummary, MANUAL_STEPS_HEADING } from './change-summary';
import { readDist, sameFiles, writeDistAtomically } from './dist-dir';
import { renderApp, ValidationError } from './render-app';
import { colorDiffLine, colorHeading, colorSummaryLine, shouldColor } from './terminal-style';
import { unifiedDiffFiles } from './unified-diff';

/** Exit codes of the synth command. */
export enum ExitCode {
  /** `dist/` is (now) up to date. */
  OK = 0,
  /** `--check`: `dist/` differs from a fresh synth. */
  STALE = 1,
  /** The declaration is invalid, or the command was misused; nothing was written. */
  INVALID = 2,
}

/** The synth command's help text. */
export const SYNTH_USAGE = `usage: npm run synth [-- [--check] [--outdir DIR]]

Synthesizes the app (authentik blueprints, ExternalSecret, worker patch, kustomization) into DIR.

  (no flag)      write DIR atomically, then summarize what changed in authentik's terms
  --check        synthesize in memory and compare with DIR without touching it; when they
                 differ, print a unified diff and the change summary (pre-commit hook, CI)
  --outdir DIR   output folder (default: $CDK8S_OUTDIR, else dist/ next to main.ts)
  -h, --help     print this help

Exit codes:
  0  DIR is up to date (or was just written)
  1  --check only: DIR is stale; run \`npm run synth\` and commit the result
  2  the declaration is invalid, or the arguments are; nothing was written

Colours are used on a terminal only, and never when NO_COLOR is set.`;

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
  /**
   * Colour the diff and the summary.
   * @default - when writing to process.stdout, that is a TTY and NO_COLOR is unset
   */
  readonly color?: boolean;
  /**
   * Folder the diff's paths are relative to (`--- a/dist/x`).
   * @default process.cwd()
   */
  readonly cwd?: string;
}

/**
 * `npm run synth [-- --check] [--outdir DIR]`: validates the whole app, then writes the folder
 * atomically, or with `--check` only compares it. Both print a change summary for reviewers.
 */
export function synthCommand(options: SynthCommandOptions): ExitCode {
  const out = options.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = options.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const color = options.color ?? (options.out === undefined && shouldColor(process.stdout));
  const args = [...options.argv];
  let check = false;
  let outdir = process.env.CDK8S_OUTDIR ? resolve(process.env.CDK8S_OUTDIR) : options.defaultOutdir;
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--check') check = true;
    else if (arg === '--outdir' && args.length > 0) outdir = resolve(args.shift()!);
    else if (arg.startsWith('--outdir=') && arg.length > '--outdir='.length) outdir = resolve(arg.slice('--outdir='.length));
    else if (arg === '--help' || arg === '-h') {
      out(SYNTH_USAGE);
      return ExitCode.OK;
    } else {
      err(`unknown argument "${arg}"`);
      err(SYNTH_USAGE);
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
    // constructs throw on props they cannot represent: that is invalid input too, not a stale folder
    err(`the declaration could not be built; nothing was written:\n${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return ExitCode.INVALID;
  }

  const previous = readDist(outdir);
  const printSummary = (): void => {
    if (previous.size === 0) {
      out(`(${outdir} held no files before: no change summary)`);
      return;
    }
    const lines = changeSummary(previous, files);
    out('');
    out(color ? colorHeading('Change summary:') : 'Change summary:');
    let manual = false;
    for (const line of lines.length > 0 ? lines : ['no changes in what the files declare']) {
      manual ||= line === MANUAL_STEPS_HEADING;
      const styled = line === MANUAL_STEPS_HEADING ? colorHeading(line) : colorSummaryLine(line, manual);
      out(`  ${color ? styled : line}`);
    }
  };

  if (check) {
    if (sameFiles(previous, files)) {
      out(`${outdir} is up to date (${files.size} files)`);
      return ExitCode.OK;
    }
    const label = diffLabel(outdir, options.cwd ?? process.cwd());
    for (const line of unifiedDiffFiles(previous, files, { oldPrefix: `a/${label}`, newPrefix: `b/${label}` })) {
      out(color ? colorDiffLine(line) : line);
    }
    printSummary();
    err(`${outdir} is stale: run \`npm run synth\` and commit the result`);
    return ExitCode.STALE;
  }
  if (!writeDistAtomically(outdir, files)) {
    out(`${outdir} is up to date (${files.size} files)`);
    return ExitCode.OK;
  }
  out(`wrote ${files.size} files to ${outdir}`);
  printSummary();
  return ExitCode.OK;
}

/** `dist` for ./dist: the folder as the diff names it, relative to `cwd` when inside it. */
function diffLabel(outdir: string, cwd: string): string {
  const rel = relative(cwd, outdir).split('\\').join('/');
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? outdir.replace(/^\/+/, '') : rel;
}
