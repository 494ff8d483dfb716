import { describe, expect, it } from 'vitest';
import {
  Blueprint, CaptchaStage, ConsentStage, DenyStage, DummyStage, EmailStage, Flow, FlowStageBinding, Group, IdentificationStage, InvitationStage,
  ModelEntry, PasswordStage, RedirectStage, SourceStage, Stage, Tag, UserDeleteStage, UserLoginStage, UserLogoutStage, UserWriteStage,
  WorkerSecret, validateApp,
} from '../constructs';
import { typedEntries } from '../constructs/authentik/private/entry-registry';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'Flows', { fileName: 'flows.yaml', name: 'Flows' });
  const flow = new Flow(bp, 'Flow', { slug: 'login', name: 'Login', title: 'Welcome', designation: 'authentication' });
  return { chart, bp, flow };
}

const entries = (bp: Blueprint): any[] => parseBlueprint(bp.toYaml()).entries;
const entry = (bp: Blueprint, id: string): any => entries(bp).find((e: any) => e.id === id);

// each stage with the fields a homelab sets, and what they are written as
const CASES = [
  { cls: UserLoginStage, model: 'authentik_stages_user_login.userloginstage',
    props: { sessionDuration: 'hours=12', rememberMeOffset: 'days=30', networkBinding: 'bind_asn' },
    attrs: { session_duration: 'hours=12', remember_me_offset: 'days=30', network_binding: 'bind_asn' } },
  { cls: UserLogoutStage, model: 'authentik_stages_user_logout.userlogoutstage', props: {}, attrs: undefined },
  { cls: UserDeleteStage, model: 'authentik_stages_user_delete.userdeletestage', props: {}, attrs: undefined },
  { cls: ConsentStage, model: 'authentik_stages_consent.consentstage', props: { mode: 'expiring', consentExpireIn: 'weeks=4' },
    attrs: { mode: 'expiring', consent_expire_in: 'weeks=4' } },
  { cls: DenyStage, model: 'authentik_stages_deny.denystage', props: { denyMessage: 'Not for you' }, attrs: { deny_message: 'Not for you' } },
  { cls: DummyStage, model: 'authentik_stages_dummy.dummystage', props: { throwError: false }, attrs: { throw_error: false } },
  { cls: InvitationStage, model: 'authentik_stages_invitation.invitationstage', props: { continueFlowWithoutInvitation: true },
    attrs: { continue_flow_without_invitation: true } },
] as const;

describe('the simple stages', () => {
  it.each(CASES)('$cls.name writes its model, the name as identifier and its API fields with wire names', ({ cls, model, props, attrs }) => {
    const { chart, bp } = setup();
    new (cls as any)(bp, 'Stage', { name: 'my-stage', ...props });
    expect(validateApp(chart)).toEqual([]);
    const written = entry(bp, 'stage');
    expect(written).toEqual({ model, id: 'stage', state: 'present', identifiers: { name: 'my-stage' }, ...(attrs ? { attrs } : {}) });
  });

  it.each(CASES)('$cls.name is accepted as a binding\'s stage, declared or looked up by name', ({ cls, model }) => {
    const { chart, bp, flow } = setup();
    const declared = new (cls as any)(bp, 'Stage', { name: 'my-stage' });
    new FlowStageBinding(bp, 'Declared', { target: flow, stage: declared, order: 10 });
    new FlowStageBinding(bp, 'LookedUp', { target: flow, stage: (cls as any).fromName('their-stage'), order: 20 });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'declared').identifiers.stage).toEqual({ tag: '!KeyOf', value: 'stage' });
    expect(entry(bp, 'looked-up').identifiers.stage).toEqual({ tag: '!Find', items: [model, ['name', 'their-stage']] });
  });

  it('fails when a stage has no name', () => {
    const { chart, bp } = setup();
    // @ts-expect-error name is required
    new UserLoginStage(bp, 'Login', { sessionDuration: 'hours=1' });
    expect(validateApp(chart)).toContainEqual('Authentik/Flows/Login: name is required: authentik finds the object by it; give it a value');
  });

  it('registers every stage construct for the importer, identified by name', () => {
    const names = typedEntries().filter((t) => t.model.startsWith('authentik_stages_')).map((t) => t.className).sort();
    expect(names).toEqual([
      'AuthenticatorDuoStage', 'AuthenticatorEmailStage', 'AuthenticatorSmsStage', 'AuthenticatorStaticStage', 'AuthenticatorTotpStage',
      'AuthenticatorValidateStage', 'AuthenticatorWebAuthnStage', 'CaptchaStage', 'ConsentStage', 'DenyStage', 'DummyStage', 'EmailStage',
      'IdentificationStage', 'Invitation', 'InvitationStage', 'PasswordStage', 'Prompt', 'PromptStage', 'RedirectStage', 'SourceStage',
      'UserDeleteStage', 'UserLoginStage', 'UserLogoutStage', 'UserWriteStage',
    ]);
    for (const t of typedEntries().filter((e) => e.model.startsWith('authentik_stages_'))) expect(t.spec.identifiers).toEqual(['name']);
  });
});

