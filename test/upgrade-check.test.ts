import type { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import {
  AuthentikChart, Blueprint, CertificateKeyPair, Flow, Group, ModelEntry, SamlProvider, WorkerSecret, type AuthentikVersion,
} from '../constructs';
import { upgradeCheck, UpgradeExitCode } from '../constructs/synth/upgrade-check';
import { blumeops } from '../main';
import { TEST_CHART_PROPS } from './helpers';

/** An app on `version` whose blueprint `declare` fills. */
const app = (version: AuthentikVersion, declare: (bp: Blueprint) => void = () => undefined) => (a: App): void => {
  const chart = new AuthentikChart(a, 'Authentik', { ...TEST_CHART_PROPS, authentikVersion: version });
  const bp = new Blueprint(chart, 'Apps', { fileName: 'apps.yaml', name: 'Apps' });
  new Group(bp, 'Admins', { name: 'admins' });
  declare(bp);
};

const flows = {
  authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'),
  invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow'),
};

/** An OAuth2 provider entry with the fields a real client has; `extra` adds or overrides. */
const oauth2 = (bp: Blueprint, extra: Record<string, unknown> = {}): void => {
  new ModelEntry(bp, 'Provider', {
    model: 'authentik_providers_oauth2.oauth2provider',
    identifiers: { name: 'Grafana' },
    attributes: {
      ...flows,
      clientId: 'grafana',
      clientSecret: new WorkerSecret(bp, 'Secret', { envVar: 'AUTHENTIK_GRAFANA_CLIENT_SECRET', secretKey: 'grafana-client-secret' }),
      redirectUris: [{ matchingMode: 'strict', url: 'https://grafana.example.com/login/generic_oauth' }],
      signingKey: CertificateKeyPair.fromName('authentik Self-signed Certificate'),
      ...extra,
    } as never,
  });
};

describe('upgrade-check: releases', () => {
  it('refuses to skip a release and says what to edit (exit 2)', () => {
    const result = upgradeCheck(app('2026.2'), '2026.8');
    expect(result.code).toBe(UpgradeExitCode.INVALID);
    expect(result.text).toBe('authentik must be upgraded one release at a time, and 2026.2 → 2026.8 skips 2026.5; run npm run upgrade-check -- '
      + '--to 2026.5 first, make its edits, upgrade the image to 2026.5 and set authentikVersion: \'2026.5\' in main.ts, then check --to 2026.8');
  });

  it('refuses an unknown release, a downgrade and an app that is invalid as declared (exit 2)', () => {
    expect(upgradeCheck(app('2026.2'), '2026.6')).toMatchObject({ code: 2, text: expect.stringMatching(/--to "2026.6" is not a release this project knows; give one of 2026.2, 2026.5, 2026.8/) });
    expect(upgradeCheck(app('2026.5'), '2026.2')).toMatchObject({ code: 2, text: expect.stringMatching(/older than the declared 2026.5; authentik cannot be downgraded/) });
    const invalid = upgradeCheck(app('2026.2', (bp) => new Group(bp, 'Bad', { name: ' padded ' })), '2026.5');
    expect(invalid.code).toBe(2);
    expect(invalid.text).toMatch(/the app is not valid under its declared authentik 2026.2; fix it first .*\n  - Authentik\/Apps\/Bad/);
  });

  it('says an app already on the release is ready (exit 0)', () => {
    expect(upgradeCheck(app('2026.8'), '2026.8')).toMatchObject({ code: 0, text: expect.stringMatching(/already declares authentikVersion: '2026.8'; it is the newest/) });
  });

  it('reports an app that uses nothing the release changes as ready', () => {
    const result = upgradeCheck(app('2026.2'), '2026.5');
    expect(result).toMatchObject({ code: 0, findings: [], problems: [] });
    expect(result.text).toMatch(/No declared object uses a field or model that authentik 2026.5 removes, renames or migrates/);
  });
});

describe('upgrade-check 2026.2 → 2026.5', () => {
  it('lists a renamed field (SAML provider issuer → issuer_override) as an edit, with the problem under 2026.5 (exit 1)', () => {
    const result = upgradeCheck(app('2026.2', (bp) => new SamlProvider(bp, 'Saml', {
      name: 'Wiki', ...flows, acsUrl: 'https://wiki.example.com/saml/acs', issuer: 'https://auth.example.com/wiki',
    })), '2026.5');
    expect(result.code).toBe(UpgradeExitCode.EDITS_NEEDED);
    expect(result.findings).toEqual([expect.objectContaining({
      path: 'Authentik/Apps/Saml', object: 'apps.yaml: authentik_providers_saml.samlprovider "Wiki"', kind: 'renamed', editNeeded: true,
      text: expect.stringMatching(/^issuer is renamed issuer_override in authentik 2026.5 \(.*v2026.5.mdx.*\); after upgrading write issuer_override \(issuerOverride on a typed construct\)/),
    })]);
    expect(result.problems).toEqual([expect.stringMatching(/^Authentik\/Apps\/Saml: "issuer" \(given "https:\/\/auth.example.com\/wiki"\) is not an attribute .* in authentik 2026.5 .*write issuerOverride instead/)]);
    expect(result.text).toMatch(/\[edit\] renamed: issuer is renamed issuer_override/);
  });

  it('lists the launch-URL-to-meta_hide data migration for an application hidden with blank://blank', () => {
    const result = upgradeCheck(app('2026.2', (bp) => new ModelEntry(bp, 'App', {
      model: 'authentik_core.application', identifiers: { slug: 'internal' }, attributes: { name: 'Internal', metaLaunchUrl: 'blank://blank' },
    })), '2026.5');
    expect(result.code).toBe(UpgradeExitCode.READY);
    expect(result.findings).toEqual([expect.objectContaining({
      kind: 'data-migration', editNeeded: false, text: expect.stringMatching(/migrates an application whose launch URL is blank:\/\/blank .*meta_hide: true.*declare metaHide: true/),
    })]);
  });

  it('lists a new field whose default changes behaviour (OAuth2 grant_types) only where the provider does not state it', () => {
    const result = upgradeCheck(app('2026.2', (bp) => oauth2(bp)), '2026.5');
    expect(result.code).toBe(UpgradeExitCode.READY);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'default-changes-behaviour', text: expect.stringMatching(/authentik 2026.5 adds grant_types/) })]);
  });

  it('passes blumeops\'s own app, with a notice per OIDC client (exit 0)', () => {
    const result = upgradeCheck(blumeops, '2026.5');
    expect(result.code).toBe(UpgradeExitCode.READY);
    expect(result.problems).toEqual([]);
    expect(result.findings.map((f) => f.object).sort()).toEqual(['argocd.yaml: authentik_providers_oauth2.oauth2provider "ArgoCD"',
      'forgejo.yaml: authentik_providers_oauth2.oauth2provider "Forgejo"', 'grafana.yaml: authentik_providers_oauth2.oauth2provider "Grafana"',
      'jellyfin.yaml: authentik_providers_oauth2.oauth2provider "Jellyfin"', 'zot.yaml: authentik_providers_oauth2.oauth2provider "Zot"']);
    expect(result.findings.every((f) => f.kind === 'default-changes-behaviour' && !f.editNeeded)).toBe(true);
    // the mechanical diff: what 2026.5 adds to the models blumeops declares
    expect(result.newFields['authentik_core.application']).toEqual(['meta_hide']);
    expect(result.newFields['authentik_providers_oauth2.oauth2provider']).toEqual(['grant_types']);
    expect(result.newFields['authentik_core.group']).toBeUndefined();
    expect(result.text).toMatch(/New in authentik 2026.5 for the models the app declares .*:\n.*authentik_core.application: meta_hide/);
  });
});

