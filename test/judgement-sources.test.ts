/**
 * authentik's judgement of sources, RADIUS/RAC, SCIM providers and schedules (constructs/authentik/rules/
 * sources.ts, rac-radius.ts, scim.ts, schedules.ts): every rule has cases naming its goauthentik/authentik source file
 * (test/judgement-sources-cases.ts), judged alone through typed constructs and `ModelEntry`, all at
 * once through the synth (exit 2, output folder byte-identical), and through the importer. The
 * parsers the rules stand on are checked against what Python's %-formatting, Go's net.ParseCIDR and
 * cron-converter do with the same text.
 */
import { describe, expect, it } from 'vitest';
import { Blueprint, CfnEndpoint, CfnKerberosSource, CfnRACProvider, CfnRadiusProvider, CfnSCIMProvider, CfnSchedule, Flow, WorkerSecret, validateApp } from '../constructs';
import { importBlueprints, parseSources } from '../constructs/import';
import { APP_RULES, ENTRY_RULES } from '../constructs/authentik/rules';
import { goCidrError } from '../constructs/authentik/rules/rac-radius';
import { cronConverterError } from '../constructs/authentik/rules/schedules';
import { SOURCE_APP_RULES, SOURCE_RULES } from '../constructs/authentik/rules/sources';
import { RAC_RADIUS_RULES } from '../constructs/authentik/rules/rac-radius';
import { SCHEDULE_RULES } from '../constructs/authentik/rules/schedules';
import { SCIM_RULES } from '../constructs/authentik/rules/scim';
import { testChart } from './helpers';
import { SOURCE_IMPORT_CASES, SOURCE_JUDGEMENT_CASES as cases } from './judgement-sources-cases';
import { expectAllAtOnceThroughSynth, expectDistinctMistakes, judgeAlone } from './judgement-harness';

const OWN_RULES = [...SOURCE_RULES, ...RAC_RADIUS_RULES, ...SCHEDULE_RULES, ...SCIM_RULES, ...SOURCE_APP_RULES];

