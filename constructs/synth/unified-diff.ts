/**
 * A line diff (Myers' O(ND) algorithm) and its unified-diff rendering, for `synth --check`: reviewers
 * and CI logs see exactly what a synth would change in the output folder, in the format of `git diff`.
 */

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

// beyond this many edits the O(D²) trace gets large; the rest is then replaced wholesale (still a correct diff)
const MAX_EDIT_DISTANCE = 2000;

/** Splits text into lines that keep their `\n`; only the last one may lack it. */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** A shortest edit script turning `a` into `b` (lines compared exactly). */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  // common prefix and suffix cost nothing and keep the search small
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  ops.push(...myers(a.slice(start, endA), b.slice(start, endB)));
  ops.push(...a.slice(endA).map((line): DiffOp => ({ kind: ' ', line })));
  return ops;
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return replaceAll(a, b);
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v (furthest x per diagonal k) as it was before round d, for k in [-d, d]
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return replaceAll(a, b);
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const at = (k: number): number => trace[d][k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y] });
      else ops.push({ kind: '-', line: a[--x] });
    }
  }
  return ops.reverse();
}

function replaceAll(a: readonly string[], b: readonly string[]): DiffOp[] {
  return [...a.map((line): DiffOp => ({ kind: '-', line })), ...b.map((line): DiffOp => ({ kind: '+', line }))];
}

/**
 * The hunks of a unified diff between two texts: `@@ -l,n +l,n @@` headers and ` `/`-`/`+` lines,
 * with `\ No newline at end of file` where a text does not end in a line break. Empty when equal.
 */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions = {}): string[] {
  const context = options.context ?? 3;
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const changes = ops.flatMap((op, i) => (op.kind === ' ' ? [] : [i]));
  if (changes.length === 0) return [];

  // ranges of ops to show; changes closer than twice the context share a hunk
  const ranges: Array<[number, number]> = [];
  for (const i of changes) {
    const from = Math.max(0, i - context);
    const to = Math.min(ops.length, i + 1 + context);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1]) last[1] = to;
    else ranges.push([from, to]);
  }

  // line numbers before each op
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let o = 0;
  let n = 0;
  for (const op of ops) {
    oldLine.push(o);
    newLine.push(n);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') n++;
  }

  const out: string[] = [];
  for (const [from, to] of ranges) {
    const slice = ops.slice(from, to);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    // an empty range is numbered by the line before it
    const oldStart = oldCount === 0 ? oldLine[from] : oldLine[from] + 1;
    const newStart = newCount === 0 ? newLine[from] : newLine[from] + 1;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of slice) {
      if (op.line.endsWith('\n')) {
        out.push(op.kind + op.line.slice(0, -1));
      } else {
        out.push(op.kind + op.line, '\\ No newline at end of file');
      }
    }
  }
  return out;
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
