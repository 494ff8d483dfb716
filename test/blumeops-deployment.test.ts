import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { readDist, readDistContents, type ReadBlueprint } from '../constructs';

// dist/ against the hand-written files of docs/blumeops-deployment.md, as fixtures
const fixture = (path: string): string => fileURLToPath(new URL(`fixtures/blumeops-handwritten/${path}`, import.meta.url));
const dist = readDist(fileURLToPath(new URL('../dist', import.meta.url)));
const handwritten = readDistContents(readDist(fixture('authentik')));
const generated = readDistContents(dist);

/** What authentik holds from a blueprint: its entries by model and identifiers, meta entries left out. */
function held(blueprint: ReadBlueprint | undefined): unknown {
  expect(blueprint).toBeDefined();
  const entries = blueprint!.entries.filter((e) => e.model !== 'authentik_blueprints.metaapplyblueprint')
    .map((e) => ({ model: e.model, state: e.state, identifiers: e.identifiers, attrs: e.attrs }));
  const key = (e: { model: string; identifiers: unknown }): string => JSON.stringify([e.model, e.identifiers]);
  return { name: blueprint!.name, labels: blueprint!.labels, entries: entries.sort((a, b) => (key(a) < key(b) ? -1 : 1)) };
}

function manifest(path: string): any {
  const text = dist.get(path);
  expect(text, path).toBeDefined();
  return parse(text!);
}

function fixtureManifest(path: string): any {
  return parseAllDocuments(readFileSync(fixture(path), 'utf8'))[0].toJS();
}

/** An ExternalSecret's spec, as the operator reads it. */
const specOf = (externalSecret: any): unknown => externalSecret.spec;

function ansible(name: string): any {
  return JSON.parse(dist.get(`ansible/indri/${name}.json`)!);
}

describe('dist/ is blumeops as it runs today', () => {
  it('holds the seven blueprints of the deployment, each holding what authentik holds today', () => {
    expect([...generated.blueprints.keys()].sort()).toEqual(['argocd.yaml', 'common.yaml', 'forgejo.yaml', 'grafana.yaml', 'jellyfin.yaml', 'mfa.yaml', 'zot.yaml']);
    expect([...handwritten.blueprints.keys()].sort()).toEqual([...generated.blueprints.keys()].sort());
    for (const [file, today] of handwritten.blueprints) {
      expect(held(generated.blueprints.get(file)?.blueprint), file).toEqual(held(today.blueprint));
    }
  });

  it('reads every key of authentik-config from the same 1Password field as today', () => {
    const keys = (c: typeof generated): unknown[] => [...c.secretKeys.values()].filter((k) => k.externalSecret === 'authentik-config')
      .map((k) => ({ ...k, source: undefined })).sort((a, b) => (a.secretKey < b.secretKey ? -1 : 1));
    expect(keys(generated)).toEqual(keys(handwritten));
    expect(keys(generated)).toHaveLength(11);
  });

  it('sets the worker variable of every client as today', () => {
    const clientVars = (c: typeof generated): string[] => [...c.env.values()]
      .filter((v) => v.deployment === 'authentik-worker' && v.name.endsWith('_CLIENT_SECRET')).map((v) => `${v.name} ← ${v.from}`).sort();
    expect(clientVars(generated)).toEqual(clientVars(handwritten));
    expect(clientVars(generated)).toHaveLength(5);
  });

  it('gives ArgoCD the ExternalSecret, oidc.config and admins role line it has today', () => {
    expect(specOf(manifest('consumers/indri/argocd/externalsecret-argocd-oidc-authentik.yaml')))
      .toEqual(specOf(fixtureManifest('argocd/external-secret-oidc.yaml')));
    const oidc = (m: any): unknown => parse(m.data['oidc.config']);
    expect(oidc(manifest('consumers/indri/argocd/configmap-argocd-cm.patch.yaml'))).toEqual(oidc(fixtureManifest('argocd/argocd-cm-patch.yaml')));
    const rbac = manifest('consumers/indri/argocd/configmap-argocd-rbac-cm.patch.yaml');
    const today = fixtureManifest('argocd/argocd-rbac-cm-patch.yaml');
    expect(rbac.data.scopes).toBe(today.data.scopes);
    // the generated lines are today's admins line; the workflow-bot lines stay hand-written in policy.csv
    expect(rbac.data['policy.authentik.csv']).toBe('g, admins, role:admin\n');
    expect(today.data['policy.csv'].split('\n')).toContain('g, admins, role:admin');
  });

  it('gives Grafana the ExternalSecret it has today and the [auth.generic_oauth] values of grafana.ini', () => {
    expect(specOf(manifest('consumers/indri/grafana-config/externalsecret-grafana-authentik-oauth.yaml')))
      .toEqual(specOf(fixtureManifest('grafana-config/external-secret.yaml')));
    const ini = Object.fromEntries(readFileSync(fixture('grafana/grafana.ini'), 'utf8').split('\n')
      .map((l) => /^(\w+) = (.*)$/.exec(l)).filter((m) => m !== null).map((m) => [m![1], m![2]]));
    const settings = manifest('consumers/indri/grafana-config/configmap-grafana-authentik-oidc.yaml').data;
    for (const key of ['client_id', 'scopes', 'auth_url', 'token_url', 'api_url', 'role_attribute_path']) {
      expect(settings[`GF_AUTH_GENERIC_OAUTH_${key.toUpperCase()}`], key).toBe(ini[key]);
    }
  });

  it('writes zot\'s accessControl exactly as its config.json has it today', () => {
    const today = JSON.parse(readFileSync(fixture('ansible/zot-config.json'), 'utf8')).http;
    const zot = ansible('zot');
    expect(zot.access_control).toEqual(today.accessControl);
    expect(zot.issuer).toBe(today.auth.openid.providers.oidc.issuer);
    expect(zot.scopes).toEqual(today.auth.openid.providers.oidc.scopes);
    expect(zot.client_id).toBe('zot');
  });

  it('gives Jellyfin and Forgejo the values their Ansible variables hold today', () => {
    const vars = parse(readFileSync(fixture('ansible/vars.yaml'), 'utf8'));
    const opRef = (v: string): string => /op read (\S+)'/.exec(v)![1];
    const jellyfin = ansible('jellyfin');
    expect(jellyfin.issuer).toBe(`${vars.jellyfin_sso_endpoint}/`);
    expect(jellyfin.client_id).toBe(vars.jellyfin_sso_client_id);
    expect(jellyfin.client_secret_ref).toBe(opRef(vars.jellyfin_sso_client_secret));
    expect(jellyfin.groups_claim).toBe(vars.jellyfin_sso_role_claim);
    expect(jellyfin.role_groups.admin).toEqual(vars.jellyfin_sso_admin_roles);
    expect(jellyfin.scopes).toEqual(vars.jellyfin_sso_scopes);
    const forgejo = ansible('forgejo');
    expect(forgejo.client_id).toBe(vars.forgejo_oauth_key);
    expect(forgejo.client_secret_ref).toBe(opRef(vars.forgejo_oauth_secret));
    expect(forgejo.discovery_url).toBe(vars.forgejo_oauth_discovery_url);
    expect(forgejo.scopes.join(' ')).toBe(vars.forgejo_oauth_scopes);
    expect(forgejo.groups_claim).toBe(vars.forgejo_oauth_group_claim);
    expect(forgejo.role_groups.admin).toEqual([vars.forgejo_oauth_admin_group]);
  });
});
