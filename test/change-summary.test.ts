import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { ApplicationAccess, Blueprint, Group, OidcClient, renderApp, type AuthentikChart, type IGroup, type OidcClientProps } from '../constructs';
import { readBlueprint } from '../constructs/synth/blueprint-reader';
import { changeSummary } from '../constructs/synth/change-summary';

/** The folder blumeops synthesizes, after `change` is applied to its chart. */
function synth(change?: (authentik: AuthentikChart) => void): Map<string, string> {
  const app = new App();
  const authentik = blumeops(app);
  change?.(authentik);
  return renderApp(app);
}

function blueprint(authentik: AuthentikChart, id: string): Blueprint {
  return authentik.node.findChild(id) as Blueprint;
}

function admins(authentik: AuthentikChart): Group {
  return blueprint(authentik, 'Common').node.findChild('Admins') as Group;
}

/** A new group `ops` in common.yaml. */
function ops(authentik: AuthentikChart): Group {
  return new Group(blueprint(authentik, 'Common'), 'Ops', { name: 'ops' });
}

/** A Immich client in grafana.yaml, open to admins unless told otherwise. */
function immich(authentik: AuthentikChart, props: Partial<OidcClientProps> & { groups?: IGroup[] } = {}): OidcClient {
  const { groups, ...rest } = props;
  return new OidcClient(blueprint(authentik, 'Grafana'), 'Immich', {
    name: 'Immich',
    slug: 'immich',
    redirectUris: ['https://immich.ops.eblu.me/sso/OID/redirect/authentik'],
    launchUrl: 'https://immich.ops.eblu.me',
    access: ApplicationAccess.groups(...(groups ?? [admins(authentik)])),
    ...rest,
  });
}

/** `files` with the last `from` in `path` replaced: for changes main.ts cannot make to an existing client. */
function edit(files: ReadonlyMap<string, string>, path: string, from: string, to: string): Map<string, string> {
  const content = files.get(path)!;
  const at = content.lastIndexOf(from);
  expect(at).toBeGreaterThanOrEqual(0);
  return new Map([...files, [path, content.slice(0, at) + to + content.slice(at + from.length)]]);
}

const BLUEPRINTS = 'configmap-authentik-blueprints.yaml';

