import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import {
  Application, ApplicationAccess, BindingSubject, Blueprint, ExpressionPolicy, Flow, FlowStageBinding, Group,
  IdentificationStage, OidcClient, PolicyBinding, ProxyProvider, renderApp,
  type AuthentikChart, type IGroup, type OidcClientProps,
} from '../constructs';
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

/** An Immich client in grafana.yaml, open to admins unless told otherwise. */
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

/** A login flow in a new flows.yaml: an identification stage bound at order 10. */
function loginFlow(authentik: AuthentikChart): { blueprint: Blueprint; binding: FlowStageBinding } {
  const flows = new Blueprint(authentik, 'Flows', { fileName: 'flows.yaml', name: 'BlumeOps Flows', description: 'Login flows' });
  const flow = new Flow(flows, 'OpsLogin', { slug: 'ops-login', name: 'Ops login', title: 'Welcome', designation: 'authentication' });
  const stage = new IdentificationStage(flows, 'OpsIdentification', { name: 'ops-identification', userFields: ['username'] });
  const binding = new FlowStageBinding(flows, 'OpsIdentificationBinding', { target: flow, stage, order: 10 });
  return { blueprint: flows, binding };
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

  it('reports an added application with its provider, redirect URIs, bindings, access, secret wiring and the 1Password field to create first', () => {
    expect(changeSummary(synth(), synth((a) => immich(a)))).toEqual([
      'application immich added (grafana.yaml)',
      'application immich: OAuth2 provider Immich added',
      'application immich: policy binding of group admins (order 0) added',
      'application immich: redirect URI added https://immich.ops.eblu.me/sso/OID/redirect/authentik',
      'access: group admins may now open application immich',
      'secret key immich-client-secret added in ExternalSecret authentik-config',
      'worker env AUTHENTIK_IMMICH_CLIENT_SECRET added',
      'MANUAL STEPS:',
      '  before merging: create field immich-client-secret in 1Password item "Authentik (blumeops)"',
    ]);
  });

  it('reports a new blueprint with its group, service account and an application open to everyone', () => {
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
      'application immich added (media.yaml)',
      'application immich: OAuth2 provider Immich added',
      'application immich: redirect URI added https://immich.ops.eblu.me/sso/OID/redirect/authentik',
      'group media-viewers added (media.yaml)',
      'service account immich-sync added (media.yaml)',
      'access: every signed-in user may now open application immich',
      'secret key immich-client-secret added in ExternalSecret authentik-config',
      'worker env AUTHENTIK_IMMICH_CLIENT_SECRET added',
      'MANUAL STEPS:',
      '  before merging: create field immich-client-secret in 1Password item "Authentik (blumeops)"',
    ]);
  });

  it('warns that a removed application stays in authentik with its provider and bindings, and that its 1Password field can go once applied', () => {
    expect(changeSummary(synth((a) => immich(a)), synth())).toEqual([
      'application immich removed from grafana.yaml (authentik keeps it with OAuth2 provider Immich and policy binding of group admins (order 0))',
      'secret key immich-client-secret removed in ExternalSecret authentik-config',
      'worker env AUTHENTIK_IMMICH_CLIENT_SECRET removed',
      'MANUAL STEPS:',
      '  after merging: delete application immich, OAuth2 provider Immich and policy binding of group admins on application immich (order 0) '
        + 'in authentik if they should go, or keep their entries with state absent (retired) instead (removing an entry leaves the object in authentik)',
      '  after authentik applied the change: field immich-client-secret in 1Password item "Authentik (blumeops)" can be deleted',
    ]);
  });

  it('reports a retired application once, with what authentik deletes with it and the access it ends', () => {
    expect(changeSummary(synth((a) => immich(a)), synth((a) => immich(a, { retired: true })))).toEqual([
      'application immich retired (state absent): authentik deletes it with OAuth2 provider Immich and policy binding of group admins (order 0)',
      'access: group admins may no longer open application immich',
      'secret key immich-client-secret removed in ExternalSecret authentik-config',
      'worker env AUTHENTIK_IMMICH_CLIENT_SECRET removed',
      'MANUAL STEPS:',
      '  after authentik applied the change: field immich-client-secret in 1Password item "Authentik (blumeops)" can be deleted',
    ]);
  });

  it('says nothing changes in authentik when retired entries are finally dropped', () => {
    expect(changeSummary(synth((a) => immich(a, { retired: true })), synth())).toEqual([
      'grafana.yaml: retired entries dropped (nothing changes in authentik): '
        + 'application immich, policy binding of group admins on application immich and OAuth2 provider Immich',
    ]);
  });

  it('reports a changed redirect URI as one added and one removed', () => {
    const after = synth((a) => immich(a, { redirectUris: ['https://immich.eblu.me/sso/OID/redirect/authentik'] }));
    expect(changeSummary(synth((a) => immich(a)), after)).toEqual([
      'application immich: redirect URI added https://immich.eblu.me/sso/OID/redirect/authentik',
      'application immich: redirect URI removed https://immich.ops.eblu.me/sso/OID/redirect/authentik',
    ]);
  });

  it('reports a group binding added after the existing ones with its order and the access it gives', () => {
    const after = synth((a) => immich(a, { groups: [admins(a), ops(a)] }));
    expect(changeSummary(synth((a) => immich(a)), after)).toEqual([
      'application immich: policy binding of group ops (order 1) added',
      'group ops added (common.yaml)',
      'access: group ops may now open application immich',
    ]);
  });

  it('reports a replaced group binding and that authentik keeps the old one until it is deleted', () => {
    const before = synth((a) => immich(a, { groups: [admins(a), ops(a)] }));
    const after = synth((a) => immich(a, { groups: [ops(a)] }));
    expect(changeSummary(before, after)).toEqual([
      'application immich: policy binding of group admins (order 0) removed from grafana.yaml',
      'application immich: policy binding of group ops: order 1 → 0',
      'MANUAL STEPS:',
      '  after merging: delete policy binding of group admins on application immich (order 0) in authentik '
        + '(removing an entry leaves the object in authentik, so access stays until then)',
    ]);
  });

  it('reports a flow with a stage binding under the flow, and the stage on its own', () => {
    const after = synth((a) => loginFlow(a));
    expect(changeSummary(synth(), after)).toEqual([
      'new blueprint flows.yaml',
      'flow ops-login added (flows.yaml)',
      'flow ops-login: stage binding of identification stage ops-identification (order 10) added',
      'identification stage ops-identification added (flows.yaml)',
    ]);
  });

  it('reports a policy bound to a flow-stage binding under the flow', () => {
    const after = synth((a) => {
      const { blueprint: flows, binding } = loginFlow(a);
      const policy = new ExpressionPolicy(flows, 'OpsOnly', { name: 'ops-only', expression: 'return True' });
      new PolicyBinding(flows, 'OpsOnlyBinding', { target: binding, subject: BindingSubject.policy(policy), order: 0 });
    });
    expect(changeSummary(synth((a) => loginFlow(a)), after)).toEqual([
      'flow ops-login: policy binding of expression policy ops-only (order 0) on stage binding of identification stage ops-identification (order 10) added',
      'expression policy ops-only added (flows.yaml)',
    ]);
  });

  it('reports a forward-auth proxy provider under its application', () => {
    const after = synth((a) => {
      const bp = blueprint(a, 'Common');
      const flow = Flow.fromSlug('default-provider-authorization-implicit-consent');
      const provider = ProxyProvider.forwardAuthSingle(bp, 'Whoami', {
        name: 'Whoami', externalHost: 'https://whoami.ops.eblu.me', authorizationFlow: flow,
        invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
      });
      new Application(bp, 'WhoamiApp', { name: 'Whoami', slug: 'whoami', provider });
    });
    expect(changeSummary(synth(), after)).toEqual([
      'application whoami added (common.yaml)',
      'application whoami: forward-auth proxy provider Whoami added',
      'access: every signed-in user may now open application whoami',
    ]);
  });

  it('reports a group membership under the user, and the applications it opens', () => {
    const after = edit(synth(), BLUEPRINTS, '- !KeyOf artifact-workloads\n',
      '- !KeyOf artifact-workloads\n            - !Find [authentik_core.group, [name, admins]]\n');
    expect(changeSummary(synth(), after)).toEqual([
      'service account zot-ci: added to group admins',
      'access: service account zot-ci may now open application argocd',
      'access: service account zot-ci may now open application forgejo',
      'access: service account zot-ci may now open application grafana',
    ]);
  });

  it('reports a new base secret key and the 1Password field to create before merging', () => {
    expect(changeSummary(synth(), synth((a) => a.secrets.addKey('x')))).toEqual([
      'secret key x added in ExternalSecret authentik-config',
      'MANUAL STEPS:',
      '  before merging: create field x in 1Password item "Authentik (blumeops)"',
    ]);
  });

  it('reports other field changes generically under their application and the launch URL in words', () => {
    let after = edit(synth(), BLUEPRINTS, 'sub_mode: hashed_user_id', 'sub_mode: user_email');
    after = edit(after, BLUEPRINTS, 'meta_launch_url: https://registry.ops.eblu.me', 'meta_launch_url: https://zot.ops.eblu.me');
    expect(changeSummary(synth(), after)).toEqual([
      'application zot: OAuth2 provider Zot: sub_mode changed hashed_user_id → user_email',
      'application zot: launch URL changed https://registry.ops.eblu.me → https://zot.ops.eblu.me',
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
