import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { App } from 'cdk8s';
import { changeSummary, MANUAL_STEPS_HEADING } from './change-summary';
import {
  distMatches, interruptedSwap, readDist, recoverDist, resolveDistTarget, swapDist, withDistLock, type DistFiles, type DistTarget,
} from './dist-dir';
import { markSynthCompleted } from './private/completion';
import { droppedObjects, type DroppedObject } from './private/dropped-objects';
import { foreignFiles } from './private/foreign-files';
import { checkComponentTargets, checkPatchTargets } from './private/base-check';
import { checkBaseVersions } from './private/base-version';
import { AuthentikChart } from '../k8s/authentik-chart';
import { describeSystemError, isSystemError } from './private/io-errors';
import { renderApp, ValidationError } from './render-app';
import { colorDiffLine, colorHeading, colorSummaryLine, shouldColor } from './terminal-style';
import { unifiedDiffFiles } from './unified-diff';
import { ModelName } from '../catalog/model-facts';
import { constructsDuringSynth } from '../blueprint/synth-memo';

/** Exit codes of the synth command. */
export enum ExitCode {
  /** `dist/` is (now) up to date. */
  OK = 0,
  /** `--check`: `dist/` differs from a fresh synth. */
  STALE = 1,
  /**
   * The declaration or the arguments are invalid, or the synth refused to drop objects or files it
   * was not told to; nothing was written.
   */
  INVALID = 2,
  /** Reading or writing the folder failed (full disk, read-only, no permission, busy); it is unchanged or complete. */
  IO = 3,
  /** A bug in the synth itself (or `npm run synth` exited without synthesizing); the folder is complete. */
  INTERNAL = 4,
}

/** The synth command's help text. */
export const SYNTH_USAGE = `usage: npm run synth [-- [--check] [--outdir DIR] [--forget MODEL:IDS]... [--allow-removals] [--delete-unknown]]

Synthesizes the app (authentik blueprints, ExternalSecret, worker patch, kustomization) into DIR.

  (no flag)            write DIR atomically, then summarize what changed in authentik's terms
  --check              synthesize in memory and compare with DIR without touching it; when they
                       differ, print a unified diff and the change summary (pre-commit hook, CI)
  --outdir DIR         output folder (default: $CDK8S_OUTDIR, else dist/ next to main.ts); a
                       symlink is written through
  --forget MODEL:IDS   let authentik keep one object that DIR declares and the app no longer does,
                       unmanaged, e.g. --forget ${ModelName.GROUP}:name=admins (repeatable; the
                       refusal lists each object's value)
  --allow-removals     the same for every such object
  --delete-unknown     delete files in DIR that no synth wrote (by default the synth refuses)
  -h, --help           print this help

Exit codes:
  0  DIR is up to date (or was just written)
  1  --check only: DIR is stale; run \`npm run synth\` and commit the result
  2  the declaration or the arguments are invalid, or the synth would drop objects that are not
     retired, or delete files no synth wrote; nothing was written
  3  DIR could not be read or written (full disk, read-only, permissions, another synth holding
     its lock); DIR is left as it was, complete
  4  internal error: a bug, or the entry exited without running the synth; DIR is complete

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

interface Arguments {
  readonly check: boolean;
  readonly outdir: string;
  readonly forget: readonly string[];
  readonly allowRemovals: boolean;
  readonly deleteUnknown: boolean;
}

/**
 * `npm run synth [-- --check] [--outdir DIR]`: validates the whole app, then writes the folder
 * atomically, or with `--check` only compares it. Both print a change summary for reviewers.
 */
export function synthCommand(options: SynthCommandOptions): ExitCode {
  const code = runSynthCommand(options);
  markSynthCompleted();
  return code;
}

function runSynthCommand(options: SynthCommandOptions): ExitCode {
  const out = options.out ?? lineWriter(process.stdout);
  const err = options.err ?? lineWriter(process.stderr);
  const color = options.color ?? (options.out === undefined && shouldColor(process.stdout));

  let args: Arguments;
  try {
    const parsed = parseArgs({
      args: [...options.argv],
      options: {
        check: { type: 'boolean' },
        outdir: { type: 'string' },
        forget: { type: 'string', multiple: true },
        'allow-removals': { type: 'boolean' },
        'delete-unknown': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (parsed.values.help) {
      out(SYNTH_USAGE);
      return ExitCode.OK;
    }
    if (parsed.values.outdir === '') throw new Error('--outdir needs a folder, e.g. --outdir dist');
    const badForget = (parsed.values.forget ?? []).find((f) => !/^[a-z0-9_]+\.[a-z0-9_]+:./.test(f));
    if (badForget !== undefined) throw new Error(`--forget ${JSON.stringify(badForget)} is not MODEL:IDENTIFIERS; copy the value the refusal lists, e.g. ${ModelName.GROUP}:name=admins`);
    if (parsed.values.check && parsed.values['delete-unknown']) throw new Error('--delete-unknown deletes files, which --check never does; drop one of them');
    args = {
      check: parsed.values.check ?? false,
      outdir: parsed.values.outdir !== undefined ? resolve(parsed.values.outdir)
        : process.env.CDK8S_OUTDIR ? resolve(process.env.CDK8S_OUTDIR) : options.defaultOutdir,
      forget: parsed.values.forget ?? [],
      allowRemovals: parsed.values['allow-removals'] ?? false,
      deleteUnknown: parsed.values['delete-unknown'] ?? false,
    };
  } catch (e) {
    err(`invalid arguments: ${(e as Error).message}`);
    err(SYNTH_USAGE);
    return ExitCode.INVALID;
  }

  let files: Map<string, string>;
  let app: App;
  // each manifest's object, so the checks below read the kustomizations without parsing them back
  const rendered = new Map<string, unknown>();
  try {
    app = options.build();
    files = renderApp(app, rendered);
  } catch (e) {
    if (e instanceof ValidationError) {
      err(e.message);
      return ExitCode.INVALID;
    }
    // constructs throw on props they cannot represent: that is invalid input too, not a stale folder
    err(`the declaration could not be built; nothing was written:\n  ${describeThrown(e)}`);
    return ExitCode.INVALID;
  }

  const { outdir } = args;
  // the hand-written base is on disk beside the output only in some repos: check it where it is
  // and so is the hand-written kustomization that includes a Component (the README's layout)
  const base = { problems: [...checkPatchTargets(outdir, files, rendered).problems, ...checkComponentTargets(outdir, files, rendered).problems] };
  base.problems.push(...checkBaseVersions(outdir, files, constructsDuringSynth(app).filter(AuthentikChart.isAuthentikChart)
    .map((c) => ({ path: c.node.path, authentikVersion: c.authentikVersion, kustomizeBase: c.kustomizeBase })), rendered));
  rendered.clear(); // nothing reads them again: not kept through the write
  if (base.problems.length > 0) {
    err(`${base.problems.length} problem${base.problems.length === 1 ? '' : 's'} with the kustomize base or the kustomization including a Component; nothing was written:\n`
      + base.problems.map((p) => `  - ${p}`).join('\n'));
    return ExitCode.INVALID;
  }
  let target: DistTarget | undefined;
  try {
    target = resolveDistTarget(outdir);
    const resolved = target;
    return withDistLock(resolved, () => (args.check
      ? check(resolved, files, args, { out, err, color, cwd: options.cwd ?? process.cwd() })
      : write(resolved, files, args, { out, err, color })), { optional: args.check });
  } catch (e) {
    if (!isSystemError(e)) {
      err(`internal error (a bug; ${outdir} is complete, as before): ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return ExitCode.INTERNAL;
    }
    err(describeSystemError(e, `could not ${args.check ? 'read' : 'write'} ${outdir}`, args.check ? 'nothing was compared' : afterFailure(outdir, target)));
    return ExitCode.IO;
  }
}

