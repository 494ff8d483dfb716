/**
 * authentik's judgement of secret fields that hold a JSON object (constructs/authentik/rules/json-secrets.ts):
 * a Google service-account key or a kubeconfig given through `!Env`/`!File` is text, which authentik's
 * serializer refuses, failing the whole blueprint. Judged alone through typed constructs and
 * `ModelEntry`, all at once through the synth (exit 2, output folder byte-identical), and through the
 * importer; the legitimate declarations next to them pass.
 */
import { describe, expect, it } from 'vitest';
import { Blueprint, CfnGoogleChromeConnector, ModelEntry, Tag, validateApp, WorkerSecret } from '../constructs';
import { importBlueprints, parseSources } from '../constructs/import';
import { APP_RULES, ENTRY_RULES } from '../constructs/authentik/rules';
import { JSON_SECRET_RULES } from '../constructs/authentik/rules/json-secrets';
import { JSON_CREDENTIALS, modelsWithJsonSecrets } from '../constructs/catalog/json-credentials';
import { catalogFor } from '../constructs/catalog/catalog';
import { AUTHENTIK_VERSIONS } from '../constructs/catalog/versions';
import { ModelName } from '../constructs/catalog/model-facts';
import { testChart } from './helpers';
import { synthBlumeopsWith } from './synth-mistakes';
import { JSON_SECRET_ACCEPTED, JSON_SECRET_CASES as cases } from './judgement-json-secrets-cases';
import { expectDistinctMistakes, judgeAlone } from './judgement-harness';