describe('IdentificationStage', () => {
  it('writes its stages, flows and sources as references', () => {
    const { chart, bp } = setup();
    const password = new PasswordStage(bp, 'Password', { name: 'password', backends: ['authentik.core.auth.InbuiltBackend'] });
    new IdentificationStage(bp, 'Identification', {
      name: 'identification',
      userFields: ['username', 'email'],
      passwordStage: password,
      captchaStage: CaptchaStage.fromName('captcha'),
      webauthnStage: Stage.fromName('default-authenticator-webauthn-setup'),
      sources: [new ModelEntry(bp, 'Github', {
        model: 'authentik_sources_oauth.oauthsource', identifiers: { slug: 'github' }, updatesExisting: true,
        // authentik validates an OAuth source update against the type in the request (rules/sources.ts)
        attributes: { providerType: 'github' },
      })],
      enrollmentFlow: Flow.fromSlug('enroll'),
      recoveryFlow: Flow.fromSlug('recover'),
      passwordlessFlow: Flow.fromSlug('passkey'),
      showSourceLabels: true,
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'identification').attrs).toEqual({
      captcha_stage: { tag: '!Find', items: ['authentik_stages_captcha.captchastage', ['name', 'captcha']] },
      enrollment_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'enroll']] },
      password_stage: { tag: '!KeyOf', value: 'password' },
      passwordless_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'passkey']] },
      recovery_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'recover']] },
      show_source_labels: true,
      sources: [{ tag: '!KeyOf', value: 'github' }],
      user_fields: ['username', 'email'],
      webauthn_stage: { tag: '!Find', items: ['authentik_flows.stage', ['name', 'default-authenticator-webauthn-setup']] },
    });
  });

  it('fails when a flow is given where a stage is due, and a flow slug where a flow object is due', () => {
    const { chart, bp, flow } = setup();
    // @ts-expect-error a flow is not a stage; a slug is not a flow
    new IdentificationStage(bp, 'Identification', { name: 'identification', passwordStage: flow, recoveryFlow: 'default-recovery-flow' });
    const problems = validateApp(chart);
    expect(problems).toContainEqual(expect.stringMatching(
      /^Authentik\/Flows\/Identification\.passwordStage: expects a stage, but was given authentik_flows\.flow "login"/));
    expect(problems).toContainEqual('Authentik/Flows/Identification: recoveryFlow expects a flow; got string "default-recovery-flow"; '
      + 'pass a Flow, Flow.fromSlug(...) or a ModelEntry of authentik_flows.flow');
  });
});