/** What a failed write left: the folder as it was, or (a repair that failed) the folder moved aside. */
function afterFailure(outdir: string, target: DistTarget | undefined): string {
  try {
    if (target && interruptedSwap(target)) {
      return `${outdir} is missing and ${target.previous} holds the last complete folder, which the next synth restores`;
    }
  } catch {
    // cannot even look: say what is known
  }
  return `${outdir} is as it was, complete, and no staging folder is left`;
}

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly color: boolean;
}

function check(target: DistTarget, files: DistFiles, args: Arguments, io: Io & { cwd: string }): ExitCode {
  const { out, err, color } = io;
  const outdir = target.requested;
  if (interruptedSwap(target)) {
    err(`${outdir} is missing: a synth was interrupted while swapping it in (${target.previous} holds the last complete folder); `
      + 'run `npm run synth` to restore and update it');
    return ExitCode.STALE;
  }
  // the old folder is read whole only when it differs: the diff and the change summary need it
  if (distMatches(target.path, files)) {
    out(`${outdir} is up to date (${files.size} files)`);
    return ExitCode.OK;
  }
  const previous = readDist(target.path);
  const label = diffLabel(outdir, io.cwd);
  for (const line of unifiedDiffFiles(previous, files, { oldPrefix: `a/${label}`, newPrefix: `b/${label}` })) {
    out(color ? colorDiffLine(line) : line);
  }
  printSummary(outdir, previous, files, io);
  const refusal = refusals(outdir, previous, files, args, err);
  if (refusal.length > 0) {
    refusal.forEach((line) => err(line));
    err(`${outdir} is stale, and \`npm run synth\` would refuse to update it until the above is resolved`);
    return ExitCode.INVALID;
  }
  err(`${outdir} is stale: run \`npm run synth\` and commit the result`);
  return ExitCode.STALE;
}

