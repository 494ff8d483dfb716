import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { Blueprint, readDist, renderApp } from '../constructs';

function synthBlumeops(): Map<string, string> {
  const app = new App();
  blumeops(app);
  return renderApp(app);
}

describe('blumeops synth', () => {
  const files = synthBlumeops();

  it('writes the four files ArgoCD syncs, and the access map', () => {
    expect([...files.keys()]).toEqual([
      'ACCESS.md',
      'configmap-authentik-blueprints.yaml',
      'deployment-authentik-worker.patch.yaml',
      'externalsecret-authentik-config.yaml',
      'kustomization.yaml',
    ]);
  });

  // one exact-YAML snapshot per synthesized file, so reviewers diff what ArgoCD receives
  for (const [name, content] of synthBlumeops()) {
    it(`matches the snapshot of ${name}`, async () => {
      await expect(content).toMatchFileSnapshot(`../__snapshots__/${name}`);
    });
  }

  // the blueprints again as plain files: the diff a reviewer reads for an authentik change
  const app = new App();
  blumeops(app);
  for (const blueprint of app.node.findAll().filter(Blueprint.isBlueprint)) {
    it(`matches the snapshot of blueprint ${blueprint.fileName}`, async () => {
      await expect(blueprint.toYaml()).toMatchFileSnapshot(`../__snapshots__/blueprints/${blueprint.fileName}`);
    });
  }

  it('committed dist/ equals a fresh synth, byte for byte', () => {
    const committed = readDist(new URL('../dist', import.meta.url).pathname);
    expect([...committed.keys()]).toEqual([...files.keys()]);
    for (const [name, content] of files) expect(committed.get(name), name).toBe(content);
  });

  it('gives byte-identical output on a second synth', () => {
    expect(synthBlumeops()).toEqual(files);
  });
});
