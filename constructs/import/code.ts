/**
 * The little TypeScript the importer writes, as data: expressions it can both print as readable code
 * and evaluate against the construct library, so what it prints is proven before it is written.
 */

/** An expression of the generated module. */
export type Expr =
  | { readonly k: 'lit'; readonly v: string | number | boolean | null }
  | { readonly k: 'arr'; readonly items: readonly Expr[] }
  | { readonly k: 'obj'; readonly props: ReadonlyArray<readonly [string, Expr]> }
  /** `fn(args)`, where fn is `Export.method` (e.g. `Tag.env`) or `variable.method` */
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly Expr[] }
  /** `new Export(args)` */
  | { readonly k: 'new'; readonly cls: string; readonly args: readonly Expr[] }
  /** a variable of the module, or an export such as `EntryState.CREATED` */
  | { readonly k: 'ref'; readonly name: string };

/** `value` as a literal. */
export const lit = (v: string | number | boolean | null): Expr => ({ k: 'lit', v });
/** `[items]`. */
export const arr = (items: readonly Expr[]): Expr => ({ k: 'arr', items });
/** `{ key: value, … }`, in the given order. */
export const obj = (props: ReadonlyArray<readonly [string, Expr]>): Expr => ({ k: 'obj', props });
/** `fn(args)`. */
export const call = (fn: string, ...args: Expr[]): Expr => ({ k: 'call', fn, args });
/** `new cls(args)`. */
export const newExpr = (cls: string, ...args: Expr[]): Expr => ({ k: 'new', cls, args });
/** A variable or export by name, e.g. `EntryState.CREATED`. */
export const ref = (name: string): Expr => ({ k: 'ref', name });

/** One statement: `[const name = ]new cls(args);`, with comment lines above it. */
export interface Statement {
  /** The variable it is kept in, if anything refers to it. */
  readonly variable?: string;
  /** The expression. */
  readonly expr: Expr;
  /** Comment lines written above it. */
  readonly comments?: readonly string[];
}