describe('authentik\'s judgement of secret fields that hold a JSON object', () => {
  const ruleSource = new Map(JSON_SECRET_RULES.map((r) => [r.id, r.source]));

  it('registers the rule with authentik\'s judgement, with cases for every field it guards, each a distinct mistake with its own message', () => {
    const registered = new Set([...ENTRY_RULES, ...APP_RULES].map((r) => r.id));
    for (const rule of JSON_SECRET_RULES) {
      expect(registered.has(rule.id), rule.id).toBe(true);
      expect(rule.source).toBe('authentik/core/api/utils.py');
    }
    for (const [rule] of cases) expect(ruleSource.has(rule), rule).toBe(true);
    expectDistinctMistakes(cases);
    for (const field of new Set(Object.values(JSON_CREDENTIALS).flatMap((f) => Object.keys(f)))) {
      expect(cases.some(([, , , re]) => re.source.includes(`.${field}:`)), field).toBe(true);
    }
  });

  // authentik/core/api/utils.py maps models.JSONField to JSONDictField, which the OpenAPI document shows as an object
  it('takes the fields it guards from the catalog: the secret fields each release types as objects (read from catalog.json)', () => {
    const all = new Set<string>();
    for (const version of AUTHENTIK_VERSIONS) {
      const catalog = catalogFor(version);
      const objectSecrets = catalog.modelNames().flatMap((model) => Object.entries(catalog.model(model)!.fields)
        .filter(([, f]) => f.secret && f.type === 'object').map(([field]) => `${model}.${field}`));
      expect(catalog.modelNames().flatMap((model) => catalog.jsonSecretFields(model).map((f) => `${model}.${f}`)), version).toEqual(objectSecrets);
      for (const s of objectSecrets) all.add(s);
    }
    expect(all.size).toBeGreaterThanOrEqual(4);
    expect([...modelsWithJsonSecrets()]).toEqual([...new Set([...all].map((s) => s.slice(0, s.lastIndexOf('.'))))].sort());
    // the rule applies to exactly those models
    expect([...JSON_SECRET_RULES[0]!.models]).toEqual([...modelsWithJsonSecrets()]);
    // every such field has its words and citation in the catalog (json-credentials.ts), and the table names no other field
    const described = Object.entries(JSON_CREDENTIALS).flatMap(([model, fields]) => Object.keys(fields).map((f) => `${model}.${f}`));
    expect(described.sort()).toEqual([...all].sort());
    for (const fields of Object.values(JSON_CREDENTIALS)) {
      for (const { usedIn } of Object.values(fields)) expect(usedIn).toMatch(/\(authentik\/[a-z_/]+\.py\)$/);
    }
  });

  for (const [rule, name, declare, expected] of cases) {
    it(`${ruleSource.get(rule)} (JSONDictField), authentik/blueprints/v1/common.py (!Env, !File give text): refuses ${name}`, () => {
      const problems = judgeAlone(declare);
      expect(problems.filter((p) => expected.test(p)), problems.join('\n')).toHaveLength(1);
      // one message per problem: nothing else about the declaration is wrong
      expect(problems, problems.join('\n')).toHaveLength(1);
    });
  }

  it.each(JSON_SECRET_ACCEPTED)('accepts %s', (_what, declare) => {
    expect(judgeAlone(declare)).toEqual([]);
  });

  // a literal is the secret check's to refuse (the rule takes it as given), with the fix that works for an object
  it('reports a key pasted as an object once, by the secret check, with the admin-interface fix', () => {
    const credentials = { type: 'service_account', client_email: 'sync@project.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----' };
    const problems = judgeAlone((bp) => new ModelEntry(bp, 'M', { model: ModelName.GOOGLEWORKSPACEPROVIDER, identifiers: { name: 'gw' },
      attributes: { delegatedSubject: 'admin@example.com', defaultGroupEmailDomain: 'example.com', credentials } }));
    expect(problems, problems.join('\n')).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp('/M: credentials is a secret, but was given a literal object; .*credentials is the Google service-account key, '
      + 'a JSON object that !Env and !File cannot give \\(they give text\\): set it once in authentik\'s admin interface .*updatesExisting: true'));
  });

  // authentik/blueprints/v1/common.py: Context.resolve resolves a tag held in the context, so !Context of an !Env is text too
  it('refuses a key read with !Context from a context value that is !Env, once, by the secret check', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra', context: { google_key: Tag.env('AUTHENTIK_GW_KEY') } });
    new WorkerSecret(bp, 'Key', { envVar: 'AUTHENTIK_GW_KEY', secretKey: 'gw-key' });
    new ModelEntry(bp, 'G', { model: ModelName.GOOGLEWORKSPACEPROVIDER, identifiers: { name: 'gw' },
      attributes: { delegatedSubject: 'admin@example.com', defaultGroupEmailDomain: 'example.com', credentials: Tag.context('google_key') } });
    const problems = validateApp(chart);
    expect(problems, problems.join('\n')).toHaveLength(1);
    expect(problems[0]).toMatch(/\/G: credentials reads !Context google_key, whose value in the blueprint's context is !Env, which gives text: .*JSONDictField, .*leave the field out and give updatesExisting: true/);
  });

  // authentik/enterprise/endpoints/connectors/google_chrome/models.py: credentials = models.JSONField(), a Google service-account
  // key (Credentials.from_service_account_info); the model exists from 2026.5 on
  it.each(['2026.5', '2026.8'] as const)('refuses a Google Chrome connector\'s key read from the environment under %s, and accepts one left out', (version) => {
    const chart = testChart({ authentikVersion: version });
    const bp = new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' });
    new CfnGoogleChromeConnector(bp, 'C', { name: 'chrome', credentials: new WorkerSecret(bp, 'Key', { envVar: 'AUTHENTIK_CHROME_KEY', secretKey: 'chrome-key' }) });
    new CfnGoogleChromeConnector(bp, 'Kept', { name: 'chrome-kept', updatesExisting: true, enabled: true });
    const problems = validateApp(chart);
    expect(problems, problems.join('\n')).toHaveLength(1);
    expect(problems[0]).toMatch(/\/C\.credentials: !Env "AUTHENTIK_CHROME_KEY" is not a JSON object: .*google_chrome\/models\.py.*leave the field out and give updatesExisting: true/);
  });

  it('refuses an imported file that reads a Google service-account key with !Env', () => {
    const entries = `
- model: ${ModelName.AUTHENTICATORENDPOINTGDTCSTAGE}
  identifiers: {name: chrome-device-trust}
  attrs: {credentials: !Env [AUTHENTIK_GDTC_KEY, null]}
`;
    const run = (): unknown => importBlueprints(parseSources([{ source: 'mistake.yaml', text: `version: 1\nmetadata:\n  name: Mistake\nentries:\n${entries}` }]), { libraryImport: '../constructs' });
    expect(run).toThrow(/\.credentials: !Env .*AUTHENTIK_GDTC_KEY.* is not a JSON object/);
  });

  describe('all at once through the synth', () => {
    it('exits 2 naming every mistake, leaving the output folder byte-identical', () => {
      const { code, message, changed } = synthBlumeopsWith((chart) => {
        cases.forEach(([, , declare], i) => declare(new Blueprint(chart, `JsonSecretCase${i}`, { fileName: `json-secret-case-${i}.yaml`, name: `JSON secret case ${i}` })));
      }, 'judgement-json-secrets-');
      expect(code).toBe(2);
      expect(message).toMatch(new RegExp(`^${cases.length} problems in the declaration; nothing was written`, 'm'));
      for (const [, name, , expected] of cases) expect(expected.test(message), name).toBe(true);
      expect(changed).toEqual([]);
    });
  });
});
