import { describe, expect, it } from 'vitest';
import {
  AuthenticatorDuoStage, AuthenticatorEmailStage, AuthenticatorSmsStage, AuthenticatorStaticStage, AuthenticatorTotpStage,
  AuthenticatorValidateStage, AuthenticatorWebAuthnStage, Blueprint, Flow, Group, ModelEntry, Stage, Tag, WorkerSecret, validateApp,
} from '../constructs';
import { parseBlueprint, testChart } from './helpers';

function setup() {
  const chart = testChart();
  const bp = new Blueprint(chart, 'Mfa', { fileName: 'mfa.yaml', name: 'BlumeOps MFA Enforcement' });
  return { chart, bp };
}

const entries = (bp: Blueprint): any[] => parseBlueprint(bp.toYaml()).entries;
const entry = (bp: Blueprint, id: string): any => entries(bp).find((e: any) => e.id === id);

describe('AuthenticatorValidateStage', () => {
  it('writes what blumeops\'s mfa.yaml needs: the built-in stage updated in place, nothing padded', () => {
    const { chart, bp } = setup();
    new AuthenticatorValidateStage(bp, 'MfaValidation', {
      name: 'default-authentication-mfa-validation',
      updatesExisting: true,
      notConfiguredAction: 'configure',
      deviceClasses: ['totp', 'webauthn', 'static'],
      configurationStages: [
        AuthenticatorTotpStage.fromName('default-authenticator-totp-setup'),
        AuthenticatorStaticStage.fromName('default-authenticator-static-setup'),
      ],
    });
    expect(validateApp(chart)).toEqual([]);
    expect(entries(bp)).toEqual([{
      model: 'authentik_stages_authenticator_validate.authenticatorvalidatestage',
      id: 'mfa-validation',
      state: 'present',
      identifiers: { name: 'default-authentication-mfa-validation' },
      attrs: {
        configuration_stages: [
          { tag: '!Find', items: ['authentik_stages_authenticator_totp.authenticatortotpstage', ['name', 'default-authenticator-totp-setup']] },
          { tag: '!Find', items: ['authentik_stages_authenticator_static.authenticatorstaticstage', ['name', 'default-authenticator-static-setup']] },
        ],
        device_classes: ['totp', 'webauthn', 'static'],
        not_configured_action: 'configure',
      },
    }]);
  });

  it('takes declared setup stages and stages of any model looked up by name', () => {
    const { chart, bp } = setup();
    const setupFlow = new Flow(bp, 'SetupFlow', { slug: 'totp-setup', name: 'TOTP setup', title: 'Set up TOTP', designation: 'stage_configuration' });
    const totp = new AuthenticatorTotpStage(bp, 'Totp', { name: 'totp-setup', digits: 6, configureFlow: setupFlow });
    new AuthenticatorValidateStage(bp, 'Validate', { name: 'mfa', configurationStages: [totp, Stage.fromName('other-setup')] });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'validate').attrs.configuration_stages).toEqual([
      { tag: '!KeyOf', value: 'totp' },
      { tag: '!Find', items: ['authentik_flows.stage', ['name', 'other-setup']] },
    ]);
    expect(entry(bp, 'totp').attrs).toEqual({ configure_flow: { tag: '!KeyOf', value: 'setup-flow' }, digits: '6' });
  });

  it('fails when a configuration stage is not a stage, or is a name instead of an object', () => {
    const { chart, bp } = setup();
    new AuthenticatorValidateStage(bp, 'Validate', {
      name: 'mfa',
      // @ts-expect-error a group is not a stage
      configurationStages: [Group.fromName('admins'), 'default-authenticator-totp-setup'],
    });
    const problems = validateApp(chart);
    expect(problems).toContainEqual(expect.stringMatching(
      /Authentik\/Mfa\/Validate: configurationStages\[1\] expects a stage; got string "default-authenticator-totp-setup"; pass a stage construct, Stage\.fromName/));
    expect(problems).toContainEqual(expect.stringMatching(
      /Authentik\/Mfa\/Validate\.configurationStages\[0\]: expects a stage, but was given authentik_core\.group name="admins"/));
  });

  it('fails on a misspelt prop, with a suggestion', () => {
    const { chart, bp } = setup();
    // @ts-expect-error `deviceClass` is not a prop
    new AuthenticatorValidateStage(bp, 'Validate', { name: 'mfa', deviceClass: ['totp'] });
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(
      /Authentik\/Mfa\/Validate: "deviceClass" is not an attribute .* did you mean "deviceClasses"\?/));
  });

  it('fails on a device class authentik does not know', () => {
    const { chart, bp } = setup();
    // @ts-expect-error `sms ` is not a device class
    new AuthenticatorValidateStage(bp, 'Validate', { name: 'mfa', deviceClasses: ['sms '] });
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(
      /device_classes\[0\] must be one of "static", "totp", "webauthn", "duo", "sms", "email"/));
  });
});

