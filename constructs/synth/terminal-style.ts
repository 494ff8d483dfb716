import { styleText } from 'node:util';

/**
 * Colours for the synth command's diff and change summary, by Node's own `util.styleText`: only on a
 * terminal, never in CI logs or pipes, and never when `NO_COLOR` is set (https://no-color.org).
 * Whether to colour is decided once, by `shouldColor`, for the stream the text goes to.
 */

/** A style `util.styleText` knows: `red`, `bold`, …. */
export type Style = Parameters<typeof styleText>[0];

/** Whether to colour what goes to `stream`: a TTY, and `NO_COLOR` unset or empty. */
export function shouldColor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

/** Styles text as a whole (the caller has decided to colour). */
export function paint(text: string, style: Style): string {
  // validateStream would look at process.stdout again; shouldColor has judged the real destination
  return styleText(style, text, { validateStream: false });
}

/** A unified-diff line coloured like `git diff`. */
export function colorDiffLine(line: string): string {
  if (line.startsWith('--- ') || line.startsWith('+++ ')) return paint(line, 'bold');
  if (line.startsWith('@@')) return paint(line, 'cyan');
  if (line.startsWith('+')) return paint(line, 'green');
  if (line.startsWith('-')) return paint(line, 'red');
  return line;
}

/** A change-summary line: additions green, removals and deletions red, manual steps yellow. */
export function colorSummaryLine(line: string, inManualSteps: boolean): string {
  if (inManualSteps) return paint(line, 'yellow');
  if (/\b(?:retired|removed|deleted)\b/.test(line)) return paint(line, 'red');
  if (/^new |\badded\b/.test(line)) return paint(line, 'green');
  return line;
}

/** A heading. */
export function colorHeading(line: string): string {
  return paint(line, 'bold');
}
