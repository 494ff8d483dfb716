import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Blueprint, renderApp, validateApp } from '../constructs';
import { testChart } from './helpers';

describe('BlueprintsConfigMap', () => {
  it('writes one data key per blueprint, in file-name order, blueprints declared after it included', () => {
    const chart = testChart();
    new Blueprint(chart, 'Zot', { fileName: 'zot.yaml', name: 'Zot', description: 'z' });
    new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'Common', description: 'c' });
    const map = chart.blueprints;
    expect(Object.keys(map.data())).toEqual(['common.yaml', 'zot.yaml']);
    expect(map.data()['zot.yaml']).toContain('name: Zot');
    expect(map.configMapNames()).toEqual(['authentik-blueprints']);
    const json = map.apiObject.toJson();
    expect(json).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'authentik-blueprints', namespace: 'authentik' } });
    expect(Object.keys(json.data)).toEqual(['common.yaml', 'zot.yaml']);
  });

  it('writes an empty ConfigMap when the app has no blueprint', () => {
    const files = renderApp(testChart().node.root as App);
    expect(files.get('configmap-authentik-blueprints.yaml')).toContain('data: {}');
  });

  it('hands out copies: changing what data() or shards() returned changes nothing written', () => {
    const chart = testChart();
    new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'Common', description: 'c' });
    chart.blueprints.data()['common.yaml'] = 'tampered';
    chart.blueprints.shards()[0]['common.yaml'] = 'tampered';
    expect(chart.blueprints.apiObject.toJson().data['common.yaml']).not.toBe('tampered');
  });

  it('fails when more ConfigMaps are needed than were defined, i.e. the app was synthesized without prepareForSynth()', () => {
    const chart = testChart();
    for (let i = 0; i < 3; i++) new Blueprint(chart, `B${i}`, { fileName: `b${i}.yaml`, name: `B${i}`, description: 'x'.repeat(100_000) });
    expect(validateApp(chart)).toContain('Authentik/BlueprintsConfigMap: the blueprints need 2 ConfigMaps but 1 are defined; '
      + 'synthesize with renderApp() or `npm run synth`, which call prepareForSynth() first');
    expect([...renderApp(chart.node.root as App).keys()].filter((f) => f.startsWith('configmap-'))).toEqual([
      'configmap-authentik-blueprints-2.yaml', 'configmap-authentik-blueprints.yaml',
    ]);
  });
});
