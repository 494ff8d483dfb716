import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ApplicationAccess, AuthentikChart, Blueprint, Group, OidcClient, renderApp, ScopeMapping, ValidationError, type IGroup, type IOidcClient, type OidcClientProps,
} from '../constructs';
import {
  AnsibleConsumer, AnsibleHost, ArgoCdConsumer, GrafanaConsumer, KubernetesDestination, ZotConsumer, type IOidcConsumer,
} from '../constructs/consumers';
import { TEST_CHART_PROPS } from './helpers';

interface Scene {
  app: App;
  chart: AuthentikChart;
  bp: Blueprint;
  admins: Group;
  argocd: KubernetesDestination;
  grafana: KubernetesDestination;
  host: AnsibleHost;
}

function scene(chartProps: Partial<ConstructorParameters<typeof AuthentikChart>[2]> = {}): Scene {
  const app = new App();
  const chart = new AuthentikChart(app, 'Authentik', {
    ...TEST_CHART_PROPS, externalUrl: 'https://auth.example.com', secretItemUri: 'op://vault/item', ...chartProps,
  });
  const bp = new Blueprint(chart, 'Apps', { fileName: 'apps.yaml', name: 'Apps' });
  const admins = new Group(bp, 'Admins', { name: 'admins' });
  return {
    app, chart, bp, admins,
    argocd: new KubernetesDestination(app, 'ArgoCd', { cluster: 'east', application: 'argocd', namespace: 'argocd' }),
    grafana: new KubernetesDestination(app, 'Grafana', { cluster: 'east', application: 'grafana-config', namespace: 'monitoring' }),
    host: new AnsibleHost(app, 'Host', { host: 'box' }),
  };
}

function client(s: Scene, consumers: IOidcConsumer[], props: Partial<OidcClientProps> = {}): OidcClient {
  return new OidcClient(s.bp, 'Client', {
    name: 'App', slug: 'app', redirectUris: ['https://app.example.com/cb'], access: ApplicationAccess.groups(s.admins), consumers, ...props,
  });
}

function problems(app: App): string[] {
  try {
    renderApp(app);
  } catch (e) {
    if (e instanceof ValidationError) return [...e.problems];
    throw e;
  }
  return [];
}

/** Every consumer kind for one client, with `slug`. */
function everyConsumer(slug: string): Map<string, string> {
  const s = scene();
  client(s, [
    new ArgoCdConsumer({ destination: s.argocd, roles: [{ group: s.admins, role: 'role:admin' }] }),
    new GrafanaConsumer({ destination: s.grafana, roles: [{ group: s.admins, role: 'Admin' }] }),
    new AnsibleConsumer({ host: s.host, name: 'app', roles: [{ group: s.admins, role: 'admin' }] }),
  ], { slug });
  return renderApp(s.app);
}

