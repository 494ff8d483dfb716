import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { afterAll, describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { ApplicationAccess, ExitCode, OidcClient, readDist, synthCommand, type Blueprint, type Group } from '../constructs';
import { droppedObjects } from '../constructs/synth/private/dropped-objects';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** blumeops, plus a Immich client in grafana.yaml: present, retired, or not declared at all. */
const app = (immich: 'present' | 'retired' | 'gone') => (): App => {
  const root = new App();
  const authentik = blumeops(root);
  if (immich !== 'gone') {
    new OidcClient(authentik.node.findChild('Grafana') as Blueprint, 'Immich', {
      name: 'Immich',
      slug: 'immich',
      redirectUris: ['https://immich.ops.eblu.me/sso/OID/redirect/authentik'],
      launchUrl: 'https://immich.ops.eblu.me',
      access: ApplicationAccess.groups(authentik.node.findChild('Common').node.findChild('Admins') as Group),
      retired: immich === 'retired',
    });
  }
  return root;
};

function synth(cwd: string, build: () => App, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = synthCommand({ build, argv, defaultOutdir: join(cwd, 'dist'), out: (l) => out.push(l), err: (l) => err.push(l), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function withImmich(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'dropped-'));
  temps.push(cwd);
  expect(synth(cwd, app('present')).code).toBe(ExitCode.OK);
  return cwd;
}

const TOKENS = [
  'authentik_core.application:slug=immich',
  'authentik_policies.policybinding:group=group admins,target=application immich',
  'authentik_providers_oauth2.oauth2provider:name=Immich',
];

describe('a synth that would drop objects dist/ declares present', () => {
  it('fails with exit 2, listing each object with its blueprint, model, identifiers and the fix, and writes nothing', () => {
    const cwd = withImmich();
    const before = readDist(join(cwd, 'dist'));
    const run = synth(cwd, app('gone'));
    expect(run.code).toBe(ExitCode.INVALID);
    expect(run.err).toContain(`3 objects that ${join(cwd, 'dist')} declares would disappear from the blueprints without being retired`);
    expect(run.err).toContain("  - grafana.yaml (in configmap-authentik-blueprints.yaml): authentik_core.application slug=immich (application immich); "
      + "to keep it unmanaged: --forget 'authentik_core.application:slug=immich'");
    expect(run.err).toContain('authentik_policies.policybinding group=group admins,target=application immich (binding of group admins to application immich)');
    expect(run.err).toContain('authentik_providers_oauth2.oauth2provider name=Immich (provider Immich)');
    expect(run.err).toMatch(/fix: declare them retired instead of deleting them: `retired: true` on the OidcClient/);
    expect(readDist(join(cwd, 'dist'))).toEqual(before);
  });

  it('--check reports the same refusal, with exit 2', () => {
    const cwd = withImmich();
    const run = synth(cwd, app('gone'), '--check');
    expect(run.code).toBe(ExitCode.INVALID);
    expect(run.out).toContain('--- a/dist/configmap-authentik-blueprints.yaml');
    expect(run.err).toContain("--forget 'authentik_core.application:slug=immich'");
    expect(run.err).toMatch(/is stale, and `npm run synth` would refuse to update it until the above is resolved/);
  });

  it('lets objects go when retired first, then removed', () => {
    const cwd = withImmich();
    expect(synth(cwd, app('retired')).code).toBe(ExitCode.OK);
    const gone = synth(cwd, app('gone'));
    expect(gone.code, gone.err).toBe(ExitCode.OK);
    expect(readDist(join(cwd, 'dist')).get('configmap-authentik-blueprints.yaml')).not.toContain('immich');
  });

  it('lets them go when told, object by object with --forget, or all with --allow-removals', () => {
    const cwd = withImmich();
    const partly = synth(cwd, app('gone'), '--forget', TOKENS[0], '--forget', TOKENS[2]);
    expect(partly.code).toBe(ExitCode.INVALID);
    expect(partly.err).toContain('1 object that');
    expect(partly.err).toContain(TOKENS[1]);
    const forgotten = synth(cwd, app('gone'), ...TOKENS.flatMap((t) => ['--forget', t]));
    expect(forgotten.code, forgotten.err).toBe(ExitCode.OK);
    const other = withImmich();
    expect(synth(other, app('gone'), '--allow-removals').code).toBe(ExitCode.OK);
  });

  it('warns about a --forget that matches nothing, and rejects one that is not MODEL:IDENTIFIERS', () => {
    const cwd = withImmich();
    const run = synth(cwd, app('retired'), '--forget', 'authentik_core.group:name=nobody');
    expect(run.code).toBe(ExitCode.OK);
    expect(run.err).toContain('--forget authentik_core.group:name=nobody: no object of');
    const bad = synth(cwd, app('retired'), '--forget', 'immich');
    expect(bad.code).toBe(ExitCode.INVALID);
    expect(bad.err).toContain('--forget "immich" is not MODEL:IDENTIFIERS');
  });
});

describe('droppedObjects', () => {
  const blueprint = (...groups: Array<[string, string?]>): string => [
    'version: 1', 'entries:',
    ...groups.flatMap(([name, state]) => ['  - model: authentik_core.group', `    identifiers:`, `      name: ${name}`, ...(state ? [`    state: ${state}`] : [])]),
    '',
  ].join('\n');
  const folder = (data: Record<string, string>): Map<string, string> => new Map([[
    'configmap-authentik-blueprints.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: authentik-blueprints\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: |\n${v.split('\n').filter(Boolean).map((l) => `    ${l}`).join('\n')}\n`).join('')}`,
  ]]);

  it('finds an object that left every blueprint, and not one that moved to another file, changed or not', () => {
    const before = folder({ 'a.yaml': blueprint(['admins'], ['ops']), 'b.yaml': blueprint(['users']), 'c.yaml': blueprint(['ops'], ['guests']) });
    const after = folder({ 'a.yaml': blueprint(['users']), 'b.yaml': blueprint(['admins']), 'c.yaml': blueprint(['ops'], ['guests']) });
    expect(droppedObjects(before, after).map((d) => d.token)).toEqual([]);
    const lost = folder({ 'a.yaml': blueprint(['admins']), 'c.yaml': blueprint(['ops'], ['guests']) });
    expect(droppedObjects(before, lost)).toEqual([{
      blueprint: 'b.yaml', source: 'configmap-authentik-blueprints.yaml', model: 'authentik_core.group', identifiers: 'name=users',
      label: 'group users', token: 'authentik_core.group:name=users',
    }]);
  });

  it('lets an object go that was already absent', () => {
    const before = folder({ 'a.yaml': blueprint(['admins'], ['old', 'absent']) });
    expect(droppedObjects(before, folder({ 'a.yaml': blueprint(['admins']) }))).toEqual([]);
  });
});
