import { existsSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { afterAll, describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { ApplicationAccess, ExitCode, OidcClient, synthCommand, SYNTH_USAGE, type Blueprint, type Group } from '../constructs';
import { shouldColor } from '../constructs/synth/terminal-style';
import { snapshot } from './folder-snapshot';

// `npm run synth -- --check` as a real child process: test/e2e/check-mode-process.test.ts

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blumeops-check-'));
  temps.push(dir);
  return dir;
}

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
