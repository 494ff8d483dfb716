import { describe, expect, it } from 'vitest';
import { importBlueprints, parseSources } from '../constructs/import';

/**
 * Files authentik refuses as a whole are refused by the importer with authentik's reason: authentik
 * reads a blueprint with dacite into the dataclasses of blueprints/v1/common.py (`Blueprint`,
 * `BlueprintEntry`), type-checked (blueprints/v1/importer.py `Importer.from_string`), and a wrong type
 * fails the file with EntryInvalidError before any entry is applied.
 */

const run = (text: string) => importBlueprints(parseSources([{ source: 'x.yaml', text }]), { libraryImport: '../constructs' });
const head = 'version: 1\nmetadata:\n  name: X\n';
const group = (extra: string) => `${head}entries:\n  - model: authentik_core.group\n    identifiers:\n      name: g\n${extra}`;

describe('import refuses files authentik refuses, with its reason', () => {
  it('an entry id set by a tag (BlueprintEntry.id is Optional[str])', () => {
    expect(() => run(group('    id: !Format [g-%s, x]\n'))).toThrow(
      'x.yaml: entry 0: id is the tag !Format, but an entry id is text (BlueprintEntry.id: Optional[str]): authentik refuses the whole file',
    );
    expect(() => run(group('    id: !Format [g-%s, x]\n'))).toThrow('write the id as plain text, not through a tag');
  });

  it('an entry id written as a number', () => {
    expect(() => run(group('    id: 12\n'))).toThrow('x.yaml: entry 0: id is the number 12, but an entry id is text');
    expect(() => run(group('    id: 12\n'))).toThrow('(quote it)');
  });

  it('identifiers, attrs or conditions of the wrong type', () => {
    expect(() => run(`${head}entries:\n  - model: authentik_core.group\n    identifiers: [name, g]\n`)).toThrow('x.yaml: entry 0: identifiers is a list: authentik refuses the whole file');
    expect(() => run(group('    attrs: [a]\n'))).toThrow('x.yaml: entry 0: attrs is a list');
    expect(() => run(group('    conditions: !Context x\n'))).toThrow('x.yaml: entry 0: conditions is the tag !Context');
  });

  it('a context or entries of the wrong type', () => {
    expect(() => run(`${head}context:\nentries: []\n`)).toThrow('x.yaml: context is null: authentik refuses the whole file');
    expect(() => run(`${head}entries: {a: {model: x}}\n`)).toThrow('x.yaml: entries is a mapping');
  });

  it('still accepts what authentik accepts: attrs left empty (Optional), entries in sections, a text id', () => {
    expect(run(group('    id: g\n    attrs:\n')).entries).toBe(1);
    expect(run(`${head}entries:\n  groups:\n    - model: authentik_core.group\n      identifiers:\n        name: g\n`).entries).toBe(1);
  });
});
