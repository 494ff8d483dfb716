import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App } from 'cdk8s';
import { afterAll, describe, expect, it } from 'vitest';
import { ApplicationAccess, Blueprint, Group, OidcClient, renderApp } from '../constructs';
import { readDist } from '../constructs/synth/dist-dir';
import { testChart } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'determinism-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function synthInChild(name: string, cwd: string, env: Record<string, string>): Map<string, string> {
  const outdir = join(scratch, name);
  // tsx by absolute URL: a bare `--import tsx` resolves from the working directory
  const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const result = spawnSync(process.execPath, ['--import', tsx, join(root, 'main.ts'), '--outdir', outdir], {
    cwd, env: { ...process.env, ...env }, encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return readDist(outdir);
}

describe('determinism', () => {
  it('gives byte-identical files whatever the working directory, time zone, locale and environment', () => {
    const a = synthInChild('a', root, { TZ: 'UTC', LANG: 'C.UTF-8' });
    const b = synthInChild('b', tmpdir(), {
      TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', AUTHENTIK_GRAFANA_CLIENT_SECRET: 'not-read', HOME: scratch,
    });
    expect(b).toEqual(a);
    expect(a).toEqual(readDist(join(root, 'dist')));
  }, 60_000);

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
