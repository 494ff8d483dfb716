import { describe, expect, it } from 'vitest';
import '../constructs';
import { catalogFor } from '../constructs';
import { AUTHENTIK_VERSIONS } from '../constructs/catalog/versions';
import { Kind } from '../constructs/catalog/object-kinds';
import { SERIALIZER_READ_ONLY } from '../constructs/catalog/field-facts';
import { Model, ModelName } from '../constructs/catalog/model-facts';
import { LIVE_RELATIONS } from '../constructs/catalog/reference-fields';
import { catalogReferences, propNameOf, type ReferenceShape } from '../constructs/catalog/typed-references';
import { toWireName } from '../constructs/authentik/model-schema';
import { overrideProblems } from '../constructs/authentik/private/entry-registry';
import { testEveryTypedEntry } from './typed-entry-tests';

// a reference prop as the tests compare it: a list or one object, and the models it takes
type Shape = { readonly list: boolean; readonly models: readonly string[] };

function shapeOf(shape: ReferenceShape): Shape {
  const list = Array.isArray(shape);
  const kind = list ? (shape as readonly [{ models: readonly string[] }])[0] : (shape as { models: readonly string[] });
  return { list, models: [...kind.models].sort() };
}

// the reference props of a model read from the generated catalogs themselves (catalog.json: each field's
// `references` and type), not from the tables the constructs derive theirs from; plus the relations a
// blueprint leaves unjudged (LIVE_RELATIONS), which typed props still take only as objects
function referencesInCatalogJson(model: string): Record<string, Shape> {
  const out: Record<string, { list: boolean; models: Set<string> }> = {};
  for (const version of AUTHENTIK_VERSIONS) {
    const entry = catalogFor(version).model(model);
    for (const [wire, field] of Object.entries(entry?.fields ?? {})) {
      if (field.readOnly || (SERIALIZER_READ_ONLY[model] ?? []).includes(wire)) continue;
      const models = field.references ?? LIVE_RELATIONS[wire]?.models;
      if (!models || models.length === 0) continue;
      const prop = propNameOf(wire);
      out[prop] ??= { list: field.type === 'array', models: new Set() };
      expect(out[prop].list, `${model}.${wire} is a list in one release and not in another`).toBe(field.type === 'array');
      for (const m of models) out[prop].models.add(m);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([prop, s]) => [prop, { list: s.list, models: [...s.models].sort() }]));
}

describe('typed constructs take their reference props from the catalog', () => {
  const entries = testEveryTypedEntry('its reference props are the catalog\'s relation fields of the model, apart from its overrides', (entry) => {
    const expected = referencesInCatalogJson(entry.model);
    for (const [prop, shape] of Object.entries(entry.referenceOverrides)) {
      if (shape === null) delete expected[prop];
      else expected[prop] = shapeOf(shape);
    }
    const actual = Object.fromEntries(Object.entries(entry.spec.references ?? {}).map(([prop, shape]) => [prop, shapeOf(shape)]));
    expect(actual).toEqual(expected);
  });

  it.each(entries.map((e) => [`${e.className} (${e.model})`, e] as const))('%s: every override is a genuine exception', (_, entry) => {
    expect(overrideProblems(entry)).toEqual([]);
  });

  it('names every reference prop by a field of the model (camelCase of the wire name)', () => {
    for (const entry of entries) {
      const wires = new Set(AUTHENTIK_VERSIONS.flatMap((v) => catalogFor(v).blueprintFieldNames(entry.model) ?? []));
      for (const prop of Object.keys(catalogReferences(entry.model))) {
        expect(wires.has(toWireName(prop)), `${entry.className}.${prop} (${toWireName(prop)})`).toBe(true);
      }
    }
  });

  it('flags an override that repeats the catalog, and a null that removes nothing', () => {
    const problems = overrideProblems({
      model: Model.IDENTIFICATION_STAGE,
      className: 'IdentificationStage',
      referenceOverrides: { passwordStage: Kind.STAGE, sources: [Kind.SOURCE], name: null },
    });
    expect(problems).toEqual([
      'IdentificationStage (authentik_stages_identification.identificationstage): the override of passwordStage repeats the catalog (reference-fields.ts); delete it',
      'IdentificationStage (authentik_stages_identification.identificationstage): the override of sources repeats the catalog (reference-fields.ts); delete it',
      'IdentificationStage (authentik_stages_identification.identificationstage): the override name: null removes nothing, the catalog holds no reference prop name; delete it',
    ]);
  });

  it('accepts an override that differs from the catalog: another kind, one object for a list, or dropping a relation', () => {
    expect(overrideProblems({
      model: Model.IDENTIFICATION_STAGE,
      className: 'IdentificationStage',
      referenceOverrides: { passwordStage: Kind.FLOW, sources: Kind.SOURCE, captchaStage: null },
    })).toEqual([]);
  });

  it('keeps the relations a construct writes from its own props out of its reference table (PolicyBinding\'s subject, Group\'s users)', () => {
    const policyBinding = entries.find((e) => e.className === 'PolicyBinding')!;
    expect(Object.keys(policyBinding.spec.references ?? {})).toEqual(['target']);
    expect(Object.keys(catalogReferences(Model.POLICY_BINDING)).sort()).toEqual(['group', 'policy', 'target', 'user']);
    const group = entries.find((e) => e.className === 'Group')!;
    expect(Object.keys(group.spec.references ?? {}).sort()).toEqual(['parents', 'roles']);
  });

  it('knows a choice or a label that shares a relation\'s name is no relation (the SMS gateway, an application\'s group)', () => {
    // authentik/stages/authenticator_sms/models.py: provider = TextField(choices=SMSProviders.choices)
    expect(catalogReferences(ModelName.AUTHENTICATORSMSSTAGE).provider).toBeUndefined();
    // authentik/core/models.py: Application.group = TextField(blank=True, default="")
    expect(catalogReferences(Model.APPLICATION).group).toBeUndefined();
    expect(catalogFor('2026.2').field(Model.APPLICATION, 'group')?.references).toBeUndefined();
  });
});
