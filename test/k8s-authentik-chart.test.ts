import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AuthentikChart, Blueprint, Group, renderApp, validateApp } from '../constructs';
import { testChart } from './helpers';

describe('AuthentikChart', () => {
  it('writes the four files of the synced folder, in its namespace', () => {
    const chart = testChart();
    new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'Common', description: 'groups' });
    const files = renderApp(chart.node.root as App);
    expect([...files.keys()]).toEqual([
      'configmap-authentik-blueprints.yaml', 'deployment-authentik-worker.patch.yaml', 'externalsecret-authentik-config.yaml', 'kustomization.yaml',
    ]);
    for (const text of files.values()) expect(parse(text).metadata.namespace).toBe('authentik');
    expect(parse(files.get('kustomization.yaml')!).resources[0]).toBe('../base');
  });

  it('writes the names and paths it is given instead of the defaults', () => {
    const chart = testChart({
      secretName: 'idp-config', blueprintsConfigMapName: 'idp-blueprints', blueprintsMountPath: '/blueprints/idp',
      workerDeploymentName: 'idp-worker', workerContainerName: 'idp',
    });
    const files = renderApp(chart.node.root as App);
    expect([...files.keys()]).toEqual(['configmap-idp-blueprints.yaml', 'deployment-idp-worker.patch.yaml', 'externalsecret-idp-config.yaml', 'kustomization.yaml']);
    const container = parse(files.get('deployment-idp-worker.patch.yaml')!).spec.template.spec.containers[0];
    expect(container).toMatchObject({ name: 'idp', volumeMounts: [{ mountPath: '/blueprints/idp', readOnly: true }] });
  });

  it('finds itself from any construct inside it, and fails outside one', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'Common', description: 'groups' });
    expect(AuthentikChart.of(new Group(bp, 'Admins', { name: 'admins' }))).toBe(chart);
    expect(() => AuthentikChart.of(new Chart(new App(), 'Plain'))).toThrow('Plain: must be defined inside an AuthentikChart');
  });

  it('fails when the namespace, the ConfigMap name or the kustomize base is unusable', () => {
    const chart = testChart({ namespace: 'Authentik', blueprintsConfigMapName: 'Blueprints', kustomizeBase: '/srv/base' });
    const problems = validateApp(chart).join('\n');
    expect(problems).toContain('Authentik: namespace "Authentik" is not a valid namespace');
    expect(problems).toContain('Authentik: blueprintsConfigMapName "Blueprints" is not a valid Kubernetes name');
    expect(problems).toContain('Authentik: kustomizeBase "/srv/base" must be a path relative to the synced folder, e.g. ../base, so the repo renders anywhere');
  });
});
