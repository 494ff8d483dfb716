import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as constructs from '../constructs';
import { LookupReference } from '../constructs/blueprint/blueprint-entry';
import { Blueprint, Brand, Flow, Group, catalogFor, validateApp } from '../constructs';
import { AUTHENTIK_VERSIONS } from '../constructs/catalog/versions';
import { ModelName } from '../constructs/catalog/model-facts';
import { NATURAL_KEY_EXCEPTIONS, naturalKeyOf } from '../constructs/catalog/model-identity';
import { propNameOf } from '../constructs/catalog/typed-references';
import { registerTypedEntry } from '../constructs/authentik/private/entry-registry';
import { testChart } from './helpers';
import { testEveryTypedEntry } from './typed-entry-tests';

// a model's natural key as each release's catalog.json states it (camelCase), not the index the constructs read
function keysInCatalogJson(model: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const version of AUTHENTIK_VERSIONS) {
    const entry = catalogFor(version).model(model);
    if (entry) out[version] = entry.key.map(propNameOf);
  }
  return out;
}

const LOOKUP_ELSEWHERE: Readonly<Record<string, string>> = { ServiceAccount: 'User', ScopeMapping: 'PropertyMapping' };

describe('typed constructs identify their objects by the catalog\'s natural key of the model', () => {
  const entries = testEveryTypedEntry('its identifiers are the natural key every release\'s catalog states for the model', (entry) => {
    const keys = keysInCatalogJson(entry.model);
    expect(Object.keys(keys).length).toBeGreaterThan(0);
    for (const [version, key] of Object.entries(keys)) expect([...entry.spec.identifiers], version).toEqual(key);
  });

  it('keeps what the constructs listed by hand before (slug, name, username, identifier, domain, a binding\'s target, stage and order)', () => {
    const identifiersOf = (className: string): readonly string[] | undefined => entries.find((e) => e.className === className)?.spec.identifiers;
    expect(identifiersOf('Flow')).toEqual(['slug']);
    expect(identifiersOf('Application')).toEqual(['slug']);
    expect(identifiersOf('Group')).toEqual(['name']);
    expect(identifiersOf('IdentificationStage')).toEqual(['name']);
    expect(identifiersOf('ExpressionPolicy')).toEqual(['name']);
    expect(identifiersOf('OAuth2Provider')).toEqual(['name']);
    expect(identifiersOf('User')).toEqual(['username']);
    expect(identifiersOf('ServiceAccount')).toEqual(['username']);
    expect(identifiersOf('Token')).toEqual(['identifier']);
    expect(identifiersOf('Brand')).toEqual(['domain']);
    expect(identifiersOf('FlowStageBinding')).toEqual(['target', 'stage', 'order']);
    // a policy binding is identified by its target, subject and order, which the construct writes itself; a meta entry holds no object
    expect(identifiersOf('PolicyBinding')).toEqual([]);
    expect(identifiersOf('ApplyBlueprint')).toEqual([]);
  });

  // a construct's lookup of an object living elsewhere (Flow.fromSlug, User.fromUsername, …) finds it by the same key
  it.each(entries.filter((e) => e.spec.identifiers.length === 1).map((e) => [`${e.className} (${e.model})`, e] as const))(
    '%s: its lookup of an existing object goes by the catalog\'s natural key',
    (_, entry) => {
      const key = entry.spec.identifiers[0]!;
      const method = `from${key[0]!.toUpperCase()}${key.slice(1)}`;
      // the class whose lookup finds objects of the model: a service account is a user (User.fromUsername); a scope
      // mapping by name is any property mapping's (PropertyMapping.fromName; ScopeMapping looks up by scope name or managed key)
      const finder = LOOKUP_ELSEWHERE[entry.className] ?? entry.className;
      const cls = (constructs as Record<string, unknown>)[finder] as Record<string, unknown> | undefined;
      expect(typeof cls?.[method], `${entry.className}.${method}`).toBe('function');
      const ref = (cls![method] as (v: string) => LookupReference)('x');
      expect(ref).toBeInstanceOf(LookupReference);
      expect(ref.query).toEqual({ [key]: 'x' });
    },
  );

  it('refuses a construct that lists its identifiers by hand', () => {
    expect(() => registerTypedEntry(ModelName.GROUP, 'HandGroup', { identifiers: ['name'] } as never))
      .toThrow(/HandGroup \(authentik_core\.group\): identifiers come from the catalog's natural key/);
  });

  it('still writes them as identifiers and requires them', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Ids', { fileName: 'ids.yaml', name: 'Ids' });
    new Flow(bp, 'Login', { slug: 'login', name: 'Login', title: 'Login', designation: 'authentication' });
    new Brand(bp, 'Home', { domain: 'home.example' });
    new Group(bp, 'Nameless', {} as never);
    const problems = validateApp(chart);
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Ids\/Nameless: name is required: authentik finds the object by it/));
    const yaml = bp.toYaml();
    expect(yaml).toMatch(/model: authentik_flows\.flow\n {4}id: login\n {4}state: present\n {4}identifiers:\n {6}slug: login\n/);
    expect(yaml).toMatch(/model: authentik_brands\.brand\n {4}id: home\n {4}state: present\n {4}identifiers:\n {6}domain: home\.example\n/);
  });
});

describe('the natural key in the catalog', () => {
  it('is the rule: a slug, else a name that names one object, else none; with cited exceptions', () => {
    const fields = (names: string[], nameNullable = false) => ({ has: (f: string) => names.includes(f), nameNullable });
    expect(naturalKeyOf(ModelName.FLOW, fields(['slug', 'name']))).toEqual(['slug']);
    expect(naturalKeyOf(ModelName.GROUP, fields(['name']))).toEqual(['name']);
    expect(naturalKeyOf(ModelName.GROUP, fields(['name'], true))).toEqual([]);
    // an authenticator device's name is a label (NAME_NOT_UNIQUE)
    expect(naturalKeyOf(ModelName.TOTPDEVICE, fields(['name']))).toEqual([]);
    expect(naturalKeyOf(ModelName.USER, fields(['username', 'name']))).toEqual(['username']);
    for (const [model, key] of Object.entries(NATURAL_KEY_EXCEPTIONS)) {
      for (const version of AUTHENTIK_VERSIONS) if (catalogFor(version).hasModel(model)) expect(catalogFor(version).naturalKey(model), model).toEqual(key);
    }
  });

  it('is the key every generated construct (Cfn…) identifies by', () => {
    const dir = new URL('../constructs/authentik/generated/l1/', import.meta.url);
    let checked = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const model = /const MODEL = '([^']+)';/.exec(text)?.[1];
      const spec = /const SPEC: CfnSpec = (\{.*\});/.exec(text)?.[1];
      expect(model && spec, file).toBeTruthy();
      const keys = Object.values(keysInCatalogJson(model!));
      // the generated class takes the key of its newest definition; every release having the model agrees
      expect(new Set(keys.map((k) => k.join(','))).size, model).toBe(1);
      expect((JSON.parse(spec!) as { identifiers: string[] }).identifiers, model).toEqual(keys[0]);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
