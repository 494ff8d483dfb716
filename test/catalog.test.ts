import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTHENTIK_VERSIONS, Blueprint, catalogFor, ModelEntry, validateApp, versionsWithField, versionsWithModel } from '../constructs';
import { CREDENTIAL_FIELDS } from '../constructs/catalog/credential-fields';
import { testChart } from './helpers';
import { API_ONLY_FIELDS, BLUEPRINT_ONLY_FIELDS, BLUEPRINT_ONLY_MODELS } from '../constructs/catalog/blueprint-only';
import { compareVersions, nextVersion, versionOfImageTag } from '../constructs/catalog/versions';
import { modelNamesModule, vendoredBlueprintModels } from '../scripts/generate';
import { CONCRETE_STAGE_MODELS, ModelName } from '../constructs/catalog/generated/model-names';
import { STAGE_MODELS } from '../constructs/catalog/model-facts';

describe('the catalog of each release', () => {
  it('comes from @goauthentik/api at that release', () => {
    for (const version of AUTHENTIK_VERSIONS) {
      const catalog = catalogFor(version);
      expect(catalog.openApiVersion.startsWith(`${version}.`), version).toBe(true);
      const pkg = JSON.parse(readFileSync(new URL(`../constructs/catalog/generated/${version}/models.json`, import.meta.url), 'utf8')) as { apiPackageVersion: string };
      expect(pkg.apiPackageVersion.startsWith(`${version}.`)).toBe(true);
    }
  });

  it('holds, per model, fields with types, required-on-create, read-only, secret, references and the API path', () => {
    const catalog = catalogFor('2026.8');
    const provider = catalog.model('authentik_providers_oauth2.oauth2provider')!;
    expect(provider.api).toMatchObject({ requestSchema: 'OAuth2ProviderRequest', path: '/providers/oauth2/' });
    // how the API lists it: the list's query parameters named like its fields, and the retrieve route by slug where there is one
    expect(provider.api!.filters).toEqual(expect.arrayContaining(['name', 'client_id']));
    expect(provider.api!.detail).toBeUndefined();
    expect(catalog.model('authentik_core.application')!.api).toMatchObject({ path: '/core/applications/', detail: 'slug' });
    expect(catalog.model('authentik_flows.flow')!.api!.filters).toEqual(expect.arrayContaining(['slug', 'name', 'designation']));
    expect(provider.identifiers).toBe(true);
    expect(provider.fields.name).toMatchObject({ type: 'string', required: true });
    expect(provider.fields.authorization_flow).toMatchObject({ required: true, references: ['authentik_flows.flow'] });
    expect(provider.fields.grant_types).toMatchObject({ type: 'array', items: 'string' });
    expect(provider.fields.grant_types!.enum).toBeUndefined();
    expect(catalog.field('authentik_providers_oauth2.oauth2provider', 'pk')).toMatchObject({ readOnly: true });
    expect(catalog.secretFields('authentik_stages_captcha.captchastage')).toEqual(['private_key']);
    expect(catalog.secretFields('authentik_core.user')).toEqual(['password']);
    expect(catalog.field('authentik_core.application', 'policy_engine_mode')!.enum).toEqual(['all', 'any']);
  });

  it('states defaults where the OpenAPI document gives them', () => {
    const withDefaults = AUTHENTIK_VERSIONS.flatMap((v) => catalogFor(v).modelNames().flatMap((m) => Object.values(catalogFor(v).model(m)!.fields)
      .filter((f) => 'default' in f)));
    expect(withDefaults.length).toBeGreaterThan(0);
  });

  it('keeps 2026.2 exactly as authentik\'s own blueprint schema says', () => {
    const vendored = vendoredBlueprintModels();
    const catalog = catalogFor('2026.2');
    expect([...catalog.modelNames()]).toEqual(Object.keys(vendored));
    for (const [model, facts] of Object.entries(vendored)) {
      expect([...catalog.blueprintFieldNames(model)!], model).toEqual(facts.attributes);
      expect([...catalog.model(model)!.permissions], model).toEqual(facts.permissions);
      expect(catalog.model(model)!.identifiers, model).toBe(facts.identifiers);
    }
  });

  it('derives later releases from their OpenAPI documents plus the cited blueprint-only list', () => {
    for (const version of ['2026.5', '2026.8'] as const) {
      const catalog = catalogFor(version);
      for (const [model, fields] of Object.entries(BLUEPRINT_ONLY_FIELDS)) {
        for (const f of fields) {
          expect(f.source).toMatch(/authentik|blueprint schema/);
          expect(catalog.field(model, f.field), `${version} ${model}.${f.field}`).toMatchObject({ blueprintOnly: true });
        }
      }
      for (const [model, fields] of Object.entries(API_ONLY_FIELDS)) {
        for (const f of fields) expect(catalog.blueprintFieldNames(model)).not.toContain(f.field);
      }
      for (const model of Object.keys(BLUEPRINT_ONLY_MODELS)) {
        expect(catalog.blueprintFieldNames(model)).toEqual(['identifiers', 'required']);
      }
    }
    // a model new in 2026.5 has Django's default permissions
    expect(catalogFor('2026.5').model('authentik_stages_account_lockdown.accountlockdownstage')!.permissions)
      .toEqual(['add_accountlockdownstage', 'change_accountlockdownstage', 'delete_accountlockdownstage', 'view_accountlockdownstage']);
  });
});