describe('PasswordStage and UserWriteStage', () => {
  it('write the configure flow and the group new users join as references', () => {
    const { chart, bp } = setup();
    const change = new Flow(bp, 'Change', {
      slug: 'password-change', name: 'Change', title: 'Change your password', designation: 'stage_configuration',
    });
    new PasswordStage(bp, 'Password', {
      name: 'password', backends: ['authentik.core.auth.InbuiltBackend'], configureFlow: change, failedAttemptsBeforeCancel: 3,
    });
    const family = new Group(bp, 'Family', { name: 'family' });
    new UserWriteStage(bp, 'Write', {
      name: 'write', userCreationMode: 'always_create', createUsersGroup: family, userType: 'internal', userPathTemplate: 'users/family',
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'password').attrs).toEqual({
      backends: ['authentik.core.auth.InbuiltBackend'], configure_flow: { tag: '!KeyOf', value: 'change' }, failed_attempts_before_cancel: 3,
    });
    expect(entry(bp, 'write').attrs).toEqual({
      create_users_group: { tag: '!KeyOf', value: 'family' }, user_creation_mode: 'always_create', user_path_template: 'users/family',
      user_type: 'internal',
    });
  });

  it('fails when a password stage is created without backends, but not when it updates the built-in one', () => {
    const { chart, bp } = setup();
    new PasswordStage(bp, 'New', { name: 'new-password' });
    new PasswordStage(bp, 'Builtin', { name: 'default-authentication-password', updatesExisting: true, allowShowPassword: true });
    expect(validateApp(chart)).toEqual([expect.stringMatching(
      /^Authentik\/Flows\/New \(authentik_stages_password\.passwordstage\): backends is required by authentik's API/)]);
    expect(entry(bp, 'builtin')).toMatchObject({ identifiers: { name: 'default-authentication-password' }, attrs: { allow_show_password: true } });
  });

  it('fails when the group new users join is a group name', () => {
    const { chart, bp } = setup();
    // @ts-expect-error a group name is not a group
    new UserWriteStage(bp, 'Write', { name: 'write', createUsersGroup: 'family' });
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(
      /^Authentik\/Flows\/Write: createUsersGroup expects a group; got string "family"; pass a Group/));
  });
});

describe('RedirectStage and SourceStage', () => {
  it('write the target flow and the source as references', () => {
    const { chart, bp, flow } = setup();
    new RedirectStage(bp, 'Redirect', { name: 'to-login', mode: 'flow', targetFlow: flow, keepContext: true });
    const github = new ModelEntry(bp, 'Github', {
      model: 'authentik_sources_oauth.oauthsource', identifiers: { slug: 'github' }, updatesExisting: true,
      // authentik validates an OAuth source update against the type in the request (rules/sources.ts)
      attributes: { providerType: 'github' },
    });
    new SourceStage(bp, 'Source', { name: 'via-github', source: github, resumeTimeout: 'minutes=10' });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'redirect').attrs).toEqual({ keep_context: true, mode: 'flow', target_flow: { tag: '!KeyOf', value: 'flow' } });
    expect(entry(bp, 'source').attrs).toEqual({ resume_timeout: 'minutes=10', source: { tag: '!KeyOf', value: 'github' } });
  });

  it('fails when a redirect stage is created without a mode, or a source stage gets a flow', () => {
    const { chart, bp, flow } = setup();
    new RedirectStage(bp, 'Redirect', { name: 'to-site', targetStatic: 'https://example.org' });
    // @ts-expect-error a flow is not a source
    new SourceStage(bp, 'Source', { name: 'via', source: flow });
    const problems = validateApp(chart);
    expect(problems).toContainEqual(expect.stringMatching(
      /^Authentik\/Flows\/Redirect \(authentik_stages_redirect\.redirectstage\): mode is required by authentik's API/));
    expect(problems).toContainEqual(expect.stringMatching(
      /^Authentik\/Flows\/Source\.source: expects a source, but was given authentik_flows\.flow "login"/));
  });
});

describe('CaptchaStage and EmailStage', () => {
  it('write their secrets as !Env of a worker secret', () => {
    const { chart, bp } = setup();
    new CaptchaStage(bp, 'Captcha', {
      name: 'captcha', publicKey: 'site-key', jsUrl: 'https://challenges.cloudflare.com/turnstile/v0/api.js', interactive: true,
      privateKey: new WorkerSecret(bp, 'CaptchaKey', { envVar: 'AUTHENTIK_CAPTCHA_PRIVATE_KEY', secretKey: 'captcha-private-key' }),
    });
    new EmailStage(bp, 'Email', {
      name: 'recovery-email', useGlobalSettings: false, host: 'smtp.example', port: 587, useTls: true, username: 'authentik',
      fromAddress: 'auth@example.org',
      password: new WorkerSecret(bp, 'SmtpPassword', { envVar: 'AUTHENTIK_SMTP_PASSWORD', secretKey: 'smtp-password' }),
      template: 'email/password_reset.html', tokenExpiry: 'minutes=30',
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'captcha').attrs).toMatchObject({
      private_key: { tag: '!Env', value: 'AUTHENTIK_CAPTCHA_PRIVATE_KEY' }, public_key: 'site-key',
    });
    expect(entry(bp, 'email').attrs).toMatchObject({ password: { tag: '!Env', value: 'AUTHENTIK_SMTP_PASSWORD' }, port: 587, use_tls: true });
  });

  it('fail on a literal private key or password, without writing or echoing it', () => {
    const { chart, bp } = setup();
    // @ts-expect-error a secret is never a string
    new CaptchaStage(bp, 'Captcha', { name: 'captcha', publicKey: 'site-key', privateKey: 's3cret-captcha' });
    // @ts-expect-error a secret is never a string, and a number is no secret either
    new EmailStage(bp, 'Email', { name: 'email', password: 12345 });
    const problems = validateApp(chart);
    expect(problems).toContainEqual(expect.stringMatching(
      /^Authentik\/Flows\/Captcha: privateKey is a secret and must be a reference to a worker secret \(new WorkerSecret\(\.\.\.\)\), Tag\.env\(\.\.\.\) or Tag\.file\(\.\.\.\), never a literal; got a literal string/));
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Flows\/Email: password is a secret .* got number 12345/));
    expect(problems.join('\n')).not.toMatch(/s3cret/);
    expect(bp.toYaml()).not.toMatch(/s3cret|12345/);
  });

  it('takes an !Env tag for a variable the worker already has', () => {
    const { chart, bp } = setup();
    new WorkerSecret(bp, 'Smtp', { envVar: 'AUTHENTIK_EMAIL__PASSWORD', secretKey: 'email-password' });
    new EmailStage(bp, 'Email', { name: 'email', useGlobalSettings: false, password: Tag.env('AUTHENTIK_EMAIL__PASSWORD') });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'email').attrs.password).toEqual({ tag: '!Env', value: 'AUTHENTIK_EMAIL__PASSWORD' });
  });
});
