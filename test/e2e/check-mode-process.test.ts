import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../constructs';
import { snapshot } from '../folder-snapshot';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blumeops-check-'));
  temps.push(dir);
  return dir;
}

/** A copy of the project as committed (main.ts, constructs/, dist/ …), sharing node_modules. */
function projectCopy(): string {
  const dir = tempDir();
  for (const path of ['main.ts', 'constructs', 'package.json', 'tsconfig.json', 'dist']) {
    cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs `node --import tsx main.ts …args` in `dir`, as `npm run synth -- …args` does. */
function synthProcess(dir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CDK8S_OUTDIR;
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'main.ts', ...args], { cwd: dir, env, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function editMain(dir: string, from: string, to: string): void {
  const main = readFileSync(join(dir, 'main.ts'), 'utf8');
  expect(main).toContain(from);
  writeFileSync(join(dir, 'main.ts'), main.replace(from, to));
}

describe('npm run synth -- --check (a real child process on a copy of the project)', () => {
  it('passes on a clean tree and touches nothing', () => {
    const dir = projectCopy();
    const before = snapshot(dir);
    const run = synthProcess(dir, '--check');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(ExitCode.OK);
    expect(run.stdout).toMatch(/dist is up to date \(\d+ files\)/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('fails with a diff and a change summary after main.ts is edited, leaving dist byte-identical', () => {
    // GIVEN zot's redirect URI edited in main.ts, dist/ not re-synthesized
    const dir = projectCopy();
    editMain(dir, "'https://registry.ops.eblu.me/zot/auth/callback/oidc'", "'https://zot.ops.eblu.me/auth/callback/oidc'");
    const before = snapshot(dir);
    // WHEN
    const run = synthProcess(dir, '--check');
    // THEN
    expect(run.code).toBe(ExitCode.STALE);
    expect(run.stdout).toContain([
      '--- a/dist/configmap-authentik-blueprints.yaml',
      '+++ b/dist/configmap-authentik-blueprints.yaml',
    ].join('\n'));
    expect(run.stdout).toMatch(/^@@ -\d+,7 \+\d+,7 @@$/m);
    expect(run.stdout).toContain([
      '-              url: https://registry.ops.eblu.me/zot/auth/callback/oidc',
      '+              url: https://zot.ops.eblu.me/auth/callback/oidc',
    ].join('\n'));
    expect(run.stdout).toContain([
      'Change summary:',
      '  application zot: redirect URI added https://zot.ops.eblu.me/auth/callback/oidc',
      '  application zot: redirect URI removed https://registry.ops.eblu.me/zot/auth/callback/oidc',
    ].join('\n'));
    expect(run.stdout).not.toContain('\u001b['); // not a TTY: no colour
    expect(run.stderr).toMatch(/dist is stale: run `npm run synth` and commit the result/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('summarizes retiring zot in main.ts in authentik terms, with the 1Password field that can go', () => {
    const dir = projectCopy();
    editMain(dir, "slug: 'zot',", "slug: 'zot',\n    retired: true,");
    const run = synthProcess(dir, '--check');
    expect(run.code).toBe(ExitCode.STALE);
    expect(run.stdout.slice(run.stdout.indexOf('Change summary:'))).toBe([
      'Change summary:',
      '  application zot retired (state absent): authentik deletes it with OAuth2 provider Zot, '
        + 'policy binding of group admins (order 0) and policy binding of group artifact-workloads (order 1)',
      '  service account zot-ci retired (state absent): authentik deletes it',
      '  access: group admins may no longer open application zot',
      '  access: group artifact-workloads may no longer open application zot',
      '  access: service account zot-ci may no longer open application zot',
      '  secret key zot-client-secret removed in ExternalSecret authentik-config',
      '  worker env AUTHENTIK_ZOT_CLIENT_SECRET removed',
      // a retired client has no consumers: the Ansible role must stop reading the file
      '  file ansible/indri/zot.json removed',
      '  MANUAL STEPS:',
      '    after authentik applied the change: field zot-client-secret in 1Password item "Authentik (blumeops)" can be deleted',
      '',
    ].join('\n'));
  });

  it('exits 2 on an invalid declaration and leaves dist untouched', () => {
    // GIVEN a group attribute authentik does not have (tsx does not type-check)
    const dir = projectCopy();
    editMain(dir, "{ name: 'admins' }", "{ name: 'admins', colour: 'red' }");
    const before = snapshot(dir);
    for (const args of [['--check'], []]) {
      const run = synthProcess(dir, ...args);
      expect(run.code).toBe(ExitCode.INVALID);
      expect(run.stderr).toMatch(/nothing was written/);
      expect(run.stderr).toContain('colour');
      expect(snapshot(dir)).toEqual(before);
    }
  });
});
