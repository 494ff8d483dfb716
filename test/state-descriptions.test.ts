import { describe, expect, it } from 'vitest';
import { reduceBlueprintTexts } from '../constructs/synth/authentik-state';
import { modelNoun, StateDescriber } from '../constructs/synth/state-descriptions';

const BLUEPRINT = `version: 1
metadata: {name: test}
entries:
  - model: authentik_flows.flow
    id: flow
    identifiers: {slug: login}
  - model: authentik_stages_user_login.userloginstage
    id: stage
    identifiers: {name: login}
  - model: authentik_flows.flowstagebinding
    id: fsb
    identifiers: {target: !KeyOf flow, stage: !KeyOf stage, order: 10}
  - model: authentik_policies_event_matcher.eventmatcherpolicy
    id: policy
    identifiers: {name: matcher}
  - model: authentik_policies.policybinding
    identifiers: {target: !KeyOf fsb, policy: !KeyOf policy, order: 0}
  - model: authentik_providers_ldap.ldapprovider
    id: ldap
    identifiers: {name: LDAP}
  - model: authentik_core.application
    identifiers: {slug: dir}
    attrs: {provider: !KeyOf ldap}
  - model: authentik_core.token
    identifiers: {identifier: ci-token}
  - model: authentik_policies.policybinding
    state: absent
    identifiers: {target: !Find [authentik_core.application, [slug, dir]], group: !Find [authentik_core.group, [name, ops]]}
`;

describe('StateDescriber', () => {
  const state = reduceBlueprintTexts([{ source: 'a.yaml', text: BLUEPRINT }]);
  const d = new StateDescriber([state]);
  const key = (prefix: string): string => [...state.objects.map((o) => `${o.model} ${o.identity}`), ...Object.keys(state.deletionFields)]
    .find((k) => k.startsWith(prefix))!;

  it('names objects of any model in words, with a generic fallback', () => {
    expect(d.describe(key('authentik_stages_user_login'))).toBe('user login stage login');
    expect(d.describe(key('authentik_policies_event_matcher'))).toBe('event matcher policy matcher');
    expect(d.describe(key('authentik_flows.flowstagebinding'))).toBe('stage binding of user login stage login in flow login (order 10)');
    expect(d.describe(key('authentik_policies.policybinding target=<authentik_flows')))
      .toBe('policy binding of event matcher policy matcher (order 0) on stage binding of user login stage login in flow login (order 10)');
    expect(d.describe(key('authentik_providers_ldap'))).toBe('LDAP provider LDAP');
    expect(d.describe(key('authentik_core.token'))).toBe('token ci-token');
    expect(modelNoun('authentik_sources_plex.plexsource')).toBe('plex source');
    expect(modelNoun('authentik_tenants.domain')).toBe('domain');
  });

  it('finds the root by references: bindings under their flow or application, a provider under its application', () => {
    expect(d.rootOf(key('authentik_policies.policybinding target=<authentik_flows'))).toBe('authentik_flows.flow slug=login');
    expect(d.rootOf(key('authentik_flows.flowstagebinding'))).toBe('authentik_flows.flow slug=login');
    expect(d.rootOf(key('authentik_providers_ldap'))).toBe('authentik_core.application slug=dir');
    expect(d.rootOf(key('authentik_core.token'))).toBe('authentik_core.token identifier=ci-token');
  });

  it('keeps the identifiers of deletions, so a retired binding is placed under its target', () => {
    const deletion = key('authentik_policies.policybinding target=<authentik_core.application');
    expect(state.deletionFields[deletion]).toEqual({
      group: { $lookup: 'authentik_core.group{name=ops}' },
      target: { $ref: 'authentik_core.application slug=dir' },
    });
    expect(d.rootOf(deletion)).toBe('authentik_core.application slug=dir');
    expect(d.describe(deletion)).toBe('policy binding of group ops on application dir');
  });
});