describe('authentik\'s judgement of sources, RADIUS/RAC providers and schedules', () => {
  const ruleSource = new Map(OWN_RULES.map((r) => [r.id, r.source]));

  it('registers every rule with authentik\'s judgement, each with a case, each case a distinct mistake with its own message', () => {
    const registered = new Set([...ENTRY_RULES, ...APP_RULES].map((r) => r.id));
    for (const rule of OWN_RULES) {
      expect(registered.has(rule.id), rule.id).toBe(true);
      expect(rule.source, rule.id).toMatch(/^(authentik|internal|packages)\//);
      expect(cases.some(([id]) => id === rule.id), rule.id).toBe(true);
    }
    for (const [rule] of cases) expect(ruleSource.has(rule), rule).toBe(true);
    expectDistinctMistakes(cases);
  });

  for (const [rule, name, declare, expected] of cases) {
    it(`${ruleSource.get(rule)}: refuses ${name}`, () => {
      const problems = judgeAlone(declare);
      expect(problems.filter((p) => expected.test(p)), problems.join('\n')).toHaveLength(1);
      // one message per problem: nothing else about the declaration is wrong
      expect(problems, problems.join('\n')).toHaveLength(1);
    });
  }

  describe('all at once through the synth', () => {
    // app rules judge the declarations together (the LDAP sources of all cases clash with one another): those are judged alone above
    it('exits 2 naming every mistake, leaving the output folder byte-identical', () => {
      const message = expectAllAtOnceThroughSynth(cases, 'sources-');
      expect(message).toMatch(/\.sync_users_password: true, but .* passwords too/);
    });
  });

  // a secret given as a literal is refused by the secret check alone: the rules take it as given, so one mistake gets one message
  it.each<[string, (bp: Blueprint) => void, RegExp]>([
    ['a SCIM token', (bp) => new CfnSCIMProvider(bp, 'P', { name: 'scim', url: 'https://app.example/scim/v2', token: 'tok' as never }), /\/P: token is a secret/],
    ['a Kerberos sync password', (bp) => new CfnKerberosSource(bp, 'K', {
      slug: 'krb', name: 'Kerberos', realm: 'EXAMPLE.COM', syncUsers: true, syncPrincipal: 'authentik/admin@EXAMPLE.COM', syncPassword: 'hunter2' as never,
    }), /\/K: syncPassword is a secret/],
  ])('reports %s written in clear once, by the secret check', (_what, declare, expected) => {
    const chart = testChart();
    declare(new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' }));
    const problems = validateApp(chart);
    expect(problems, problems.join('\n')).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  // what the API schema refuses already is left to it: one message per mistake
  it.each<[string, (bp: Blueprint) => void, RegExp]>([
    ['an empty crontab', (bp) => new CfnSchedule(bp, 'C', { identifyBy: ['relObjId'], relObjId: 'x', crontab: '' }), /crontab must NOT have fewer than 1 characters/],
    ['an empty RAC endpoint host', (bp) => new CfnEndpoint(bp, 'E', { identifyBy: ['name'], name: 'e', provider: CfnRACProvider.fromName('r'), protocol: 'rdp', host: '', authMode: 'prompt' }), /host must NOT have fewer than 1 characters/],
    ['empty RADIUS client networks', (bp) => new CfnRadiusProvider(bp, 'R', {
      name: 'r', authorizationFlow: Flow.fromSlug('default-authentication-flow'), invalidationFlow: Flow.fromSlug('default-invalidation-flow'), clientNetworks: '',
      sharedSecret: new WorkerSecret(bp, 'Secret', { envVar: 'AUTHENTIK_RADIUS_SECRET', secretKey: 'radius-secret' }),
    }), /client_networks must NOT have fewer than 1 characters/],
  ])('leaves %s to the API schema', (_what, declare, expected) => {
    const chart = testChart();
    declare(new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' }));
    const problems = validateApp(chart);
    expect(problems, problems.join('\n')).toHaveLength(1);
    expect(problems.join('\n')).toMatch(expected);
  });

  // imported files are judged by the same rules: the importer proves its module by validating it
  it.each(SOURCE_IMPORT_CASES)('%s: refuses an imported file with %s', (_rule, _name, entries, expected) => {
    const run = (): unknown => importBlueprints(parseSources([{ source: 'mistake.yaml', text: `version: 1\nmetadata:\n  name: Mistake\nentries:\n${entries}` }]), { libraryImport: '../constructs' });
    expect(run).toThrow(expected);
  });
});

// the parsers the rules stand on, against what the real parsers do with the same text
describe('the parsers behind the rules', () => {
  // Go's net.ParseCIDR (internal/outpost/radius/api.go parses client_networks with it)
  it.each([
    ['10.0.0.0/8', true], ['192.168.1.1/32', true], ['0.0.0.0/0', true], ['::/0', true], ['fd00::/8', true], ['2001:db8::1/128', true],
    ['10.0.0.1', false], ['10.0.0.0/33', false], ['fd00::/129', false], ['10.0.0/8', false], ['', false], ['fe80::1%eth0/64', false], ['10.0.0.0/-1', false],
    ['host.lan/24', false], ['010.0.0.0/8', false],
  ])('Go\'s ParseCIDR of %j parses: %s', (text, parses) => {
    expect(goCidrError(text) === undefined).toBe(parses);
  });

  // cron-converter's Cron(value) (packages/django-dramatiq-postgres/django_dramatiq_postgres/models.py validates crontab with it)
  it.each([
    ['* * * * *', true], ['*/5 * * * *', true], ['0 3 * * *', true], ['0 0 1 jan *', true], ['0 0 * * SUN', true], ['0 0 * * 7', true],
    ['0 0 * * 5-7', true], ['1,2,3 1-5/2 * * *', true], ['  0 3 * * *  ', true], ['0 0 1 1_0 *', true], ['0\t3 * * *', true],
    ['@daily', false], ['* * * *', false], ['* * * * * *', false], ['60 * * * *', false], ['* * 0 * *', false], ['* * * 13 *', false],
    ['* * * * 8', false], ['*/0 * * * *', false], ['5-1 * * * *', false], ['? * * * *', false], ['1/2/3 * * * *', false], [', * * * *', false],
    ['* * L * *', false], ['* * * * 1#2', false], ['*/ * * * *', false],
  ])('cron-converter parses %j: %s', (text, parses) => {
    expect(cronConverterError(text) === undefined).toBe(parses);
  });
});
