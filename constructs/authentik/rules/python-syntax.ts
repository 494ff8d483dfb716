/**
 * Whether an expression compiles as Python, read with @lezer/python (CodeMirror's Python grammar, a
 * maintained, dependency-light parser). authentik compiles every expression (policies, property
 * mappings, prompts) as the body of a function (`authentik/lib/expression/evaluator.py`,
 * `wrap_expression`), so `return` is fine at the top level; this reads it the same way. The
 * conformance suite (`scripts/conformance/python-syntax.ts`) compares these verdicts with CPython's
 * `compile()` on a table of expressions.
 */
import { createRequire } from 'node:module';

// loaded on the first expression to check: building lezer's Python parse tables costs about 10 ms, which
// a synth without expressions (blumeops's) would otherwise pay at start-up. Required at run time, not
// bundled by scripts/run-ts.cjs (a bundle evaluates every static import before the entry runs)
type PythonParser = typeof import('@lezer/python')['parser'];
let loaded: PythonParser | undefined;
function pythonParser(): PythonParser {
  loaded ??= (createRequire(import.meta.url)('@lezer/python') as { parser: PythonParser }).parser;
  return loaded;
}

const HEADER = 'def handler():\n';

/**
 * @returns undefined when the expression parses, otherwise where it fails ("line 2, column 5") and
 *   the text there
 */
export function pythonSyntaxError(expression: string): string | undefined {
  const lines = expression.replace(/\r\n?/g, '\n').split('\n');
  const body = lines.map((line) => (line.trim() === '' ? '' : `    ${line}`)).join('\n');
  const source = `${HEADER}${body}\n`;
  const tree = pythonParser().parse(source);
  let at: number | undefined;
  tree.iterate({
    enter: (node) => {
      if (at !== undefined) return false;
      if (node.type.isError) {
        at = node.from;
        return false;
      }
      // lezer reads an unterminated string to the end of its line without an error node
      if (node.name === 'String' && !isTerminated(source.slice(node.from, node.to))) {
        at = node.from;
        return false;
      }
      return undefined;
    },
  });
  if (at === undefined) return undefined;
  return describe(source, at);
}

function isTerminated(literal: string): boolean {
  const match = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(literal);
  if (!match) return true;
  const quote = match[2]!;
  const rest = literal.slice(match[0].length);
  if (rest.length < quote.length || !rest.endsWith(quote)) return false;
  // an escaped closing quote (not in a raw string's sense: Python raw strings also cannot end in one backslash)
  const inner = rest.slice(0, rest.length - quote.length);
  const trailing = /\\*$/.exec(inner)![0].length;
  return trailing % 2 === 0;
}

function describe(source: string, offset: number): string {
  const body = source.slice(HEADER.length);
  const lines = body.split('\n');
  const before = body.slice(0, Math.max(0, offset - HEADER.length));
  let line = before.split('\n').length;
  let column = Math.max(1, before.length - (before.lastIndexOf('\n') + 1) - 4 + 1);
  // an error at the end of the input (an unclosed bracket) is shown on the last line that has text
  if ((lines[line - 1] ?? '').trim() === '') {
    while (line > 1 && (lines[line - 1] ?? '').trim() === '') line--;
    column = Math.max(1, (lines[line - 1] ?? '').length - 4 + 1);
  }
  const lineText = (lines[line - 1] ?? '').trim();
  return `line ${line}, column ${column}: ${JSON.stringify(lineText.length > 60 ? `${lineText.slice(0, 57)}…` : lineText)}`;
}
