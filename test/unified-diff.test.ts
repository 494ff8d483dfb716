import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines, unifiedDiff, unifiedDiffFiles } from '../constructs/synth/unified-diff';

/** Applies unified-diff hunks to `old`, as `patch` would; throws when a context or removed line does not match. */
function applyHunks(old: string, hunks: readonly string[]): string {
  const lines = splitLines(old);
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < hunks.length; i++) {
    const header = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(hunks[i]);
    if (!header) throw new Error(`not a hunk header: ${hunks[i]}`);
    const [oldStart, oldCount] = [Number(header[1]), Number(header[2])];
    const firstOld = oldCount === 0 ? oldStart : oldStart - 1;
    while (at < firstOld) out.push(lines[at++]);
    for (i++; i < hunks.length && !hunks[i].startsWith('@@'); i++) {
      const line = hunks[i];
      const noEol = hunks[i + 1] === '\\ No newline at end of file';
      const body = line.slice(1) + (noEol ? '' : '\n');
      if (line[0] === ' ' || line[0] === '-') {
        if (lines[at] !== body) throw new Error(`line ${at + 1} is ${JSON.stringify(lines[at])}, hunk expects ${JSON.stringify(body)}`);
        at++;
      }
      if (line[0] === ' ' || line[0] === '+') out.push(body);
      if (noEol) i++;
    }
    i--;
  }
  while (at < lines.length) out.push(lines[at++]);
  return out.join('');
}

/** Lines in a longest common subsequence, by dynamic programming: the reference for minimality. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

const text = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('');

describe('diffLines', () => {
  it('keeps every line of identical texts', () => {
    expect(diffLines(['a\n', 'b\n'], ['a\n', 'b\n'])).toEqual([{ kind: ' ', line: 'a\n' }, { kind: ' ', line: 'b\n' }]);
  });

  it('finds a shortest edit script', () => {
    // GIVEN Myers' own example
    const a = [...'ABCABBA'];
    const b = [...'CBABAC'];
    // WHEN
    const ops = diffLines(a, b);
    // THEN 5 edits, and the kept lines are a common subsequence
    expect(ops.filter((op) => op.kind !== ' ')).toHaveLength(5);
    expect(ops.filter((op) => op.kind !== '+').map((op) => op.line).join('')).toBe('ABCABBA');
    expect(ops.filter((op) => op.kind !== '-').map((op) => op.line).join('')).toBe('CBABAC');
  });

  it('is minimal and reproduces both texts for any input', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }),
      fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }),
      (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((op) => op.kind !== '+').map((op) => op.line)).toEqual(a);
        expect(ops.filter((op) => op.kind !== '-').map((op) => op.line)).toEqual(b);
        expect(ops.filter((op) => op.kind !== ' ')).toHaveLength(a.length + b.length - 2 * lcsLength(a, b));
      },
    ));
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff(text('a', 'b'), text('a', 'b'))).toEqual([]);
  });

  it('shows a changed line with three lines of context on each side', () => {
    const old = text('1', '2', '3', '4', '5', '6', '7', '8', '9');
    const now = text('1', '2', '3', '4', 'five', '6', '7', '8', '9');
    expect(unifiedDiff(old, now)).toEqual(['@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8']);
  });

  it('merges changes closer than twice the context into one hunk and splits farther ones', () => {
    const lines = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const near = [...lines];
    near[3] = 'x';
    near[9] = 'y'; // 5 unchanged lines apart: one hunk
    expect(unifiedDiff(text(...lines), text(...near)).filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,13 +1,13 @@']);
    const far = [...lines];
    far[2] = 'x';
    far[16] = 'y'; // 13 apart: two hunks
    expect(unifiedDiff(text(...lines), text(...far)).filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,6 +1,6 @@', '@@ -14,7 +14,7 @@']);
  });

  it('numbers an empty side by the line before it, as diff -u does', () => {
    expect(unifiedDiff('', text('a', 'b'))).toEqual(['@@ -0,0 +1,2 @@', '+a', '+b']);
    expect(unifiedDiff(text('a', 'b'), '')).toEqual(['@@ -1,2 +0,0 @@', '-a', '-b']);
    expect(unifiedDiff(text('a', 'b'), text('a', 'x', 'b'), { context: 0 })).toEqual(['@@ -1,0 +2,1 @@', '+x']);
  });

  it('marks a last line without a line break', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n')).toEqual(['@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b']);
  });

  it('produces hunks that turn the old text into the new one', () => {
    const line = fc.constantFrom('a', 'b', 'c', '', '  d');
    fc.assert(fc.property(
      fc.array(line, { maxLength: 40 }), fc.array(line, { maxLength: 40 }), fc.boolean(), fc.boolean(), fc.nat(4),
      (a, b, eolA, eolB, context) => {
        const old = a.join('\n') + (eolA && a.length > 0 ? '\n' : '');
        const now = b.join('\n') + (eolB && b.length > 0 ? '\n' : '');
        expect(applyHunks(old, unifiedDiff(old, now, { context }))).toBe(now);
      },
    ));
  });
});

describe('unifiedDiffFiles', () => {
  it('lists changed, added and removed files in path order under git-style headers', () => {
    const old = new Map([['b.yaml', text('x')], ['same.yaml', text('s')], ['gone.yaml', text('g')]]);
    const now = new Map([['b.yaml', text('y')], ['same.yaml', text('s')], ['a.yaml', text('n')]]);
    expect(unifiedDiffFiles(old, now, { oldPrefix: 'a/dist', newPrefix: 'b/dist' })).toEqual([
      '--- /dev/null', '+++ b/dist/a.yaml', '@@ -0,0 +1,1 @@', '+n',
      '--- a/dist/b.yaml', '+++ b/dist/b.yaml', '@@ -1,1 +1,1 @@', '-x', '+y',
      '--- a/dist/gone.yaml', '+++ /dev/null', '@@ -1,1 +0,0 @@', '-g',
    ]);
  });
});
