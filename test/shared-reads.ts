import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The reference material the project was written from sits in a folder named `shared` beside the
 * repository. A fresh clone has no such folder, so no test, script or config may read it; what they
 * need is vendored (authentik's blueprints in `test/fixtures/corpus/`, the specs in
 * `constructs/authentik/specs/` and `constructs/k8s/crds/`). Markdown may still cite it.
 */

/** A file of the repository: its path relative to the root, and its text (or a symlink's target). */
export interface RepositoryFile {
  readonly path: string;
  readonly text: string;
}

/** One place that reads the folder beside the repository. */
export interface SharedRead {
  readonly path: string;
  readonly line: number;
  readonly text: string;
}

const UP = String.raw`\.\.`;
/**
 * A path into `shared` beside the repository, in the forms code writes it: a relative path going up
 * one or more levels into it (either slash), a join of the two parts `'..'` and `'shared'` (any quotes),
 * and the absolute path of the machine the material came from (`work` at the root). The test file
 * spells out an example of each.
 */
const SHARED_PATH = new RegExp([
  String.raw`${UP}[\\/]+shared(?![\w-])`,
  String.raw`['"\`]${UP}['"\`]\s*,\s*['"\`]shared['"\`]`,
  String.raw`(?<![\w.-])[\\/]work[\\/]+shared(?![\w-])`,
].join('|'));

/** Every line of `files` (Markdown excepted) that names the folder beside the repository. */
export function sharedReads(files: Iterable<RepositoryFile>): SharedRead[] {
  const found: SharedRead[] = [];
  for (const file of files) {
    if (/\.md$/i.test(file.path)) continue;
    file.text.split('\n').forEach((text, i) => {
      if (SHARED_PATH.test(text)) found.push({ path: file.path, line: i + 1, text: text.trim() });
    });
  }
  return found;
}

// what .gitignore keeps out of a checkout, for the walk used when `root` is not a git work tree
const UNTRACKED = /^(node_modules|\.git|\.tools|\.bench|__pycache__|\.dist-.*|\.dist\.lock.*|\.import-roundtrip-.*)$/;

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (UNTRACKED.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(root, path, out);
    else out.push(relative(root, path).split(sep).join('/'));
  }
}

/** The paths git tracks or would track (not ignored) under `root`; a walk of the folder when git cannot say. */
export function repositoryPaths(root: string): string[] {
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'],
    });
    return [...new Set(listed.split('\0').filter(Boolean))].sort();
  } catch {
    const out: string[] = [];
    walk(root, root, out);
    return out.sort();
  }
}

/** The text files at `paths` under `root` (a symlink as its target; binaries and deleted files left out). */
export function* repositoryFiles(root: string, paths: readonly string[] = repositoryPaths(root)): Generator<RepositoryFile> {
  for (const path of paths) {
    const full = join(root, path);
    let stat;
    try {
      stat = lstatSync(full);
    } catch {
      continue; // tracked but deleted in the work tree
    }
    if (stat.isSymbolicLink()) yield { path, text: readlinkSync(full) };
    else if (stat.isFile()) {
      const bytes = readFileSync(full);
      if (!bytes.includes(0)) yield { path, text: bytes.toString('utf8') };
    }
  }
}
