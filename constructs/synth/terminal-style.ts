/**
 * ANSI colours for the synth command's diff and change summary: only on a terminal, never in CI
 * logs or pipes, and never when `NO_COLOR` is set (https://no-color.org).
 */

const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';
const RED = '\u001b[31m';
const GREEN = '\u001b[32m';
const YELLOW = '\u001b[33m';
const CYAN = '\u001b[36m';

/** Whether to colour what goes to `stream`: a TTY, and `NO_COLOR` unset or empty. */
export function shouldColor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/** Colours text as a whole. */
export function paint(text: string, ...codes: string[]): string {
  return codes.length === 0 ? text : `${codes.join('')}${text}${RESET}`;
}

/** A unified-diff line coloured like `git diff`. */
export function colorDiffLine(line: string): string {
  if (line.startsWith('--- ') || line.startsWith('+++ ')) return paint(line, BOLD);
  if (line.startsWith('@@')) return paint(line, CYAN);
  if (line.startsWith('+')) return paint(line, GREEN);
  if (line.startsWith('-')) return paint(line, RED);
  return line;
}

/** A change-summary line: additions green, removals and deletions red, manual steps yellow. */
export function colorSummaryLine(line: string, inManualSteps: boolean): string {
  if (inManualSteps) return paint(line, YELLOW);
  if (/\b(?:retired|removed|deleted)\b/.test(line)) return paint(line, RED);
  if (/^new |\badded\b/.test(line)) return paint(line, GREEN);
  return line;
}

/** A heading. */
export function colorHeading(line: string): string {
  return paint(line, BOLD);
}
