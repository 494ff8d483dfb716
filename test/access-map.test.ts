import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../main';
import { AnsibleConsumer, AnsibleHost, Application, ApplicationAccess, BindingSubject, Blueprint, ExpressionPolicy, Group, OidcClient, PolicyBinding, ServiceAccount, renderApp, type AuthentikChart } from '../constructs';
import { changeSummary } from '../constructs/synth/change-summary';
import { ACCESS_MAP_MARKER, AccessMap, consumerRoles, renderAccessMap } from '../constructs/synth/access-map';
import { ACCESS_MODELS, accessModel } from '../constructs/synth/access';
import { folderState } from '../constructs/synth/change-summary';
import { StateDescriber } from '../constructs/synth/state-descriptions';
import { reduceBlueprintTexts, reduceObjects, type ReducedObjects } from '../constructs/synth/authentik-state';
import { parseBlueprintFile } from '../constructs/synth/blueprint-parser';

/** blumeops's folder (with its access map), after `change`. */
function synth(change?: (authentik: AuthentikChart) => void): Map<string, string> {
  const app = new App();
  const authentik = blumeops(app);
  change?.(authentik);
  return renderApp(app);
}

function common(authentik: AuthentikChart): Blueprint {
  return authentik.node.findChild('Common') as Blueprint;
}

/** The Mermaid block of an access map. */
function mermaid(markdown: string): string[] {
  const lines = markdown.split('\n');
  return lines.slice(lines.indexOf('```mermaid') + 1, lines.lastIndexOf('```'));
}

