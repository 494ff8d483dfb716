import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ApplicationAccess, Blueprint, Group, OidcClient, renderApp } from '../constructs';
import type { AuthentikVersion } from '../constructs/catalog/versions';
import { planCommand } from '../constructs/plan';
import { verifyCommand } from '../constructs/verify';
import { testChart } from './helpers';
import { FAKE_TOKEN, type FakeAuthentik } from './verify-fake-authentik';

/** A synthesized dist/ folder and its blueprint files by name. */
export interface ZotAppDist {
  readonly dir: string;
  readonly blueprints: Record<string, string>;
  /** Removes the folder. */
  readonly remove: () => void;
}

/**
 * The dist/ of an app declaring `version` that matches the fake authentik's world
 * (test/verify-fake-authentik.ts): zot's OIDC client open to admins and artifact-workloads, with the
 * zot-ci service account.
 */
export function zotAppDist(version: AuthentikVersion, prefix = 'zot-dist-'): ZotAppDist {
  const chart = testChart({ authentikVersion: version });
  const common = new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'BlumeOps Common Identity' });
  const admins = new Group(common, 'Admins', { name: 'admins' });
  const zot = new Blueprint(chart, 'Zot', { fileName: 'zot.yaml', name: 'BlumeOps Zot SSO' });
  const workloads = new Group(zot, 'Workloads', { name: 'artifact-workloads' });
  new OidcClient(zot, 'Zot', {
    name: 'Zot', applicationName: 'Zot Registry', slug: 'zot',
    redirectUris: ['https://registry.ops.eblu.me/zot/auth/callback/oidc'], launchUrl: 'https://registry.ops.eblu.me',
    access: ApplicationAccess.groups(admins, workloads),
    serviceAccounts: [{ username: 'zot-ci', name: 'Zot CI Service Account', groups: [workloads] }],
  });
  const dir = mkdtempSync(join(tmpdir(), `${prefix}${version}-`));
  const files = renderApp(chart.node.root as Parameters<typeof renderApp>[0]);
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  const configMap = parse(files.get('configmap-authentik-blueprints.yaml')!) as { data: Record<string, string> };
  return { dir, blueprints: configMap.data, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `verify` or `plan` in-process against `fake` on the dist/ at `dist`: its exit code and everything it printed. */
export async function runAgainst(command: 'verify' | 'plan', fake: FakeAuthentik, dist: string, argv: string[] = []): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const options = {
    argv: ['--dist', dist, ...argv], env: { AUTHENTIK_URL: fake.url, AUTHENTIK_TOKEN: FAKE_TOKEN }, defaultDist: dist,
    stdout: (t: string) => { stdout += t; }, stderr: (t: string) => { stdout += t; },
  };
  const code = command === 'verify' ? await verifyCommand(options) : await planCommand(options);
  return { code, stdout };
}