describe('changeSummary', () => {
  it('reports nothing when the folders are equal', () => {
    expect(changeSummary(synth(), synth())).toEqual([]);
  });

  it('reports an added client with its redirect URIs, bindings, secret wiring and the 1Password field to create first', () => {
    expect(changeSummary(synth(), synth((a) => immich(a)))).toEqual([
      'new client immich (grafana.yaml)',
      'immich: binding to group admins added (order 0)',
      'immich: redirect URI added https://immich.ops.eblu.me/sso/OID/redirect/authentik',
      'secret key immich-client-secret added in ExternalSecret authentik-config',
      'worker env AUTHENTIK_IMMICH_CLIENT_SECRET added',
      'MANUAL STEPS:',
      '  before merging: create field immich-client-secret in 1Password item "Authentik (blumeops)"',
    ]);
  });

  it('reports a new blueprint with its group, service account and an open client', () => {
    const after = synth((a) => {
      const media = new Blueprint(a, 'Media', { fileName: 'media.yaml', name: 'BlumeOps Media SSO', description: 'Media clients' });
      const viewers = new Group(media, 'Viewers', { name: 'media-viewers' });
      new OidcClient(media, 'Immich', {
        name: 'Immich',
        slug: 'immich',
        redirectUris: ['https://immich.ops.eblu.me/sso/OID/redirect/authentik'],
        launchUrl: 'https://immich.ops.eblu.me',
        access: ApplicationAccess.anyAuthenticatedUser(),
        serviceAccounts: [{ username: 'immich-sync', name: 'Immich sync', groups: [viewers] }],
      });
    });
    expect(changeSummary(synth(), after)).toEqual([
      'new blueprint media.yaml',
      'new client immich (media.yaml)',
      'immich: open to every signed-in user (no bindings)',
      'immich: redirect URI added https://immich.ops.eblu.me/sso/OID/redirect/authentik',
      'group media-viewers added (media.yaml)',
      'service account immich-sync added (media.yaml)',
      'secret key immich-client-secret added in ExternalSecret authentik-config',
      'worker env AUTHENTIK_IMMICH_CLIENT_SECRET added',
      'MANUAL STEPS:',
      '  before merging: create field immich-client-secret in 1Password item "Authentik (blumeops)"',
    ]);
  });

  it('warns that a removed client stays in authentik, and that its 1Password field can go once applied', () => {
    expect(changeSummary(synth((a) => immich(a)), synth())).toEqual([
      'immich: client removed from grafana.yaml (authentik keeps its provider, application and bindings)',
      'secret key immich-client-secret removed in ExternalSecret authentik-config',
      'worker env AUTHENTIK_IMMICH_CLIENT_SECRET removed',
      'MANUAL STEPS:',
      '  after merging: delete the provider, application and bindings of client immich in authentik, '
        + 'or declare the client with retired: true instead (removing an entry leaves the object in authentik)',
      '  after authentik applied the change: field immich-client-secret in 1Password item "Authentik (blumeops)" can be deleted',
    ]);
  });

  it('reports a retired client once, as deleted by authentik', () => {
    expect(changeSummary(synth((a) => immich(a)), synth((a) => immich(a, { retired: true })))).toEqual([
      'immich: client retired (provider, application and bindings will be deleted: state absent)',
      'secret key immich-client-secret removed in ExternalSecret authentik-config',
      'worker env AUTHENTIK_IMMICH_CLIENT_SECRET removed',
      'MANUAL STEPS:',
      '  after authentik applied the change: field immich-client-secret in 1Password item "Authentik (blumeops)" can be deleted',
    ]);
  });

  it('says nothing changes in authentik when a retired client is finally dropped', () => {
    expect(changeSummary(synth((a) => immich(a, { retired: true })), synth())).toEqual([
      'immich: retired client dropped from grafana.yaml (nothing changes in authentik)',
    ]);
  });

  it('reports a changed redirect URI as one added and one removed', () => {
    const after = synth((a) => immich(a, { redirectUris: ['https://immich.eblu.me/sso/OID/redirect/authentik'] }));
    expect(changeSummary(synth((a) => immich(a)), after)).toEqual([
      'immich: redirect URI added https://immich.eblu.me/sso/OID/redirect/authentik',
      'immich: redirect URI removed https://immich.ops.eblu.me/sso/OID/redirect/authentik',
    ]);
  });

  it('reports a group binding added after the existing ones with its order', () => {
    const after = synth((a) => immich(a, { groups: [admins(a), ops(a)] }));
    expect(changeSummary(synth((a) => immich(a)), after)).toEqual([
      'immich: binding to group ops added (order 1)',
      'group ops added (common.yaml)',
    ]);
  });

  it('reports a replaced group binding and that authentik keeps the old one until it is deleted', () => {
    const before = synth((a) => immich(a, { groups: [admins(a), ops(a)] }));
    const after = synth((a) => immich(a, { groups: [ops(a)] }));
    expect(changeSummary(before, after)).toEqual([
      'immich: binding to group admins removed',
      'immich: binding to group ops order 1 → 0',
      'MANUAL STEPS:',
      '  after merging: delete the binding of group admins to application immich in authentik '
        + '(removing an entry leaves the object in authentik, so access stays until then)',
    ]);
  });

  it('reports a new base secret key and the 1Password field to create before merging', () => {
    expect(changeSummary(synth(), synth((a) => a.secrets.addKey('x')))).toEqual([
      'secret key x added in ExternalSecret authentik-config',
      'MANUAL STEPS:',
      '  before merging: create field x in 1Password item "Authentik (blumeops)"',
    ]);
  });

  it('reports other attribute changes generically and the launch URL in words', () => {
    let after = edit(synth(), BLUEPRINTS, 'sub_mode: hashed_user_id', 'sub_mode: user_email');
    after = edit(after, BLUEPRINTS, 'meta_launch_url: https://registry.ops.eblu.me', 'meta_launch_url: https://zot.ops.eblu.me');
    expect(changeSummary(synth(), after)).toEqual([
      'zot: launch URL changed https://registry.ops.eblu.me → https://zot.ops.eblu.me',
      'zot: provider attribute sub_mode changed hashed_user_id → user_email',
    ]);
  });

  it('says when a blueprint changed without any object changing', () => {
    const after = edit(synth(), BLUEPRINTS, '# generated by blumeops-authentik', '# written by blumeops-authentik');
    expect(changeSummary(synth(), after)).toEqual([
      'zot.yaml: reordered or reformatted only; authentik re-applies it, no object changes',
    ]);
  });

  it('names files it does not interpret', () => {
    const before = synth();
    const after = new Map(before);
    after.set('kustomization.yaml', `${before.get('kustomization.yaml')}# note\n`);
    after.set('extra.yaml', 'a: 1\n');
    expect(changeSummary(before, after)).toEqual(['new file extra.yaml', 'kustomization.yaml changed (see the diff)']);
  });
});

