import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MANUAL_STEPS_HEADING, summarizeFolders } from './change-summary';

/**
 * `npm run compare -- DIR [--dist DIST]`: proves the switch from hand-written manifests to the
 * synthesized folder. Both folders are reduced to what authentik would hold (the reduction the change
 * summary uses) and compared in authentik's terms, with the secret wiring beside them: the
 * ExternalSecret data items and the worker environment variables that blueprints read with `!Env`.
 */

/** Exit codes of the compare command. */
export enum CompareExit {
  /** authentik would hold the same from both folders, wired to the same secrets. */
  SAME = 0,
  /** They differ; each difference is listed. */
  DIFFERENT = 1,
  /** The arguments are wrong, or a folder cannot be read. */
  INVALID = 2,
}

/** The compare command's help text. */
export const COMPARE_USAGE = `usage: npm run compare -- DIR [--dist DIST]

Reads the YAML manifests under DIR (e.g. today's hand-written argocd/manifests folders) and prints,
in authentik's terms, how what authentik would hold from them differs from what it holds from DIST:
objects added, removed or changed as switching from DIR to DIST would change them, who may open
which application, and the secret wiring (ExternalSecret keys, and the worker variables blueprints
read with !Env). Blueprints are found in ConfigMaps whose data keys end in .yaml; other ConfigMap
keys, other kinds and other files are not compared.

  --dist DIST   the synthesized folder (default: dist/ of this project)
  -h, --help    print this help

Exit codes:
  0  authentik would hold the same from both, with the same secret wiring
  1  they differ (each difference is listed)
  2  bad arguments, or a folder that does not exist or cannot be read`;

/** Every `.yaml`/`.yml` file under `dir`, by path relative to it, sorted. */
export function readManifestFolder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string): void => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) {
        if (!name.startsWith('.') && name !== 'node_modules') walk(full);
      } else if (/\.ya?ml$/.test(name)) {
        files.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
      }
    }
  };
  walk(dir);
  return files;
}

/**
 * What changes in authentik (and in the secret wiring) when `handwritten` is replaced by `generated`
 * (path → YAML text each): the change summary's lines, without the file-level ones. Empty when equal.
 */
export function compareFolders(handwritten: ReadonlyMap<string, string>, generated: ReadonlyMap<string, string>): string[] {
  return summarizeFolders(handwritten, generated, { explainFiles: false, envOfBlueprintsOnly: true, blueprintsOnly: true });
}

/** Options for `compareCommand`. */
export interface CompareCommandOptions {
  /** Command-line arguments (without node and the script). */
  readonly argv: readonly string[];
  /** The folder compared when `--dist` is not given. */
  readonly defaultDist: string;
  /** Where the report goes. */
  readonly out?: (line: string) => void;
  /** Where errors go. */
  readonly err?: (line: string) => void;
}

/** Runs `npm run compare`; returns the exit code. */
export function compareCommand(options: CompareCommandOptions): CompareExit {
  const out = options.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = options.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...options.argv],
      options: { dist: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    err(`compare: ${(e as Error).message}`);
    err(COMPARE_USAGE);
    return CompareExit.INVALID;
  }
  if (parsed.values.help) {
    out(COMPARE_USAGE);
    return CompareExit.SAME;
  }
  if (parsed.positionals.length !== 1) {
    err(`compare: ${parsed.positionals.length === 0 ? 'no folder given' : `one folder expected, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`}`);
    err(COMPARE_USAGE);
    return CompareExit.INVALID;
  }
  const dir = resolve(parsed.positionals[0]);
  const dist = resolve(parsed.values.dist ?? options.defaultDist);
  for (const [what, path] of [['DIR', dir], ['--dist', dist]] as const) {
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      err(`compare: ${what} ${path} is not a folder`);
      return CompareExit.INVALID;
    }
  }
  let lines: string[];
  try {
    const handwritten = readManifestFolder(dir);
    const generated = readManifestFolder(dist);
    if (handwritten.size === 0) {
      err(`compare: ${dir} holds no .yaml files`);
      return CompareExit.INVALID;
    }
    lines = compareFolders(handwritten, generated);
  } catch (e) {
    err(`compare: ${(e as Error).message}`);
    return CompareExit.INVALID;
  }
  if (lines.length === 0) {
    out(`same: authentik would hold the same objects from ${dir} as from ${dist}, with the same secret wiring`);
    return CompareExit.SAME;
  }
  const differences = lines.filter((l) => !l.startsWith('  ') && l !== MANUAL_STEPS_HEADING).length;
  out(`Switching from ${dir} to ${dist} changes ${differences} thing${differences === 1 ? '' : 's'} in authentik's terms:`);
  for (const line of lines) out(`  ${line}`);
  return CompareExit.DIFFERENT;
}
