import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ModelName } from '../constructs/catalog/generated/model-names';
import { BaseModel } from '../constructs/catalog/model-facts';
import { guardedFiles, modelNameLiterals, scanRepository, type ModelNameLiteral } from './model-name-literals';

/**
 * The catalog (`constructs/catalog/`) is the only place that knows a model (issue #15): nothing else
 * writes an authentik model name (`authentik_<app>.<model>`) as a string or template literal. Code
 * refers to the catalog's generated `ModelName` (constructs/catalog/generated/model-names.ts) or its
 * hand-written facts (base models, kinds, words, fields), and a message names a model through them.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

const constantOf = new Map<string, string>([
  ...Object.entries(ModelName).map(([k, v]) => [v, `ModelName.${k}`] as [string, string]),
  ...Object.entries(BaseModel).map(([k, v]) => [v, `BaseModel.${k}`] as [string, string]),
]);

/** One line of the failure: where, the literal, and where the fact belongs. */
function explain(l: ModelNameLiteral): string {
  const fixes = l.names.map((n) => (constantOf.has(n)
    ? `${n} → ${constantOf.get(n)} (constructs/catalog/model-facts.ts)`
    : `${n} → no release's catalog knows it: a fact about it belongs in constructs/catalog/`));
  return `${l.file}:${l.line}: ${l.text}: ${fixes.join('; ')}`;
}

describe('model names live in the catalog', () => {
  it('no .ts/.mts/.mjs/.cjs file under constructs/ or scripts/, nor main.ts, writes a model name as a literal outside constructs/catalog/ and generated files', () => {
    const found = scanRepository(root);
    const offenders = found.map(explain);
    expect(offenders, `model names written as literals; refer to the catalog instead:\n${offenders.join('\n')}\n`).toEqual([]);
  });

  it('reads every tracked source file of constructs/, scripts/ and main.ts, but not the catalog or generated files', () => {
    const files = guardedFiles(root);
    expect(files).toContain('main.ts');
    expect(files).toContain('constructs/authentik/models.ts');
    expect(files).toContain('scripts/generate.ts');
    expect(files).toContain('scripts/run-ts.cjs');
    expect(files.length).toBeGreaterThan(150);
    expect(files.filter((f) => f.startsWith('constructs/catalog/') || f.includes('/generated/'))).toEqual([]);
  });

  it('flags a planted literal in a string, a template or a template part, and not comments, identifiers, import paths or permissions', () => {
    const planted = [
      "import { x } from './authentik_core.user';",
      '// a comment naming authentik_core.group is fine',
      '/** so is authentik_flows.flow in a doc comment */',
      "const a = 'authentik_core.application';",
      'const b = `authentik_flows.flow`;',
      'const c = `see authentik_stages_dummy.dummystage for ${a}, then authentik_core.token`;',
      'const d = { "authentik_rbac.role": 1 };',
      "const e = 'authentik_core.view_user';",
      'const authentik_core = { group: 1 }; const f = authentik_core.group;',
    ].join('\n');
    const found = modelNameLiterals('planted.ts', planted);
    expect(found.map((l) => [l.line, l.names])).toEqual([
      [4, ['authentik_core.application']],
      [5, ['authentik_flows.flow']],
      [6, ['authentik_stages_dummy.dummystage']],
      [6, ['authentik_core.token']],
      [7, ['authentik_rbac.role']],
    ]);
    // and the message says where the fact belongs
    expect(explain(found[0]!)).toBe("planted.ts:4: 'authentik_core.application': authentik_core.application → ModelName.APPLICATION (constructs/catalog/model-facts.ts)");
    expect(explain(modelNameLiterals('x.mjs', "export const m = 'authentik_core.applications';")[0]!))
      .toContain("authentik_core.applications → no release's catalog knows it");
  });
});