describe('consumers', () => {
  it('moves the authentik side and every consumer side together when a client\'s slug changes', () => {
    const before = everyConsumer('app');
    const after = everyConsumer('portal');
    const mentions = (files: Map<string, string>, word: RegExp): string[] => [...files].filter(([, t]) => word.test(t)).map(([p]) => p).sort();
    // the ConfigMap, ExternalSecret and worker patch (overlay), ArgoCD's secret and oidc.config, Grafana's secret and settings, the Ansible file
    const touched = mentions(before, /app-client-secret|application\/o\/app\/|client_id: app|clientID: app|CLIENT_ID: app|"client_id": "app"/);
    expect(touched).toEqual([
      'ansible/box/app.json',
      'configmap-authentik-blueprints.yaml',
      'consumers/east/argocd/configmap-argocd-cm.patch.yaml',
      'consumers/east/argocd/externalsecret-argocd-oidc-authentik.yaml',
      'consumers/east/grafana-config/configmap-grafana-authentik-oidc.yaml',
      'consumers/east/grafana-config/externalsecret-grafana-authentik-oauth.yaml',
      'deployment-authentik-worker.patch.yaml',
      'externalsecret-authentik-config.yaml',
    ]);
    for (const path of touched) {
      expect(after.get(path), path).not.toBe(before.get(path));
      expect(after.get(path), path).not.toMatch(/app-client-secret|application\/o\/app\/|\bclient_id: app\b|"client_id": "app"/);
    }
    expect(after.get('externalsecret-authentik-config.yaml')).toMatch(/property: portal-client-secret/);
    expect(after.get('consumers/east/argocd/externalsecret-argocd-oidc-authentik.yaml')).toMatch(/property: portal-client-secret/);
    expect(after.get('consumers/east/grafana-config/externalsecret-grafana-authentik-oauth.yaml')).toMatch(/property: portal-client-secret/);
    expect(after.get('consumers/east/argocd/configmap-argocd-cm.patch.yaml')).toMatch(/issuer: https:\/\/auth.example.com\/application\/o\/portal\/\n\s+clientID: portal/);
    expect(JSON.parse(after.get('ansible/box/app.json')!)).toMatchObject({
      client_id: 'portal', issuer: 'https://auth.example.com/application/o/portal/', client_secret_ref: 'op://vault/item/portal-client-secret',
    });
  });

  it('writes each Kubernetes destination as a kustomize Component whose patches select their target by kind and name, guarded', () => {
    const files = everyConsumer('app');
    const component = parse(files.get('consumers/east/argocd/kustomization.yaml')!);
    expect(component).toMatchObject({
      apiVersion: 'kustomize.config.k8s.io/v1alpha1',
      kind: 'Component',
      resources: ['externalsecret-argocd-oidc-authentik.yaml'],
      // a target selector matches the including kustomization's object with or without a namespace
      patches: [
        { path: 'configmap-argocd-cm.patch.yaml', target: { kind: 'ConfigMap', name: 'argocd-cm' } },
        { path: 'configmap-argocd-rbac-cm.patch.yaml', target: { kind: 'ConfigMap', name: 'argocd-rbac-cm' } },
      ],
    });
    // a selector matching nothing applies nowhere, silently: each target is also a replacement's
    // source, which kustomize refuses to render when it is missing (conformance proves it with kubectl)
    expect(component.replacements).toEqual(['argocd-cm', 'argocd-rbac-cm'].map((name) => ({
      source: { kind: 'ConfigMap', name, fieldPath: 'metadata.name' },
      targets: [{ select: { kind: 'ConfigMap', name }, fieldPaths: ['metadata.name'] }],
    })));
    expect(parse(files.get('consumers/east/argocd/configmap-argocd-cm.patch.yaml')!).metadata).toEqual({ name: 'argocd-cm' });
    const secret = parse(files.get('consumers/east/argocd/externalsecret-argocd-oidc-authentik.yaml')!);
    expect(secret.metadata.namespace).toBe('argocd');
    expect(secret.spec.target.template.metadata.labels).toEqual({ 'app.kubernetes.io/part-of': 'argocd' });
    expect(secret.spec.data).toEqual([{ secretKey: 'client-secret', remoteRef: { key: 'Authentik (test)', property: 'app-client-secret' } }]);
    expect(secret.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'store' });
  });

  it('writes ArgoCD\'s role lines to policy.authentik.csv, leaving policy.csv to hand-written lines', () => {
    const rbac = parse(everyConsumer('app').get('consumers/east/argocd/configmap-argocd-rbac-cm.patch.yaml')!);
    expect(rbac.data).toEqual({ 'policy.authentik.csv': 'g, admins, role:admin\n', scopes: '[groups]' });
  });

  it('writes Grafana\'s role expression from the groups in order, quoting names', () => {
    const s = scene();
    const ops = new Group(s.bp, 'Ops', { name: "o'ps" });
    const grafana = new GrafanaConsumer({ destination: s.grafana, roles: [{ group: s.admins, role: 'Admin' }, { group: ops, role: 'Editor' }] });
    client(s, [grafana], { access: ApplicationAccess.groups(s.admins, ops) });
    expect(grafana.roleAttributePath()).toBe("contains(groups[*], 'admins') && 'Admin' || contains(groups[*], 'o\\'ps') && 'Editor' || 'Viewer'");
    expect(problems(s.app)).toEqual([]);
  });

  it('writes zot\'s accessControl from group objects, so a renamed group moves with it', () => {
    const s = scene();
    const ci = new Group(s.bp, 'Ci', { name: 'ci-pushers' });
    client(s, [new ZotConsumer({
      host: s.host,
      accessControl: {
        metricsUsers: [''],
        repositories: { '**': { policies: [{ groups: [ci], actions: ['read', 'create'] }], defaultPolicy: ['read'] } },
      },
    })], { access: ApplicationAccess.groups(s.admins, ci) });
    expect(JSON.parse(renderApp(s.app).get('ansible/box/zot.json')!).access_control).toEqual({
      metrics: { users: [''] },
      repositories: { '**': { policies: [{ groups: ['ci-pushers'], actions: ['read', 'create'] }], defaultPolicy: ['read'] } },
    });
  });

  it('writes nothing for the consumers of a retired client', () => {
    const s = scene();
    client(s, [new AnsibleConsumer({ host: s.host, name: 'app' })], { retired: true });
    expect([...renderApp(s.app).keys()].filter((p) => p.startsWith('ansible/'))).toEqual([]);
  });

  it('fails when a consumer asks for a scope the provider does not offer, and accepts it acknowledged in extraScopes', () => {
    const s = scene();
    client(s, [new AnsibleConsumer({ host: s.host, name: 'app', scopes: ['openid', 'profile', 'groups'] })]);
    expect(problems(s.app)).toEqual([
      'Authentik/Apps/Client: consumer app on box: requests scope "groups", which the provider does not offer (it offers openid, email, profile); '
      + 'add its scope mapping to the client\'s scopes, or, if the consumer must send it and authentik may ignore it, list it in extraScopes',
    ]);
    const ok = scene();
    client(ok, [new AnsibleConsumer({ host: ok.host, name: 'app', scopes: ['openid', 'profile'], extraScopes: ['groups'] })]);
    expect(problems(ok.app)).toEqual([]);
    expect(JSON.parse(renderApp(ok.app).get('ansible/box/app.json')!).scopes).toEqual(['openid', 'profile', 'groups']);
  });

  it('fails when extraScopes lists a scope the provider offers, or scopes lack openid', () => {
    const s = scene();
    client(s, [new AnsibleConsumer({ host: s.host, name: 'app', scopes: ['profile'], extraScopes: ['email'] })]);
    expect(problems(s.app)).toEqual([
      'Authentik/Apps/Client: consumer app on box: scopes ["profile"] lack "openid", without which no ID token is issued; add it',
      'Authentik/Apps/Client: consumer app on box: extraScopes lists "email", which the provider offers; move it to scopes',
    ]);
  });

  it('fails when a role names a group by string, with the fix', () => {
    const s = scene();
    client(s, [new ArgoCdConsumer({ destination: s.argocd, roles: [{ group: 'admins' as unknown as IGroup, role: 'role:admin' }] })]);
    expect(problems(s.app)).toEqual([
      'Authentik/Apps/Client: consumer ArgoCD in east/argocd: roles[0].group is the string "admins"; pass the group object (the Group declared in main.ts, '
      + 'or Group.fromName("admins") for one outside this app), so a renamed group moves every consumer with it',
    ]);
  });

  it('fails when a consumer maps a group the client does not let in', () => {
    const s = scene();
    const guests = Group.fromName('guests');
    client(s, [new GrafanaConsumer({ destination: s.grafana, roles: [{ group: guests, role: 'Viewer' }] })]);
    expect(problems(s.app)).toEqual([
      'Authentik/Apps/Client: consumer Grafana in east/grafana-config: roles[0].group maps group guests, which the client\'s access does not include, '
      + 'so its members could never sign in; add it to access (ApplicationAccess.groups(...)) or drop the mapping',
    ]);
  });

  it('accepts any group for a client open to every signed-in user', () => {
    const s = scene();
    client(s, [new AnsibleConsumer({ host: s.host, name: 'app', roles: [{ group: s.admins, role: 'admin' }] })],
      { access: ApplicationAccess.anyAuthenticatedUser({ policyEngineMode: 'all' }) });
    expect(problems(s.app)).toEqual([]);
  });

  it('fails when the issuer or the secret\'s URI is unknown', () => {
    const s = scene({ externalUrl: undefined, secretItemUri: undefined });
    client(s, [new AnsibleConsumer({ host: s.host, name: 'app' })]);
    expect(problems(s.app)).toEqual([
      'Authentik/Apps/Client: consumer app on box: the issuer is unknown; set externalUrl on the AuthentikChart (Authentik), e.g. https://authentik.example.com',
      'Authentik/Apps/Client: consumer app on box: its secret is read with `op read`, but the AuthentikChart names no secretItemUri; '
      + 'set it to op://<vault id>/<item id> of the item "Authentik (test)"',
    ]);
  });

  it('fails on a role a consumer does not know, and on a policy key ArgoCD does not read', () => {
    const s = scene();
    client(s, [
      new GrafanaConsumer({ destination: s.grafana, roles: [{ group: s.admins, role: 'Owner' as 'Admin' }] }),
      new ArgoCdConsumer({ destination: s.argocd, policyKey: 'authentik.csv', roles: [{ group: s.admins, role: 'role:admin' }] }),
    ]);
    expect(problems(s.app)).toEqual([
      'Authentik/Apps/Client: consumer Grafana in east/grafana-config: roles[0].role "Owner" is not a Grafana role; use one of GrafanaAdmin, Admin, Editor, Viewer, None',
      'Authentik/Apps/Client: consumer ArgoCD in east/argocd: policyKey "authentik.csv" is not read by ArgoCD; use policy.<name>.csv, e.g. policy.authentik.csv',
    ]);
  });

  it('fails when one consumer is given to two clients', () => {
    const s = scene();
    const consumer = new AnsibleConsumer({ host: s.host, name: 'app' });
    client(s, [consumer]);
    expect(() => new OidcClient(s.bp, 'Other', {
      name: 'Other', slug: 'other', redirectUris: ['https://o.example.com/cb'], access: ApplicationAccess.groups(s.admins), consumers: [consumer],
    })).toThrow('Authentik/Apps/Other: consumer app on box is already bound to Authentik/Apps/Client; create one consumer per client');
  });

  it('fails on a consumers prop that is not a list of consumers', () => {
    const s = scene();
    client(s, 'argocd' as unknown as IOidcConsumer[]);
    expect(problems(s.app)).toContain(
      'Authentik/Apps/Client: consumers must be a list of consumers (new ArgoCdConsumer(...), new AnsibleConsumer(...), …); got string "argocd"');
  });
});

