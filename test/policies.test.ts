import { describe, expect, it } from 'vitest';
import {
  Application, BindingSubject, Blueprint, DummyPolicy, EventMatcherPolicy, ExpressionPolicy, GeoIpPolicy, PasswordExpiryPolicy,
  PasswordPolicy, PolicyBinding, ReputationPolicy, UniquePasswordPolicy, validateApp,
} from '../constructs';
import { typedEntries } from '../constructs/authentik/private/entry-registry';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'App', { fileName: 'app.yaml', name: 'App' });
  return { chart, bp };
}

const entry = (bp: Blueprint, id: string): any => parseBlueprint(bp.toYaml()).entries.find((e: any) => e.id === id);

describe('policy constructs', () => {
  it('write each policy model, identified by name, with wire names', () => {
    const { chart, bp } = setup();
    new ExpressionPolicy(bp, 'Ops', { name: 'is-ops', expression: 'return ak_is_group_member(request.user, name="ops")', executionLogging: true });
    new PasswordPolicy(bp, 'Strong', { name: 'strong', lengthMin: 12, checkHaveIBeenPwned: true, hibpAllowedCount: 0 });
    new ReputationPolicy(bp, 'Rep', { name: 'rep', checkIp: true, threshold: -5 });
    new EventMatcherPolicy(bp, 'Match', { name: 'match-update', action: 'update_available' });
    new DummyPolicy(bp, 'Dummy', { name: 'dummy', result: true });
    new PasswordExpiryPolicy(bp, 'Expiry', { name: 'expiry', days: 90, denyOnly: false });
    new GeoIpPolicy(bp, 'Geo', { name: 'geo', countries: ['DE', 'FR'], checkImpossibleTravel: true });
    new UniquePasswordPolicy(bp, 'Unique', { name: 'unique', numHistoricalPasswords: 5 });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'ops')).toEqual({
      model: 'authentik_policies_expression.expressionpolicy', id: 'ops', state: 'present', identifiers: { name: 'is-ops' },
      attrs: { execution_logging: true, expression: 'return ak_is_group_member(request.user, name="ops")' },
    });
    expect(entry(bp, 'strong')).toMatchObject({ identifiers: { name: 'strong' }, attrs: { check_have_i_been_pwned: true, hibp_allowed_count: 0, length_min: 12 } });
    expect(entry(bp, 'rep')).toMatchObject({ model: 'authentik_policies_reputation.reputationpolicy', attrs: { check_ip: true, threshold: -5 } });
    expect(entry(bp, 'match')).toMatchObject({ model: 'authentik_policies_event_matcher.eventmatcherpolicy', attrs: { action: 'update_available' } });
    expect(entry(bp, 'dummy')).toMatchObject({ model: 'authentik_policies_dummy.dummypolicy', attrs: { result: true } });
    expect(entry(bp, 'expiry')).toMatchObject({ model: 'authentik_policies_expiry.passwordexpirypolicy', attrs: { days: 90, deny_only: false } });
    expect(entry(bp, 'geo')).toMatchObject({ model: 'authentik_policies_geoip.geoippolicy', attrs: { countries: ['DE', 'FR'], check_impossible_travel: true } });
    expect(entry(bp, 'unique')).toMatchObject({ model: 'authentik_policies_unique_password.uniquepasswordpolicy', attrs: { num_historical_passwords: 5 } });
  });

  it('are accepted as binding subjects, declared or looked up', () => {
    const { chart, bp } = setup();
    const policy = new ExpressionPolicy(bp, 'Ops', { name: 'is-ops', expression: 'return True' });
    const app = new Application(bp, 'Application', { name: 'App', slug: 'app' });
    new PolicyBinding(bp, 'Declared', { target: app, subject: BindingSubject.policy(policy), order: 0 });
    new PolicyBinding(bp, 'Looked', { target: app, subject: BindingSubject.policy(GeoIpPolicy.fromName('geo')), order: 1 });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'declared').identifiers.policy).toEqual({ tag: '!KeyOf', value: 'ops' });
    expect(entry(bp, 'looked').identifiers.policy).toEqual({ tag: '!Find', items: ['authentik_policies_geoip.geoippolicy', ['name', 'geo']] });
  });

  it('registers every policy class for the importer', () => {
    const names = typedEntries().filter((e) => e.model.startsWith('authentik_policies_')).map((e) => e.className).sort();
    expect(names).toEqual(['DummyPolicy', 'EventMatcherPolicy', 'ExpressionPolicy', 'GeoIpPolicy', 'PasswordExpiryPolicy',
      'PasswordPolicy', 'ReputationPolicy', 'UniquePasswordPolicy']);
  });

  it('fails when a field is misspelt, a required field is missing or a value is outside its enum', () => {
    const { chart, bp } = setup();
    new ExpressionPolicy(bp, 'Typo', { name: 'typo', expresion: 'return True' } as any);
    new PasswordExpiryPolicy(bp, 'NoDays', { name: 'no-days' } as any);
    new GeoIpPolicy(bp, 'BadCountry', { name: 'bad', countries: ['XX'] } as any);
    const problems = validateApp(chart).join('\n');
    expect(problems).toMatch(/Authentik\/App\/Typo: "expresion" is not an attribute of authentik_policies_expression.expressionpolicy.*did you mean "expression"\?/);
    expect(problems).toMatch(/Authentik\/App\/Typo \(authentik_policies_expression.expressionpolicy\): .*expression/);
    expect(problems).toMatch(/Authentik\/App\/NoDays \(authentik_policies_expiry.passwordexpirypolicy\): .*days/);
    expect(problems).toMatch(/Authentik\/App\/BadCountry \(authentik_policies_geoip.geoippolicy\): .*countries/);
  });
});
