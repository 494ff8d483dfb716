import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { ApplicationAccess, Blueprint, Group, OidcClient, renderApp } from '../constructs';
import { testChart } from './helpers';

// the same files whatever the working directory, time zone, locale and environment of a real
// synth process: test/e2e/determinism-process.test.ts

describe('determinism', () => {
  it('gives byte-identical files whatever order blueprints, groups and clients are declared in', () => {
    const declare = (order: number[]): Map<string, string> => {
      const chart = testChart();
      const bps = [
        () => new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'Common' }),
        () => new Blueprint(chart, 'A', { fileName: 'a.yaml', name: 'A' }),
        () => new Blueprint(chart, 'B', { fileName: 'b.yaml', name: 'B' }),
      ];
      const made = new Map<number, Blueprint>();
      for (const i of order) made.set(i, bps[i]());
      const groups = order.map((i) => new Group(made.get(0)!, `G${i}`, { name: `group-${i}` }));
      const byName = (n: number): Group => groups.find((g) => g.groupName === `group-${n}`)!;
      for (const i of order) {
        chart.secrets.addKey(`base-${i}`);
        if (i === 0) continue;
        const slug = i === 1 ? 'alpha' : 'beta';
        new OidcClient(made.get(i)!, 'Client', {
          name: slug, slug, redirectUris: [`https://${slug}.example/cb`], launchUrl: `https://${slug}.example`,
          access: ApplicationAccess.groups(byName(1), byName(2)),
        });
      }
      return renderApp(chart.node.root as App);
    };
    const first = declare([0, 1, 2]);
    expect(declare([2, 1, 0])).toEqual(first);
    expect(declare([1, 0, 2])).toEqual(first);
    expect(first.get('externalsecret-authentik-config.yaml')).toMatch(/base-0[\s\S]*base-1[\s\S]*base-2/);
  });
});
