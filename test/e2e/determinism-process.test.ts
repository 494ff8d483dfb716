import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readDist } from '../../constructs/synth/dist-dir';

const root = fileURLToPath(new URL('../..', import.meta.url));
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
});
