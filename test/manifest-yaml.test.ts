import fc from 'fast-check';
import { ApiObject, App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeManifestDirect } from '../constructs/synth/private/manifest-yaml';
import { MANIFEST_OPTIONS } from '../constructs/synth/render-app';
import { benchApp } from '../scripts/bench-app';
import { propertyRuns } from './property-runs';

const library = (json: unknown): string => stringify(json, MANIFEST_OPTIONS);

/**
 * Property: wherever the direct writer takes an object of `objects` (it may leave some to the library),
 * it writes what the library writes; and it takes at least a quarter of them, so the property tests it.
 */
function agreesWithLibrary(objects: fc.Arbitrary<Record<string, unknown>>): void {
  let direct = 0;
  let runs = 0;
  fc.assert(fc.property(objects, (json) => {
    const written = writeManifestDirect(json);
    runs++;
    if (written === undefined) return;
    direct++;
    expect(written).toBe(library(json));
  }), { numRuns: propertyRuns(1_000), seed: 20261202 });
  expect(direct).toBeGreaterThan(runs / 4);
}

describe('manifests written directly', () => {
  it('are byte for byte what the yaml library writes, and the worker patch, ExternalSecret and blueprint ConfigMaps take the direct way', () => {
    const app = new App();
    benchApp(app, 30);
    const objects = app.node.findAll().filter(ApiObject.isApiObject);
    const direct = new Set<string>();
    for (const o of objects) {
      const json = o.toJson();
      const written = writeManifestDirect(json);
      if (written !== undefined) {
        expect(written).toBe(library(json));
        direct.add(o.kind);
      }
    }
    expect([...direct]).toEqual(expect.arrayContaining(['Deployment', 'ExternalSecret', 'ConfigMap']));
  });

  it('leave to the library every word a YAML 1.1 reader takes for something else, and anything not on one line', () => {
    for (const word of ['yes', 'No', 'ON', 'y', 'null', 'Null', '~', '', '0x1f', '012', '1:20', '1.5', '.inf', '2026-01-01', '<<', '=',
      ' lead', 'trail ', 'a: b', 'a #b', '-dash', '*star', '!bang', 'two\nlines', 'tab\there', '"quoted"', 'x'.repeat(201)]) {
      expect(writeManifestDirect({ key: word }), word).toBeUndefined();
      expect(writeManifestDirect({ [word]: 'value' }), word).toBeUndefined();
    }
    expect(writeManifestDirect({ key: 1.5 })).toBeUndefined();
    expect(writeManifestDirect({ key: undefined })).toBeUndefined();
    expect(writeManifestDirect({ key: [['nested']] })).toBeUndefined();
  });

  it('write a multi-line text as a literal block only where the library would, and the same bytes', () => {
    // the library writes these some other way (chomping or indentation indicators, quotes): left to it
    for (const text of ['no final break\nhere', 'two breaks at the end\n\n', 'space before the break \n', 'tab before\t\n', ' leading space\nx\n',
      '\nleading break\n', '\tleading tab\n', 'carriage\r\nreturn\n', 'control \u0001\n', 'C1 \u0085\n', 'pair 😀\n', 'lone \ud800\n', '\n']) {
      expect(writeManifestDirect({ data: { 'file.yaml': text } }), JSON.stringify(text)).toBeUndefined();
    }
    const texts = ['a\n', '---\n# comment\n\nversion: 1\nentries:\n  - model: x\n    attrs:\n      k: "v: w"\n', 'x\n   \n\n\ny # z\n',
      '...\n%TAG\n--- |\n', 'a: b\n- c\n  d\n', 'é ünïcödé €\n', 'tab\tinside\n'];
    for (const text of texts) {
      for (const json of [{ data: { 'file.yaml': text } }, { top: text }, { a: { b: { c: text, d: 1 } } }, { list: [{ name: 'x', value: text }] }]) {
        const written = writeManifestDirect(json);
        expect(written, JSON.stringify(json)).toBeDefined();
        expect(written).toBe(library(json));
      }
    }
  });

  it('write generated multi-line texts as the library does wherever they take the direct way (1,000 runs; 100 in npm test)', () => {
    const line = fc.oneof(
      { arbitrary: fc.stringMatching(/^[ -~]{0,20}$/), weight: 10 },
      { arbitrary: fc.constantFrom('', '  ', '---', '...', '# c', '- item', 'k: v', '|', '>', '\t'), weight: 3 },
      { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
    );
    const text = fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => `${lines.join('\n')}\n`);
    agreesWithLibrary(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}\.yaml$/), text, { minKeys: 1, maxKeys: 3 })
      .map((data) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data })));
  });

  it('write generated objects as the library does wherever they take the direct way (1,000 runs; 200 in npm test)', () => {
    // mostly words the direct way takes, some it must leave to the library
    const word = fc.oneof(
      { arbitrary: fc.stringMatching(/^[A-Za-z_/][A-Za-z0-9_./()-]{0,12}(?: [A-Za-z0-9_./()-]{1,6}){0,2}$/), weight: 30 },
      { arbitrary: fc.stringMatching(/^[0-9]{1,3}[hmsx]$/), weight: 3 },
      { arbitrary: fc.constantFrom('yes', 'no', 'on', 'Off', 'null', 'true', 'Y', '1:20'), weight: 1 },
      { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, word, fc.integer(), fc.boolean(), fc.constant(null),
        fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(word, tie('node'), { maxKeys: 3 })),
    })).node;
    agreesWithLibrary(fc.dictionary(word, value, { minKeys: 1, maxKeys: 4 }));
  });
});
