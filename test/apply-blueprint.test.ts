import { describe, expect, it } from 'vitest';
import { ApplyBlueprint, Blueprint, BlueprintInstance, Flow, Group, OAuth2Provider, Source, validateApp } from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

describe('ApplyBlueprint', () => {
  it('writes meta entries without identifiers, first in the file, by name or path', () => {
    const { chart, bp } = setup();
    new Group(bp, 'Ops', { name: 'ops' });
    new ApplyBlueprint(bp, 'Bootstrap', { blueprint: BlueprintInstance.fromPath('system/bootstrap.yaml'), required: false });
    new ApplyBlueprint(bp, 'AuthFlow', { blueprint: BlueprintInstance.fromName('Default - Authentication flow') });
    const other = new Blueprint(chart, 'Other', { fileName: 'other.yaml', name: 'Other things' });
    new ApplyBlueprint(bp, 'OtherFirst', { blueprint: other });
    expect(validateApp(chart)).toEqual([]);
    const entries = parseBlueprint(bp.toYaml()).entries;
    expect(entries).toEqual([
      { model: 'authentik_blueprints.metaapplyblueprint', id: 'auth-flow', state: 'present', attrs: { identifiers: { name: 'Default - Authentication flow' }, required: true } },
      { model: 'authentik_blueprints.metaapplyblueprint', id: 'bootstrap', state: 'present', attrs: { identifiers: { path: 'system/bootstrap.yaml' }, required: false } },
      { model: 'authentik_blueprints.metaapplyblueprint', id: 'other-first', state: 'present', attrs: { identifiers: { name: 'Other things' }, required: true } },
      expect.objectContaining({ model: 'authentik_core.group', id: 'ops' }),
    ]);
  });

  it('fails when the blueprint is itself, already applied through a reference, or not a blueprint', () => {
    const { chart, bp } = setup();
    const other = new Blueprint(chart, 'Other', { fileName: 'other.yaml', name: 'Other' });
    const group = new Group(other, 'Shared', { name: 'shared' });
    new Group(bp, 'Child', { name: 'child', parents: [group] });
    new ApplyBlueprint(bp, 'Self', { blueprint: bp });
    new ApplyBlueprint(bp, 'Twice', { blueprint: other });
    new ApplyBlueprint(bp, 'Wrong', { blueprint: Flow.fromSlug('x') as any });
    new ApplyBlueprint(bp, 'Name', { blueprint: 'Other' as any, required: 'yes' as any });
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Self: a blueprint cannot apply itself first/);
    expect(problems).toMatch(/Authentik\/App\/Twice: app.yaml already applies other.yaml first, because it refers to its objects; drop this entry/);
    expect(problems).toMatch(/Authentik\/App\/Wrong: blueprint expects a Blueprint of this app, BlueprintInstance.fromName\(...\) or BlueprintInstance.fromPath\(...\); got authentik_flows.flow slug="x"/);
    expect(problems).toMatch(/Authentik\/App\/Name: blueprint expects .*; got string "Other"/);
    expect(problems).toMatch(/Authentik\/App\/Name: required must be true or false; got string "yes"/);
  });
});

describe('Source.fromSlug', () => {
  it('looks a source up in the base model, accepted where a source is expected', () => {
    const { chart, bp } = setup();
    new OAuth2Provider(bp, 'Provider', {
      name: 'p', clientType: 'public', unsignedTokens: true, authorizationFlow: Flow.fromSlug('a'), invalidationFlow: Flow.fromSlug('b'),
      jwtFederationSources: [Source.fromSlug('github')],
    });
    expect(validateApp(chart)).toEqual([]);
    const provider = parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === 'provider');
    expect(provider.attrs.jwt_federation_sources).toEqual([{ tag: '!Find', items: ['authentik_core.source', ['slug', 'github']] }]);
  });
});
