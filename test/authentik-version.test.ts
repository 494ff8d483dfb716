import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Application, AuthentikChart, Blueprint, Flow, Group, ModelEntry, SamlProvider, synthCommand, validateApp, type AuthentikChartProps,
} from '../constructs';
import { TEST_CHART_PROPS, testChart } from './helpers';

const bp = (chart: AuthentikChart): Blueprint => new Blueprint(chart, 'Apps', { fileName: 'apps.yaml', name: 'Apps' });

describe('AuthentikChart authentikVersion', () => {
  it('is required, and the message names the releases and an example', () => {
    const chart = new AuthentikChart(new App(), 'Authentik', { ...TEST_CHART_PROPS, authentikVersion: undefined } as unknown as AuthentikChartProps);
    expect(validateApp(chart)).toEqual([expect.stringMatching(
      /^Authentik: authentikVersion is required: give the authentik release your base runs .*'2026.2', '2026.5', '2026.8', e.g. authentikVersion: '2026.2'/)]);
  });

  it('refuses a release it has no catalog of, and a build where a release is meant, with the fix', () => {
    const problems = (v: unknown): string => validateApp(testChart({ authentikVersion: v as never })).join('\n');
    expect(problems('2026.3')).toMatch(/authentikVersion must be one of '2026.2', '2026.5', '2026.8' .*got string "2026.3"; authentik 2026.3 is not among them/);
    expect(problems('v2026.2.0-2d4098e-nix')).toMatch(/authentikVersion "v2026.2.0-2d4098e-nix" names a build, not a release; write authentikVersion: '2026.2'/);
    expect(problems(2026.5)).toMatch(/authentikVersion is the number 2026.5; write the release as a string, authentikVersion: '2026.5'/);
    expect(problems(2026.4)).toMatch(/authentikVersion must be one of .*got number 2026.4/);
  });

  it('accepts each known release', () => {
    for (const v of ['2026.2', '2026.5', '2026.8'] as const) expect(validateApp(testChart({ authentikVersion: v })), v).toEqual([]);
  });
});

