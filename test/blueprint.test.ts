import { describe, expect, it } from 'vitest';
import { Application, Blueprint, BindingSubject, EntryState, Group, ModelEntry, PolicyBinding, Reference, ServiceAccount, Tag, validateApp, type ResolveContext } from '../constructs';
import { kebab } from '../constructs/blueprint/naming';
import { toNode, type ResolvedValue } from '../constructs/blueprint/serialize';
import { checkValues } from '../constructs/blueprint/value-checks';
import { parseBlueprint, testChart } from './helpers';

function entriesOf(blueprint: Blueprint): any[] {
  return parseBlueprint(blueprint.toYaml()).entries;
}

describe('Blueprint', () => {
  it('writes version, metadata with the description label, and entries', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'Common', description: 'Shared groups' });
    new Group(bp, 'Admins', { name: 'admins' });
    const doc = parseBlueprint(bp.toYaml());
    expect(doc.version).toBe(1);
    expect(doc.metadata).toEqual({ name: 'Common', labels: { 'blueprints.goauthentik.io/description': 'Shared groups' } });
    expect(doc.entries).toEqual([{ model: 'authentik_core.group', id: 'admins', state: 'present', identifiers: { name: 'admins' } }]);
  });

  it('lists as its own the entries below it, not those of a blueprint nested inside it, and ids them from below itself', () => {
    const chart = testChart();
    const outer = new Blueprint(chart, 'Outer', { fileName: 'outer.yaml', name: 'Outer' });
    const team = new Group(outer, 'Team', { name: 'team' });
    const inner = new Blueprint(outer, 'Inner', { fileName: 'inner.yaml', name: 'Inner' });
    const nestedGroup = new Group(inner, 'Nested', { name: 'nested' });
    expect(outer.entries).toEqual([team]);
    expect(inner.entries).toEqual([nestedGroup]);
    expect(entriesOf(outer).map((e) => e.id)).toEqual(['team']);
    expect(entriesOf(inner).map((e) => e.id)).toEqual(['nested']);
  });

  it('orders entries so every !KeyOf points backwards, whatever the declaration order', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
    // declared backwards on purpose: application, binding, then the group it binds
    const lateGroup: { g?: Group } = {};
    const app = new Application(bp, 'Application', { name: 'App', slug: 'app' });
    new PolicyBinding(bp, 'Binding', { target: app, subject: BindingSubject.group({ model: 'authentik_core.group', description: 'group g', toReference: () => lateGroup.g!.ref() }), order: 0 });
    lateGroup.g = new Group(bp, 'Group', { name: 'g' });
    const ids = entriesOf(bp).map((e) => e.id);
    expect(ids).toEqual(['group', 'application', 'binding']);
    const binding = entriesOf(bp)[2];
    expect(binding.identifiers).toEqual({ group: { tag: '!KeyOf', value: 'group' }, target: { tag: '!KeyOf', value: 'application' } });
  });

  it('writes the same file regardless of the order independent entries were added in', () => {
    const render = (names: string[]): string => {
      const bp = new Blueprint(testChart(), 'Groups', { fileName: 'groups.yaml', name: 'Groups' });
      for (const n of names) new Group(bp, n, { name: n.toLowerCase() });
      return bp.toYaml();
    };
    expect(render(['Zeta', 'Alpha', 'Mid'])).toBe(render(['Mid', 'Zeta', 'Alpha']));
  });

  it('looks up objects of another blueprint with !Find and applies that blueprint first', () => {
    const chart = testChart();
    const common = new Blueprint(chart, 'Common', { fileName: 'common.yaml', name: 'BlumeOps Common Identity' });
    const admins = new Group(common, 'Admins', { name: 'admins' });
    const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
    const app = new Application(bp, 'Application', { name: 'App', slug: 'app' });
    new PolicyBinding(bp, 'Binding', { target: app, subject: BindingSubject.group(admins), order: 0 });
    const entries = entriesOf(bp);
    expect(entries[0]).toEqual({
      model: 'authentik_blueprints.metaapplyblueprint',
      id: 'apply-common',
      state: 'present',
      attrs: { identifiers: { name: 'BlumeOps Common Identity' }, required: true },
    });
    expect(entries[2].identifiers.group).toEqual({ tag: '!Find', items: ['authentik_core.group', ['name', 'admins']] });
    expect(bp.render().dependsOn).toEqual([common]);
  });

  it('looks up a group that lives outside the app by name, without a meta entry', () => {
    const bp = new Blueprint(testChart(), 'App', { fileName: 'app.yaml', name: 'App' });
    const app = new Application(bp, 'Application', { name: 'App', slug: 'app' });
    new PolicyBinding(bp, 'Binding', { target: app, subject: BindingSubject.group(Group.fromName('authentik Admins')), order: 0 });
    const entries = entriesOf(bp);
    expect(entries.map((e) => e.model)).toEqual(['authentik_core.application', 'authentik_policies.policybinding']);
    expect(entries[1].identifiers.group).toEqual({ tag: '!Find', items: ['authentik_core.group', ['name', 'authentik Admins']] });
  });

  it('derives entry ids from the construct path in kebab case', () => {
    expect(kebab('ZotCi')).toBe('zot-ci');
    expect(kebab('ServiceAccount-zot-ci')).toBe('service-account-zot-ci');
    expect(kebab('OIDCClient')).toBe('oidc-client');
  });

  it('deletes dependents before what they depend on when both are retired, finding rather than keying', () => {
    const bp = new Blueprint(testChart(), 'App', { fileName: 'app.yaml', name: 'App' });
    const group = new Group(bp, 'Group', { name: 'g' });
    const app = new Application(bp, 'Application', { name: 'App', slug: 'app', state: EntryState.ABSENT });
    new PolicyBinding(bp, 'Binding', { target: app, subject: BindingSubject.group(group), order: 0, state: EntryState.ABSENT });
    const entries = entriesOf(bp);
    expect(entries.map((e) => `${e.id}:${e.state}`)).toEqual(['group:present', 'binding:absent', 'application:absent']);
    expect(entries[1].identifiers.target).toEqual({ tag: '!Find', items: ['authentik_core.application', ['slug', 'app']] });
    expect(entries[2].attrs).toBeUndefined();
  });

  it('fails when a live entry refers to a retired one', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
    const group = new Group(bp, 'Group', { name: 'g', state: EntryState.ABSENT });
    new ServiceAccount(bp, 'Ci', { username: 'ci', name: 'CI', groups: [group] });
    expect(validateApp(chart)).toEqual([expect.stringMatching(/Authentik\/App\/Ci: refers to authentik_core.group "g" .*retired/)]);
  });

  it('fails when entries refer to each other in a cycle', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
    const a: { e?: ModelEntry<string> } = {};
    // a reference to an entry declared later, so two entries can point at each other
    class Later extends Reference {
      public readonly description = 'a';
      public resolve(context: ResolveContext): Tag {
        return context.entryTag(a.e!) ?? Tag.find('authentik_core.group', ['name', 'a']);
      }
    }
    const b = new ModelEntry(bp, 'B', { model: 'authentik_core.group', identifiers: { name: 'b' }, attributes: { parents: [new Later()] } });
    a.e = new ModelEntry(bp, 'A', { model: 'authentik_core.group', identifiers: { name: 'a' }, attributes: { parents: [b.ref()] } });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/App: entries refer to each other in a cycle \(a, b\)/);
  });

  it('fails when an entry is defined outside a blueprint', () => {
    expect(() => Blueprint.of(testChart())).toThrow(/must be defined inside a Blueprint/);
  });
});