describe('the authentik Component', () => {
  it('writes the overlay\'s objects again under the component folder, the worker patch without its namespace, selected by kind and name and guarded', () => {
    const s = scene({ componentFolder: 'component' });
    const files = renderApp(s.app);
    for (const name of ['configmap-authentik-blueprints.yaml', 'externalsecret-authentik-config.yaml']) {
      expect(files.get(`component/${name}`), name).toBe(files.get(name));
    }
    const overlayPatch = parse(files.get('deployment-authentik-worker.patch.yaml')!);
    const componentPatch = parse(files.get('component/deployment-authentik-worker.patch.yaml')!);
    expect(overlayPatch.metadata).toEqual({ name: 'authentik-worker', namespace: 'authentik' });
    expect(componentPatch).toEqual({ ...overlayPatch, metadata: { name: 'authentik-worker' } });
    expect(parse(files.get('component/kustomization.yaml')!)).toMatchObject({
      kind: 'Component',
      resources: ['configmap-authentik-blueprints.yaml', 'externalsecret-authentik-config.yaml'],
      patches: [{ path: 'deployment-authentik-worker.patch.yaml', target: { kind: 'Deployment', name: 'authentik-worker' } }],
      // the base's real worker container has an image; one the patch alone would add has none
      replacements: [{
        source: { kind: 'Deployment', name: 'authentik-worker', fieldPath: 'spec.template.spec.containers.[name=worker].image' },
        targets: [{ select: { kind: 'Deployment', name: 'authentik-worker' }, fieldPaths: ['spec.template.spec.containers.[name=worker].image'] }],
      }],
    });
    // the overlay's patch has no selector: kustomize matches it by name and namespace, and fails when it finds none
    expect(parse(files.get('kustomization.yaml')!).patches).toEqual([{ path: 'deployment-authentik-worker.patch.yaml' }]);
    expect(parse(files.get('kustomization.yaml')!).replacements).toBeUndefined();
    expect(parse(files.get('kustomization.yaml')!).resources).toEqual(['../base', 'configmap-authentik-blueprints.yaml', 'externalsecret-authentik-config.yaml']);
  });

  it('writes only the Component when no base is given', () => {
    const s = scene({ kustomizeBase: undefined, componentFolder: 'authentik' });
    expect([...renderApp(s.app).keys()].filter((p) => !p.startsWith('consumers/'))).toEqual([
      'authentik/configmap-authentik-blueprints.yaml',
      'authentik/deployment-authentik-worker.patch.yaml',
      'authentik/externalsecret-authentik-config.yaml',
      'authentik/kustomization.yaml',
    ]);
    expect(parse(renderApp(s.app).get('authentik/deployment-authentik-worker.patch.yaml')!).metadata).toEqual({ name: 'authentik-worker' });
  });

  it('fails when neither a base nor a component folder is given, or the folder climbs out', () => {
    expect(problems(scene({ kustomizeBase: undefined }).app)).toEqual([
      'Authentik: give kustomizeBase (ArgoCD syncs the output folder, layered on that base) or componentFolder '
      + '(your authentik kustomization includes the Component), or both; with neither, nothing would render the objects',
    ]);
    expect(problems(scene({ componentFolder: '../up' }).app)).toEqual([
      'Authentik: componentFolder "../up" must be a relative path of lowercase names (letters, digits, ., _, -) below the output folder, e.g. "consumers/indri/argocd"',
    ]);
  });
});

