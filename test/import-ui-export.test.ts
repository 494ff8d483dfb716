import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBlueprints, parseSources } from '../constructs/import';

/**
 * UI exports (blueprints/v1/exporter.py): entries identified by `pk` plus a natural key, relations as
 * raw pks. authentik finds an object by pk OR its other identifiers and remaps the pks of objects it
 * creates from the file (blueprints/v1/importer.py `__query_from_identifier`, `__update_pks_for_attrs`);
 * the importer leaves `pk` out where a natural key remains and writes the raw pks as references.
 * The import proves its translation (synthesize, reduce, compare), so an import that succeeds round-trips.
 */

const FIXTURE = new URL('./fixtures/ui-export/flow-homelab-login.yaml', import.meta.url);
const run = (source: string, text: string) => importBlueprints(parseSources([{ source, text }]), { libraryImport: '../constructs' });

describe('import of UI exports', () => {
  it('imports a flow export: pk identifiers left out, raw-UUID references written as the objects', () => {
    const r = run('flow-homelab-login.yaml', readFileSync(FIXTURE, 'utf8'));
    expect(r.entries).toBe(6);
    expect(r.code).not.toContain('6f4b3c2a');
    expect(r.code).not.toContain("pk:");
    expect(r.code).toContain("const homelabPassword = new PasswordStage(");
    expect(r.code).toContain('    passwordStage: homelabPassword,\n');
    expect(r.code).toMatch(/new FlowStageBinding\(\w+, '\w+', \{\n {4}target: homelabLogin,\n {4}stage: homelabIdentification,\n {4}order: 10,/);
    // only entries others refer to get an id (and a name from their natural key)
    expect(r.code).not.toMatch(/Flowstagebinding[0-9a-f]{8}/);
    expect(r.notes).toContain('flow-homelab-login.yaml: an export of authentik (pk identifiers): 6 pk identifier(s) left out, the objects found by their other identifiers; 5 raw-UUID reference(s) to entries of the file written as references');
  });

  it('finds an object identified by pk alone by its natural key, saying why', () => {
    const text = 'version: 1\nmetadata: {name: X}\nentries:\n- model: authentik_core.group\n  identifiers:\n    pk: 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d\n  attrs:\n    name: g\n';
    const r = run('x.yaml', text);
    expect(r.code).toContain('// not imported: pk "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", the object\'s primary key in the authentik the file came from');
    expect(r.code).toContain("new Group(x, 'G', { name: 'g' });");
  });

  it('leaves files without pk identifiers as they are', () => {
    const r = run('x.yaml', 'version: 1\nmetadata: {name: X}\nentries:\n- model: authentik_core.group\n  identifiers: {name: g}\n');
    expect(r.notes.join('\n')).not.toContain('an export of authentik');
  });
});
