import { ApiObject, App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Kustomization, markAsPatch } from '../constructs';

function chartWith(objects: Array<{ kind: string; name: string; patch?: boolean }>, bases?: string[]): Kustomization {
  const chart = new Chart(new App(), 'Authentik');
  for (const o of objects) {
    const obj = new ApiObject(chart, `${o.kind}-${o.name}`, { apiVersion: 'v1', kind: o.kind, metadata: { name: o.name } });
    if (o.patch) markAsPatch(obj);
  }
  return new Kustomization(chart, 'Kustomization', { bases });
}

describe('Kustomization', () => {
  it('writes the bases first, then every object of its chart as a resource by file name, and patches under patches', () => {
    const k = chartWith([
      { kind: 'ExternalSecret', name: 'authentik-config' },
      { kind: 'ConfigMap', name: 'authentik-blueprints' },
      { kind: 'Deployment', name: 'authentik-worker', patch: true },
    ], ['../base']);
    expect(k.apiObject.toJson()).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      metadata: { name: 'authentik' },
      resources: ['../base', 'configmap-authentik-blueprints.yaml', 'externalsecret-authentik-config.yaml'],
      patches: [{ path: 'deployment-authentik-worker.patch.yaml' }],
    });
  });

  it('writes objects added after it too (resources are produced at synth time)', () => {
    const k = chartWith([]);
    new ApiObject(Chart.of(k), 'Late', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
    expect(k.apiObject.toJson().resources).toEqual(['configmap-late.yaml']);
  });

  it('writes no bases when none are given, and never lists itself', () => {
    const k = chartWith([{ kind: 'ConfigMap', name: 'x' }]);
    expect(k.apiObject.toJson().resources).toEqual(['configmap-x.yaml']);
    expect(JSON.stringify(k.apiObject.toJson())).not.toContain('kustomization.yaml');
  });
});
