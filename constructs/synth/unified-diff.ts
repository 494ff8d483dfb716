import { createRequire } from 'node:module';

/**
 * Unified diffs for `synth --check`, by jsdiff (the `diff` package): reviewers and CI logs see exactly
 * what a synth would change in the output folder, in the format of `git diff`. The package is loaded
 * on the first diff, so a synth that prints none does not pay for it.
 */

type JsDiff = typeof import('diff');
let jsdiff: JsDiff | undefined;
const load = (): JsDiff => (jsdiff ??= createRequire(import.meta.url)('diff') as JsDiff);

/** One step of an edit script. */
export interface DiffOp {
  /** `' '` keeps a line, `'-'` deletes one of the old text, `'+'` inserts one of the new text. */
  readonly kind: ' ' | '-' | '+';
  /** The line, with its line break if it has one. */
  readonly line: string;
}

/** Options for `unifiedDiff`. */
export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change. @default 3 */
  readonly context?: number;
}

/** Options for `unifiedDiffFiles`. */
export interface UnifiedDiffFilesOptions extends UnifiedDiffOptions {
  /** Path prefix of the old files, e.g. `a/dist`. @default 'a' */
  readonly oldPrefix?: string;
  /** Path prefix of the new files, e.g. `b/dist`. @default 'b' */
  readonly newPrefix?: string;
}

/** Splits text into lines that keep their `\n`; only the last one may lack it. */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** A shortest edit script turning `a` into `b` (lines compared exactly; jsdiff's Myers diff). */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  return load().diffArrays([...a], [...b]).flatMap((change) => {
    const kind = change.added ? '+' : change.removed ? '-' : ' ';
    return change.value.map((line): DiffOp => ({ kind, line }));
  });
}

/**
 * The hunks of a unified diff between two texts: `@@ -l,n +l,n @@` headers and ` `/`-`/`+` lines,
 * with `\ No newline at end of file` where a text does not end in a line break. Empty when equal.
 */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions = {}): string[] {
  if (oldText === newText) return [];
  const patch = load().createTwoFilesPatch('a', 'b', oldText, newText, undefined, undefined, { context: options.context ?? 3 });
  const lines = patch.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  // "====", "--- a", "+++ b", then the hunks
  return lines.slice(lines.findIndex((l) => l.startsWith('@@')));
}

/**
 * A unified diff of two folders' files (path → content), file by file in path order: changed files
 * under `--- a/x` / `+++ b/x` headers, added files from `/dev/null`, removed files to it.
 */
export function unifiedDiffFiles(
  oldFiles: ReadonlyMap<string, string>,
  newFiles: ReadonlyMap<string, string>,
  options: UnifiedDiffFilesOptions = {},
): string[] {
  const oldPrefix = options.oldPrefix ?? 'a';
  const newPrefix = options.newPrefix ?? 'b';
  const paths = [...new Set([...oldFiles.keys(), ...newFiles.keys()])].sort();
  const out: string[] = [];
  for (const path of paths) {
    const before = oldFiles.get(path);
    const after = newFiles.get(path);
    if (before === after) continue;
    out.push(`--- ${before === undefined ? '/dev/null' : `${oldPrefix}/${path}`}`);
    out.push(`+++ ${after === undefined ? '/dev/null' : `${newPrefix}/${path}`}`);
    out.push(...unifiedDiff(before ?? '', after ?? '', options));
  }
  return out;
}