describe('secret fields', () => {
  it('are write-only fields, blueprint-only secrets and the listed credentials, never a public certificate', () => {
    for (const version of AUTHENTIK_VERSIONS) {
      const catalog = catalogFor(version);
      expect(catalog.secretFields('authentik_providers_oauth2.oauth2provider'), version).toEqual(['client_secret']);
      expect(catalog.secretFields('authentik_crypto.certificatekeypair'), version).toEqual(['key_data']);
      expect(catalog.secretFields('authentik_core.token'), version).toEqual(['key']);
      expect(catalog.secretFields('authentik_core.group'), version).toEqual([]);
      for (const [model, fields] of Object.entries(CREDENTIAL_FIELDS)) {
        for (const field of Object.keys(fields)) {
          if (catalog.field(model, field)) expect(catalog.secretFields(model), `${version} ${model}.${field}`).toContain(field);
        }
      }
    }
  });

  // authentik/enterprise/endpoints/connectors/google_chrome/models.py: credentials = models.JSONField(), a Google service-account
  // key handed to Credentials.from_service_account_info; api.py's serializer lists it in Meta.secret_fields. The API returns it
  // (not write-only), so only credential-fields.ts makes it a secret, as for the Google Device Trust stage's credentials
  it('count a Google Chrome connector\'s service-account key as a secret in the releases that have the model (2026.5 on)', () => {
    expect(catalogFor('2026.2').hasModel(ModelName.GOOGLECHROMECONNECTOR)).toBe(false);
    for (const version of ['2026.5', '2026.8'] as const) {
      expect(catalogFor(version).field(ModelName.GOOGLECHROMECONNECTOR, 'credentials'), version).toMatchObject({ type: 'object', secret: true });
      expect(catalogFor(version).secretFields(ModelName.GOOGLECHROMECONNECTOR), version).toEqual(['credentials']);
    }
  });

  it('follow the release: the Kerberos credential caches 2026.8 makes write-only are secrets there only', () => {
    expect(catalogFor('2026.2').secretFields('authentik_sources_kerberos.kerberossource')).not.toContain('sync_ccache');
    expect(catalogFor('2026.8').secretFields('authentik_sources_kerberos.kerberossource')).toEqual(['spnego_ccache', 'spnego_keytab', 'sync_ccache', 'sync_keytab', 'sync_password']);
  });

  it('are what every entry checks: a literal credential cache is refused under 2026.8', () => {
    const chart = testChart({ authentikVersion: '2026.8' });
    new ModelEntry(new Blueprint(chart, 'S', { fileName: 's.yaml', name: 'S' }), 'Kerberos', {
      model: 'authentik_sources_kerberos.kerberossource', identifiers: { slug: 'kerberos' }, attributes: { syncCcache: 'FILE:/tmp/krb5cc' }, updatesExisting: true,
    });
    expect(validateApp(chart).join('\n')).toMatch(/Authentik\/S\/Kerberos: sync_ccache is a secret, but was given a literal string/);
  });
});

