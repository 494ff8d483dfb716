import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'cdk8s';
import { afterAll, describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { ApplicationAccess, ExitCode, OidcClient, synthCommand, SYNTH_USAGE, type Blueprint, type Group } from '../constructs';
import { shouldColor } from '../constructs/synth/terminal-style';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
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

/** Every file and folder under `dir` (hidden staging folders included) with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name === 'node_modules') continue;
      if (entry.isDirectory()) {
        out.set(`${path}/`, '');
        walk(path);
      } else {
        out.set(path, readFileSync(join(dir, path)).toString('base64'));
      }
    }
  };
  walk('');
  return out;
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

describe('synthCommand', () => {
  const build = (change?: (app: App) => void) => (): App => {
    const app = new App();
    blumeops(app);
    change?.(app);
    return app;
  };
  const withImmich = build((app) => {
    const authentik = app.node.findChild('Authentik');
    const grafana = authentik.node.findChild('Grafana') as Blueprint;
    new OidcClient(grafana, 'Immich', {
      name: 'Immich',
      slug: 'immich',
      redirectUris: ['https://immich.ops.eblu.me/sso/OID/redirect/authentik'],
      launchUrl: 'https://immich.ops.eblu.me',
      access: ApplicationAccess.groups(authentik.node.findChild('Common').node.findChild('Admins') as Group),
    });
  });
  const run = (argv: string[], options: { build?: () => App; color?: boolean; cwd?: string } = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const cwd = options.cwd ?? tempDir();
    const code = synthCommand({
      build: options.build ?? build(),
      argv,
      defaultOutdir: join(cwd, 'dist'),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      color: options.color,
      cwd,
    });
    return { code, out: out.join('\n'), err: err.join('\n'), cwd, dist: join(cwd, 'dist') };
  };

  it('writes a fresh folder without a summary, then checks it as up to date', () => {
    const first = run([]);
    expect(first.code).toBe(ExitCode.OK);
    expect(first.out).toContain('held no files before: no change summary');
    const check = run(['--check'], { cwd: first.cwd });
    expect(check.code).toBe(ExitCode.OK);
    expect(check.out).toMatch(/is up to date/);
  });

  it('prints the change summary after a synth that changed something', () => {
    const { cwd } = run([]);
    const second = run([], { cwd, build: withImmich });
    expect(second.code).toBe(ExitCode.OK);
    expect(second.out).toContain([
      'Change summary:',
      '  application immich added (grafana.yaml)',
      '  application immich: OAuth2 provider Immich added',
      '  application immich: policy binding of group admins (order 0) added',
    ].join('\n'));
    expect(second.out).toContain([
      '  MANUAL STEPS:',
      '    before merging: create field immich-client-secret in 1Password item "Authentik (blumeops)"',
    ].join('\n'));
    expect(run([], { cwd, build: withImmich }).out).not.toContain('Change summary');
  });

  it('lists added and removed files in the diff without touching the folder', () => {
    const { cwd, dist } = run([]);
    unlinkSync(join(dist, 'kustomization.yaml'));
    // a manifest an earlier synth wrote (named after its own kind and name), which this app no longer has
    writeFileSync(join(dist, 'configmap-old.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n');
    const before = snapshot(cwd);
    const check = run(['--check'], { cwd });
    expect(check.code).toBe(ExitCode.STALE);
    expect(check.out).toContain('--- /dev/null\n+++ b/dist/kustomization.yaml\n@@ -0,0 +1,');
    expect(check.out).toContain('--- a/dist/configmap-old.yaml\n+++ /dev/null\n@@ -1,4 +0,0 @@\n-apiVersion: v1');
    expect(check.out).toContain('  file configmap-old.yaml removed');
    expect(snapshot(cwd)).toEqual(before);
  });

  it('colours the diff only when asked', () => {
    const { cwd, dist } = run([]);
    writeFileSync(join(dist, 'stray.yaml'), 'x: 1\n');
    expect(run(['--check'], { cwd }).out).not.toContain('\u001b[');
    expect(run(['--check'], { cwd, color: true }).out).toContain('\u001b[31m-x: 1\u001b[39m');
  });

  it('exits 2 with the usage on an unknown argument, and documents the exit codes in --help', () => {
    const bad = run(['--chek']);
    expect(bad.code).toBe(ExitCode.INVALID);
    expect(bad.err).toContain("invalid arguments: Unknown option '--chek'");
    expect(bad.err).toContain(SYNTH_USAGE);
    const help = run(['--help']);
    expect(help.code).toBe(ExitCode.OK);
    expect(help.out).toMatch(/^ {2}0 .*\n {2}1 .*--check.*stale.*\n {2}2 .*invalid.*\n.*\n {2}3 .*could not be read or written/m);
    expect(existsSync(help.dist)).toBe(false);
  });

  it('exits 2, writing nothing, when a construct throws while the app is built', () => {
    const failed = run([], { build: () => { throw new Error('slug "Zot Registry" is not a slug'); } });
    expect(failed.code).toBe(ExitCode.INVALID);
    expect(failed.err).toContain('slug "Zot Registry" is not a slug');
    expect(existsSync(failed.dist)).toBe(false);
  });

  it('honours --outdir=DIR', () => {
    const cwd = tempDir();
    const written = run([`--outdir=${join(cwd, 'elsewhere')}`], { cwd });
    expect(written.code).toBe(ExitCode.OK);
    expect(existsSync(join(cwd, 'elsewhere', 'kustomization.yaml'))).toBe(true);
  });
});

describe('shouldColor', () => {
  it('colours a TTY unless NO_COLOR is set', () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({}, {})).toBe(false);
  });
});
