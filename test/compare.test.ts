import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDist } from '../constructs/synth/dist-dir';
import { CompareExit, compareCommand, compareFolders, readManifestFolder } from '../constructs/synth/compare';

const DIST = join(__dirname, '..', 'dist');
const BLUEPRINTS = 'configmap-authentik-blueprints.yaml';
const dirs: string[] = [];

/** A folder holding `files`. */
function folder(files: ReadonlyMap<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'compare-'));
  dirs.push(dir);
  for (const [path, text] of files) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function run(argv: string[]): { code: CompareExit; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = compareCommand({ argv, defaultDist: DIST, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The committed dist/ with `from` replaced by `to` in the blueprints ConfigMap. */
function distWith(from: string, to: string): Map<string, string> {
  const files = readDist(DIST);
  const text = files.get(BLUEPRINTS)!;
  expect(text).toContain(from);
  return new Map([...files, [BLUEPRINTS, text.replace(from, to)]]);
}

const WORKER = `apiVersion: apps/v1
kind: Deployment
metadata: {name: authentik-worker}
spec:
  template:
    spec:
      containers:
        - name: worker
          args: [worker]
          env:
            - {name: AUTHENTIK_SECRET_KEY, valueFrom: {secretKeyRef: {name: authentik-config, key: secret-key}}}
            - {name: AUTHENTIK_REDIS__HOST, value: authentik-redis}
            - {name: AUTHENTIK_GRAFANA_CLIENT_SECRET, valueFrom: {secretKeyRef: {name: authentik-config, key: grafana-client-secret}}}
            - {name: AUTHENTIK_FORGEJO_CLIENT_SECRET, valueFrom: {secretKeyRef: {name: authentik-config, key: forgejo-client-secret}}}
            - {name: AUTHENTIK_ARGOCD_CLIENT_SECRET, valueFrom: {secretKeyRef: {name: authentik-config, key: argocd-client-secret}}}
            - {name: AUTHENTIK_JELLYFIN_CLIENT_SECRET, valueFrom: {secretKeyRef: {name: authentik-config, key: jellyfin-client-secret}}}
`;

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run compare', () => {
  it('exits 0 when authentik would hold the same from both folders', () => {
    const dir = folder(new Map([...readDist(DIST)].map(([p, t]) => [`nested/${p}`, t])));
    const { code, out } = run([dir]);
    expect(out).toBe(`same: authentik would hold the same objects from ${dir} as from ${DIST}, with the same secret wiring`);
    expect(code).toBe(CompareExit.SAME);
  });

  it('exits 1 and lists each difference in authentik terms, as switching to dist/ would change it', () => {
    const dir = folder(distWith('meta_launch_url: https://forge.eblu.me', 'meta_launch_url: https://forgejo.eblu.me'));
    const { code, out } = run([dir, '--dist', DIST]);
    expect(out.split('\n')).toEqual([
      `Switching from ${dir} to ${DIST} changes 1 thing in authentik's terms:`,
      '  application forgejo: launch URL changed https://forgejo.eblu.me → https://forge.eblu.me',
    ]);
    expect(code).toBe(CompareExit.DIFFERENT);
  });

  it('compares the worker variables blueprints read with !Env, not the rest of a hand-written Deployment', () => {
    const files = readDist(DIST);
    files.delete('deployment-authentik-worker.patch.yaml');
    files.delete('component/deployment-authentik-worker.patch.yaml');
    files.set('deployment-worker.yaml', WORKER);
    expect(compareFolders(files, readDist(DIST))).toEqual(['worker env AUTHENTIK_ZOT_CLIENT_SECRET added']);
  });

  it('ignores ConfigMap keys that are not blueprints, and files that are not YAML', () => {
    const files = readDist(DIST);
    files.set('configmap-other.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata:\n  settings.yaml: "a: 1"\n');
    const dir = folder(new Map([...files, ['notes.txt', 'not yaml: [']]));
    expect([...readManifestFolder(dir).keys()]).not.toContain('notes.txt');
    expect(run([dir]).code).toBe(CompareExit.SAME);
  });

  it('exits 2 on a missing folder, a missing argument or an unknown option', () => {
    expect(run([]).code).toBe(CompareExit.INVALID);
    const missing = run([join(tmpdir(), 'no-such-folder-for-compare')]);
    expect(missing.code).toBe(CompareExit.INVALID);
    expect(missing.err).toContain('is not a folder');
    const unknown = run([DIST, '--dits', DIST]);
    expect(unknown.code).toBe(CompareExit.INVALID);
    expect(unknown.err).toContain("Unknown option '--dits'");
    expect(run(['--help']).out).toContain('Exit codes:');
  });
});

describe('the switch from today\'s hand-written blumeops folders', () => {
  // the user's real files (eblume/blumeops at 14e9315): the authentik folder, and the two consumer
  // ExternalSecrets dist/ also writes (the rest of argocd/manifests is not dist's)
  const REAL = join(__dirname, 'fixtures', 'blumeops', 'argocd', 'manifests');
  const FIXTURE = join(REAL, 'authentik');
  const replaced = (): Map<string, string> => new Map([...readManifestFolder(REAL)].filter(([path]) => path.startsWith('authentik/')
    || path.endsWith('/external-secret-oidc-authentik.yaml') || path.endsWith('/external-secret-authentik-oauth.yaml')));

  it('differs from dist/ only by the intended differences, each listed', () => {
    // what the reduction forgets is no difference in authentik's terms: entry ids (!KeyOf targets), entry
    // order, identifiers vs attrs, !Find vs !KeyOf, file and key layout, and the hand-written base's other
    // Deployment variables. What remains is intended: every blueprint that finds group admins by name
    // (written in common.yaml) now applies common.yaml first, so a fresh authentik never finds nothing.
    expect([...replaced().keys()].filter((p) => !p.startsWith('authentik/'))).toHaveLength(2);
    expect(compareFolders(replaced(), readDist(DIST))).toEqual([
      'argocd.yaml: now applies blueprint "BlumeOps Common Identity" first',
      'forgejo.yaml: now applies blueprint "BlumeOps Common Identity" first',
      'grafana.yaml: now applies blueprint "BlumeOps Common Identity" first',
      'zot.yaml: now applies blueprint "BlumeOps Common Identity" first',
    ]);
    expect(run([FIXTURE]).code).toBe(CompareExit.DIFFERENT);
  });

  it('would name any other difference: a redirect URI, a binding, a secret key the fixture lacks', () => {
    const handwritten = replaced();
    const path = [...handwritten.keys()].find((p) => p.endsWith('configmap-blueprint.yaml'))!;
    const changed = new Map(handwritten);
    changed.set(path, handwritten.get(path)!.replace('https://forge.eblu.me/user/oauth2/authentik/callback', 'https://forge.eblu.me/old'));
    expect(compareFolders(changed, readDist(DIST))).toContain('application forgejo: redirect URI added https://forge.eblu.me/user/oauth2/authentik/callback');
  });
});
