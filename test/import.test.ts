import { describe, expect, it } from 'vitest';
import { importBlueprints, parseSources, printExpr, lit, stringLiteral, type ImportResult } from '../constructs/import';
import { bp, FLOW } from './import-fixtures';

// `npm run import` as a real child process: test/e2e/import-cli.test.ts

function run(files: Record<string, string>, moveLiteralSecrets?: boolean): ImportResult {
  return importBlueprints(parseSources(Object.entries(files).map(([source, text]) => ({ source, text }))), { libraryImport: '../constructs', moveLiteralSecrets });
}

describe('importBlueprints', () => {
  it('writes typed constructs, with the objects !KeyOf points at held in variables', () => {
    const result = run({ 'login.yaml': bp('Login', FLOW) });
    expect(result.code).toContain(`const flow = new Flow(login, 'Flow', {`);
    expect(result.code).toContain(`const login2 = new UserLoginStage(login, 'Login', { name: 'login-stage' });`);
    expect(result.code).toContain(`new FlowStageBinding(login, 'LoginBinding10', { target: flow, stage: login2, order: 10 });`);
    expect(result.code).toContain(`const login = new Blueprint(chart, 'Login', { fileName: 'login.yaml', name: 'Login' });`);
    expect(result).toMatchObject({ entries: 3, typed: 3, byClass: { Flow: 1, FlowStageBinding: 1, UserLoginStage: 1 } });
  });

  it('writes a !Find outside the files as the typed lookup, and one inside them as the object itself', () => {
    const result = run({
      'login.yaml': bp('Login', FLOW),
      'brand.yaml': bp('Brand', `
- model: authentik_brands.brand
  identifiers: {domain: example.com}
  attrs:
    flow_authentication: !Find [authentik_flows.flow, [slug, login]]
    flow_invalidation: !Find [authentik_flows.flow, [slug, default-invalidation-flow]]
`),
    });
    expect(result.code).toContain('flowAuthentication: flow,');
    expect(result.code).toContain(`flowInvalidation: Flow.fromSlug('default-invalidation-flow'),`);
    expect(result.notes).toContain('Brand now applies {"name":"Login"} first, because it refers to objects declared there');
  });

  it('wires !Env through a WorkerSecret on the chart: the secret itself for a secret prop, its tag elsewhere', () => {
    const result = run({ 'app.yaml': bp('App', `
- model: authentik_providers_oauth2.oauth2provider
  id: provider
  identifiers: {name: App}
  attrs:
    authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]
    invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]
    client_id: app
    client_secret: !Env AUTHENTIK_APP_CLIENT_SECRET
    signing_key: !Find [authentik_crypto.certificatekeypair, [name, authentik Self-signed Certificate]]
    redirect_uris: [{matching_mode: strict, url: 'https://app.example.com/cb'}, {matching_mode: regex, url: 'https://.*\\.example\\.com/cb'}]
- model: authentik_core.group
  identifiers: {name: app-users}
  attrs: {attributes: {token: !Env AUTHENTIK_APP_CLIENT_SECRET}}
`) });
    expect(result.code).toContain(`const appClientSecretSecret = new WorkerSecret(chart, 'AppClientSecret', {`);
    expect(result.code).toContain(`envVar: 'AUTHENTIK_APP_CLIENT_SECRET'`);
    expect(result.code).toContain(`secretKey: 'app-client-secret'`);
    expect(result.code).toContain('clientSecret: appClientSecretSecret,');
    expect(result.code).toContain('attributes: { token: appClientSecretSecret.envTag() }');
    expect(result.code).toContain(`RedirectUri.strict('https://app.example.com/cb'), RedirectUri.regex('https://.*\\\\.example\\\\.com/cb')`);
    expect(result.code).toContain(`signingKey: CertificateKeyPair.fromName('authentik Self-signed Certificate'),`);
    expect(result.code.match(/new WorkerSecret/g)).toHaveLength(1);
  });

  it('writes tags through Tag, the blueprint context and entry options', () => {
    const result = run({ 'boot.yaml': bp('Boot', `
- model: authentik_core.token
  state: created
  conditions: [!If [!Context token]]
  identifiers: {identifier: boot}
  attrs: {user: !Find [authentik_core.user, [username, akadmin]], intent: api, expiring: false, key: !Context token, description: !Format ['%s token', !Context who]}
`, 'context:\n  who: admin\n  token: !Env [BOOT_TOKEN, null]\n') });
    expect(result.code).toContain(`context: { who: 'admin', token: Tag.env('BOOT_TOKEN') },`);
    expect(result.code).toContain(`description: Tag.format('%s token', Tag.context('who')),`);
    expect(result.code).toContain('state: EntryState.CREATED,');
    expect(result.code).toContain(`conditions: [Tag.if(Tag.context('token'))],`);
  });

  it('leaves out a field authentik ignores, saying so in the code and the notes', () => {
    const result = run({ 'x.yaml': bp('X', `
- model: authentik_stages_identification.identificationstage
  identifiers: {name: ident}
  attrs: {user_fields: [username], template: old.html}
`) });
    expect(result.code).toContain('// not imported: template ("old.html"), which authentik 2026.2.0 ignores on authentik_stages_identification.identificationstage');
    expect(result.code).not.toContain('old.html\'');
    expect(result.notes).toHaveLength(1);
  });

  it('falls back to ModelEntry where no typed construct fits, and says why', () => {
    const result = run({ 'x.yaml': bp('X', `
- model: authentik_core.group
  identifiers: {name: !Context group}
- model: authentik_sources_saml.samlsource
  identifiers: {slug: saml}
  attrs: {name: SAML, sso_url: 'https://idp.example.com/sso', pre_authentication_flow: !Find [authentik_flows.flow, [slug, default-source-pre-authentication]]}
`, 'context:\n  group: g\n') });
    expect(result.code).toContain(`new ModelEntry(x, 'Group', { model: 'authentik_core.group', identifiers: { name: Tag.context('group') } });`);
    expect(result.code).toContain(`model: 'authentik_sources_saml.samlsource'`);
    expect(result.typed).toBe(0);
    expect(result.notes.some((n) => n.includes('entry 0: written as ModelEntry: Group: name is a !Context tag'))).toBe(true);
  });

  it('writes the same code for the same files', () => {
    const files = { 'login.yaml': bp('Login', FLOW) };
    expect(run(files).code).toBe(run(files).code);
  });

  it('fails naming the file and entry when a !KeyOf points at no entry', () => {
    expect(() => run({ 'x.yaml': bp('X', `
- model: authentik_core.group
  id: g
  identifiers: {name: g}
  attrs: {parents: [!KeyOf nothing]}
`) })).toThrow('x.yaml: entry 0 (id g): !KeyOf nothing: no entry of x.yaml has the id nothing');
  });

  it('fails naming the entry for a literal secret, an unknown state, and a blueprint without a name', () => {
    expect(() => run({ 'x.yaml': bp('X', `
- model: authentik_core.user
  identifiers: {username: u}
  attrs: {name: U, password: hunter2}
`) })).toThrow('x.yaml: entry 0: password is a literal secret (7 characters)');
    expect(() => run({ 'x.yaml': bp('X', `
- model: authentik_core.group
  state: maybe
  identifiers: {name: g}
`) })).toThrow('x.yaml: entry 0: state "maybe" is not one of present, created, must_created, absent');
    expect(() => run({ 'x.yaml': 'version: 1\nentries: []\n' })).toThrow('x.yaml: has no metadata.name');
  });

  it('moves literal secrets to WorkerSecrets with moveLiteralSecrets, writing nothing of them, and refuses them without it', () => {
    const files = { 'x.yaml': bp('X', `
- model: authentik_core.user
  id: admin-user
  identifiers: {username: u}
  attrs: {name: U, password: s3cr3t-Lit3ral}
- model: authentik_sources_telegram.telegramsource
  identifiers: {slug: telegram}
  attrs: {name: Telegram, bot_username: bot, bot_token: s3cr3t-Lit3ral-2}
`) };
    expect(() => run(files)).toThrow('x.yaml: entry 0 (id admin-user): password is a literal secret (14 characters)');
    expect(() => run(files)).toThrow('(or import with --move-literal-secrets, which reads it from a WorkerSecret instead)');
    const result = run(files, true);
    expect(result.code).toContain(`const adminUserPasswordSecret = new WorkerSecret(chart, 'AdminUserPassword', {`);
    expect(result.code).toContain(`envVar: 'AUTHENTIK_ADMIN_USER_PASSWORD'`);
    expect(result.code).toContain(`secretKey: 'admin-user-password'`);
    expect(result.code).toContain(`new User(x, 'AdminUser', { username: 'u', name: 'U', password: adminUserPasswordSecret });`);
    // no entry id: the construct id names it; ModelEntry (no typed construct) reads the tag
    expect(result.code).toContain(`envVar: 'AUTHENTIK_TELEGRAM_BOT_TOKEN'`);
    expect(result.code).toContain('botToken: telegramBotTokenSecret.envTag()');
    expect(result.code).toContain('// password: a literal secret in the file, moved to the worker variable AUTHENTIK_ADMIN_USER_PASSWORD');
    expect(result.notes).toContain('x.yaml: entry 0 (id admin-user): password: a literal secret in the file, moved to the worker variable '
      + 'AUTHENTIK_ADMIN_USER_PASSWORD (--move-literal-secrets); create the Secret key / 1Password field "admin-user-password" holding it: '
      + 'the value is NOT written anywhere');
    expect(result.movedSecrets.map((m) => [m.where, m.field, m.envVar, m.secretKey])).toEqual([
      ['x.yaml: entry 0 (id admin-user)', 'password', 'AUTHENTIK_ADMIN_USER_PASSWORD', 'admin-user-password'],
      ['x.yaml: entry 1', 'bot_token', 'AUTHENTIK_TELEGRAM_BOT_TOKEN', 'telegram-bot-token'],
    ]);
    const everything = `${result.code}${result.notes.join('\n')}${JSON.stringify(result.movedSecrets)}`;
    expect(everything).not.toContain('s3cr3t');
    expect(everything).not.toContain('Lit3ral');
  });

  it('fails when two files would be written under one name', () => {
    expect(() => run({ 'a/x.yaml': bp('A', FLOW), 'b/x.yaml': bp('B', '- model: authentik_core.group\n  identifiers: {name: g}\n') }))
      .toThrow('b/x.yaml: has the file name x.yaml, as a/x.yaml does');
  });
});

describe('generated code', () => {
  it('writes multi-line text as a template literal that keeps backslashes, backticks and ${', () => {
    const text = 'a = `x` + "${y}" + "a longer line"\nb = re.compile(r"\\d+")\n';
    const printed = stringLiteral(text);
    expect(printed.startsWith('`')).toBe(true);
    // eslint-disable-next-line no-eval
    expect((0, eval)(printed)).toBe(text);
    expect(printExpr(lit('it\'s\n'))).toBe(`'it\\'s\\n'`);
  });
});
