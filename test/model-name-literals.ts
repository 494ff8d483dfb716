/**
 * The scanner behind test/model-names-in-catalog.test.ts: finds every authentik model name
 * (`authentik_<app>.<model>`) written as a string or template literal in TypeScript/JavaScript
 * source, read with the TypeScript compiler (comments, identifiers and import paths are not
 * literals, so they never count).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** `authentik_<app>.<model>`; a permission (`authentik_core.view_user`) is `<app>.<action>_<model>`, not a model. */
const MODEL_NAME = /\bauthentik_[a-z0-9_]+\.(?!(?:add|change|delete|view)_)[a-z][a-z0-9_]*/g;

/** One literal naming a model. */
export interface ModelNameLiteral {
  /** Repo-relative path. */
  readonly file: string;
  /** 1-based line of the literal. */
  readonly line: number;
  /** The model names it holds. */
  readonly names: readonly string[];
  /** The literal as written (shortened). */
  readonly text: string;
}

/** The model names a piece of literal text holds. */
export function modelNamesIn(text: string): string[] {
  return [...text.matchAll(MODEL_NAME)].map((m) => m[0]);
}

/** Every literal in `source` (a file's text) that holds a model name. */
export function modelNameLiterals(file: string, source: string): ModelNameLiteral[] {
  const kind = /\.(mjs|cjs|js)$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: ModelNameLiteral[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) text = node.text;
    // a module specifier is a path, not a fact about a model
    if (text !== undefined && !(node.parent && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)))) {
      const names = modelNamesIn(text);
      if (names.length) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        const raw = node.getText(sf);
        found.push({ file, line, names, text: raw.length > 100 ? `${raw.slice(0, 97)}...` : raw });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const SOURCE = /\.(ts|mts|mjs|cjs)$/;

function walk(root: string, dir: string, out: string[]): void {
  for (const name of readdirSync(join(root, dir))) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = dir ? `${dir}/${name}` : name;
    if (statSync(join(root, path)).isDirectory()) walk(root, path, out);
    else out.push(path);
  }
}

/**
 * The files the guard reads: every tracked .ts/.mts/.mjs/.cjs file under `constructs/` and `scripts/`,
 * and `main.ts` (the working tree's files when `root` is not a git checkout).
 */
export function guardedFiles(root: string): string[] {
  let files: string[];
  try {
    files = execFileSync('git', ['ls-files', '-z', '--', 'constructs', 'scripts', 'main.ts'], { cwd: root, encoding: 'utf8' })
      .split('\0').filter(Boolean);
  } catch {
    files = [];
    for (const dir of ['constructs', 'scripts']) walk(root, dir, files);
    files.push('main.ts');
  }
  return files
    .map((f) => relative(root, join(root, f)).split('\\').join('/'))
    .filter((f) => SOURCE.test(f) && !f.startsWith('constructs/catalog/') && !/(^|\/)generated\//.test(f))
    .sort();
}

/** Every model-name literal in the guarded files of the repository at `root`. */
export function scanRepository(root: string): ModelNameLiteral[] {
  return guardedFiles(root).flatMap((file) => {
    let source: string;
    try {
      source = readFileSync(join(root, file), 'utf8');
    } catch {
      return []; // tracked but deleted in the working tree
    }
    return modelNameLiterals(file, source);
  });
}