describe('consumer props', () => {
  it('fails on a misspelt prop, with the closest known one', () => {
    const s = scene();
    client(s, [new ArgoCdConsumer({ destination: s.argocd, role: [{ group: s.admins, role: 'role:admin' }] } as never)]);
    expect(problems(s.app)).toEqual([
      'Authentik/Apps/Client: consumer ArgoCD in east/argocd: props: "role" is not a prop of this construct; did you mean "roles"? '
      + '(given a list of 1; known props: scopes, extraScopes, destination, roles, displayName, secretName, secretKey, policyKey)',
    ]);
  });
});

describe('consumer destinations', () => {
  it('fails when a Kubernetes consumer is given no destination, naming the client and the prop', () => {
    const s = scene();
    expect(() => client(s, [new GrafanaConsumer({ destination: 'indri' as never })])).toThrow(
      'Authentik/Apps/Client: consumer Grafana in undefined: destination must be a KubernetesDestination (new KubernetesDestination(app, id, {...})); got string "indri"');
  });
});

describe('Ansible files', () => {
  it('fails when two consumers on one host share a name, naming both clients', () => {
    const s = scene();
    client(s, [new AnsibleConsumer({ host: s.host, name: 'app' })]);
    expect(() => new OidcClient(s.bp, 'Other', {
      name: 'Other', slug: 'other', redirectUris: ['https://o.example.com/cb'], access: ApplicationAccess.groups(s.admins),
      consumers: [new AnsibleConsumer({ host: s.host, name: 'app' })],
    })).toThrow('Authentik/Apps/Other: consumer app on box: host box already has a consumer named "app" (file app.json, written for '
      + 'Authentik/Apps/Client); give each consumer its own name');
  });
});

