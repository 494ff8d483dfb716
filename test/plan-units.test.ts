import { describe, expect, it } from 'vitest';
import { identityFields, parseLookup, PlanExitCode } from '../constructs/plan';
import { renderValue } from '../constructs/synth/authentik-state';

describe('plan: reading the reduced state back', () => {
  it('reads the fields of an identity as authentik-state writes it', () => {
    expect(identityFields('slug=zot')).toEqual(['slug']);
    expect(identityFields('target=<authentik_core.application slug=zot>, group=<authentik_core.group name=admins>, order=0')).toEqual(['target', 'group', 'order']);
  });

  it('reads a lookup back into model and criteria, values as renderValue wrote them', () => {
    const values = ['default-authentication-flow', 'authentik Self-signed Certificate', 'a, b=c', '0', 7, true, null, "it's"];
    for (const v of values) {
      const text = `authentik_flows.flow{slug=${renderValue(v)}}`;
      expect(parseLookup(text)).toEqual({ model: 'authentik_flows.flow', criteria: { slug: v } });
    }
    expect(parseLookup(`authentik_core.group{name=${renderValue('admins')}, is_superuser=${renderValue(false)}}`))
      .toEqual({ model: 'authentik_core.group', criteria: { name: 'admins', is_superuser: false } });
  });

  it('refuses a lookup holding a reference (plan cannot query it)', () => {
    expect(parseLookup('authentik_flows.flowstagebinding{target=<authentik_flows.flow slug=x>}')).toBeUndefined();
    expect(parseLookup('not a lookup')).toBeUndefined();
  });

  it('has the documented exit codes', () => {
    expect(PlanExitCode).toEqual({ NO_CHANGES: 0, CHANGES: 1, INVALID_INPUT: 2, UNREACHABLE_OR_UNAUTHORIZED: 3 });
  });
});
