import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { type ReadBlueprint } from '../constructs/synth/blueprint-reader';
import { readDistContents } from '../constructs/synth/dist-contents';
import { readDist } from '../constructs/synth/dist-dir';

// dist/ against the user's real files: test/fixtures/blumeops, eblume/blumeops at 14e9315 (verbatim)
const fixture = (path: string): string => fileURLToPath(new URL(`fixtures/blumeops/${path}`, import.meta.url));
const dist = readDist(fileURLToPath(new URL('../dist', import.meta.url)));
const handwritten = readDistContents(readDist(fixture('argocd/manifests/authentik')));
const generated = readDistContents(dist);

/**
 * What authentik holds from a blueprint: its entries by model and identifiers, meta entries left out.
 * authentik saves an entry's attrs updated with its identifiers (goauthentik/authentik
 * authentik/blueprints/v1/importer.py, `_validate_single`: `full_data.update(updated_identifiers)`),
 * so attrs that repeat the identifiers (as blumeops's hand-written blueprints do) hold the same. The
 * identifiers themselves only find the object: blumeops's policy bindings also name `order: 0`,
 * dist/'s name target and group, and both find the one binding of order 0, so the object held is
 * compared, not the lookup.
 */
function held(blueprint: ReadBlueprint | undefined): unknown {
  expect(blueprint).toBeDefined();
  const entries = blueprint!.entries.filter((e) => e.model !== 'authentik_blueprints.metaapplyblueprint')
    .map((e) => ({ model: e.model, state: e.state, attrs: { ...e.attrs, ...e.identifiers } }));
  const key = (e: { model: string; attrs: unknown }): string => JSON.stringify([e.model, e.attrs]);
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

/**
 * An ExternalSecret's spec, as the operator reads it: a `remoteRef` without `conversionStrategy`,
 * `decodingStrategy` or `metadataPolicy` gets the CRD's defaults (Default, None, None; see
 * external-secrets.io_externalsecrets.crd.yaml, spec.data[].remoteRef), which blumeops's ArgoCD
 * ExternalSecret spells out and dist/ does not.
 */
const specOf = (externalSecret: any): unknown => ({
  ...externalSecret.spec,
  data: externalSecret.spec.data.map((d: any) => ({
    ...d, remoteRef: { conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None', ...d.remoteRef },
  })),
});

const text = (path: string): string => readFileSync(fixture(path), 'utf8');

/** The JSON value after `"key": ` in a template, by bracket matching (the literal part of a Jinja2 template). */
function literalJson(template: string, key: string): unknown {
  const start = template.indexOf(`"${key}": `) + key.length + 4;
  expect(start, key).toBeGreaterThan(key.length + 3);
  let depth = 0;
  for (let i = start; i < template.length; i += 1) {
    if ('{['.includes(template[i])) depth += 1;
    if ('}]'.includes(template[i])) depth -= 1;
    if (depth === 0) return JSON.parse(template.slice(start, i + 1));
  }
  throw new Error(`no JSON value for ${key}`);
}

/** The text inside `<tag>…</tag>`, every occurrence. */
const xmlTexts = (xml: string, tag: string): string[] => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

/** The `op read "…"` reference of the playbook pre_task registering `register`. */
function opReadOf(register: string): string {
  const play = parse(text('ansible/playbooks/indri.yml'))[0];
  const task = play.pre_tasks.find((t: any) => t.register === register);
  return /^op read "([^"]+)"$/.exec(task['ansible.builtin.command'].cmd)![1];
}

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
      .toEqual(specOf(fixtureManifest('argocd/manifests/argocd/external-secret-oidc-authentik.yaml')));
    const oidc = (m: any): unknown => parse(m.data['oidc.config']);
    const cm = fixtureManifest('argocd/manifests/argocd/argocd-cm-patch.yaml');
    expect(oidc(manifest('consumers/indri/argocd/configmap-argocd-cm.patch.yaml'))).toEqual(oidc(cm));
    // the real patch also holds url and the CI account, which dist/ does not write: the README's step 3
    // keeps them in the hand-written patch and deletes only oidc.config
    expect(Object.keys(manifest('consumers/indri/argocd/configmap-argocd-cm.patch.yaml').data)).toEqual(['oidc.config']);
    expect(cm.data).toMatchObject({ url: 'https://argocd.ops.eblu.me', 'accounts.workflow-bot': 'apiKey' });
    const rbac = manifest('consumers/indri/argocd/configmap-argocd-rbac-cm.patch.yaml');
    const today = fixtureManifest('argocd/manifests/argocd/argocd-rbac-cm-patch.yaml');
    expect(rbac.data.scopes).toBe(today.data.scopes);
    // the effective policy (policy.csv plus every policy.*.csv) is today's: the generated line is
    // today's admins line, and the workflow-bot lines stay hand-written in policy.csv
    const lines = (csv: string): string[] => csv.split('\n').filter((l) => l.trim() !== '');
    expect(lines(rbac.data['policy.authentik.csv'])).toEqual(['g, admins, role:admin']);
    const kept = lines(today.data['policy.csv']).filter((l) => l !== 'g, admins, role:admin');
    expect(kept).toEqual(['p, role:workflow-bot, applications, sync, *, allow', 'p, role:workflow-bot, applications, get, *, allow', 'g, workflow-bot, role:workflow-bot']);
    expect([...kept, ...lines(rbac.data['policy.authentik.csv'])].sort()).toEqual(lines(today.data['policy.csv']).sort());
  });

  it('gives Grafana the ExternalSecret it has today and the [auth.generic_oauth] values of grafana.ini', () => {
    expect(specOf(manifest('consumers/indri/grafana-config/externalsecret-grafana-authentik-oauth.yaml')))
      .toEqual(specOf(fixtureManifest('argocd/manifests/grafana-config/external-secret-authentik-oauth.yaml')));
    const ini = Object.fromEntries(text('argocd/manifests/grafana/grafana.ini').split('\n')
      .map((l) => /^(\w+) = (.*)$/.exec(l)).filter((m) => m !== null).map((m) => [m![1], m![2]]));
    const settings = manifest('consumers/indri/grafana-config/configmap-grafana-authentik-oidc.yaml').data;
    for (const key of ['client_id', 'scopes', 'auth_url', 'token_url', 'api_url', 'role_attribute_path']) {
      expect(settings[`GF_AUTH_GENERIC_OAUTH_${key.toUpperCase()}`], key).toBe(ini[key]);
    }
  });

  it('writes zot\'s accessControl, issuer and scopes exactly as its role has them today', () => {
    const template = text('ansible/roles/zot/templates/config.json.j2');
    const defaults = parse(text('ansible/roles/zot/defaults/main.yml'));
    const zot = ansible('zot');
    expect(zot.access_control).toEqual(literalJson(template, 'accessControl'));
    expect(template).toContain('"issuer": "{{ zot_oidc_issuer }}"');
    expect(zot.issuer).toBe(defaults.zot_oidc_issuer);
    expect(zot.scopes).toEqual(literalJson(template, 'scopes'));
    expect(text('ansible/roles/zot/templates/oidc-credentials.json.j2')).toContain(`"clientid": "${zot.client_id}"`);
    expect(zot.client_secret_ref).toBe(opReadOf('_zot_oidc_secret'));
  });

  it('gives Jellyfin the values its SSO plugin template and role hold today', () => {
    const xml = text('ansible/roles/jellyfin/templates/sso-auth.xml.j2');
    const defaults = parse(text('ansible/roles/jellyfin/defaults/main.yml'));
    const jellyfin = ansible('jellyfin');
    expect(xmlTexts(xml, 'OidEndpoint')).toEqual([jellyfin.issuer.replace(/\/$/, '')]);
    expect(jellyfin.client_id).toBe(defaults.jellyfin_sso_client_id);
    expect(jellyfin.client_secret_ref).toBe(opReadOf('_jellyfin_oidc_secret'));
    expect(xmlTexts(xml, 'RoleClaim')).toEqual([jellyfin.groups_claim]);
    const between = (tag: string): string => xml.slice(xml.indexOf(`<${tag}>`), xml.indexOf(`</${tag}>`));
    expect(xmlTexts(between('AdminRoles'), 'string')).toEqual(jellyfin.role_groups.admin);
    expect(xmlTexts(between('OidScopes'), 'string')).toEqual(jellyfin.scopes);
  });

  it('gives Forgejo the client the blueprint declares; its app.ini holds no OIDC client settings to compare', () => {
    const forgejo = ansible('forgejo');
    expect(forgejo.client_id).toBe('forgejo');
    expect(text('argocd/manifests/authentik/configmap-blueprint.yaml')).toContain(`client_id: ${forgejo.client_id}\n`);
    expect(forgejo.discovery_url).toBe(`${forgejo.issuer}.well-known/openid-configuration`);
    // Forgejo keeps its authentication source in its database; the role's app.ini has no client
    const appIni = text('ansible/roles/forgejo/templates/app.ini.j2');
    expect(appIni).not.toMatch(/authentik|CLIENT_ID|DISCOVERY/i);
  });
});