describe('consumer files when they go', () => {
  it('are known as the synth\'s own, so a retired client\'s files may go, but a hand-written file beside them is kept', async () => {
    const { foreignFiles } = await import('../constructs/synth/private/foreign-files');
    const before = everyConsumer('app');
    const withNotes = new Map([...before, ['ansible/box/notes.json', '{"todo": "rotate"}\n'], ['consumers/east/argocd/extra.yaml', 'kind: ConfigMap\n']]);
    expect(foreignFiles(withNotes, new Map())).toEqual(['ansible/box/notes.json', 'consumers/east/argocd/extra.yaml']);
  });
});

// the groups claim comes with authentik's "profile" scope mapping (blueprints/system/providers-oauth2.yaml)
describe('consumer role mappings and the groups claim', () => {
  it('fails when roles are mapped from groups but the scope carrying the groups claim is not requested', () => {
    const s = scene();
    client(s, [new ArgoCdConsumer({ destination: s.argocd, roles: [{ group: s.admins, role: 'role:admin' }], scopes: ['openid', 'email'] })]);
    expect(problems(s.app)).toContainEqual(expect.stringMatching(
      /Authentik\/Apps\/Client: consumer ArgoCD in east\/argocd: maps roles from groups, but requests scopes \["openid","email"\] without "profile", the scope whose mapping carries the groups claim/));
  });

  it('accepts a custom scope whose mapping returns groups instead of profile', () => {
    const s = scene();
    const groups = new ScopeMapping(s.bp, 'Groups', { name: 'groups', scopeName: 'groups', expression: 'return {"groups": [g.name for g in request.user.ak_groups.all()]}' });
    client(s, [new ArgoCdConsumer({ destination: s.argocd, roles: [{ group: s.admins, role: 'role:admin' }], scopes: ['openid', 'groups'] })],
      { scopes: [ScopeMapping.fromScopeName('openid'), groups] });
    expect(problems(s.app).filter((p) => /groups claim/.test(p))).toEqual([]);
  });
});

