import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as lib from '../constructs';
import { Blueprint, BlueprintInstance, LookupReference, ModelEntry, Tag, camelize, validateApp, type BlueprintValue, type TagName } from '../constructs';
import { typedEntries } from '../constructs/authentik/private/entry-registry';
import { CORPUS, canonicalJson, comparableEntries, readCorpusFile, type ComparableEntry } from './corpus-entries';
import { parseBlueprint, testChart } from './helpers';

// the constructs of this family: every corpus entry of their models must be writable through them
const FAMILY = [
  'ExpressionPolicy', 'PasswordPolicy', 'ReputationPolicy', 'EventMatcherPolicy', 'DummyPolicy', 'PasswordExpiryPolicy', 'GeoIpPolicy',
  'UniquePasswordPolicy', 'PropertyMapping', 'ScopeMapping', 'ProxyProvider', 'LdapProvider', 'SamlProvider', 'Outpost', 'Brand', 'Role',
  'User', 'Token', 'NotificationRule', 'NotificationTransport', 'ApplyBlueprint',
];
const byModel = new Map(typedEntries().filter((t) => FAMILY.includes(t.className)).map((t) => [t.model, t]));

// fields of authentik's own files that its 2026.2 serializers no longer have (a rule's `group` became
// `destination_group`; LDAP source mappings lost `object_field`): authentik drops them without a word, so
// the constructs refuse them (checked below) and the comparison leaves them out
const STALE: Record<string, readonly string[]> = {
  'authentik_events.notificationrule': ['group'],
  'authentik_sources_ldap.ldapsourcepropertymapping': ['object_field'],
};