describe('AccessMap', () => {
  it('writes ACCESS.md beside the manifests: groups and accounts, the applications they may open, the roles consumers give, as Mermaid and tables', () => {
    const map = synth().get('ACCESS.md')!;
    expect(map.split('\n')[0]).toBe(ACCESS_MAP_MARKER);
    expect(mermaid(map)).toEqual([
      'flowchart LR',
      '  subgraph who["Groups and accounts"]',
      '    g1["group admins"]',
      '    g2["group artifact-workloads"]',
      '    u1["service account zot-ci"]',
      '    e1(["every signed-in user"])',
      '  end',
      '  subgraph apps["Applications"]',
      '    a1["application argocd"]',
      '    a2["application forgejo"]',
      '    a3["application grafana"]',
      '    a4["application jellyfin"]',
      '    a5["application zot"]',
      '  end',
      '  subgraph roles["Roles in consumers"]',
      '    r1["ArgoCD in indri/argocd: role:admin"]',
      '    r2["forgejo on indri: admin"]',
      '    r3["Grafana in indri/grafana-config: Admin"]',
      '    r4["jellyfin on indri: admin"]',
      '    r5["zot on indri: **: read, create"]',
      '    r6["zot on indri: **: read, create, update, delete"]',
      '  end',
      '  u1 -. member of .-> g2',
      '  g1 --> a1',
      '  a1 -- "group admins" --> r1',
      '  g1 --> a2',
      '  a2 -- "group admins" --> r2',
      '  g1 --> a3',
      '  a3 -- "group admins" --> r3',
      '  e1 --> a4',
      '  a4 -- "group admins" --> r4',
      '  g1 --> a5',
      '  g2 --> a5',
      '  a5 -- "group artifact-workloads" --> r5',
      '  a5 -- "group admins" --> r6',
    ]);
    expect(map).toContain('| jellyfin | every signed-in user (no policy bindings) | all | jellyfin on indri admin (group admins) |');
    expect(map).toContain('| zot | group admins, group artifact-workloads | any | zot on indri **: read, create (group artifact-workloads), '
      + 'zot on indri **: read, create, update, delete (group admins) |');
    expect(map).toContain('| service account zot-ci | group artifact-workloads | zot |');
  });

  it('draws an application open to everyone, a negated and an all-of binding, a policy, and the roles consumers give', () => {
    const files = synth((a) => {
      const bp = common(a);
      const admins = bp.node.findChild('Admins') as Group;
      const ops = new Group(bp, 'Ops', { name: 'ops' });
      new ServiceAccount(bp, 'Bot', { username: 'bot', name: 'Bot', groups: [ops, admins] });
      new Application(bp, 'Open', { name: 'Open', slug: 'open' });
      const strict = new Application(bp, 'Strict', { name: 'Strict', slug: 'strict', policyEngineMode: 'all' });
      new PolicyBinding(bp, 'StrictOps', { target: strict, subject: BindingSubject.group(ops), order: 0 });
      new PolicyBinding(bp, 'StrictAdmins', { target: strict, subject: BindingSubject.group(admins), order: 1 });
      const guarded = new Application(bp, 'Guarded', { name: 'Guarded', slug: 'guarded' });
      const policy = new ExpressionPolicy(bp, 'Office', { name: 'office-hours', expression: 'return True' });
      new PolicyBinding(bp, 'GuardedPolicy', { target: guarded, subject: BindingSubject.policy(policy), order: 0 });
      new PolicyBinding(bp, 'GuardedNotOps', { target: guarded, subject: BindingSubject.group(ops), order: 1, negate: true });
      new AccessMap(a, 'RolesMap', {
        fileName: 'ROLES.md',
        roles: () => [
          { application: 'zot', group: 'artifact-workloads', consumer: 'zot', role: 'read, create' },
          { application: 'grafana', group: 'admins', consumer: 'Grafana', role: 'Admin' },
        ],
      });
    });
    const map = files.get('ROLES.md')!;
    expect(mermaid(map)).toEqual(expect.arrayContaining([
      '    e1(["every signed-in user"])',
      '    p1["expression policy office-hours"]',
      '    r1["Grafana: Admin"]',
      '    r2["zot: read, create"]',
      '  e1 --> a6',
      '  g3 -- "all of" --> a7',
      '  g1 -- "all of" --> a7',
      '  p1 --> a4',
      '  g3 -- "not" --> a4',
      '  a3 -- "group admins" --> r1',
      '  a8 -- "group artifact-workloads" --> r2',
    ]));
    expect(map).toContain('| strict | all of: group ops, group admins | all | — |');
    expect(map).toContain('| open | every signed-in user (no policy bindings) | any | — |');
    expect(map).toContain('| grafana | group admins | any | Grafana Admin (group admins) |');
    expect(map).toContain('| service account bot | group ops, group admins | argocd, forgejo, grafana, strict, zot |');
    expect(files.get('ACCESS.md')).not.toBe(map);
  });

  it('reduces only the objects of the models it shows, and draws what the full state of the files draws', () => {
    const app = new App();
    const authentik = blumeops(app);
    const bp = common(authentik);
    const admins = bp.node.findChild('Admins') as Group;
    const ops = new Group(bp, 'Ops', { name: 'ops' });
    new ServiceAccount(bp, 'Bot', { username: 'bot', name: 'Bot', groups: [ops, admins] });
    const guarded = new Application(bp, 'Guarded', { name: 'Guarded', slug: 'guarded' });
    const policy = new ExpressionPolicy(bp, 'Office', { name: 'office-hours', expression: 'return True' });
    new PolicyBinding(bp, 'GuardedPolicy', { target: guarded, subject: BindingSubject.policy(policy), order: 0 });
    new PolicyBinding(bp, 'GuardedNotOps', { target: guarded, subject: BindingSubject.group(ops), order: 1, negate: true });
    // a group and a binding of another blueprint, reached by lookups
    const other = new Blueprint(authentik, 'Other', { fileName: 'other.yaml', name: 'Other' });
    const strict = new Application(other, 'Strict', { name: 'Strict', slug: 'strict', policyEngineMode: 'all' });
    new PolicyBinding(other, 'StrictAdmins', { target: strict, subject: BindingSubject.group(admins), order: 0 });
    const files = renderApp(app);
    const blueprintFiles = [...files].filter(([name]) => name.startsWith('configmap-authentik-blueprints')).map(([source, text]) => ({ source, text }));
    const full = reduceBlueprintTexts(blueprintFiles);
    const restricted = reduceBlueprintTexts(blueprintFiles, { models: ACCESS_MODELS });
    expect(new Set(restricted.objects.map((o) => o.model))).toEqual(ACCESS_MODELS);
    expect(full.objects.length).toBeGreaterThan(restricted.objects.length);
    expect(restricted.objects).toEqual(full.objects.filter((o) => ACCESS_MODELS.has(o.model)));
    expect(restricted.deletions).toEqual(full.deletions);
    // the objects alone, as the access map reduces them, are the same objects
    const objectsOnly = reduceObjects(blueprintFiles.flatMap((f) => parseBlueprintFile(f.text, f.source)), undefined, { models: ACCESS_MODELS });
    expect(objectsOnly).toEqual({ objects: restricted.objects, deletions: restricted.deletions, deletionFields: restricted.deletionFields });
    const drawn = (state: ReducedObjects): string => renderAccessMap(accessModel(state.objects, new StateDescriber([state])), consumerRoles(app));
    expect(drawn(restricted)).toBe(drawn(full));
    expect(files.get('ACCESS.md')).toBe(drawn(full));
    expect(files.get('ACCESS.md')).toContain('| guarded | expression policy office-hours, not group ops | any | — |');
  });

  it('is deterministic and leaves the manifests byte-identical', () => {
    const app = new App();
    blumeops(app);
    const withMap = renderApp(app);
    expect(synth()).toEqual(withMap);
    const state = folderState(withMap);
    expect(renderAccessMap(accessModel(state.objects, new StateDescriber([state])), consumerRoles(app))).toBe(withMap.get('ACCESS.md'));
  });

  it('follows the roles consumers give: a new client\'s consumer role appears with its group and application', () => {
    const before = synth().get('ACCESS.md')!;
    const after = synth((a) => {
      const ops = new Group(common(a), 'Ops', { name: 'ops' });
      const host = a.node.root.node.findChild('IndriAnsible') as AnsibleHost;
      new OidcClient(new Blueprint(a, 'Immich', { fileName: 'immich.yaml', name: 'Immich' }), 'Immich', {
        name: 'Immich', slug: 'immich', redirectUris: ['https://immich.example/cb'], launchUrl: 'https://immich.example',
        access: ApplicationAccess.groups(ops),
        consumers: [new AnsibleConsumer({ host, name: 'immich', roles: [{ group: ops, role: 'owner' }] })],
      });
    }).get('ACCESS.md')!;
    expect(before).not.toContain('immich');
    expect(mermaid(after)).toEqual(expect.arrayContaining(['    r4["immich on indri: owner"]', '  a4 -- "group ops" --> r4']));
    expect(after).toContain('| immich | group ops | any | immich on indri owner (group ops) |');
  });

  it('fails when the file name is a manifest name or would overwrite another file', () => {
    expect(() => synth((a) => new AccessMap(a, 'Bad', { fileName: 'access.yaml' })))
      .toThrow(/Authentik\/Bad: fileName "access.yaml" must be a relative path of plain names that is not a \.yaml file/);
    expect(() => synth((a) => new AccessMap(a, 'Twice'))).toThrow(/Authentik\/Twice: writes ACCESS.md, which another object already writes/);
  });
});

