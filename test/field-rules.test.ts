import { describe, expect, it } from 'vitest';
import { Tag } from '../constructs/blueprint/tags';
import { checkAuthentikFieldRules, checkEntryState, STATE_VALUES } from '../constructs/authentik/private/field-rules';

const OAUTH2 = 'authentik_providers_oauth2.oauth2provider';

describe('checkAuthentikFieldRules: text authentik stores trimmed', () => {
  it('rejects an identifier with surrounding spaces: the lookup never matches and the next apply collides', () => {
    const problems = checkAuthentikFieldRules('authentik_core.group', { name: 'media ' }, 'G identifiers', { identifiers: true });
    expect(problems).toEqual([
      'G identifiers.name: "media " has surrounding whitespace; authentik stores text trimmed ("media"), so this identifier never matches '
        + 'the stored object and the next apply creates a second one, which collides with it; remove the spaces',
    ]);
  });

  it('rejects surrounding spaces in name, slug, username and title attributes', () => {
    expect(checkAuthentikFieldRules('authentik_core.application', { name: ' Grafana', slug: 'grafana ' }, 'A attributes')).toEqual([
      expect.stringMatching(/^A attributes\.name: " Grafana" has surrounding whitespace; authentik stores text trimmed \("Grafana"\).*remove the spaces$/),
      expect.stringMatching(/^A attributes\.slug: "grafana " has surrounding whitespace/),
      expect.stringMatching(/^A attributes\.slug: "grafana " is not a slug authentik accepts .*write e\.g\. "grafana"$/),
    ]);
    expect(checkAuthentikFieldRules('authentik_core.user', { username: 'svc\t' }, 'U')).toHaveLength(1);
    expect(checkAuthentikFieldRules('authentik_flows.flow', { title: 'Welcome\n' }, 'F')).toHaveLength(1);
  });

  it('accepts multi-line text such as expressions whose final newline authentik trims harmlessly', () => {
    expect(checkAuthentikFieldRules('authentik_policies_expression.expressionpolicy', { expression: 'ak_message("x")\nreturn True\n' }, 'E')).toEqual([]);
  });

  it('accepts spaces inside text, and leaves uuids and choices to the schema check', () => {
    expect(checkAuthentikFieldRules('authentik_core.group', { name: 'media users' }, 'G')).toEqual([]);
    expect(checkAuthentikFieldRules(OAUTH2, { client_type: 'confidential ', authorization_flow: ' x' }, 'P')).toEqual([]);
  });

  it('skips tags and references, which authentik resolves', () => {
    expect(checkAuthentikFieldRules('authentik_core.group', { name: Tag.env('GROUP_NAME ') }, 'G', { identifiers: true })).toEqual([]);
  });
});

describe('checkAuthentikFieldRules: slugs', () => {
  it.each([
    ['authentik_core.application', 'slug', 'my app', 'my-app'],
    ['authentik_flows.flow', 'slug', 'default/login', 'default-login'],
    ['authentik_sources_oauth.oauthsource', 'slug', 'gitHub.com', 'gitHub-com'],
    ['authentik_core.token', 'identifier', 'ci token', 'ci-token'],
    ['authentik_stages_invitation.invitation', 'name', 'ä', 'my-slug'],
  ])('rejects %s %s %j and suggests %j', (model, field, value, suggestion) => {
    expect(checkAuthentikFieldRules(model, { [field]: value }, 'X')).toContain(
      `X.${field}: ${JSON.stringify(value)} is not a slug authentik accepts (letters a-z and A-Z, digits, - and _ only); write e.g. ${JSON.stringify(suggestion)}`,
    );
  });

  it('accepts slugs of letters, digits, - and _, and a slug field of a model without an API schema too', () => {
    expect(checkAuthentikFieldRules('authentik_core.application', { slug: 'My_app-2' }, 'X')).toEqual([]);
    expect(checkAuthentikFieldRules('authentik_blueprints.metaapplyblueprint', { slug: 'a b' }, 'X')).toHaveLength(1);
  });
});

