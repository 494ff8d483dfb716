import { describe, expect, it } from 'vitest';
import { diffStates, reduceBlueprintTexts, type AuthentikState } from '../constructs/synth/authentik-state';
import { parseBlueprintFile } from '../constructs/synth/blueprint-parser';

/** Reduces blueprints given as `source → YAML` pairs. */
function reduce(files: Record<string, string>): AuthentikState {
  return reduceBlueprintTexts(Object.entries(files).map(([source, text]) => ({ source, text })));
}

function bp(entries: string, extra = ''): string {
  return `version: 1\nmetadata:\n  name: test\n${extra}entries:\n${entries}`;
}

const FLOW = `
- model: authentik_flows.flow
  id: flow
  identifiers: {slug: login}
  attrs: {name: Login, title: Login, designation: authentication}
- model: authentik_stages_password.passwordstage
  id: password
  identifiers: {name: login-password}
  attrs: {backends: [authentik.core.auth.InbuiltBackend]}
`;

describe('reduceBlueprints', () => {
  it('writes one object per live entry with identifiers merged over attrs', () => {
    const state = reduce({ 'a.yaml': bp(FLOW) });
    expect(state.objects.map((o) => `${o.model} ${o.identity}`)).toEqual([
      'authentik_flows.flow slug=login',
      'authentik_stages_password.passwordstage name=login-password',
    ]);
    expect(state.objects[0].fields).toEqual({ designation: 'authentication', name: 'Login', slug: 'login', title: 'Login' });
    expect(state.objects[0].state).toBe('present');
  });

  it('gives a !KeyOf and a !Find to the same object the same state', () => {
    const keyOf = reduce({ 'a.yaml': bp(`${FLOW}
- model: authentik_flows.flowstagebinding
  identifiers: {target: !KeyOf flow, stage: !KeyOf password, order: 10}
`) });
    const find = reduce({ 'a.yaml': bp(`${FLOW}
- model: authentik_flows.flowstagebinding
  identifiers: {target: !Find [authentik_flows.flow, [slug, login]], order: 10,
    stage: !Find [authentik_stages_password.passwordstage, [name, login-password]]}
`) });
    expect(find).toEqual(keyOf);
    const binding = keyOf.objects.find((o) => o.model === 'authentik_flows.flowstagebinding')!;
    expect(binding.identity).toBe('target=<authentik_flows.flow slug=login>, stage=<authentik_stages_password.passwordstage name=login-password>, order=10');
    expect(binding.fields.target).toEqual({ $ref: 'authentik_flows.flow slug=login' });
  });

  it('finds an object of a concrete model through a !Find in its base model', () => {
    const state = reduce({ 'a.yaml': bp(`${FLOW}
- model: authentik_flows.flowstagebinding
  identifiers: {target: !KeyOf flow, order: 10, stage: !Find [authentik_flows.stage, [name, login-password]]}
`) });
    const binding = state.objects.find((o) => o.model === 'authentik_flows.flowstagebinding')!;
    expect(binding.fields.stage).toEqual({ $ref: 'authentik_stages_password.passwordstage name=login-password' });
  });

  it('writes a !Find that matches nothing in the set as an external lookup', () => {
    const state = reduce({ 'a.yaml': bp(`
- model: authentik_core.application
  identifiers: {slug: app}
  attrs: {name: App, provider: !Find [authentik_core.provider, [name, p]]}
`) });
    expect(state.objects[0].fields.provider).toEqual({ $lookup: 'authentik_core.provider{name=p}' });
  });

  it('resolves a !Find to an entry of another file of the set', () => {
    const state = reduce({
      'flows.yaml': bp(FLOW),
      'brand.yaml': bp(`
- model: authentik_brands.brand
  identifiers: {domain: example.com}
  attrs: {flow_authentication: !Find [authentik_flows.flow, [slug, login]]}
`),
    });
    const brand = state.objects.find((o) => o.model === 'authentik_brands.brand')!;
    expect(brand.identity).toBe('domain=example.com');
    expect(brand.fields.flow_authentication).toEqual({ $ref: 'authentik_flows.flow slug=login' });
    expect(state.origins['authentik_brands.brand domain=example.com']).toEqual(['brand.yaml#0']);
  });

  it('ignores whether a field is written as identifier or attribute', () => {
    const a = reduce({ 'a.yaml': bp(`
- model: authentik_providers_oauth2.scopemapping
  identifiers: {managed: goauthentik.io/x}
  attrs: {name: X, scope_name: x, expression: 'return {}'}
`) });
    const b = reduce({ 'b.yaml': bp(`
- model: authentik_providers_oauth2.scopemapping
  identifiers: {name: X}
  attrs: {managed: goauthentik.io/x, scope_name: x, expression: 'return {}'}
`) });
    expect(a.objects).toEqual(b.objects);
    expect(a.objects[0].identity).toBe('name=X');
  });

  it('does not depend on entry order', () => {
    const entries = `
- model: authentik_core.group
  id: admins
  identifiers: {name: admins}
- model: authentik_core.user
  id: svc
  identifiers: {username: svc}
  attrs: {name: Service, type: service_account, groups: [!KeyOf admins]}
- model: authentik_core.token
  identifiers: {identifier: svc-token}
  attrs: {user: !KeyOf svc, intent: api}
`;
    const reversed = entries.trim().split(/\n(?=- model)/).reverse().join('\n');
    const a = reduce({ 'a.yaml': bp(reversed) });
    const b = reduce({ 'a.yaml': bp(entries) });
    expect(a.objects).toEqual(b.objects);
    expect(a.objects.find((o) => o.model === 'authentik_core.token')!.fields.user).toEqual({ $ref: 'authentik_core.user username=svc' });
  });

  it('writes absent entries as deletions and meta entries as dependencies', () => {
    const state = reduce({ 'a.yaml': bp(`
- model: authentik_blueprints.metaapplyblueprint
  attrs: {identifiers: {name: Other}, required: false}
- model: authentik_core.group
  state: absent
  identifiers: {name: old}
`) });
    expect(state.objects).toEqual([]);
    expect(state.deletions).toEqual([{ model: 'authentik_core.group', identity: 'name=old' }]);
    expect(state.dependencies).toEqual([{ blueprint: 'test', identifiers: { name: 'Other' }, required: false }]);
    expect(state.blueprints).toEqual([{ name: 'test', labels: {}, context: {} }]);
  });

  it('keeps !Env, !Context and !Enumerate symbolic and evaluates static !Format, !If and !Condition', () => {
    const state = reduce({ 'a.yaml': bp(`
- model: authentik_core.user
  state: created
  conditions: [!If [!Context token], !Condition [AND, true, 1]]
  identifiers: {username: !Context username}
  attrs:
    name: !Format ['%s-%s %d%%', a, b, 3]
    email: !Env [EMAIL, root@example.com]
    path: !If [true, users, other]
    password: !Env PASSWORD
`, 'context:\n  username: akadmin\n') });
    const user = state.objects[0];
    expect(user.identity).toBe('username=!Context username');
    expect(user.state).toBe('created');
    expect(user.conditions).toEqual([{ $symbol: '!If [!Context token]' }, true]);
    expect(user.fields).toEqual({
      email: { $symbol: '!Env [EMAIL, root@example.com]' },
      name: 'a-b 3%',
      password: { $symbol: '!Env PASSWORD' },
      path: 'users',
      username: { $symbol: '!Context username' },
    });
  });

  it('merges entries declaring one object, a created entry never updating it', () => {
    const state = reduce({ 'a.yaml': bp(`
- model: authentik_core.group
  identifiers: {name: g}
  attrs: {is_superuser: false, attributes: {a: 1}}
- model: authentik_core.group
  identifiers: {name: g}
  attrs: {is_superuser: true}
- model: authentik_core.group
  state: created
  identifiers: {name: g}
  attrs: {is_superuser: false}
`) });
    expect(state.objects).toHaveLength(1);
    expect(state.objects[0].fields).toEqual({ attributes: { a: 1 }, is_superuser: true, name: 'g' });
    expect(state.origins['authentik_core.group name=g']).toEqual(['a.yaml#0', 'a.yaml#1', 'a.yaml#2']);
  });

  it('drops fields authentik has not got and reads a number given for a text choice as its text', () => {
    const state = reduce({ 'a.yaml': bp(`
- model: authentik_stages_authenticator_totp.authenticatortotpstage
  identifiers: {name: totp}
  attrs: {digits: 6, template: old.html}
- model: authentik_rbac.role
  identifiers: {name: r}
  attrs: {permissions: [authentik_core.view_user]}
`, 'context:\n  who: !Env [WHO, x]\n') });
    expect(state.objects.map((o) => o.fields)).toEqual([
      { name: 'r', permissions: ['authentik_core.view_user'] },
      { digits: '6', name: 'totp' },
    ]);
    expect(state.blueprints[0].context).toEqual({ who: { $symbol: '!Env [WHO, x]' } });
  });

  it('holds text as authentik stores it: stripped where its serializer strips it', () => {
    const state = reduce({ 'a.yaml': bp(`
- model: authentik_policies_expression.expressionpolicy
  identifiers: {name: 'p '}
  attrs: {expression: "return True\\n"}
`) });
    expect(state.objects[0].identity).toBe('name=p');
    expect(state.objects[0].fields).toEqual({ expression: 'return True', name: 'p' });
  });

  it('fails naming the entry when a !KeyOf points at no entry', () => {
    expect(() => reduce({ 'a.yaml': bp(`
- model: authentik_core.application
  id: app
  identifiers: {slug: app}
  attrs: {provider: !KeyOf nothing}
`) })).toThrow('a.yaml: entry 0 (id app): !KeyOf nothing: no entry of a.yaml has the id nothing');
  });

  it('reads blueprints out of ConfigMap manifests', () => {
    const manifest = `apiVersion: v1
kind: ConfigMap
metadata: {name: bp}
data:
  b.yaml: |
    version: 1
    entries:
      - model: authentik_core.group
        identifiers: {name: b}
  a.yaml: |
    version: 1
    entries:
      - model: authentik_core.group
        identifiers: {name: a}
  note.txt: hello
`;
    expect(parseBlueprintFile(manifest, 'cm.yaml').map((b) => b.source)).toEqual(['cm.yaml#a.yaml', 'cm.yaml#b.yaml']);
    expect(reduce({ 'cm.yaml': manifest }).objects.map((o) => o.identity)).toEqual(['name=a', 'name=b']);
  });
});

