import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { afterEach, describe, expect, it } from 'vitest';
import { Blueprint, Group, synthCommand } from '../constructs';
import { testChart } from './helpers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Synthesizes a chart of `props` with one group into `dist`: the CLI's exit code and everything it printed. */
function synthInto(dist: string, props: Parameters<typeof testChart>[0]): { code: number; message: string; dist: string } {
  const lines: string[] = [];
  const code = synthCommand({
    build: () => {
      const chart = testChart(props);
      new Group(new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'Common' }), 'Admins', { name: 'admins' });
      return chart.node.root as App;
    },
    argv: ['--outdir', dist],
    defaultOutdir: dist,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { code, message: lines.join('\n'), dist };
}

/** A folder with the user's real authentik folder (test/fixtures/blumeops) at `base/`, and the app's output going to `dist/` beside it. */
function run(props: Parameters<typeof testChart>[0], withBase = true): { code: number; message: string; dist: string } {
  const root = mkdtempSync(join(tmpdir(), 'base-check-'));
  dirs.push(root);
  if (withBase) cpSync(join(__dirname, 'fixtures', 'blumeops', 'argocd', 'manifests', 'authentik'), join(root, 'base'), { recursive: true });
  const dist = join(root, 'dist');
  return synthInto(dist, props);
}

describe('the kustomize base beside the output', () => {
  it('fails when the worker patch names a container the base does not have, writing nothing', () => {
    const { code, message, dist } = run({ workerContainerName: 'authentik-worker' });
    expect(code).toBe(2);
    expect(message).toMatch(/deployment-authentik-worker\.patch\.yaml: patches container "authentik-worker" of Deployment authentik-worker, but the base \(\.\.\/base\) has only "worker"; .*set workerContainerName/);
    expect(message).toMatch(/nothing was written/);
    expect(() => readdirSync(dist)).toThrow();
  });

  it('fails when the patch names a Deployment the base does not have', () => {
    const { code, message } = run({ workerDeploymentName: 'worker' });
    expect(code).toBe(2);
    expect(message).toMatch(/patches Deployment worker, which the base \(\.\.\/base\) does not have; its Deployments are authentik-redis, authentik-server, authentik-worker/);
  });

  it('writes when the patch matches the base, and when the base is not on disk to look at', () => {
    expect(run({}).code).toBe(0);
    expect(run({ workerContainerName: 'other' }, false).code).toBe(0);
  });
});

/**
 * The README's layout: blumeops's repository (a `.git` folder, the real authentik folder after step
 * 2, which includes the Component) with this project at `authentik-config/`, writing `dist/` there.
 */
function runIncluded(props: Parameters<typeof testChart>[0], includes = true, edit?: (kustomization: string) => string): { code: number; message: string; dist: string } {
  const repo = mkdtempSync(join(tmpdir(), 'component-check-'));
  dirs.push(repo);
  mkdirSync(join(repo, '.git'));
  const folder = join(repo, 'argocd', 'manifests', 'authentik');
  cpSync(join(__dirname, 'fixtures', 'blumeops', 'argocd', 'manifests', 'authentik'), folder, { recursive: true });
  if (includes) {
    const file = join(folder, 'kustomization.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('images:\n', 'components:\n  - ../../../authentik-config/dist/component\nimages:\n'));
  }
  if (edit) writeFileSync(join(folder, 'kustomization.yaml'), edit(readFileSync(join(folder, 'kustomization.yaml'), 'utf8')));
  const dist = join(repo, 'authentik-config', 'dist');
  return synthInto(dist, { kustomizeBase: undefined, componentFolder: 'component', ...props });
}

describe('the hand-written kustomization that includes the Component, in the repository around the project', () => {
  it('fails when the Component\'s worker patch names a container the including folder\'s worker lacks, writing nothing', () => {
    const { code, message, dist } = runIncluded({ workerContainerName: 'authentik-worker' });
    expect(code).toBe(2);
    expect(message).toMatch(/component\/deployment-authentik-worker\.patch\.yaml: patches container "authentik-worker" of Deployment authentik-worker, but in argocd\/manifests\/authentik it has only "worker"; set workerContainerName/);
    expect(message).toMatch(/nothing was written/);
    expect(() => readdirSync(dist)).toThrow();
  });

  it('fails when the Component patches a Deployment the including folder does not list', () => {
    const { code, message } = runIncluded({ workerDeploymentName: 'worker' });
    expect(code).toBe(2);
    expect(message).toMatch(/patches Deployment worker, which argocd\/manifests\/authentik \(it includes component\) does not list; its Deployments are authentik-redis, authentik-server, authentik-worker/);
  });

  it('leaves a target it cannot see to the render: the folder also lists a URL (as ArgoCD\'s lists its install manifests)', () => {
    const withoutWorker = (k: string): string => k.replace('  - deployment-worker.yaml\n', '');
    expect(runIncluded({}, true, withoutWorker).code).toBe(2);
    const remote = (k: string): string => withoutWorker(k).replace('resources:\n', 'resources:\n  - https://example.com/install.yaml\n');
    expect(runIncluded({}, true, remote).code).toBe(0);
  });

  it('writes when the targets are there (namespaced, as blumeops\'s are), and when no folder includes the Component yet', () => {
    expect(runIncluded({}).code).toBe(0);
    expect(runIncluded({ workerContainerName: 'other' }, false).code).toBe(0);
  });
});
