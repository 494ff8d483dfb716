import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { validateApp, WorkerPatch, type WorkerPatchProps } from '../constructs';

function patch(names: string[], props: Partial<WorkerPatchProps> = {}): { chart: Chart; worker: WorkerPatch } {
  const chart = new Chart(new App(), 'Test');
  const worker = new WorkerPatch(chart, 'WorkerPatch', {
    deploymentName: 'authentik-worker', containerName: 'worker', blueprintsMountPath: '/blueprints/custom',
    blueprintConfigMaps: { configMapNames: () => names }, ...props,
  });
  return { chart, worker };
}

describe('WorkerPatch', () => {
  it('writes a strategic-merge patch: the read-only mount, a configMap volume and the env vars sorted by name', () => {
    const { worker } = patch(['authentik-blueprints']);
    worker.addSecretEnv('AUTHENTIK_ZOT_CLIENT_SECRET', 'authentik-config', 'zot-client-secret');
    worker.addSecretEnv('AUTHENTIK_GRAFANA_CLIENT_SECRET', 'authentik-config', 'grafana-client-secret');
    expect(worker.apiObject.toJson()).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'authentik-worker' },
      spec: { template: { spec: {
        containers: [{
          name: 'worker',
          env: [
            { name: 'AUTHENTIK_GRAFANA_CLIENT_SECRET', valueFrom: { secretKeyRef: { name: 'authentik-config', key: 'grafana-client-secret' } } },
            { name: 'AUTHENTIK_ZOT_CLIENT_SECRET', valueFrom: { secretKeyRef: { name: 'authentik-config', key: 'zot-client-secret' } } },
          ],
          volumeMounts: [{ name: 'blueprints', mountPath: '/blueprints/custom', readOnly: true }],
        }],
        volumes: [{ name: 'blueprints', configMap: { name: 'authentik-blueprints' } }],
      } } },
    });
  });

  it('writes one projected volume over several ConfigMaps, in their order, so paths stay put', () => {
    const { worker } = patch(['authentik-blueprints', 'authentik-blueprints-2'], { blueprintsVolumeName: 'bp' });
    const spec = worker.apiObject.toJson().spec.template.spec;
    expect(spec.volumes).toEqual([{ name: 'bp', projected: { sources: [{ configMap: { name: 'authentik-blueprints' } }, { configMap: { name: 'authentik-blueprints-2' } }] } }]);
    expect(spec.containers[0].env).toBeUndefined();
  });

  it('fails when two constructs set the same variable, naming both', () => {
    const { chart, worker } = patch(['cm']);
    worker.addSecretEnv('AUTHENTIK_X', 's', 'a', 'Test/One');
    worker.addSecretEnv('AUTHENTIK_X', 's', 'b', 'Test/Two');
    expect(validateApp(chart)).toContain('Test/WorkerPatch: environment variable AUTHENTIK_X is set by Test/One and Test/Two; the worker can hold one value, so rename one');
  });

  it('fails when a variable name is not portable, the mount path is relative or the Deployment name is invalid', () => {
    const { chart, worker } = patch(['cm'], { blueprintsMountPath: 'blueprints/custom', deploymentName: 'Worker' });
    worker.addSecretEnv('1BAD-NAME', 's', 'k', 'Test/Client');
    const problems = validateApp(chart).join('\n');
    expect(problems).toContain('Test/Client: environment variable "1BAD-NAME" is not a portable environment variable name');
    expect(problems).toContain('Test/WorkerPatch: blueprintsMountPath "blueprints/custom" must be an absolute path under /blueprints, e.g. /blueprints/custom');
    expect(problems).toContain('Test/WorkerPatch: deploymentName "Worker" is not a valid Kubernetes name');
  });
});