// both walks keep their position as a stack and spell it out only for a problem
describe('blueprint context and tags authentik accepts', () => {
  it('writes the context and lets entries read it with !Context, a one-item !If included', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Boot', {
      fileName: 'boot.yaml', name: 'Boot', context: { group_name: 'ops', token: Tag.env('BOOT_TOKEN') },
    });
    new Group(bp, 'G', { name: Tag.context('group_name') as unknown as string, conditions: [Tag.if(Tag.context('token'))] });
    expect(validateApp(chart)).toEqual([]);
    const doc = parseBlueprint(bp.toYaml());
    expect(doc.context).toEqual({ group_name: 'ops', token: { tag: '!Env', value: 'BOOT_TOKEN' } });
    expect(doc.entries[0].conditions).toEqual([{ tag: '!If', items: [{ tag: '!Context', value: 'token' }] }]);
  });

  it('refuses a two-item !If, which authentik fails on', () => {
    expect(() => (Tag.if as (...a: unknown[]) => Tag)('x', 'y')).toThrow(/two items/);
  });

  it('fails when a context value is an object reference, which a context cannot resolve', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'B', { fileName: 'b.yaml', name: 'B', context: { g: Group.fromName('x') } });
    expect(validateApp(chart)).toEqual([expect.stringMatching(/Authentik\/B: context.g holds a reference/)]);
    expect(bp.fileName).toBe('b.yaml');
  });
});

describe('value paths in messages', () => {
  it('names the nested key and index of a value that fails its check', () => {
    const value = { outer: [{ fine: 'ok' }, { inner: ['ok', 'bad\0'] }], n: 1 };
    expect(checkValues(value, 'X attributes')).toEqual([
      "X attributes.outer[1].inner[1]: contains a NUL character, which authentik's database cannot store; remove it",
    ]);
  });

  it('names every failing place once, and keys by their text', () => {
    const value = { a: [Number.NaN], ['k\0']: 'v', b: { c: Tag.sequence('!Format', ['%s', Number.POSITIVE_INFINITY]) } };
    expect(checkValues(value, 'Y')).toEqual([
      'Y.a[0]: NaN is not a finite number; YAML cannot carry it to authentik',
      `Y key "k\\u0000": contains a NUL character, which authentik's database cannot store; remove it`,
      'Y.b.c[1]: Infinity is not a finite number; YAML cannot carry it to authentik',
    ]);
  });

  it('fails with the path when a value cannot be written', () => {
    const unresolved = new (class extends Reference {
      public readonly description = 'group "g"';
      public resolve(): Tag {
        return Tag.keyOf('g');
      }
    })();
    const value = { list: ['a', { deep: Tag.sequence('!Format', ['%s', unresolved]) }] } as unknown as ResolvedValue;
    expect(() => toNode(value, '$entries[2].attrs')).toThrow('$entries[2].attrs.list[1].deep[1]: reference to group "g" was not resolved before writing');
    expect(() => toNode({ a: [1, undefined] } as unknown as ResolvedValue)).toThrow('$.a[1]: undefined is not a blueprint value');
  });
});
