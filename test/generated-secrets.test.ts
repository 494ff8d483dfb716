import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { Password } from '@kubernetes-models/external-secrets/generators.external-secrets.io/v1alpha1/Password';
import { PushSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1alpha1/PushSecret';
import { describe, expect, it } from 'vitest';
import { blumeops, type BlumeopsVariant } from '../main';
import {
  ApplicationAccess, ArgoCdConsumer, Blueprint, FIRST_ESO_RELEASE_WITH_IF_NOT_EXISTS, Group, KubernetesDestination, OidcClient, PASSWORD_SPEC,
  WorkerSecret, checkAgainstSchema, renderApp, synthCommand, validateApp,
} from '../constructs';
import { changeSummary, MANUAL_STEPS_HEADING } from '../constructs/synth/change-summary';
import { parseBlueprint, testChart } from './helpers';

// ESO's release with the 1Password Connect fix for PushSecret IfNotExists (external-secrets PR #6646):
// `git tag --contains 47c467b3` in external-secrets/external-secrets lists v2.8.0 first
const FIXED = '2.8.0';

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: any };

function render(variant: BlumeopsVariant): Map<string, string> {
  const app = new App();
  blumeops(app, variant);
  const problems = validateApp(app);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return renderApp(app);
}

function problemsOf(variant: BlumeopsVariant): string[] {
  const app = new App();
  blumeops(app, variant);
  return validateApp(app);
}

/** Every manifest of a folder, with the file it is in. */
function manifests(files: ReadonlyMap<string, string>): Array<{ file: string; obj: Manifest }> {
  return [...files].filter(([file]) => file.endsWith('.yaml'))
    .flatMap(([file, text]) => parseAllDocuments(text).map((d) => ({ file, obj: d.toJS() as Manifest })));
}