const MAX_LINE = 120;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal: single-quoted, or a template literal for multi-line text (expressions read as written). */
export function stringLiteral(text: string): string {
  if (text.slice(0, -1).includes('\n') && text.length > 40) {
    return `\`${text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  }
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    .replace(/[\u0000-\u001f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/**
 * Prints an expression: on one line when it fits, otherwise one item per line; a call or `new` keeps
 * its leading arguments on the first line and spreads only its last one (`new X(scope, 'Id', {`).
 * @param indent the indentation of the line the expression starts on
 * @param start the column the expression starts at
 */
export function printExpr(expr: Expr, indent = '', start = indent.length): string {
  const flat = printFlat(expr);
  if (flat !== undefined && start + flat.length <= MAX_LINE) return flat;
  const inner = `${indent}  `;
  switch (expr.k) {
    case 'lit': return expr.v === null ? 'null' : typeof expr.v === 'string' ? stringLiteral(expr.v) : String(expr.v);
    case 'ref': return expr.name;
    case 'arr':
      if (expr.items.length === 0) return '[]';
      return `[\n${expr.items.map((i) => `${inner}${printExpr(i, inner)},\n`).join('')}${indent}]`;
    case 'obj':
      if (expr.props.length === 0) return '{}';
      return `{\n${expr.props.map(([k, v]) => `${inner}${key(k)}: ${printExpr(v, inner, inner.length + key(k).length + 2)},\n`).join('')}${indent}}`;
    case 'call':
    case 'new': {
      const head = expr.k === 'new' ? `new ${expr.cls}` : expr.fn;
      const leading = expr.args.slice(0, -1).map(printFlat);
      const last = expr.args[expr.args.length - 1];
      if (last !== undefined && (last.k === 'obj' || last.k === 'arr') && leading.every((a) => a !== undefined)) {
        const prefix = `${head}(${[...leading, ''].join(', ')}`;
        if (start + prefix.length + 1 <= MAX_LINE) return `${prefix}${printExpr(last, indent, MAX_LINE)})`;
      }
      return `${head}(\n${expr.args.map((a) => `${inner}${printExpr(a, inner)},\n`).join('')}${indent})`;
    }
  }
}

// undefined when the expression has a multi-line string
function printFlat(expr: Expr): string | undefined {
  switch (expr.k) {
    case 'lit':
      if (typeof expr.v === 'string') return expr.v.slice(0, -1).includes('\n') && expr.v.length > 40 ? undefined : stringLiteral(expr.v);
      return expr.v === null ? 'null' : String(expr.v);
    case 'ref': return expr.name;
    case 'arr': {
      const items = expr.items.map(printFlat);
      return items.some((i) => i === undefined) ? undefined : `[${items.join(', ')}]`;
    }
    case 'obj': {
      if (expr.props.length === 0) return '{}';
      const props = expr.props.map(([k, v]) => [k, printFlat(v)] as const);
      return props.some(([, v]) => v === undefined) ? undefined : `{ ${props.map(([k, v]) => `${key(k)}: ${v}`).join(', ')} }`;
    }
    case 'call':
    case 'new': {
      const args = expr.args.map(printFlat);
      if (args.some((a) => a === undefined)) return undefined;
      return `${expr.k === 'new' ? `new ${expr.cls}` : expr.fn}(${args.join(', ')})`;
    }
  }
}

/** Prints a statement, comments first. */
export function printStatement(statement: Statement, indent: string): string {
  const comments = (statement.comments ?? []).map((c) => `${indent}// ${c}\n`).join('');
  const head = statement.variable ? `const ${statement.variable} = ` : '';
  return `${comments}${indent}${head}${printExpr(statement.expr, indent, indent.length + head.length)};\n`;
}

/** Evaluates an expression: exports come from `library`, variables from `variables`. */
export function evaluate(expr: Expr, library: Readonly<Record<string, unknown>>, variables: ReadonlyMap<string, unknown>): unknown {
  const lookup = (path: string): { owner: unknown; value: unknown } => {
    const [head, ...rest] = path.split('.');
    let owner: unknown;
    let value: unknown = variables.has(head) ? variables.get(head) : library[head];
    if (value === undefined) throw new Error(`generated code refers to ${head}, which neither the module nor the library defines`);
    for (const part of rest) {
      owner = value;
      value = (value as Record<string, unknown>)[part];
    }
    return { owner, value };
  };
  const ev = (e: Expr): unknown => evaluate(e, library, variables);
  switch (expr.k) {
    case 'lit': return expr.v;
    case 'ref': return lookup(expr.name).value;
    case 'arr': return expr.items.map(ev);
    case 'obj': return Object.fromEntries(expr.props.map(([k, v]) => [k, ev(v)]));
    case 'call': {
      const { owner, value } = lookup(expr.fn);
      return (value as (...a: unknown[]) => unknown).apply(owner, expr.args.map(ev));
    }
    case 'new': {
      const Cls = lookup(expr.cls).value as new (...a: unknown[]) => unknown;
      return new Cls(...expr.args.map(ev));
    }
  }
}

/** The names of the library's exports an expression uses (for the import line). */
export function exportsUsed(expr: Expr, variables: ReadonlySet<string>, into: Set<string>): void {
  const add = (path: string): void => {
    const head = path.split('.')[0];
    if (!variables.has(head)) into.add(head);
  };
  switch (expr.k) {
    case 'lit': return;
    case 'ref': add(expr.name); return;
    case 'arr': expr.items.forEach((i) => exportsUsed(i, variables, into)); return;
    case 'obj': expr.props.forEach(([, v]) => exportsUsed(v, variables, into)); return;
    case 'call': add(expr.fn); expr.args.forEach((a) => exportsUsed(a, variables, into)); return;
    case 'new': add(expr.cls); expr.args.forEach((a) => exportsUsed(a, variables, into));
  }
}