describe('AuthenticatorTotpStage, AuthenticatorStaticStage, AuthenticatorWebAuthnStage', () => {
  it('write the setup stages as authentik ships them', () => {
    const { chart, bp } = setup();
    const flow = Flow.fromSlug('default-authenticator-totp-setup');
    // a number, as authentik's own blueprint writes it, becomes the string its API schema lists
    new AuthenticatorTotpStage(bp, 'Totp', { name: 'totp', configureFlow: flow, digits: 6, friendlyName: 'TOTP Device' });
    new AuthenticatorStaticStage(bp, 'Static', { name: 'static', tokenCount: 6, friendlyName: 'Static tokens' });
    new AuthenticatorWebAuthnStage(bp, 'WebAuthn', { name: 'webauthn', userVerification: 'preferred', residentKeyRequirement: 'required' });
    expect(validateApp(chart)).toEqual([]);
    expect(entry(bp, 'totp')).toMatchObject({
      model: 'authentik_stages_authenticator_totp.authenticatortotpstage',
      identifiers: { name: 'totp' },
      attrs: {
        configure_flow: { tag: '!Find', items: ['authentik_flows.flow', ['slug', 'default-authenticator-totp-setup']] },
        digits: '6',
        friendly_name: 'TOTP Device',
      },
    });
    expect(entry(bp, 'static')).toMatchObject({ model: 'authentik_stages_authenticator_static.authenticatorstaticstage', attrs: { token_count: 6 } });
    expect(entry(bp, 'web-authn')).toMatchObject({
      model: 'authentik_stages_authenticator_webauthn.authenticatorwebauthnstage',
      attrs: { resident_key_requirement: 'required', user_verification: 'preferred' },
    });
  });

  it('fails when a TOTP stage is created without its digits, but not when it updates the built-in one', () => {
    const { chart, bp } = setup();
    new AuthenticatorTotpStage(bp, 'New', { name: 'new-totp' });
    new AuthenticatorTotpStage(bp, 'Builtin', { name: 'default-authenticator-totp-setup', updatesExisting: true, friendlyName: 'Authenticator app' });
    expect(validateApp(chart)).toEqual([
      expect.stringMatching(
        /^Authentik\/Mfa\/New \(authentik_stages_authenticator_totp\.authenticatortotpstage\): digits is required by authentik's API/),
    ]);
  });

  it('fails when the configure flow is a stage', () => {
    const { chart, bp } = setup();
    // @ts-expect-error a stage is not a flow
    new AuthenticatorStaticStage(bp, 'Static', { name: 'static', configureFlow: Stage.fromName('x') });
    expect(validateApp(chart)).toContainEqual(expect.stringMatching(
      /Authentik\/Mfa\/Static\.configureFlow: expects a flow, but was given authentik_flows\.stage/));
  });
});

describe('authenticator stages with secrets', () => {
  it('write Duo, SMS and email secrets as !Env from worker secrets or !Env tags', () => {
    const { chart, bp } = setup();
    new AuthenticatorDuoStage(bp, 'Duo', {
      name: 'duo',
      clientId: 'DIXXXXXXXXXXXXXXXXXX',
      apiHostname: 'api-123.duosecurity.com',
      clientSecret: new WorkerSecret(bp, 'DuoSecret', { envVar: 'AUTHENTIK_DUO_CLIENT_SECRET', secretKey: 'duo-client-secret' }),
      adminIntegrationKey: 'DIADMIN',
      adminSecretKey: Tag.env('AUTHENTIK_DUO_ADMIN_SECRET'),
    });
    new AuthenticatorSmsStage(bp, 'Sms', {
      name: 'sms',
      provider: 'generic',
      fromNumber: '+15550100',
      accountSid: 'https://sms.example/send',
      authType: 'basic',
      auth: Tag.env('AUTHENTIK_SMS_USER'),
      authPassword: new WorkerSecret(bp, 'SmsPassword', { envVar: 'AUTHENTIK_SMS_PASSWORD', secretKey: 'sms-password' }),
      mapping: new ModelEntry(bp, 'SmsMapping', {
        model: 'authentik_events.notificationwebhookmapping', identifiers: { name: 'sms-payload' }, attributes: { expression: 'return {}' },
      }),
    });
    new AuthenticatorEmailStage(bp, 'Email', {
      name: 'email-otp', useGlobalSettings: false, host: 'smtp.example', username: 'authentik',
      password: new WorkerSecret(bp, 'SmtpPassword', { envVar: 'AUTHENTIK_SMTP_PASSWORD', secretKey: 'smtp-password' }),
    });
    // a bare !Env tag is accepted by the stage; the app's consistency check still wants the worker variable declared
    expect(validateApp(chart)).toEqual([
      expect.stringMatching(/^Authentik\/Mfa: entry "duo" reads !Env AUTHENTIK_DUO_ADMIN_SECRET, but the worker has no such variable/),
      expect.stringMatching(/^Authentik\/Mfa: entry "sms" reads !Env AUTHENTIK_SMS_USER, but the worker has no such variable/),
    ]);
    expect(entry(bp, 'duo').attrs).toMatchObject({
      client_id: 'DIXXXXXXXXXXXXXXXXXX',
      client_secret: { tag: '!Env', value: 'AUTHENTIK_DUO_CLIENT_SECRET' },
      admin_secret_key: { tag: '!Env', value: 'AUTHENTIK_DUO_ADMIN_SECRET' },
    });
    expect(entry(bp, 'sms').attrs).toMatchObject({
      auth: { tag: '!Env', value: 'AUTHENTIK_SMS_USER' },
      auth_password: { tag: '!Env', value: 'AUTHENTIK_SMS_PASSWORD' },
      mapping: { tag: '!KeyOf', value: 'sms-mapping' },
    });
    expect(entry(bp, 'email').attrs).toMatchObject({ password: { tag: '!Env', value: 'AUTHENTIK_SMTP_PASSWORD' }, use_global_settings: false });
  });

  it('fails on a literal secret, naming the field and the fix, and never writes or echoes it', () => {
    const { chart, bp } = setup();
    const base = { name: 'duo', clientId: 'DI', apiHostname: 'api-1.duosecurity.com' };
    // @ts-expect-error a secret is never a string
    new AuthenticatorDuoStage(bp, 'Duo', { ...base, clientSecret: 'hunter2-duo' });
    // @ts-expect-error a secret is never a string
    new AuthenticatorSmsStage(bp, 'Sms', { name: 'sms', provider: 'twilio', fromNumber: '+1', accountSid: 'AC1', auth: 'hunter2-sms' });
    const problems = validateApp(chart);
    expect(problems).toContainEqual(
      'Authentik/Mfa/Duo: clientSecret is a secret and must be a reference to a worker secret (new WorkerSecret(...)), Tag.env(...) or Tag.file(...), '
      + 'never a literal; got a literal string (11 characters); a secret written in the blueprint would be committed to Git');
    expect(problems).toContainEqual(expect.stringMatching(/^Authentik\/Mfa\/Sms: auth is a secret .*new WorkerSecret/));
    expect(problems.join('\n')).not.toMatch(/hunter2/);
    expect(bp.toYaml()).not.toMatch(/hunter2/);
  });

  it('fails when a Duo stage is created without its secret, but not when it only updates one', () => {
    const { chart, bp } = setup();
    new AuthenticatorDuoStage(bp, 'Duo', { name: 'duo', clientId: 'DI', apiHostname: 'api-1.duosecurity.com' });
    new AuthenticatorDuoStage(bp, 'Existing', { name: 'duo-existing', updatesExisting: true, friendlyName: 'Duo push' });
    expect(validateApp(chart)).toEqual([expect.stringMatching(/^Authentik\/Mfa\/Duo \(.*\): client_secret is required by authentik's API/)]);
    expect(entry(bp, 'existing')).toMatchObject({ identifiers: { name: 'duo-existing' }, attrs: { friendly_name: 'Duo push' } });
  });
});
