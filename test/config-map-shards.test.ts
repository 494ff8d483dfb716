import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ApplicationAccess, Blueprint, OidcClient, renderApp, validateApp } from '../constructs';
import { testChart } from './helpers';

/** An app with `count` clients, each in its own blueprint, padded so a few hundred fill 1 MiB. */
function manyClients(count: number): App {
  const chart = testChart();
  for (let i = 0; i < count; i++) {
    const slug = `app${String(i).padStart(4, '0')}`;
    const bp = new Blueprint(chart, `Bp${i}`, { fileName: `${slug}.yaml`, name: `Blueprint ${slug}`, description: 'x'.repeat(3000) });
    new OidcClient(bp, 'Client', {
      name: slug, slug, redirectUris: [`https://${slug}.example/cb`], launchUrl: `https://${slug}.example`,
      access: ApplicationAccess.anyAuthenticatedUser(),
    });
  }
  return chart.node.root as App;
}

describe('blueprints ConfigMap', () => {
  it('keeps a single ConfigMap and a plain configMap volume while the blueprints fit', () => {
    const files = renderApp(manyClients(3));
    const patch = parse(files.get('deployment-authentik-worker.patch.yaml')!);
    expect(patch.spec.template.spec.volumes).toEqual([{ name: 'blueprints', configMap: { name: 'authentik-blueprints' } }]);
    expect([...files.keys()].filter((f) => f.startsWith('configmap-'))).toEqual(['configmap-authentik-blueprints.yaml']);
  });

  it('splits blueprints over 1 MiB across ConfigMaps under the limit, mounted as one projected volume', () => {
    const files = renderApp(manyClients(400));
    const maps = [...files.keys()].filter((f) => f.startsWith('configmap-'));
    expect(maps).toEqual(['configmap-authentik-blueprints-2.yaml', 'configmap-authentik-blueprints.yaml']);
    const data = maps.map((f) => parse(files.get(f)!).data as Record<string, string>);
    for (const d of data) expect(Object.entries(d).reduce((n, [k, v]) => n + k.length + Buffer.byteLength(v), 0)).toBeLessThan(1_000_001);
    // every blueprint exactly once, in file-name order across the shards
    const all = [...Object.keys(data[1]), ...Object.keys(data[0])];
    expect(all).toHaveLength(400);
    expect(all).toEqual([...all].sort());
    const patch = parse(files.get('deployment-authentik-worker.patch.yaml')!);
    expect(patch.spec.template.spec.volumes).toEqual([{
      name: 'blueprints',
      projected: { sources: [{ configMap: { name: 'authentik-blueprints' } }, { configMap: { name: 'authentik-blueprints-2' } }] },
    }]);
    const kustomization = parse(files.get('kustomization.yaml')!);
    expect(kustomization.resources).toContain('configmap-authentik-blueprints-2.yaml');
  }, 60_000);

  it('fails when one blueprint alone is more than a ConfigMap can hold', () => {
    const chart = testChart();
    new Blueprint(chart, 'Huge', { fileName: 'huge.yaml', name: 'Huge', description: 'x'.repeat(1_100_000) });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/BlueprintsConfigMap: blueprint huge.yaml is \d+ bytes, more than one ConfigMap can hold/);
  });
});