describe('access in the change summary', () => {
  it('says who may now open an application, one line per change, and does not name ACCESS.md as unexplained', () => {
    const after = synth((a) => {
      const bp = common(a);
      const ops = new Group(bp, 'Ops', { name: 'ops' });
      new OidcClient(bp, 'Immich', {
        name: 'Immich', slug: 'immich', redirectUris: ['https://immich.ops.eblu.me/auth'],
        access: ApplicationAccess.groups(ops),
      });
    });
    const lines = changeSummary(synth(), after);
    expect(lines.filter((l) => l.startsWith('access:'))).toEqual(['access: group ops may now open application immich']);
    expect(lines.join('\n')).not.toContain('ACCESS.md');
    expect(after.get('ACCESS.md')).toContain('| immich | group ops | any | — |');
  });

  it('says who may no longer open an application when a group binding is revoked', () => {
    const files = synth();
    const text = files.get('configmap-authentik-blueprints.yaml')!;
    const at = text.indexOf('      - model: authentik_policies.policybinding\n        id: zot-binding-artifact-workloads');
    expect(at).toBeGreaterThan(0);
    const revoked = text.slice(0, at) + text.slice(at).replace('state: present', 'state: absent');
    const lines = changeSummary(files, new Map([...files, ['configmap-authentik-blueprints.yaml', revoked]]));
    expect(lines.filter((l) => l.startsWith('access:'))).toEqual([
      'access: group artifact-workloads may no longer open application zot',
      'access: service account zot-ci may no longer open application zot',
    ]);
  });
});