describe('consumers bind to IOidcClient, not to OidcClient', () => {
  // a client of another intent: the same authentik side, reached only through the interface
  class Forwarded extends Construct implements IOidcClient {
    readonly slug: string;
    readonly clientId: IOidcClient['clientId'];
    readonly clientSecret: IOidcClient['clientSecret'];
    readonly scopeMappings: IOidcClient['scopeMappings'];
    readonly grant: IOidcClient['grant'];
    constructor(scope: Construct, id: string, private readonly inner: IOidcClient) {
      super(scope, id);
      ({ slug: this.slug, clientId: this.clientId, clientSecret: this.clientSecret, scopeMappings: this.scopeMappings, grant: this.grant } = inner);
    }
    get scopeNames(): string[] {
      return this.inner.scopeNames;
    }
  }

  it('writes the same consumer half for any IOidcClient as for the OidcClient behind it', () => {
    const direct = scene();
    client(direct, [new GrafanaConsumer({ destination: direct.grafana, roles: [{ group: direct.admins, role: 'Admin' }] })]);
    const expected = [...renderApp(direct.app)].filter(([f]) => f.includes('grafana-config'));

    const via = scene();
    const inner = client(via, []);
    const consumer = new GrafanaConsumer({ destination: via.grafana, roles: [{ group: via.admins, role: 'Admin' }] });
    consumer.bind(new Forwarded(via.bp, 'Forwarded', inner));
    const got = [...renderApp(via.app)].filter(([f]) => f.includes('grafana-config'));
    expect(expected.length).toBeGreaterThan(0);
    expect(got).toEqual(expected);
  });
});