function write(target: DistTarget, files: DistFiles, args: Arguments, io: Io): ExitCode {
  const { out, err } = io;
  const outdir = target.requested;
  for (const line of recoverDist(target)) out(line);
  // the old folder is read whole only when it differs: the diff and the change summary need it
  if (distMatches(target.path, files)) {
    out(`${outdir} is up to date (${files.size} files)`);
    return ExitCode.OK;
  }
  const previous = readDist(target.path);
  const refusal = refusals(outdir, previous, files, args, err);
  if (refusal.length > 0) {
    refusal.forEach((line) => err(line));
    return ExitCode.INVALID;
  }
  const gone = [...previous.keys()].filter((path) => !files.has(path));
  if (gone.length > 0) out(`deleting ${gone.length} file${gone.length === 1 ? '' : 's'} the app no longer writes: ${gone.join(', ')}`);
  swapDist(target, files);
  out(`wrote ${files.size} files to ${outdir}${target.link ? ` (through the symlink, to ${target.path})` : ''}`);
  printSummary(outdir, previous, files, io);
  return ExitCode.OK;
}

/** Why the synth will not replace `previous` with `next`: foreign files and dropped objects; empty when it will. */
function refusals(outdir: string, previous: DistFiles, next: DistFiles, args: Arguments, warn: (line: string) => void): string[] {
  const lines: string[] = [];
  const foreign = args.deleteUnknown ? [] : foreignFiles(previous, next);
  if (foreign.length > 0) {
    lines.push(`${foreign.length} file${foreign.length === 1 ? '' : 's'} in ${outdir} no synth wrote; a synth would delete ${foreign.length === 1 ? 'it' : 'them'}, so nothing was written:`);
    for (const path of foreign) lines.push(`  - ${path}`);
    lines.push(`  fix: ${outdir} is generated; move ${foreign.length === 1 ? 'it' : 'them'} elsewhere (the kustomize base, say), or rerun with --delete-unknown`);
  }
  const all = args.allowRemovals && args.forget.length === 0 ? [] : droppedObjects(previous, next);
  const forget = new Set(args.forget);
  const dropped = args.allowRemovals ? [] : all.filter((d) => !forget.has(d.token));
  if (dropped.length > 0) lines.push(...droppedMessage(outdir, dropped));
  for (const token of args.forget.filter((t) => !all.some((d) => d.token === t))) {
    warn(`--forget ${token}: no object of ${outdir} by that value would disappear; ignored`);
  }
  return lines;
}

function droppedMessage(outdir: string, dropped: readonly DroppedObject[]): string[] {
  return [
    `${dropped.length} object${dropped.length === 1 ? '' : 's'} that ${outdir} declares would disappear from the blueprints `
      + 'without being retired; authentik keeps such objects (and the access they give), so nothing was written:',
    ...dropped.map((d) => `  - ${d.blueprint} (in ${d.source}): ${d.model} ${d.identifiers} (${d.label}); to keep it unmanaged: --forget '${d.token}'`),
    '  fix: declare them retired instead of deleting them: `retired: true` on the OidcClient, `state: EntryState.ABSENT` on a group, '
      + 'service account or other entry, a group moved to `revokedGroups`; synthesize, let authentik apply it, then remove the declaration. '
      + 'Or rerun with --forget for each object authentik should keep unmanaged (--allow-removals for all)',
  ];
}

function printSummary(outdir: string, previous: DistFiles, files: DistFiles, { out, color }: Io): void {
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
}

/**
 * Writes lines to a stream; once its reader went away (`npm run synth | head`), further lines are
 * dropped instead of crashing the synth with EPIPE, so the exit code still says what happened.
 */
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  if (!closedStreams.has(stream)) {
    closedStreams.set(stream, false);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closedStreams.set(stream, true);
    });
  }
  return (line) => {
    if (!closedStreams.get(stream) && !stream.destroyed) stream.write(`${line}\n`);
  };
}

const closedStreams = new WeakMap<NodeJS.WriteStream, boolean>();

/** A thrown value as one line: its message and where it was thrown, without the stack. */
function describeThrown(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).map((l) => l.trim());
  // where the declaration is: the first frame in the caller's code, not in a library or in these constructs
  const own = frames.find((f) => !/node_modules|[\\/]constructs[\\/]|node:internal/.test(f)) ?? frames[0];
  const where = own ? ` (${own.replace(/^at (?:.*? \()?(.*?)\)?$/, 'at $1')})` : '';
  const clash = /^There is already a Construct with name '(.*)' in (\S+) \[(.*)\]$/.exec(e.message);
  if (clash) {
    const [, id, kind, scope] = clash;
    return `${scope}/${id}: construct id "${id}" is used twice in ${kind} ${scope}${where}; ids name the constructs (and the entries of `
      + `a blueprint) and must be unique among siblings; rename one, e.g. "${id}2"`;
  }
  return `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}${where}`;
}

/** `dist` for ./dist: the folder as the diff names it, relative to `cwd` when inside it. */
function diffLabel(outdir: string, cwd: string): string {
  const rel = relative(cwd, outdir).split('\\').join('/');
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? outdir.replace(/^\/+/, '') : rel;
}
