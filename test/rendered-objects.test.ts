import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { renderApp } from '../constructs';
import { outputDocument } from '../constructs/synth/private/base-check';
import { benchApp } from '../scripts/bench-app';

describe('the objects renderApp hands over beside the texts', () => {
  it('are what each manifest file parses back to, for blumeops and a generated app', () => {
    for (const build of [(app: App) => blumeops(app), (app: App) => benchApp(app, 30)]) {
      const app = new App();
      build(app);
      const rendered = new Map<string, unknown>();
      const files = renderApp(app, rendered);
      const manifests = [...files.keys()].filter((path) => path.endsWith('.yaml'));
      expect(manifests.length).toBeGreaterThan(10);
      for (const path of manifests) {
        expect(rendered.has(path), path).toBe(true);
        expect(rendered.get(path), path).toEqual(parseAllDocuments(files.get(path)!)[0]!.toJSON());
        expect(outputDocument(path, files.get(path)!, rendered)).toBe(rendered.get(path));
      }
      // no object for a file that is not a manifest (the access map)
      expect([...rendered.keys()].every((path) => path.endsWith('.yaml'))).toBe(true);
    }
  });
});
