/**
 * Writes the expressions conformance step k compiles with CPython, each with the verdict of
 * pythonSyntaxError: the table of python-syntax-cases.ts, every expression of authentik's own
 * blueprints (all valid by construction) and of the synthesized folders.
 * Usage: generate-python-syntax-cases.ts OUT.json CORPUS_DIR FOLDER...
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { pythonSyntaxError } from '../../constructs/authentik/rules/python-syntax';
import { PYTHON_SYNTAX_CASES } from './python-syntax-cases';

const [out, corpus, ...folders] = process.argv.slice(2);
if (!out || !corpus) throw new Error('usage: generate-python-syntax-cases.ts OUT.json CORPUS_DIR FOLDER...');

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.yaml') ? [path] : [];
  });
}

// expressions in blueprint entries, and in blueprints held by ConfigMaps
function expressionsIn(text: string, found: string[]): void {
  for (const doc of parseAllDocuments(text, { version: '1.1', customTags: [], logLevel: 'silent' } as never)) {
    const value = doc.toJS({ maxAliasCount: -1 }) as any;
    if (value?.kind === 'ConfigMap') for (const v of Object.values(value.data ?? {})) if (typeof v === 'string') expressionsIn(v, found);
    for (const e of value?.entries ?? []) if (typeof e?.attrs?.expression === 'string') found.push(e.attrs.expression);
  }
}

const cases: Array<{ expression: string; expected: boolean | null; parser: boolean; where: string }> = [];
for (const c of PYTHON_SYNTAX_CASES) cases.push({ expression: c.expression, expected: c.valid, parser: pythonSyntaxError(c.expression) === undefined, where: 'table' });
for (const dir of [corpus, ...folders]) {
  for (const file of files(dir)) {
    const found: string[] = [];
    try {
      expressionsIn(readFileSync(file, 'utf8').replace(/!(\w+)/g, ''), found);
    } catch {
      continue;
    }
    for (const expression of found) cases.push({ expression, expected: null, parser: pythonSyntaxError(expression) === undefined, where: file });
  }
}
writeFileSync(out, JSON.stringify(cases));
console.log(`${cases.length} expressions`);