describe('diffStates', () => {
  it('writes added, removed, changed fields and deletions in authentik terms', () => {
    const before = reduce({ 'a.yaml': bp(`
- model: authentik_core.group
  identifiers: {name: keep}
  attrs: {is_superuser: false}
- model: authentik_core.group
  identifiers: {name: gone}
`) });
    const after = reduce({ 'a.yaml': bp(`
- model: authentik_core.group
  identifiers: {name: keep}
  attrs: {is_superuser: true, attributes: {x: 1}}
- model: authentik_core.group
  identifiers: {name: new}
- model: authentik_core.group
  state: absent
  identifiers: {name: old}
`) });
    const changes = diffStates(before, after).map((c) => (c.kind === 'changed'
      ? `${c.kind} ${c.model} ${c.identity} ${c.field}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`
      : `${c.kind} ${c.model} ${c.identity}`));
    expect(changes).toEqual([
      'removed authentik_core.group name=gone',
      'changed authentik_core.group name=keep attributes: undefined -> {"x":1}',
      'changed authentik_core.group name=keep is_superuser: false -> true',
      'added authentik_core.group name=new',
      'deletion-requested authentik_core.group name=old',
    ]);
    expect(diffStates(after, after)).toEqual([]);
  });

  it('writes blueprint instances added, removed and changed', () => {
    const before = reduce({ 'a.yaml': bp('- model: authentik_core.group\n  identifiers: {name: g}\n'),
      'b.yaml': 'version: 1\nmetadata:\n  name: gone\nentries: []\n' });
    const after = reduce({
      'a.yaml': bp(`
- model: authentik_blueprints.metaapplyblueprint
  attrs: {identifiers: {name: Other}}
- model: authentik_core.group
  identifiers: {name: g}
`, 'context:\n  x: 1\n').replace('name: test', 'name: test\n  labels: {blueprints.goauthentik.io/instantiate: "false"}'),
      'c.yaml': 'version: 1\nmetadata:\n  name: new\nentries: []\n',
    });
    expect(diffStates(before, after).map((c) => (c.kind === 'blueprint-changed'
      ? `${c.kind} ${c.identity} ${c.field}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}` : `${c.kind} ${c.identity}`))).toEqual([
      'blueprint-removed name=gone',
      'blueprint-added name=new',
      'blueprint-changed name=test context: {} -> {"x":1}',
      'blueprint-changed name=test dependencies: [] -> [{"identifiers":{"name":"Other"},"required":true}]',
      'blueprint-changed name=test labels: {} -> {"blueprints.goauthentik.io/instantiate":"false"}',
    ]);
  });
});
