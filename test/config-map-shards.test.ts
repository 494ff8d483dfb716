import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ApplicationAccess, Blueprint, CONFIG_MAP_JSON_BUDGET_BYTES, OidcClient, renderApp, validateApp } from '../constructs';
import { jsonStringBytes } from '../constructs/k8s/blueprints-config-map';
import { seededIntegers, testChart } from './helpers';

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

  it('splits blueprints across ConfigMaps ArgoCD can apply client-side, mounted as one projected volume', () => {
    const files = renderApp(manyClients(400));
    const maps = [...files.keys()].filter((f) => f.startsWith('configmap-'));
    expect(maps.length).toBeGreaterThan(2);
    const objects = maps.map((f) => parse(files.get(f)!));
    for (const obj of objects) expect(Buffer.byteLength(JSON.stringify(obj))).toBeLessThanOrEqual(CONFIG_MAP_JSON_BUDGET_BYTES);
    // every blueprint exactly once, in file-name order across the shards (authentik-blueprints, -2, -3, …)
    const byName = new Map(objects.map((o) => [o.metadata.name as string, Object.keys(o.data)]));
    const names = ['authentik-blueprints', ...Array.from({ length: maps.length - 1 }, (_, i) => `authentik-blueprints-${i + 2}`)];
    const all = names.flatMap((n) => byName.get(n)!);
    expect(all).toHaveLength(400);
    expect(all).toEqual([...all].sort());
    const patch = parse(files.get('deployment-authentik-worker.patch.yaml')!);
    expect(patch.spec.template.spec.volumes).toEqual([{ name: 'blueprints', projected: { sources: names.map((name) => ({ configMap: { name } })) } }]);
    const kustomization = parse(files.get('kustomization.yaml')!);
    for (const map of maps) expect(kustomization.resources).toContain(map);
  }, 60_000);

  it('fails when one blueprint alone is more than a ConfigMap ArgoCD can apply client-side can hold', () => {
    const chart = testChart();
    new Blueprint(chart, 'Huge', { fileName: 'huge.yaml', name: 'Huge', description: 'x'.repeat(300_000) });
    const problems = validateApp(chart);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Authentik\/BlueprintsConfigMap: blueprint huge\.yaml takes \d+ bytes in a ConfigMap \(as JSON\), more than the \d+ one ConfigMap has room for so that ArgoCD can sync it with client-side apply .*262144 bytes\); split its entries across several blueprints$/);
  });
});

describe('the size of a blueprint in a ConfigMap', () => {
  it('is counted as the bytes JSON.stringify would write, escapes and UTF-8 included, without writing them, on the fast path for text with only line breaks to escape too', () => {
    const tricky = ['', 'plain', 'line\nbreaks only\n\n', 'é\n€\n😀\n', 'quote " and \\ backslash', 'new\nline\ttab\rcr\bbs\fff', '\u0000\u001f\u007f', 'é€', '😀 pair',
      'lone \ud800 high', 'lone \udc00 low', 'high at the end \ud83d', '\u2028\u2029', '\uffff'];
    // a fixed pseudo-random sequence, so a failure repeats
    const next = seededIntegers(42);
    const random = Array.from({ length: 2000 }, () => Array.from({ length: next(16) }, () => String.fromCharCode(next(4) === 0 ? next(0x10000) : next(0x80))).join(''));
    for (const text of [...tricky, ...random]) expect(jsonStringBytes(text), JSON.stringify(text)).toBe(Buffer.byteLength(JSON.stringify(text)));
  });
});