describe('readBlueprint', () => {
  it('describes all 14 authentik tags, scalar and sequence forms, and resolves !KeyOf to its entry', () => {
    const read = readBlueprint([
      'version: 1',
      'metadata: {name: Tags}',
      'entries:',
      '  - model: authentik_core.group',
      '    id: ops',
      '    identifiers: {name: ops}',
      '  - model: authentik_core.user',
      '    identifiers:',
      "      username: !Format ['%s-ci', !Context [prefix, zot]]",
      '    attrs:',
      '      type: service_account',
      '      groups: [!KeyOf ops]',
      '      a: !Env AUTHENTIK_X',
      '      b: !Env [AUTHENTIK_X, fallback]',
      '      c: !Find [authentik_flows.flow, [slug, default-authentication-flow]]',
      '      d: !FindObject [authentik_core.group, [name, ops], [is_superuser, false]]',
      '      e: !File /run/secret',
      '      f: !File [/run/secret, none]',
      '      g: !Condition [AND, !Context enabled, true]',
      '      h: !If [!Context enabled, on-value, off-value]',
      '      i: !Enumerate [!Context items, SEQ, !Value 0]',
      '      j: !Index 0',
      '      k: !AtIndex [!Context items, 1, none]',
      `      l: !ParseJSON '{"a": 1}'`,
      '      m: !Context key',
      '      n: !KeyOf missing',
      '      y: yes',
      '',
    ].join('\n'));
    expect(read.entries.map((e) => e.label)).toEqual(['group ops', 'service account format(%s-ci, context prefix (default zot))']);
    expect(read.entries[1].attrs).toEqual({
      type: 'service_account',
      groups: ['group ops'],
      a: 'env AUTHENTIK_X',
      b: 'env AUTHENTIK_X (default fallback)',
      c: 'flow default-authentication-flow',
      d: 'group name=ops, is_superuser=false (object)',
      e: 'file /run/secret',
      f: 'file /run/secret (default none)',
      g: 'AND(context enabled, true)',
      h: 'if context enabled then on-value else off-value',
      i: 'enumerate context items as SEQ: enumerated value 0',
      j: 'enumerated index 0',
      k: 'context items[1] (default none)',
      l: 'JSON {"a": 1}',
      m: 'context key',
      // PyYAML reads `n` as a string and `yes` as true (YAML 1.1)
      n: 'entry missing',
      y: true,
    });
    expect(read.warnings).toEqual([]);
  });

  it('reports a tag authentik does not know', () => {
    expect(readBlueprint('version: 1\nentries:\n  - model: x.y\n    attrs: {a: !find x}\n').warnings)
      .toEqual([expect.stringMatching(/^Unresolved tag: !find/)]);
  });
});