describe('versionsWithField and versionsWithModel', () => {
  it('name the releases that have a field, from the catalogs', () => {
    expect(versionsWithField('authentik_core.application', 'meta_hide')).toEqual(['2026.5', '2026.8']);
    expect(versionsWithField('authentik_providers_saml.samlprovider', 'issuer')).toEqual(['2026.2']);
    expect(versionsWithField('authentik_providers_saml.samlprovider', 'issuer_override')).toEqual(['2026.5', '2026.8']);
    expect(versionsWithField('authentik_stages_authenticator_webauthn.authenticatorwebauthnstage', 'prevent_duplicate_devices')).toEqual(['2026.5']);
    expect(versionsWithField('authentik_core.application', 'slug')).toEqual(['2026.2', '2026.5', '2026.8']);
    expect(versionsWithField('authentik_core.application', 'nope')).toEqual([]);
  });

  it('name the releases that have a model', () => {
    expect(versionsWithModel('authentik_stages_account_lockdown.accountlockdownstage')).toEqual(['2026.5', '2026.8']);
    expect(versionsWithModel('authentik_requests.requestrule')).toEqual(['2026.8']);
    expect(versionsWithModel('authentik_blueprints.metaapplyblueprint')).toEqual(['2026.2', '2026.5', '2026.8']);
  });
});

describe('release names', () => {
  it('read the release from image tags as blumeops and authentik write them', () => {
    expect(versionOfImageTag('v2026.2.0-2d4098e-nix')).toBe('2026.2');
    expect(versionOfImageTag('2026.2.0')).toBe('2026.2');
    expect(versionOfImageTag('2026.5.6')).toBe('2026.5');
    expect(versionOfImageTag('2026.08')).toBe('2026.8');
    expect(versionOfImageTag('kustomized')).toBeUndefined();
    expect(versionOfImageTag('latest')).toBeUndefined();
  });

  it('order releases for upgrades, one at a time', () => {
    expect(nextVersion('2026.2')).toBe('2026.5');
    expect(nextVersion('2026.5')).toBe('2026.8');
    expect(nextVersion('2026.8')).toBeUndefined();
    expect(compareVersions('2026.2', '2026.8')).toBeLessThan(0);
  });
});

describe('the generated model names (constructs/catalog/generated/model-names.ts)', () => {
  const catalogs = Object.fromEntries(AUTHENTIK_VERSIONS.map((v) => [v,
    JSON.parse(readFileSync(new URL(`../constructs/catalog/generated/${v}/catalog.json`, import.meta.url), 'utf8'))])) as Parameters<typeof modelNamesModule>[0];

  it('are what `npm run generate` writes from the committed catalogs (run it when this fails)', () => {
    const committed = readFileSync(new URL('../constructs/catalog/generated/model-names.ts', import.meta.url), 'utf8');
    expect(committed).toBe(modelNamesModule(catalogs));
  });

  it('name every blueprint model of every release once, and the families from where the API serves them', () => {
    const union = new Set(AUTHENTIK_VERSIONS.flatMap((v) => catalogFor(v).modelNames()));
    expect(new Set(Object.values(ModelName))).toEqual(union);
    expect(ModelName.FLOW).toBe('authentik_flows.flow');
    // a 2026.5 model, a stage (served under /stages/): in the family; a prompt (also under /stages/) is no stage
    expect(versionsWithModel(ModelName.ACCOUNTLOCKDOWNSTAGE)).toEqual(['2026.5', '2026.8']);
    expect(CONCRETE_STAGE_MODELS).toContain(ModelName.ACCOUNTLOCKDOWNSTAGE);
    expect(CONCRETE_STAGE_MODELS).not.toContain(ModelName.PROMPT);
    expect(STAGE_MODELS[0]).toBe('authentik_flows.stage');
  });
});