describe('checkAuthentikFieldRules: durations', () => {
  it('rejects a token validity authentik cannot read, naming the format', () => {
    expect(checkAuthentikFieldRules(OAUTH2, { access_token_validity: 'hours=1,minutes=30' }, 'P')).toEqual([
      expect.stringMatching(/^P\.access_token_validity: "hours=1,minutes=30" is not a duration authentik reads: .*write authentik's duration format/),
    ]);
  });

  it('rejects a duration with a key authentik skips without a word', () => {
    expect(checkAuthentikFieldRules('authentik_stages_user_login.userloginstage', { session_duration: 'hours=1; minutes=30' }, 'S')).toEqual([
      expect.stringContaining('S.session_duration: "hours=1; minutes=30": authentik ignores the key " minutes"'),
    ]);
  });

  it('accepts valid durations and leaves other string fields alone', () => {
    expect(checkAuthentikFieldRules(OAUTH2, { access_code_validity: 'minutes=1', refresh_token_validity: 'days=30', client_id: 'hours' }, 'P')).toEqual([]);
  });
});

describe('checkAuthentikFieldRules: redirect URIs in wire form', () => {
  it('rejects a regex only JavaScript compiles and a strict URI a URL parser rewrites', () => {
    const problems = checkAuthentikFieldRules(OAUTH2, {
      redirect_uris: [
        { matching_mode: 'regex', url: 'https://(?<env>dev|prod)\\.example\\.com/cb' },
        { matching_mode: 'strict', url: 'https://App.example.com/cb' },
        { matching_mode: 'strict', url: 'https://app.example.com/cb' },
        Tag.env('URI'),
      ],
    }, 'P');
    expect(problems).toEqual([
      expect.stringMatching(/^P\.redirect_uris\[0\]\.url: regex .* does not compile with Python's re, which authentik uses \(unknown extension \?<e at position 9\); fix the pattern$/),
      expect.stringMatching(/^P\.redirect_uris\[1\]\.url: strict redirect URI "https:\/\/App.example.com\/cb" is not written as URL parsers write it \(an upper-case host\); .*write "https:\/\/app.example.com\/cb"$/),
    ]);
  });
});

describe('checkAuthentikFieldRules: user passwords', () => {
  it('rejects a literal password and accepts !Env or an empty (unusable) one', () => {
    expect(checkAuthentikFieldRules('authentik_core.user', { password: 'hunter2' }, 'U')).toEqual([
      'U.password: a literal password (7 characters) would be committed to Git; read it from the worker environment with Tag.env(…) (!Env), '
        + 'or give "" to make the password unusable',
    ]);
    expect(checkAuthentikFieldRules('authentik_core.user', { password: Tag.env('SVC_PASSWORD') }, 'U')).toEqual([]);
    expect(checkAuthentikFieldRules('authentik_core.user', { password: '' }, 'U')).toEqual([]);
  });
});

describe('checkAuthentikFieldRules: applying another blueprint', () => {
  it('rejects empty identifiers, which match whichever blueprint instance comes first', () => {
    expect(checkAuthentikFieldRules('authentik_blueprints.metaapplyblueprint', { identifiers: {}, required: true }, 'M attributes')).toEqual([
      'M attributes.identifiers: {} matches every blueprint instance, so authentik would apply whichever comes first; '
        + 'name the blueprint to apply, e.g. { name: <its metadata.name> } or { path: <its file path> }',
    ]);
  });

  it('accepts identifiers that name the blueprint', () => {
    expect(checkAuthentikFieldRules('authentik_blueprints.metaapplyblueprint', { identifiers: { name: 'BlumeOps Groups' } }, 'M')).toEqual([]);
  });
});

describe('checkEntryState', () => {
  it.each([...STATE_VALUES, undefined])('accepts %j', (state) => {
    expect(checkEntryState(state, 'E')).toEqual([]);
  });

  it.each([
    ['Absent', ' (here "absent")'],
    ['must-created', ' (here "must_created")'],
    ['deleted', ''],
    [true, ''],
  ])('rejects %j, which fails the whole blueprint', (state, hint) => {
    expect(checkEntryState(state, 'E')).toEqual([
      `E: state ${JSON.stringify(state)} is not one authentik knows, which fails the whole blueprint; write one of "present", "created", "must_created", "absent"${hint}`,
    ]);
  });
});

describe('final line breaks', () => {
  it('accepts a one-line expression written as a YAML block scalar, whose final newline authentik trims harmlessly', () => {
    expect(checkAuthentikFieldRules('authentik_policies_expression.expressionpolicy', { expression: 'return True\n' }, 'E')).toEqual([]);
  });

  it('still rejects leading spaces in such text', () => {
    expect(checkAuthentikFieldRules('authentik_policies_expression.expressionpolicy', { expression: '  return True\n' }, 'E')).toHaveLength(1);
  });
});