const files = ['default', 'example', 'system'].flatMap((dir) => readdirSync(`${CORPUS}${dir}`).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`))
  .filter((f) => (readCorpusFile(f).entries ?? []).some((e: any) => byModel.has(e.model)));

// a parsed value (tags as { tag, value | items }) as a construct value: !KeyOf → the declared entry, !Find → a lookup
function toValue(value: any, declared: Map<string, unknown>): any {
  if (Array.isArray(value)) return value.map((v) => toValue(v, declared));
  if (value === null || typeof value !== 'object') return value;
  if (value.tag === '!KeyOf') return declared.get(value.value);
  if (value.tag === '!Find') {
    const [model, ...pairs] = value.items as [string, ...Array<[string, unknown]>];
    return new LookupReference(model, Object.fromEntries(pairs.map(([k, v]) => [k, toValue(v, declared)])));
  }
  if (typeof value.tag === 'string') {
    return value.items ? Tag.sequence(value.tag as TagName, toValue(value.items, declared)) : Tag.scalar(value.tag as TagName, value.value);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toValue(v, declared)]));
}

const camelKeys = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [camelize(k), v]));

// the props a corpus entry becomes for its construct
function propsOf(className: string, model: string, identifiers: any, attrs: any): Record<string, unknown> {
  if (className === 'ApplyBlueprint') {
    const target = attrs.identifiers.name !== undefined ? BlueprintInstance.fromName(attrs.identifiers.name) : BlueprintInstance.fromPath(attrs.identifiers.path);
    return { blueprint: target, required: attrs.required };
  }
  const props: Record<string, unknown> = { ...camelKeys(attrs), ...camelKeys(identifiers) };
  // authentik's packaged mappings are identified by managed
  if (className === 'PropertyMapping' || className === 'ScopeMapping') props.identifyBy = identifiers.managed !== undefined ? 'managed' : undefined;
  if (className === 'PropertyMapping') props.model = model;
  return props;
}

// declares a corpus file: entries of this family's models through their constructs, the rest as ModelEntry
function declareFile(bp: Blueprint, document: any): string[] {
  const declared = new Map<string, unknown>();
  const typed: string[] = [];
  (document.entries as any[]).forEach((e, i) => {
    const id = `Entry${i}`;
    const options = { state: e.state, conditions: e.conditions === undefined ? undefined : toValue(e.conditions, declared) };
    const identifiers = toValue(e.identifiers ?? {}, declared);
    const attrs = toValue(e.attrs ?? {}, declared);
    for (const field of STALE[e.model] ?? []) delete attrs[field];
    const info = byModel.get(e.model);
    let construct: unknown;
    if (info) {
      const Construct = (lib as unknown as Record<string, new (...args: unknown[]) => unknown>)[info.className];
      construct = new Construct(bp, id, { ...propsOf(info.className, e.model, identifiers, attrs), ...options });
      typed.push(info.className);
    } else {
      construct = new ModelEntry(bp, id, {
        model: e.model,
        identifiers: camelKeys(identifiers) as Record<string, BlueprintValue>,
        attributes: camelKeys(attrs) as Record<string, BlueprintValue>,
        ...options,
      });
    }
    if (e.id !== undefined) declared.set(e.id, construct);
  });
  return typed;
}

// authentik merges identifiers into the fields it writes; a construct may match by fewer of them (a
// brand by domain, a token by identifier), so fields are compared merged, and identifiers as a subset
const merged = (e: ComparableEntry) => ({ model: e.model, fields: { ...e.attrs, ...e.identifiers } });

describe('the corpus, written through the policy, mapping, provider, brand, RBAC, user, token, event and meta constructs', () => {
  it('finds the family\'s models in authentik\'s own blueprints, each written below', () => {
    const used = [...new Set(files.flatMap((f) => (readCorpusFile(f).entries as any[]).map((e) => e.model)).filter((m) => byModel.has(m)))].sort();
    expect(used.map((m) => byModel.get(m)!.className)).toEqual(expect.arrayContaining([
      'ApplyBlueprint', 'Brand', 'EventMatcherPolicy', 'ExpressionPolicy', 'NotificationRule', 'NotificationTransport', 'PasswordPolicy',
      'PropertyMapping', 'Role', 'ScopeMapping', 'Token', 'User',
    ]));
  });

  it('fails on the stale fields of authentik\'s files, which authentik 2026.2 would drop', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Corpus', { fileName: 'corpus.yaml', name: 'x' });
    new lib.NotificationRule(bp, 'Rule', { name: 'r', destinationEventUser: true, group: lib.Group.fromName('admins') } as any);
    new lib.PropertyMapping(bp, 'Upn', {
      model: 'authentik_sources_ldap.ldapsourcepropertymapping', name: 'upn', expression: 'return {}', objectField: 'attributes.upn',
    } as any);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/Corpus\/Rule: "group" is not an attribute of authentik_events.notificationrule in authentik 2026.2.0 \(authentik would silently drop it\)/);
    expect(problems).toMatch(/Authentik\/Corpus\/Upn: "objectField" is not an attribute of authentik_sources_ldap.ldapsourcepropertymapping/);
  });

  it.each(files)('%s: every entry of the family\'s models writes the same fields', (file) => {
    const chart = testChart();
    const document = readCorpusFile(file);
    const bp = new Blueprint(chart, 'Corpus', { fileName: 'corpus.yaml', name: document.metadata.name });
    const typed = declareFile(bp, document);
    expect(typed.length).toBeGreaterThan(0);
    // only problems of this family's entries count; the ModelEntry stand-ins are someone else's
    const ours = validateApp(chart).filter((p) => {
      const index = /^Authentik\/Corpus\/Entry(\d+)\b/.exec(p)?.[1];
      return index !== undefined && byModel.has(document.entries[Number(index)].model);
    });
    // authentik's default rules still name their group the pre-2026.2 way, so on a new install they notify nobody
    const staleRules = (document.entries as any[]).map((e, i) => [e, i] as const)
      .filter(([e]) => e.model === 'authentik_events.notificationrule' && e.attrs?.group !== undefined)
      .map(([, i]) => expect.stringMatching(new RegExp(`^Authentik/Corpus/Entry${i}: nobody would be notified`)));
    expect(ours).toEqual(staleRules);

    const family = (entries: ComparableEntry[]) => entries.filter((e) => byModel.has(e.model));
    const withoutStale = (e: ComparableEntry) => ({
      ...e, attrs: Object.fromEntries(Object.entries(e.attrs).filter(([k]) => !(STALE[e.model] ?? []).includes(k))),
    });
    const written = family(comparableEntries(parseBlueprint(bp.toYaml())));
    const original = family(comparableEntries(document)).map(withoutStale);
    const order = (list: ReturnType<typeof merged>[]) => [...list].sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
    expect(order(written.map(merged))).toEqual(order(original.map(merged)));
    // every identifier written is one of authentik's own identifiers for that entry
    for (const w of written) {
      const o = original.find((e) => canonicalJson(merged(e)) === canonicalJson(merged(w)))!;
      for (const [k, v] of Object.entries(w.identifiers)) expect(o.identifiers[k], `${w.model} identifier ${k}`).toEqual(v);
    }
  });
});
