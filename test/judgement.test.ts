/**
 * authentik's judgement (constructs/authentik/rules/): every rule has cases here that name its
 * goauthentik/authentik source file, each a distinct mistake with its own message, declared through
 * typed constructs, `ModelEntry` and (for a few) an imported blueprint alike. Each case is judged by
 * `validateApp` on its own chart (fast); one synth of all of them at once proves the output folder is
 * left byte-identical and the exit code is 2.
 */
import { describe, expect, it } from 'vitest';
import { importBlueprints, parseSources } from '../constructs/import';
import { APP_RULES, ENTRY_RULES } from '../constructs/authentik/rules';
import { JUDGEMENT_CASES as cases } from './judgement-cases';
// the source, RADIUS/RAC and schedule rules have their cases (and tests) in test/judgement-sources.test.ts
import { SOURCE_JUDGEMENT_CASES } from './judgement-sources-cases';
// the JSON-object secret rule has its cases (and tests) in test/judgement-json-secrets.test.ts
import { JSON_SECRET_CASES } from './judgement-json-secrets-cases';
import { expectAllAtOnceThroughSynth, expectDistinctMistakes, judgeAlone } from './judgement-harness';

describe('authentik\'s judgement', () => {
  const ruleSource = new Map([...ENTRY_RULES, ...APP_RULES].map((r) => [r.id, r.source]));

  it('covers every rule, each case a distinct mistake with its own message', () => {
    expect(new Set(ruleSource.keys()).size).toBe(ENTRY_RULES.length + APP_RULES.length);
    for (const id of ruleSource.keys()) expect([...cases, ...SOURCE_JUDGEMENT_CASES, ...JSON_SECRET_CASES].some(([rule]) => rule === id), id).toBe(true);
    for (const [rule] of cases) expect(ruleSource.has(rule), rule).toBe(true);
    expectDistinctMistakes(cases);
  });

  for (const [rule, name, declare, expected] of cases) {
    it(`${ruleSource.get(rule)}: refuses ${name}`, () => {
      const problems = judgeAlone(declare);
      expect(problems.filter((p) => expected.test(p)), problems.join('\n')).toHaveLength(1);
    });
  }

  describe('all at once through the synth', () => {
    // app rules judge the declarations together (one case clears the shipped default brand for all): those are judged alone above
    it('exits 2 naming every mistake, leaving the output folder byte-identical', () => {
      expectAllAtOnceThroughSynth(cases, '');
    });
  });
});

// imported files are judged by the same rules: the importer proves its module by validating it
describe('authentik\'s judgement of imported blueprints', () => {
  const run = (entries: string): unknown => importBlueprints(parseSources([{ source: 'mistake.yaml', text: `version: 1\nmetadata:\n  name: Mistake\nentries:\n${entries}` }]), { libraryImport: '../constructs' });
  it.each<[string, string, string, RegExp]>([
    ['identification-stage-needs-user-fields-or-sources', 'an identification stage with neither', `
- model: authentik_stages_identification.identificationstage
  identifiers: {name: ident}
  attrs: {user_fields: []}
`, /user_fields: \[\] and no sources: authentik refuses/],
    ['expression-policy-compiles', 'an expression policy that does not compile', `
- model: authentik_policies_expression.expressionpolicy
  identifiers: {name: broken}
  attrs: {expression: "return {"}
`, /\.expression: "return \{" is not valid Python/],
    ['proxy-skip-path-compiles-with-re2', 'a skip path with a lookahead', `
- model: authentik_providers_proxy.proxyprovider
  identifiers: {name: p}
  attrs:
    authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]
    invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]
    external_host: https://p.example
    mode: forward_single
    skip_path_regex: "^/(?=api)"
`, /skip_path_regex line 1: "\^\/\(\?=api\)" does not compile with Go's regexp/],
    ['user-path-has-no-edge-slashes-or-empty-segments', 'a user path with a trailing slash', `
- model: authentik_core.user
  identifiers: {username: svc}
  attrs: {name: Svc, path: "service-accounts/"}
`, /\.path: "service-accounts\/" has a leading or trailing slash/],
  ])('%s: refuses %s', (_rule, _name, entries, expected) => {
    expect(() => run(entries)).toThrow(expected);
  });
});
