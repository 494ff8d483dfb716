import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../constructs';

/**
 * `constructs/index.ts` names the public API (issue #15): every hand-written index file exports by
 * name, so adding or removing a public name is a visible line in review, and the names are pinned in
 * `test/__snapshots__/public-api.txt`. Only generated modules (`…/generated/…`, whose generator lists
 * every model) are re-exported whole.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

function indexFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'generated' ? [] : indexFiles(path);
    return d.name === 'index.ts' ? [path] : [];
  });
}

interface Exported { readonly name: string; readonly typeOnly: boolean }

/** The `export …` statements of an index file, read syntactically. */
function exportsOf(file: string): { named: Exported[]; wholesale: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const named: Exported[] = [];
  const wholesale: string[] = [];
  for (const st of source.statements) {
    if (!ts.isExportDeclaration(st)) continue;
    const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : '';
    if (!st.exportClause) wholesale.push(from);
    else if (ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) named.push({ name: e.name.text, typeOnly: st.isTypeOnly || e.isTypeOnly });
    }
  }
  return { named, wholesale };
}

describe('the public API', () => {
  const files = indexFiles(join(root, 'constructs'));

  it('is exported by name from every hand-written index file; only generated modules are re-exported whole', () => {
    expect(files.map((f) => relative(root, f))).toContain('constructs/index.ts');
    expect(files.length).toBeGreaterThan(5);
    const wholesale = files.flatMap((f) => exportsOf(f).wholesale.filter((from) => !from.includes('/generated/')).map((from) => `${relative(root, f)}: export * from '${from}'`));
    expect(wholesale, 'name each export instead of `export *`').toEqual([]);
  });

  it('finds a planted `export *` (the check above can fail)', () => {
    const source = ts.createSourceFile('x.ts', "export * from './a';\nexport { b } from './b';", ts.ScriptTarget.Latest, true);
    expect(source.statements.filter((s) => ts.isExportDeclaration(s) && !s.exportClause)).toHaveLength(1);
  });

  it('lists exactly the values the module exports at run time', () => {
    const { named } = exportsOf(join(root, 'constructs/index.ts'));
    const values = named.filter((e) => !e.typeOnly).map((e) => e.name);
    // the generated L1 classes come through their generated index
    const generated = Object.keys(api).filter((k) => k.startsWith('Cfn') && k !== 'CfnEntry');
    expect(generated.length).toBeGreaterThan(50);
    expect(Object.keys(api).sort()).toEqual([...values, ...generated].sort());
  });

  it('is pinned: a change to the public names shows in review', async () => {
    const { named, wholesale } = exportsOf(join(root, 'constructs/index.ts'));
    const lines = [
      ...named.map((e) => `${e.typeOnly ? 'type  ' : 'value '}${e.name}`).sort(),
      ...wholesale.map((from) => `all of ${from}`).sort(),
    ];
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/public-api.txt');
  });
});
