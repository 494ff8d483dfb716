import { describe, expect, it } from 'vitest';
import { Application, ApplicationAccess, Blueprint, Group, ModelEntry, OidcClient, Tag, validateAgainstSchema, validateApp } from '../constructs';
import { checkAuthentikFieldRules } from '../constructs/authentik/private/field-rules';
import { checkLookups } from '../constructs/authentik/private/lookup-checks';
import { checkSecretFields } from '../constructs/authentik/private/secret-fields';
import { testChart } from './helpers';

// checks that refused what authentik accepts (found by writing its own blueprints through ModelEntry),
// and checks that let a mistake through (found by the bad-input suite)

describe('meta entries', () => {
  it('accepts several apply-blueprint entries without identifiers in one file, which are actions, not objects', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Bp', { fileName: 'bp.yaml', name: 'Bp' });
    for (const name of ['A', 'B']) {
      new ModelEntry(bp, name, { model: 'authentik_blueprints.metaapplyblueprint', attributes: { identifiers: { name }, required: false } });
    }
    expect(validateApp(chart)).toEqual([]);
  });
});

describe('!Env written with Tag.scalar or Tag.sequence', () => {
  it('counts as a reference for a secret field, directly or behind !Context', () => {
    expect(checkSecretFields('authentik_core.user', { password: Tag.sequence('!Env', ['AUTHENTIK_PW', null]) }, 'U', () => undefined)).toEqual([]);
    expect(checkSecretFields('authentik_core.token', { key: Tag.context('token') }, 'T', () => Tag.scalar('!Env', 'AUTHENTIK_TOKEN'))).toEqual([]);
  });

  it('still refuses a literal secret field', () => {
    expect(checkSecretFields('authentik_core.token', { key: 'abc' }, 'T', () => undefined)).toEqual([
      expect.stringMatching(/^T: key is a secret, but was given a literal string/)]);
  });

  it('fails when no worker variable stands behind it, as Tag.env does', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Bp', { fileName: 'bp.yaml', name: 'Bp' });
    new Group(bp, 'G', { name: 'g', attributes: { a: Tag.scalar('!Env', 'NOPE'), b: Tag.sequence('!Env', ['NOPE_TOO', 'x']) } });
    expect(validateApp(chart)).toEqual([
      expect.stringMatching(/^Authentik\/Bp: entry "g" reads !Env NOPE, but the worker has no such variable/),
      expect.stringMatching(/^Authentik\/Bp: entry "g" reads !Env NOPE_TOO, but the worker has no such variable/),
    ]);
  });
});

describe('expressions ending in a line break', () => {
  it('accepts a one-line expression written as a YAML block scalar (with its final newline)', () => {
    expect(checkAuthentikFieldRules('authentik_policies_expression.expressionpolicy', { expression: 'return request.user.name\n' }, 'E')).toEqual([]);
    expect(checkAuthentikFieldRules('authentik_sources_ldap.ldapsourcepropertymapping', { name: 'm', expression: 'return {}\n\n' }, 'M')).toEqual([]);
  });

  it('still refuses leading spaces in an expression and a final newline in a title', () => {
    expect(checkAuthentikFieldRules('authentik_policies_expression.expressionpolicy', { expression: ' return True\n' }, 'E')).toEqual([
      expect.stringMatching(/^E\.expression: " return True\\n" has surrounding whitespace/)]);
    expect(checkAuthentikFieldRules('authentik_flows.flow', { title: 'Welcome\n' }, 'F')).toHaveLength(1);
  });
});

describe('choices given as integers', () => {
  it('accepts an integer whose text is a choice, as DRF\'s ChoiceField does (TOTP digits: 6 in authentik\'s own blueprints)', () => {
    expect(validateAgainstSchema('authentik_stages_authenticator_totp.authenticatortotpstage', { name: 't', digits: 6 }, { checkRequired: true })).toEqual([]);
    expect(validateAgainstSchema('authentik_stages_authenticator_totp.authenticatortotpstage', { name: 't', digits: '8' }, { checkRequired: true })).toEqual([]);
  });

  it('still refuses an integer that is no choice, and a fraction', () => {
    expect(validateAgainstSchema('authentik_stages_authenticator_totp.authenticatortotpstage', { name: 't', digits: 7 }, { checkRequired: true }))
      .toContainEqual('digits must be one of "6", "8" (given 7)');
    expect(validateAgainstSchema('authentik_stages_authenticator_totp.authenticatortotpstage', { name: 't', digits: 6.5 }, { checkRequired: true }))
      .toContainEqual('digits must be one of "6", "8" (given 6.5)');
  });
});

describe('lookups written as !Find tags', () => {
  it('are checked like lookup objects: model, fields, values', () => {
    expect(checkLookups({ parents: [Tag.find('authentik_core.groupz', ['name', 'x'])] }, 'G')).toEqual([
      expect.stringMatching(/^G\.parents\[0\]: looks up model "authentik_core\.groupz", which authentik .* does not have .*did you mean "authentik_core\.group"\?$/)]);
    expect(checkLookups({ flow: Tag.sequence('!Find', ['authentik_flows.flow', ['slugg', 'x']]) }, 'F')).toEqual([
      expect.stringMatching(/^F\.flow: looks up authentik_flows\.flow by "slugg", which that model does not have.*did you mean "slug"\?$/)]);
    expect(checkLookups({ flow: Tag.find('authentik_flows.flow', ['slug', ' x']) }, 'F')).toHaveLength(1);
  });

  it('accepts a !Find that can match, nested lookups included', () => {
    expect(checkLookups({ flow: Tag.find('authentik_flows.flow', ['slug', 'default-authentication-flow']) }, 'F')).toEqual([]);
    expect(checkLookups({ b: Tag.find('authentik_flows.flowstagebinding', ['target', Tag.find('authentik_flows.flow', ['slug', 'x'])], ['order', 10]) }, 'B'))
      .toEqual([]);
  });
});

describe('grantAccess options from plain JavaScript', () => {
  it('fails when retired is not a boolean, and names an unknown option', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Bp', { fileName: 'bp.yaml', name: 'Bp' });
    const app = new Application(bp, 'App', { name: 'A', slug: 'a' });
    app.grantAccess(ApplicationAccess.anyAuthenticatedUser(), { retired: 'false', revokd: [] } as never);
    expect(validateApp(chart)).toEqual(expect.arrayContaining([
      'Authentik/Bp/App: grantAccess options: retired must be true or false; got string "false"',
      expect.stringMatching(/^Authentik\/Bp\/App: grantAccess options: "revokd" is not a prop of this construct; did you mean "revoked"\?/),
    ]));
  });
});

describe('OidcClient service accounts from plain JavaScript', () => {
  it('names an account given without a username by its position, not "undefined"', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Bp', { fileName: 'bp.yaml', name: 'Bp' });
    new OidcClient(bp, 'C', {
      name: 'C', slug: 'c', redirectUris: ['https://c.example/cb'], access: ApplicationAccess.anyAuthenticatedUser(),
      serviceAccounts: [{ username: 'bot', name: 'Bot' }, { name: 'Nameless' } as never],
    });
    const problems = validateApp(chart);
    expect(problems).toContain('Authentik/Bp/C/ServiceAccount-1: username is required: authentik finds the object by it; give it a value');
    expect(problems.join('\n')).not.toMatch(/undefined|ServiceAccount-bot/);
  });
});
