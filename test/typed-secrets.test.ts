import { describe, expect, it } from 'vitest';
import '../constructs';
import {
  AuthenticatorDuoStage, Blueprint, CertificateKeyPair, ServiceAccount, Tag, WorkerSecret, catalogFor, validateApp,
} from '../constructs';
import { AUTHENTIK_VERSIONS } from '../constructs/catalog/versions';
import { ModelName } from '../constructs/catalog/model-facts';
import { catalogSecretFields, catalogSecretProps } from '../constructs/catalog/typed-secrets';
import { propNameOf } from '../constructs/catalog/typed-references';
import { registerTypedEntry } from '../constructs/authentik/private/entry-registry';
import { testChart } from './helpers';
import { testEveryTypedEntry } from './typed-entry-tests';

// the secret fields of a model read from the generated catalogs themselves (each field's `secret` flag in
// catalog.json), not from the index the constructs derive theirs from
function secretPropsInCatalogJson(model: string): string[] {
  const out = new Set<string>();
  for (const version of AUTHENTIK_VERSIONS) {
    for (const [wire, field] of Object.entries(catalogFor(version).model(model)?.fields ?? {})) if (field.secret) out.add(propNameOf(wire));
  }
  return [...out].sort();
}

describe('typed constructs take their secret props from the catalog', () => {
  const entries = testEveryTypedEntry('its secret props are the catalog\'s secret fields of the model, apart from those it handles itself', (entry) => {
    const own = entry.spec.ownProps ?? [];
    const expected = secretPropsInCatalogJson(entry.model).filter((p) => !own.includes(p));
    expect([...(entry.spec.secrets ?? [])].sort()).toEqual(expected);
  });

  it('covers the secrets constructs used to list by hand, and those they missed (a key pair\'s private key, a service account\'s password)', () => {
    const secretsOf = (className: string): readonly string[] | undefined => entries.find((e) => e.className === className)?.spec.secrets;
    expect(secretsOf('CaptchaStage')).toEqual(['privateKey']);
    expect(secretsOf('EmailStage')).toEqual(['password']);
    expect(secretsOf('AuthenticatorEmailStage')).toEqual(['password']);
    expect(secretsOf('AuthenticatorSmsStage')).toEqual(['auth', 'authPassword']);
    expect(secretsOf('AuthenticatorDuoStage')).toEqual(['clientSecret', 'adminSecretKey']);
    expect(secretsOf('CertificateKeyPair')).toEqual(['keyData']);
    expect(secretsOf('ServiceAccount')).toEqual(['password']);
    // handled by the construct itself (ownProps): a User's password and a Token's key also take !Context
    expect(secretsOf('User')).toEqual([]);
    expect(secretsOf('Token')).toEqual([]);
    expect(secretsOf('OAuth2Provider')).toEqual([]);
  });

  it('refuses a construct that lists its secrets by hand', () => {
    expect(() => registerTypedEntry(ModelName.CAPTCHASTAGE, 'HandCaptcha', { identifiers: ['name'], secrets: ['privateKey'] } as never))
      .toThrow(/HandCaptcha \(authentik_stages_captcha\.captchastage\): secrets come from the catalog's secret fields/);
  });
});

describe('the order of a model\'s secrets is the catalog\'s: authentik\'s serializer field order', () => {
  it('follows the request schema of the oldest release that has the field, for every model with several secrets', () => {
    let several = 0;
    const models = new Set(AUTHENTIK_VERSIONS.flatMap((v) => catalogFor(v).modelNames()));
    for (const model of models) {
      const fields = catalogSecretFields(model);
      if (fields.length < 2) continue;
      several += 1;
      const oldest = AUTHENTIK_VERSIONS.find((v) => catalogFor(v).hasModel(model))!;
      const inSchema = catalogFor(oldest).requestFieldOrder(model).filter((f) => fields.includes(f));
      expect(fields.slice(0, inSchema.length), model).toEqual(inSchema);
    }
    // Duo, SMS and the Kerberos source
    expect(several).toBeGreaterThanOrEqual(3);
  });

  it('keeps the order the hand lists had (Duo\'s client secret before its admin secret key, AuthenticatorDuoStageRequest): '
    + 'literals are reported in it, and the file is the same whatever order the props are given in', () => {
    expect(catalogSecretProps(ModelName.AUTHENTICATORDUOSTAGE)).toEqual(['clientSecret', 'adminSecretKey']);
    expect(catalogSecretProps(ModelName.AUTHENTICATORSMSSTAGE)).toEqual(['auth', 'authPassword']);
    const duo = (secrets: Record<string, unknown>): { problems: string[]; yaml: string } => {
      const chart = testChart();
      const bp = new Blueprint(chart, 'Mfa', { fileName: 'mfa.yaml', name: 'MFA' });
      new AuthenticatorDuoStage(bp, 'Duo', { name: 'duo', clientId: 'DIXXXXXXXXXXXXXXXXXX', apiHostname: 'api-123.duosecurity.com', ...secrets });
      const problems = validateApp(chart);
      return { problems, yaml: bp.toYaml() };
    };
    // (the missing client secret is reported as well: a refused literal is never written)
    expect(duo({ adminSecretKey: 'admin-literal', clientSecret: 'client-literal' }).problems.filter((p) => / is a secret /.test(p))).toEqual([
      expect.stringMatching(/^Authentik\/Mfa\/Duo: clientSecret is a secret/),
      expect.stringMatching(/^Authentik\/Mfa\/Duo: adminSecretKey is a secret/),
    ]);
    const a = duo({ adminSecretKey: Tag.env('AUTHENTIK_DUO_ADMIN_SECRET'), clientSecret: Tag.env('AUTHENTIK_DUO_CLIENT_SECRET') });
    const b = duo({ clientSecret: Tag.env('AUTHENTIK_DUO_CLIENT_SECRET'), adminSecretKey: Tag.env('AUTHENTIK_DUO_ADMIN_SECRET') });
    expect(a.yaml).toBe(b.yaml);
    expect(a.yaml).toMatch(/ {6}admin_secret_key: !Env AUTHENTIK_DUO_ADMIN_SECRET\n {6}api_hostname: .*\n {6}client_id: .*\n {6}client_secret: !Env AUTHENTIK_DUO_CLIENT_SECRET\n/);
  });
});

describe('secrets the hand lists missed are now refused as literals', () => {
  it('refuses a key pair\'s private key given as a literal, and writes !File', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Certs', { fileName: 'certs.yaml', name: 'Certs' });
    new CertificateKeyPair(bp, 'Bad', { name: 'bad', certificateData: Tag.file('/certs/cert.pem'), keyData: '-----BEGIN PRIVATE KEY-----' });
    new CertificateKeyPair(bp, 'Good', { name: 'good', certificateData: Tag.file('/certs/cert.pem'), keyData: Tag.file('/certs/key.pem') });
    const problems = validateApp(chart);
    expect(problems).toEqual([expect.stringMatching(/^Authentik\/Certs\/Bad: keyData is a secret and must be a reference to a worker secret .*never a literal; got a literal string \(27 characters\)/)]);
    expect(problems.join('\n')).not.toMatch(/BEGIN PRIVATE KEY/);
    expect(bp.toYaml()).toMatch(/name: good\n {4}attrs:\n {6}certificate_data: !File \/certs\/cert.pem\n {6}key_data: !File \/certs\/key.pem/);
  });

  it('writes a service account\'s password from a worker secret as !Env', () => {
    const chart = testChart();
    const bp = new Blueprint(chart, 'Bots', { fileName: 'bots.yaml', name: 'Bots' });
    new ServiceAccount(bp, 'Ci', { username: 'ci', name: 'CI', password: new WorkerSecret(bp, 'CiPassword', { envVar: 'AUTHENTIK_CI_PASSWORD', secretKey: 'ci-password' }) });
    new ServiceAccount(bp, 'Bad', { username: 'bad', name: 'Bad', password: 'hunter2' as never });
    const problems = validateApp(chart);
    expect(problems).toEqual([expect.stringMatching(/^Authentik\/Bots\/Bad: password is a secret and must be a reference/)]);
    expect(problems.join('\n')).not.toMatch(/hunter2/);
    expect(bp.toYaml()).toMatch(/password: !Env AUTHENTIK_CI_PASSWORD/);
  });
});