function wave(obj: Manifest): number {
  return Number(obj.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
}

function zotBlueprint(files: ReadonlyMap<string, string>): any {
  return parseBlueprint(parseBlueprint(files.get('configmap-authentik-blueprints.yaml')!).data['zot.yaml']);
}

function zotProvider(files: ReadonlyMap<string, string>): any {
  return zotBlueprint(files).entries.find((e: any) => e.model === 'authentik_providers_oauth2.oauth2provider');
}

describe('generated secrets: the declared External Secrets Operator version', () => {
  it('refuses generateSecret on blumeops\'s zot under externalSecretsVersion 2.0.0, naming the first release with the fix and the provider', () => {
    expect(problemsOf({ zot: { generateSecret: true } })).toEqual([
      expect.stringMatching(new RegExp(`^Authentik/Zot/Zot/ClientSecret: generateSecret needs External Secrets Operator ${FIXED.replace(/\./g, '\\.')} or later, `
        + 'but the AuthentikChart \\(Authentik\\) declares externalSecretsVersion "2\\.0\\.0"; .*1Password Connect provider \\(onepassword\\).*PR #6646.*'
        + `upgrade ESO first \\(chart helm-chart-${FIXED.replace(/\./g, '\\.')}\\)`)),
    ]);
  });

  it('makes the synth exit 2 with that message and leaves dist/ as it was', () => {
    const out = mkdtempSync(join(tmpdir(), 'generated-secrets-'));
    try {
      const ok = synthCommand({ build: () => { const a = new App(); blumeops(a); return a; }, argv: ['--outdir', out], defaultOutdir: out, out: () => {}, err: () => {} });
      expect(ok).toBe(0);
      const before = readFolder(out);
      const lines: string[] = [];
      const code = synthCommand({
        build: () => { const a = new App(); blumeops(a, { zot: { generateSecret: true } }); return a; },
        argv: ['--outdir', out], defaultOutdir: out, out: (l) => lines.push(l), err: (l) => lines.push(l),
      });
      expect(code).toBe(2);
      expect(lines.join('\n')).toMatch(/generateSecret needs External Secrets Operator 2\.8\.0 or later.*1Password Connect provider \(onepassword\)/);
      expect(readFolder(out)).toEqual(before);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.each([FIXED, '2.8.1', '2.9.0', '2.14.0', '3.0.0'])('accepts generation under %s (semver, so any later release)', (version) => {
    expect(problemsOf({ externalSecretsVersion: version, zot: { generateSecret: true } })).toEqual([]);
  });

  it.each(['2.7.0', '2.0.1', '1.3.2', '2.8.0-rc.1'])('refuses generation under %s, older than %s as semver', (version) => {
    expect(problemsOf({ externalSecretsVersion: version, zot: { generateSecret: true } }))
      .toEqual([expect.stringMatching(new RegExp(`declares externalSecretsVersion "${version.replace(/\./g, '\\.')}"`))]);
  });

  it('refuses a version that is not semver, whether or not anything is generated', () => {
    expect(problemsOf({ externalSecretsVersion: 'latest' })).toEqual([
      'Authentik: externalSecretsVersion "latest" is not a semver version; write the release the cluster runs, e.g. \'2.0.0\' (chart helm-chart-2.0.0)',
    ]);
  });

  it('refuses generation when no version is declared', () => {
    const chart = testChart();
    const admins = new Group(new Blueprint(chart, 'C', { fileName: 'c.yaml', name: 'C' }), 'Admins', { name: 'admins' });
    new OidcClient(new Blueprint(chart, 'A', { fileName: 'a.yaml', name: 'A' }), 'App', {
      name: 'App', slug: 'app', redirectUris: ['https://app.example/cb'], access: ApplicationAccess.groups(admins), generateSecret: true,
    });
    expect(validateApp(chart)).toEqual([expect.stringMatching(/^Authentik\/A\/App\/ClientSecret: generateSecret needs externalSecretsVersion on the AuthentikChart \(Authentik\), which is not declared;.*e\.g\. externalSecretsVersion: '2\.8\.0'$/)]);
  });

  it('keeps blumeops\'s dist/ as it is when nothing is generated (2.0.0 is only declared)', () => {
    expect([...render({})].filter(([f]) => /pushsecret|password-/.test(f))).toEqual([]);
    expect(FIRST_ESO_RELEASE_WITH_IF_NOT_EXISTS).toBe(FIXED);
  });
});

describe('generated secrets: the manifests', () => {
  const files = (): Map<string, string> => render({ externalSecretsVersion: FIXED, zot: { generateSecret: true } });

  it('writes a Password generator and a PushSecret for zot\'s field, in the overlay and the Component, both valid against ESO\'s schemas', () => {
    const all = manifests(files());
    for (const folder of ['', 'component/']) {
      const generator = all.find((m) => m.file === `${folder}password-authentik-config-generator.yaml`)?.obj;
      const push = all.find((m) => m.file === `${folder}pushsecret-authentik-config-zot-client-secret.yaml`)?.obj;
      expect(generator?.kind).toBe('Password');
      expect(push?.kind).toBe('PushSecret');
      expect(() => new Password(generator as never).validate()).not.toThrow();
      expect(() => new PushSecret(push as never).validate()).not.toThrow();
      expect(generator!.spec).toEqual({ ...PASSWORD_SPEC });
      expect(push!.spec).toEqual({
        updatePolicy: 'IfNotExists',
        deletionPolicy: 'None',
        refreshInterval: '1h',
        secretStoreRefs: [{ kind: 'ClusterSecretStore', name: 'onepassword-blumeops' }],
        selector: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', name: 'authentik-config-generator' } },
        data: [{ match: { secretKey: 'password', remoteRef: { remoteKey: 'Authentik (blumeops)', property: 'zot-client-secret' } } }],
      });
      const kustomization = parseAllDocuments(files().get(`${folder}kustomization.yaml`)!)[0].toJS();
      expect(kustomization.resources).toEqual(expect.arrayContaining(['password-authentik-config-generator.yaml', 'pushsecret-authentik-config-zot-client-secret.yaml']));
    }
  });

  it('pushes into the very item and field the ExternalSecret and the Ansible consumer read', () => {
    const all = manifests(files());
    const push = all.find((m) => m.obj.kind === 'PushSecret')!.obj;
    const es = all.find((m) => m.file === 'externalsecret-authentik-config.yaml')!.obj;
    const read = es.spec.data.find((d: any) => d.secretKey === 'zot-client-secret');
    expect(push.spec.data[0].match.remoteRef).toEqual({ remoteKey: read.remoteRef.key, property: read.remoteRef.property });
    expect(push.spec.secretStoreRefs).toEqual([es.spec.secretStoreRef]);
    expect(JSON.parse(files().get('ansible/indri/zot.json')!).client_secret_ref).toMatch(/\/zot-client-secret$/);
  });

  it('orders the sync: generator, then PushSecret, then the ExternalSecret that reads the field', () => {
    const all = manifests(files());
    for (const folder of ['', 'component/']) {
      const inFolder = all.filter((m) => m.file.startsWith(folder) && !m.file.slice(folder.length).includes('/'));
      const generator = inFolder.find((m) => m.obj.kind === 'Password')!.obj;
      const push = inFolder.find((m) => m.obj.kind === 'PushSecret')!.obj;
      const property = push.spec.data[0].match.remoteRef.property;
      const readers = inFolder.filter((m) => m.obj.kind === 'ExternalSecret' && m.obj.spec.data.some((d: any) => d.remoteRef.property === property));
      expect(readers.map((r) => r.obj.metadata.name)).toEqual(['authentik-config']);
      expect(push.spec.selector.generatorRef.name).toBe(generator.metadata.name);
      expect(wave(generator)).toBeLessThan(wave(push));
      for (const r of readers) expect(wave(push)).toBeLessThan(wave(r.obj));
    }
  });

  it('leaves no manual 1Password step for zot in the change summary, and says the field is generated', () => {
    const summary = changeSummary(render({ externalSecretsVersion: FIXED }), files());
    expect(summary).not.toContain(MANUAL_STEPS_HEADING);
    expect(summary.join('\n')).not.toMatch(/create field zot-client-secret/);
    expect(summary).toContain('secret key zot-client-secret in ExternalSecret authentik-config: field zot-client-secret in 1Password item "Authentik (blumeops)" '
      + 'is generated by the External Secrets Operator (PushSecret authentik-config-zot-client-secret, IfNotExists, sync wave -1), no manual step');
  });

  it('still asks for the field by hand for a client that does not generate it', () => {
    const app = new App();
    const chart = blumeops(app, { externalSecretsVersion: FIXED, zot: { generateSecret: true } });
    const admins = (chart.node.findChild('Common') as Blueprint).node.findChild('Admins') as Group;
    new OidcClient(chart.node.findChild('Zot') as Blueprint, 'Other', {
      name: 'Other', slug: 'other', redirectUris: ['https://other.example/cb'], access: ApplicationAccess.groups(admins),
    });
    const summary = changeSummary(render({ externalSecretsVersion: FIXED, zot: { generateSecret: true } }), renderApp(app));
    expect(summary.slice(summary.indexOf(MANUAL_STEPS_HEADING))).toEqual([MANUAL_STEPS_HEADING,
      '  before merging: create field other-client-secret in 1Password item "Authentik (blumeops)"']);
  });

  it('generates a service account password too, and refuses generateSecret without passwordFromSecretStore', () => {
    const app = new App();
    const chart = blumeops(app, { externalSecretsVersion: FIXED });
    const admins = (chart.node.findChild('Common') as Blueprint).node.findChild('Admins') as Group;
    new OidcClient(chart.node.findChild('Zot') as Blueprint, 'Robot', {
      name: 'Robot', slug: 'robot', redirectUris: ['https://robot.example/cb'], access: ApplicationAccess.groups(admins),
      serviceAccounts: [{ username: 'robot-ci', name: 'Robot CI', passwordFromSecretStore: true, generateSecret: true }],
    });
    expect(validateApp(app)).toEqual([]);
    const bad = new App();
    const badChart = blumeops(bad, { externalSecretsVersion: FIXED });
    new OidcClient(badChart.node.findChild('Zot') as Blueprint, 'Robot', {
      name: 'Robot', slug: 'robot', redirectUris: ['https://robot.example/cb'],
      access: ApplicationAccess.groups((badChart.node.findChild('Common') as Blueprint).node.findChild('Admins') as Group),
      serviceAccounts: [{ username: 'robot-two', name: 'Robot Two', generateSecret: true }],
    });
    expect(validateApp(bad)).toEqual(['Authentik/Zot/Robot/ServiceAccount-robot-two: generateSecret is true, but the password is not read from the secret store; '
      + 'set passwordFromSecretStore: true as well']);
    const push = manifests(renderApp(app)).filter((m) => m.obj.kind === 'PushSecret' && !m.file.includes('/')).map((m) => m.obj.spec.data[0].match.remoteRef.property);
    expect(push).toEqual(['robot-ci-password']);
  });

  it('reports a manifest the ESO schema rejects, naming where and what', () => {
    expect(checkAgainstSchema({ apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', metadata: { name: 'x' }, spec: { length: '48', noUpper: false, allowRepeat: true } },
      Password, 'Here: Password generator')).toEqual(['Here: Password generator: spec.length must be integer (External Secrets schema)']);
    expect(checkAgainstSchema({ apiVersion: 'external-secrets.io/v1alpha1', kind: 'PushSecret', metadata: { name: 'x' },
      spec: { updatePolicy: 'Sometimes', secretStoreRefs: [], selector: { generatorRef: { kind: 'Password', name: 'g' } }, data: [] } }, PushSecret, 'Here'))
      .toEqual(['Here: spec.updatePolicy must be equal to one of the allowed values (External Secrets schema)']);
  });
});

describe('rotation as one reviewed change', () => {
  it('with secretRotation 1, changes zot\'s blueprint text and the worker\'s pod template, and lists the steps in order', () => {
    const before = render({});
    const after = render({ zot: { secretRotation: 1 } });
    const blueprintText = (f: ReadonlyMap<string, string>): string => parseBlueprint(f.get('configmap-authentik-blueprints.yaml')!).data['zot.yaml'];
    expect(blueprintText(after)).not.toBe(blueprintText(before));
    expect(zotProvider(before).attrs.client_secret).toEqual({ tag: '!Env', value: 'AUTHENTIK_ZOT_CLIENT_SECRET' });
    expect(zotProvider(after).attrs.client_secret).toEqual({ tag: '!Env', value: 'AUTHENTIK_ZOT_CLIENT_SECRET_R1' });
    const template = (f: ReadonlyMap<string, string>): unknown => parseAllDocuments(f.get('deployment-authentik-worker.patch.yaml')!)[0].toJS().spec.template;
    expect(template(after)).not.toEqual(template(before));
    expect(after.get('deployment-authentik-worker.patch.yaml')).toMatch(/- name: AUTHENTIK_ZOT_CLIENT_SECRET_R1\n {14}valueFrom:\n {16}secretKeyRef:\n {18}key: zot-client-secret-r1\n/);
    expect(JSON.parse(after.get('ansible/indri/zot.json')!).client_secret_ref).toMatch(/\/zot-client-secret-r1$/);

    const summary = changeSummary(before, after);
    const at = (re: RegExp): number => summary.findIndex((l) => re.test(l));
    const order = [
      /^rotation 1 of zot-client-secret: field zot-client-secret in 1Password item "Authentik \(blumeops\)" → zot-client-secret-r1; once merged, in this order:$/,
      /^ {2}1\. zot-client-secret-r1 must already hold the new value in 1Password/,
      /^ {2}2\. ExternalSecret authentik-config re-reads at once \(its spec changed\) into key zot-client-secret-r1$/,
      /^ {2}3\. the worker restarts .*AUTHENTIK_ZOT_CLIENT_SECRET_R1/,
      /^ {2}4\. authentik re-applies zot\.yaml.*sha512 [0-9a-f]{16}…/,
      /^ {2}5\. Ansible: ansible\/indri\/zot\.json now reads op:\/\/.*\/zot-client-secret-r1 \(was op:\/\/.*\/zot-client-secret\); re-run its role$/,
      /^ {2}6\. after authentik applied the change and every consumer has the new value: delete field zot-client-secret /,
      /^MANUAL STEPS:$/,
      /^ {2}before merging: create field zot-client-secret-r1 in 1Password item "Authentik \(blumeops\)" with a new value/,
      /^ {2}after authentik applied the change: re-run Ansible for indri\/zot /,
      /^ {2}after authentik applied the change: field zot-client-secret in 1Password item "Authentik \(blumeops\)" can be deleted$/,
    ].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('names the hash of the new blueprint file, the one verify compares with last_applied_hash', async () => {
    const { createHash } = await import('node:crypto');
    const after = render({ zot: { secretRotation: 1 } });
    const text = parseBlueprint(after.get('configmap-authentik-blueprints.yaml')!).data['zot.yaml'];
    const hash = createHash('sha512').update(text).digest('hex');
    expect(changeSummary(render({}), after).join('\n')).toContain(`sha512 ${hash.slice(0, 16)}…`);
  });

  it('with generation on, a new PushSecret generates the new field (IfNotExists never overwrites the old one), and no field is made by hand', () => {
    const before = render({ externalSecretsVersion: FIXED, zot: { generateSecret: true } });
    const after = render({ externalSecretsVersion: FIXED, zot: { generateSecret: true, secretRotation: 1 } });
    const pushes = (f: ReadonlyMap<string, string>): string[] => manifests(f).filter((m) => m.obj.kind === 'PushSecret' && !m.file.includes('/'))
      .map((m) => `${m.obj.metadata.name} ${m.obj.spec.updatePolicy} ${m.obj.spec.data[0].match.remoteRef.property}`);
    expect(pushes(before)).toEqual(['authentik-config-zot-client-secret IfNotExists zot-client-secret']);
    expect(pushes(after)).toEqual(['authentik-config-zot-client-secret-r1 IfNotExists zot-client-secret-r1']);
    const summary = changeSummary(before, after);
    expect(summary).toContain('  1. ArgoCD syncs authentik: PushSecret authentik-config-zot-client-secret-r1 (sync wave -1) has the External Secrets Operator generate '
      + 'zot-client-secret-r1 (IfNotExists: a new field, so a new value)');
    expect(summary.join('\n')).not.toMatch(/create field/);
  });

  it('puts the blueprint ConfigMaps after the worker rollout once a secret is rotated, so no worker with the old variable applies the new text', () => {
    const cm = (f: ReadonlyMap<string, string>): Manifest => manifests(f).find((m) => m.file === 'configmap-authentik-blueprints.yaml')!.obj;
    expect(cm(render({})).metadata.annotations).toBeUndefined();
    expect(wave(cm(render({ zot: { secretRotation: 2 } })))).toBeGreaterThan(0);
    const component = manifests(render({ zot: { secretRotation: 2 } })).find((m) => m.file === 'component/configmap-authentik-blueprints.yaml')!.obj;
    expect(wave(component)).toBeGreaterThan(0);
  });

  it('makes a Kubernetes consumer\'s ExternalSecret read the new field, so the operator re-reads it at once', () => {
    const build = (rotation: number): Map<string, string> => {
      const chart = testChart({ externalUrl: 'https://auth.example' });
      const app = chart.node.root as App;
      const admins = new Group(new Blueprint(chart, 'C', { fileName: 'c.yaml', name: 'C' }), 'Admins', { name: 'admins' });
      const destination = new KubernetesDestination(app, 'Argo', { cluster: 'c1', application: 'argocd', namespace: 'argocd' });
      new OidcClient(new Blueprint(chart, 'A', { fileName: 'a.yaml', name: 'A' }), 'Argo', {
        name: 'ArgoCD', slug: 'argocd', redirectUris: ['https://argocd.example/auth/callback'], access: ApplicationAccess.groups(admins),
        secretRotation: rotation, consumers: [new ArgoCdConsumer({ destination, roles: [{ group: admins, role: 'role:admin' }] })],
      });
      expect(validateApp(app)).toEqual([]);
      return renderApp(app);
    };
    const consumer = (f: ReadonlyMap<string, string>): any => parseAllDocuments(f.get('consumers/c1/argocd/externalsecret-argocd-oidc-authentik.yaml')!)[0].toJS().spec.data;
    expect(consumer(build(0))).toEqual([{ secretKey: 'client-secret', remoteRef: { key: 'Authentik (test)', property: 'argocd-client-secret' } }]);
    expect(consumer(build(3))).toEqual([{ secretKey: 'client-secret', remoteRef: { key: 'Authentik (test)', property: 'argocd-client-secret-r3' } }]);
    expect(changeSummary(build(2), build(3))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^ {2}\d\. ExternalSecret argocd-oidc-authentik \(consumers\/c1\/argocd\) re-reads at once \(its spec changed\)/),
      expect.stringMatching(/^ {2}after authentik applied the change: restart the pods that read Secret argocd-oidc-authentik as environment variables/),
    ]));
  });

  it.each([
    [{ secretRotation: -1 }, /^Authentik\/Zot\/Zot: secretRotation must be a whole number from 0 \(bump it by one to rotate\); got number -1$/],
    [{ secretRotation: 1.5 }, /^Authentik\/Zot\/Zot: secretRotation must be a whole number from 0 .*got number 1\.5$/],
    [{ secretRotation: '1' }, /^Authentik\/Zot\/Zot: secretRotation must be a whole number from 0 .*got string "1"$/],
    [{ generateSecret: 'yes' }, /^Authentik\/Zot\/Zot: generateSecret must be true or false; got string "yes"$/],
  ])('refuses %o', (props, expected) => {
    expect(problemsOf({ externalSecretsVersion: FIXED, zot: props as never })).toEqual([expect.stringMatching(expected)]);
  });

  it('refuses generateSecret and secretRotation on a public client or with a clientSecret of one\'s own', () => {
    const chart = testChart({ externalSecretsVersion: FIXED });
    const admins = new Group(new Blueprint(chart, 'C', { fileName: 'c.yaml', name: 'C' }), 'Admins', { name: 'admins' });
    const bp = new Blueprint(chart, 'A', { fileName: 'a.yaml', name: 'A' });
    new OidcClient(bp, 'Spa', { name: 'Spa', slug: 'spa', clientType: 'public', redirectUris: ['https://spa.example/cb'], access: ApplicationAccess.groups(admins), secretRotation: 1 });
    expect(validateApp(chart)).toEqual(['Authentik/A/Spa: secretRotation 1 is set, but a public client has no secret; drop secretRotation or make the client confidential']);
  });
});

// 40 or more letters and digits, with both: what the Password generator makes (48) or `openssl rand -hex 32` (64)
const LOOKS_GENERATED = /(?<![A-Za-z0-9/-])(?=[A-Za-z0-9]*[0-9])(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{40,}(?![A-Za-z0-9-])/;

describe('nothing secret is ever written to dist/', () => {
  it('would notice a value like a generated one', () => {
    expect(`clientsecret: ${'Ab1'.repeat(16)}`).toMatch(LOOKS_GENERATED);
    expect(`"x": "${'0f'.repeat(32)}"`).toMatch(LOOKS_GENERATED);
  });

  const variants: BlumeopsVariant[] = [{}, { externalSecretsVersion: FIXED, zot: { generateSecret: true } },
    { externalSecretsVersion: FIXED, zot: { generateSecret: true, secretRotation: 4 } }, { zot: { secretRotation: 1 } }];

  it.each(variants)('only references, for %o', (variant) => {
    const files = render(variant);
    for (const { file, obj } of manifests(files)) {
      // no Secret objects, no literal data an ExternalSecret would copy, pushes only from a generator
      expect(obj.kind, file).not.toBe('Secret');
      expect(JSON.stringify(obj), file).not.toMatch(/"stringData"/);
      if (obj.kind === 'ExternalSecret') {
        for (const v of Object.values<string>(obj.spec.target?.template?.data ?? {})) expect(v, file).toMatch(/^\{\{ \.[A-Za-z]+ \}\}$/);
      }
      if (obj.kind === 'PushSecret') expect(Object.keys(obj.spec.selector), file).toEqual(['generatorRef']);
      if (obj.kind === 'Password') expect(Object.keys(obj.spec).sort(), file).toEqual(['allowRepeat', 'digits', 'length', 'noUpper', 'symbols']);
    }
    // every secret the blueprints hold is an !Env reference
    const provider = zotProvider(files);
    expect(provider.attrs.client_secret.tag).toBe('!Env');
    for (const [file, text] of files) {
      if (file.endsWith('.json')) expect(JSON.parse(text).client_secret_ref ?? 'op://x/y/z', file).toMatch(/^op:\/\/[^/]+\/[^/]+\/[a-z0-9-]+$/);
      // nothing that looks like a generated value (48 letters and digits) or `openssl rand -hex 32`
      expect(text, file).not.toMatch(LOOKS_GENERATED);
    }
  });
});

function readFolder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('service account password rotation', () => {
  const withRobot = (rotation: number | undefined, fromStore = true): App => {
    const app = new App();
    const chart = blumeops(app, { externalSecretsVersion: FIXED });
    const admins = (chart.node.findChild('Common') as Blueprint).node.findChild('Admins') as Group;
    new OidcClient(chart.node.findChild('Zot') as Blueprint, 'Robot', {
      name: 'Robot', slug: 'robot', redirectUris: ['https://robot.example/cb'], access: ApplicationAccess.groups(admins),
      serviceAccounts: [{ username: 'robot-ci', name: 'Robot CI', passwordFromSecretStore: fromStore, generateSecret: fromStore, secretRotation: rotation }],
    });
    return app;
  };

  it('renames the password\'s field, key and variable, and generates the new field', () => {
    const app = withRobot(2);
    expect(validateApp(app)).toEqual([]);
    const files = renderApp(app);
    const user = zotBlueprint(files).entries.find((e: any) => e.identifiers?.username === 'robot-ci');
    expect(user.attrs.password).toEqual({ tag: '!Env', value: 'AUTHENTIK_ROBOT_CI_PASSWORD_R2' });
    expect(files.get('deployment-authentik-worker.patch.yaml')).toMatch(/- name: AUTHENTIK_ROBOT_CI_PASSWORD_R2\n {14}valueFrom:\n {16}secretKeyRef:\n {18}key: robot-ci-password-r2\n/);
    expect(manifests(files).filter((m) => m.obj.kind === 'PushSecret' && !m.file.includes('/')).map((m) => m.obj.spec.data[0].match.remoteRef.property))
      .toEqual(['robot-ci-password-r2']);
    const summary = changeSummary(renderApp(withRobot(1)), files);
    expect(summary).toEqual(expect.arrayContaining([
      'rotation 2 of robot-ci-password: field robot-ci-password-r1 in 1Password item "Authentik (blumeops)" → robot-ci-password-r2; once merged, in this order:',
      '  5. PushSecret authentik-config-robot-ci-password-r1 is removed; the operator leaves field robot-ci-password-r1 in 1Password (deletionPolicy None)',
    ]));
  });

  it('refuses a rotation of a password that is not read from the secret store', () => {
    expect(validateApp(withRobot(1, false))).toEqual([
      'Authentik/Zot/Robot/ServiceAccount-robot-ci: secretRotation 1 rotates the password from the secret store, but passwordFromSecretStore is not true; set it, or drop secretRotation',
    ]);
  });
});

describe('WorkerSecret generate and rotation at run time', () => {
  it('refuses values its types forbid', () => {
    const chart = testChart({ externalSecretsVersion: FIXED });
    new WorkerSecret(chart, 'Odd', { envVar: 'AUTHENTIK_ODD', secretKey: 'odd', generate: 'yes' as never, rotation: -2 });
    expect(validateApp(chart)).toEqual([
      'Authentik/Odd: generate must be true or false; got string "yes"',
      'Authentik/Odd: rotation must be a whole number from 0; got number -2',
    ]);
  });
});
