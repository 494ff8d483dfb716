import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { Blueprint, renderApp } from '../constructs';
import { readDist } from '../constructs/synth/dist-dir';

function synthBlumeops(): Map<string, string> {
  const app = new App();
  blumeops(app);
  return renderApp(app);
}

describe('blumeops synth', () => {
  const files = synthBlumeops();

  it('writes the authentik overlay at the root, the same objects as a Component, each consumer\'s half in its folder, and the access map', () => {
    expect([...files.keys()]).toEqual([
      'ACCESS.md',
      'ansible/indri/forgejo.json',
      'ansible/indri/jellyfin.json',
      'ansible/indri/zot.json',
      'component/configmap-authentik-blueprints.yaml',
      'component/deployment-authentik-worker.patch.yaml',
      'component/externalsecret-authentik-config.yaml',
      'component/kustomization.yaml',
      'configmap-authentik-blueprints.yaml',
      'consumers/indri/argocd/configmap-argocd-cm.patch.yaml',
      'consumers/indri/argocd/configmap-argocd-rbac-cm.patch.yaml',
      'consumers/indri/argocd/externalsecret-argocd-oidc-authentik.yaml',
      'consumers/indri/argocd/kustomization.yaml',
      'consumers/indri/grafana-config/configmap-grafana-authentik-oidc.yaml',
      'consumers/indri/grafana-config/externalsecret-grafana-authentik-oauth.yaml',
      'consumers/indri/grafana-config/kustomization.yaml',
      'deployment-authentik-worker.patch.yaml',
      'externalsecret-authentik-config.yaml',
      'kustomization.yaml',
    ]);
  });

  it('writes the Component\'s resources byte for byte as the overlay\'s', () => {
    for (const name of ['configmap-authentik-blueprints.yaml', 'externalsecret-authentik-config.yaml']) {
      expect(files.get(`component/${name}`), name).toBe(files.get(name));
    }
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