describe('entries are judged by the chart\'s release', () => {
  it('refuses meta_hide on an application under 2026.2, naming the releases that have it and the fix', () => {
    const chart = testChart({ authentikVersion: '2026.2' });
    new Application(bp(chart), 'App', { name: 'App', slug: 'app', metaHide: true });
    expect(validateApp(chart)).toEqual([
      'Authentik/Apps/App: "metaHide" (given true) is not an attribute of authentik_core.application in authentik 2026.2 (the chart\'s '
      + 'authentikVersion); authentik 2026.5, 2026.8 have it; upgrade authentik to 2026.5 and set authentikVersion: \'2026.5\' on the '
      + 'AuthentikChart, or remove it',
    ]);
  });

  it('writes meta_hide under 2026.5, which accepts it', () => {
    const chart = testChart({ authentikVersion: '2026.5' });
    new Application(bp(chart), 'App', { name: 'App', slug: 'app', metaHide: true });
    expect(validateApp(chart)).toEqual([]);
    const entry = chart.node.findAll().find((c) => c instanceof Application) as Application;
    expect(entry.attributes).toMatchObject({ meta_hide: true });
  });

  it('refuses the same field on a ModelEntry, whose fields come from any release', () => {
    const chart = testChart({ authentikVersion: '2026.2' });
    new ModelEntry(bp(chart), 'App', { model: 'authentik_core.application', identifiers: { slug: 'app' }, attributes: { name: 'App', metaHide: true } });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/Apps\/App: "metaHide" \(given true\) is not an attribute of authentik_core.application in authentik 2026.2 .*authentik 2026.5, 2026.8 have it/);
  });

  it('names the new field of a renamed one (SAML issuer → issuer_override in 2026.5)', () => {
    const chart = testChart({ authentikVersion: '2026.5' });
    new SamlProvider(bp(chart), 'Saml', {
      name: 'Saml', authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
      invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'), acsUrl: 'https://sp.example.com/acs', issuer: 'https://idp.example.com',
    });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/Apps\/Saml: "issuer" \(given "https:\/\/idp.example.com"\) is not an attribute of authentik_providers_saml.samlprovider in authentik 2026.5 .*authentik 2026.2 has it; authentik 2026.5 renamed it to issuer_override .*write issuerOverride instead/);
  });

  it('says a field a later release removed is gone (WebAuthn prevent_duplicate_devices in 2026.8)', () => {
    const chart = testChart({ authentikVersion: '2026.8' });
    new ModelEntry(bp(chart), 'WebAuthn', {
      model: 'authentik_stages_authenticator_webauthn.authenticatorwebauthnstage', identifiers: { name: 'webauthn' },
      attributes: { preventDuplicateDevices: true },
    });
    expect(validateApp(chart).join('\n')).toMatch(/"preventDuplicateDevices" \(given true\) is not an attribute .* in authentik 2026.8 .*authentik 2026.5 has it; authentik 2026.8 no longer has it: remove it/);
  });

  it('refuses a model the release does not have, naming the release that has it', () => {
    const chart = testChart({ authentikVersion: '2026.5' });
    new ModelEntry(bp(chart), 'Rule', { model: 'authentik_requests.requestrule', identifiers: { name: 'r' } });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/Apps\/Rule: model "authentik_requests.requestrule" does not exist in authentik 2026.5 .*authentik 2026.8 has it: upgrade authentik and set authentikVersion: '2026.8'/);
  });

  it('validates values against the release\'s own schema (a 2026.8 grant type under 2026.5)', () => {
    const make = (v: '2026.5' | '2026.8'): string[] => {
      const chart = testChart({ authentikVersion: v });
      new ModelEntry(bp(chart), 'P', {
        model: 'authentik_providers_oauth2.oauth2provider', identifiers: { name: 'p' },
        attributes: {
          authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'), invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
          grantTypes: ['urn:ietf:params:oauth:grant-type:token-exchange'], signingKey: null,
          redirectUris: [{ matchingMode: 'strict', url: 'https://app.example.com/cb' }],
        },
      });
      return validateApp(chart);
    };
    expect(make('2026.5').join('\n')).toMatch(/grant_types\[0\] must be one of "authorization_code", .*given "urn:ietf:params:oauth:grant-type:token-exchange"/);
    expect(make('2026.8')).toEqual([]);
  });

  it('reads the release from the chart an entry is in, two charts of different releases side by side', () => {
    const app = new App();
    const old = new AuthentikChart(app, 'Old', { ...TEST_CHART_PROPS, authentikVersion: '2026.2' });
    const next = new AuthentikChart(app, 'New', { ...TEST_CHART_PROPS, authentikVersion: '2026.5' });
    new Application(bp(old), 'App', { name: 'App', slug: 'app', metaHide: true });
    new Application(bp(next), 'App', { name: 'App', slug: 'app', metaHide: true });
    const problems = validateApp(app);
    expect(problems.filter((p) => p.includes('metaHide'))).toEqual([expect.stringMatching(/^Old\/Apps\/App: "metaHide"/)]);
  });
});

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Synthesizes a small app beside a base copied from `fixture`, its tag rewritten to `tag` when given. */
function synthBeside(fixture: string, version: '2026.2' | '2026.5' | '2026.8', tag?: string): { code: number; message: string; dist: string } {
  const root = mkdtempSync(join(tmpdir(), 'base-version-'));
  dirs.push(root);
  cpSync(join(__dirname, 'fixtures', fixture), join(root, 'base'), { recursive: true });
  if (tag !== undefined) {
    const file = join(root, 'base', 'kustomization.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/newTag: \S*2026\S*/, `newTag: ${tag}`));
  }
  const dist = join(root, 'dist');
  const lines: string[] = [];
  const code = synthCommand({
    build: () => {
      const chart = testChart({ authentikVersion: version });
      new Group(bp(chart), 'Admins', { name: 'admins' });
      return chart.node.root as App;
    },
    argv: ['--outdir', dist], defaultOutdir: dist, out: (l) => lines.push(l), err: (l) => lines.push(l),
  });
  return { code, message: lines.join('\n'), dist };
}

describe('the kustomize base\'s authentik image', () => {
  it('must run the release the chart declares: blumeops\'s v2026.2.0-… pin under 2026.5 fails, nothing written', () => {
    const { code, message, dist } = synthBeside('blumeops/argocd/manifests/authentik', '2026.5');
    expect(code).toBe(2);
    expect(message).toMatch(/Authentik: authentikVersion is '2026.5', but the kustomize base \(\.\.\/base\) runs authentik 2026.2 \(base\/kustomization.yaml: images registry.ops.eblu.me\/blumeops\/authentik newTag v2026.2.0-2d4098e-nix\); upgrade the image to a 2026.5 release in the same change, or keep authentikVersion: '2026.2'/);
    expect(message).toMatch(/^1 problem with the kustomize base/);
    expect(message).toMatch(/nothing was written/);
    expect(() => readdirSync(dist)).toThrow();
  });

  it('writes when they agree', () => {
    expect(synthBeside('blumeops/argocd/manifests/authentik', '2026.2').code).toBe(0);
    expect(synthBeside('blumeops/argocd/manifests/authentik', '2026.2').code).toBe(0);
    expect(synthBeside('blumeops/argocd/manifests/authentik', '2026.5', '2026.5.6').code).toBe(0);
  });

  it('reads authentik\'s own image (ghcr.io/goauthentik/server:2026.8.x) from a Deployment without an images: pin', () => {
    const root = mkdtempSync(join(tmpdir(), 'base-version-'));
    dirs.push(root);
    cpSync(join(__dirname, 'fixtures', 'blumeops', 'argocd', 'manifests', 'authentik'), join(root, 'base'), { recursive: true });
    const kustomization = join(root, 'base', 'kustomization.yaml');
    writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace(/images:[\s\S]*$/, ''));
    const worker = join(root, 'base', 'deployment-worker.yaml');
    writeFileSync(worker, readFileSync(worker, 'utf8').replace(/image: \S+/, 'image: ghcr.io/goauthentik/server:2026.8.3'));
    const lines: string[] = [];
    const code = synthCommand({
      build: () => {
        const chart = testChart({ authentikVersion: '2026.5' });
        new Group(bp(chart), 'Admins', { name: 'admins' });
        return chart.node.root as App;
      },
      argv: ['--outdir', join(root, 'dist')], defaultOutdir: join(root, 'dist'), out: (l) => lines.push(l), err: (l) => lines.push(l),
    });
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(/runs authentik 2026.8 \(base\/deployment-worker.yaml: authentik-worker image 2026.8.3\); set authentikVersion: '2026.8' to match the image, after npm run upgrade-check -- --to 2026.8 passes/);
  });
});