describe('upgrade-check 2026.5 → 2026.8', () => {
  it('lists a removed field (WebAuthn prevent_duplicate_devices) as an edit (exit 1)', () => {
    const result = upgradeCheck(app('2026.5', (bp) => new ModelEntry(bp, 'WebAuthn', {
      model: 'authentik_stages_authenticator_webauthn.authenticatorwebauthnstage', identifiers: { name: 'webauthn-setup' },
      attributes: { preventDuplicateDevices: false, friendlyName: 'Security key' },
    })), '2026.8');
    expect(result.code).toBe(UpgradeExitCode.EDITS_NEEDED);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'removed', editNeeded: true, text: expect.stringMatching(/^prevent_duplicate_devices no longer exists in authentik 2026.8/) })]);
    expect(result.problems).toEqual([expect.stringMatching(/"preventDuplicateDevices" \(given false\) .*authentik 2026.8 no longer has it: remove it/)]);
  });

  it('lists a client id 2026.8 refuses (not printable ASCII) as an edit, and the secret it cannot see as a notice', () => {
    const result = upgradeCheck(app('2026.5', (bp) => oauth2(bp, { clientId: 'grafana\u00e9', grantTypes: ['authorization_code', 'refresh_token'] })), '2026.8');
    expect(result.code).toBe(UpgradeExitCode.EDITS_NEEDED);
    expect(result.findings.map((f) => [f.kind, f.editNeeded, f.text])).toEqual([
      ['value-refused', true, expect.stringMatching(/^authentik 2026.8 accepts only printable ASCII .* in client ids/)],
      ['value-refused', false, expect.stringMatching(/^authentik 2026.8 accepts only printable ASCII .* in client secrets/)],
    ]);
  });

  it('lists the grant_types default change for a provider that does not state its grants', () => {
    const result = upgradeCheck(app('2026.5', (bp) => oauth2(bp)), '2026.8');
    expect(result.findings.map((f) => f.kind)).toContain('default-changes-behaviour');
    expect(result.findings.find((f) => f.kind === 'default-changes-behaviour')!.text).toMatch(/2026.8 changes the default of grant_types .*0033_alter_oauth2provider_grant_types/);
    // it says what an OidcClient that states nothing writes under 2026.8, and that applying it narrows the grants 2026.5 kept
    expect(result.findings.find((f) => f.kind === 'default-changes-behaviour')!.text)
      .toMatch(/OidcClient that does not state grantTypes writes \['authorization_code', 'refresh_token'\].*narrows the grants.*State the grants the client uses with grantTypes/);
  });

  it('lists the SAML source issuer rename', () => {
    const result = upgradeCheck(app('2026.5', (bp) => new ModelEntry(bp, 'Source', {
      model: 'authentik_sources_saml.samlsource', identifiers: { slug: 'corp' }, attributes: { issuer: 'https://auth.example.com/corp' }, updatesExisting: true,
    })), '2026.8');
    expect(result.code).toBe(UpgradeExitCode.EDITS_NEEDED);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'renamed', text: expect.stringMatching(/^issuer is renamed issuer_override in authentik 2026.8/) })]);
  });
});
