import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importBlueprints, parseSources, printExpr, lit, stringLiteral, type ImportResult } from '../constructs/import';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(files: Record<string, string>, moveLiteralSecrets?: boolean): ImportResult {
  return importBlueprints(parseSources(Object.entries(files).map(([source, text]) => ({ source, text }))), { libraryImport: '../constructs', moveLiteralSecrets });
}

function bp(name: string, entries: string, extra = ''): string {
  return `version: 1\nmetadata:\n  name: ${name}\n${extra}entries:\n${entries}`;
}

const FLOW = `
- model: authentik_flows.flow
  id: flow
  identifiers: {slug: login}
  attrs: {name: Login, title: Login, designation: authentication}
- model: authentik_stages_user_login.userloginstage
  id: login
  identifiers: {name: login-stage}
- model: authentik_flows.flowstagebinding
  identifiers: {target: !KeyOf flow, stage: !KeyOf login, order: 10}
`;

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

describe('npm run import', () => {
  it('writes the module and prints the typed share', () => {
    const work = mkdtempSync(join(tmpdir(), 'import-cli-'));
    try {
      writeFileSync(join(work, 'login.yaml'), bp('Login', FLOW));
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/import.ts'), join(work, 'login.yaml'), '--out', join(work, 'login.ts')],
        { encoding: 'utf8', cwd: REPO });
      expect(out).toContain(`imported 3 entries into ${join(work, 'login.ts')}: 3 through typed constructs (100.0%)`);
      expect(readFileSync(join(work, 'login.ts'), 'utf8')).toContain('export default function importedBlueprints(chart: AuthentikChart): void {');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('moves a literal secret with --move-literal-secrets, printing what to create and never the value', () => {
    const work = mkdtempSync(join(tmpdir(), 'import-cli-'));
    try {
      writeFileSync(join(work, 'captcha.yaml'), bp('Captcha', `
- model: authentik_stages_captcha.captchastage
  id: captcha
  identifiers: {name: captcha}
  attrs: {public_key: public, private_key: pr1vate-L1teral}
`));
      const args = ['--import', 'tsx', join(REPO, 'scripts/import.ts'), join(work, 'captcha.yaml'), '--out', join(work, 'captcha.ts')];
      const refused = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: REPO });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('private_key is a literal secret (15 characters)');
      expect(refused.stderr).toContain('--move-literal-secrets');
      const moved = spawnSync(process.execPath, [...args, '--move-literal-secrets'], { encoding: 'utf8', cwd: REPO });
      expect(moved.status).toBe(0);
      expect(moved.stdout).toContain(`note: ${join(work, 'captcha.yaml')}: entry 0 (id captcha): private_key: a literal secret in the file, moved to the `
        + 'worker variable AUTHENTIK_CAPTCHA_PRIVATE_KEY (--move-literal-secrets); create the Secret key / 1Password field "captcha-private-key" '
        + 'holding it: the value is NOT written anywhere');
      const code = readFileSync(join(work, 'captcha.ts'), 'utf8');
      expect(code).toContain('privateKey: captchaPrivateKeySecret });');
      expect(`${moved.stdout}${moved.stderr}${refused.stdout}${refused.stderr}${code}`).not.toContain('L1teral');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('exits 2 naming the entry when something cannot be translated', () => {
    const work = mkdtempSync(join(tmpdir(), 'import-cli-'));
    try {
      writeFileSync(join(work, 'bad.yaml'), bp('Bad', '- model: authentik_core.group\n  identifiers: {name: g}\n  attrs: {parents: [!KeyOf x]}\n'));
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/import.ts'), join(work, 'bad.yaml'), '--out', join(work, 'bad.ts')],
        { encoding: 'utf8', cwd: REPO });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('bad.yaml: entry 0: !KeyOf x: no entry of');
      const usage = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/import.ts'), join(work, 'bad.yaml')], { encoding: 'utf8', cwd: REPO });
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain('--out is missing');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
