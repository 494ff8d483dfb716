import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  blueprintFieldNames, blueprintModelNames, blueprintPermissionNames, closestName, isKnownModel,
} from '../constructs/authentik/private/blueprint-schema';
import { authentikModels } from '../constructs/authentik/model-schema';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the vendored blueprint schema', () => {
  it('is the schema authentik 2026.2 publishes (blueprints/schema.json)', () => {
    const vendored = readFileSync(join(root, 'constructs', 'authentik', 'specs', 'authentik-blueprint-schema-2026.2.json'), 'utf8');
    expect(JSON.parse(vendored).title).toBe('authentik 2026.2.0-rc1 Blueprint schema');
  });
});

describe('blueprintModelNames and isKnownModel', () => {
  it('lists the 121 models of authentik 2026.2, sorted', () => {
    const models = blueprintModelNames();
    expect(models).toHaveLength(121);
    expect([...models].sort()).toEqual(models);
    expect(models).toContain('authentik_blueprints.metaapplyblueprint');
  });

  it('knows every model the pinned API has a request schema for', () => {
    for (const model of Object.keys(authentikModels().models)) expect(isKnownModel(model), model).toBe(true);
  });

  it('rejects models authentik does not have, and inherited object keys', () => {
    for (const model of ['authentik_core.applications', 'authentik_core.Application', 'core.application', 'constructor', 'toString']) {
      expect(isKnownModel(model), model).toBe(false);
    }
  });
});

describe('blueprintFieldNames', () => {
  it('includes blueprint-only attributes the API lacks', () => {
    expect(blueprintFieldNames('authentik_core.application')).toContain('icon');
    expect(blueprintFieldNames('authentik_core.user')).toEqual(expect.arrayContaining(['password', 'permissions', 'username']));
    expect(blueprintFieldNames('authentik_blueprints.metaapplyblueprint')).toEqual(['identifiers', 'required']);
  });

  it('is sorted, and undefined for an unknown model', () => {
    const names = blueprintFieldNames('authentik_providers_oauth2.oauth2provider')!;
    expect([...names].sort()).toEqual(names);
    expect(names).toEqual(expect.arrayContaining(['redirect_uris', 'access_token_validity', 'signing_key']));
    expect(blueprintFieldNames('authentik_core.nope')).toBeUndefined();
  });

  it('lists the permission codenames of a model', () => {
    expect(blueprintPermissionNames('authentik_core.group')).toEqual(expect.arrayContaining(['add_group', 'view_group']));
    expect(blueprintPermissionNames('nope.nope')).toBeUndefined();
  });
});

describe('closestName', () => {
  const models = blueprintModelNames();

  it.each([
    ['authentik_core.aplication', 'authentik_core.application'],
    ['authentik_core.applications', 'authentik_core.application'],
    ['authentik_providers_oauth2.oauthprovider', 'authentik_providers_oauth2.oauth2provider'],
    ['authentik_core.Group', 'authentik_core.group'],
  ])('suggests a model for %j: %j', (typo, meant) => {
    expect(closestName(typo, models)).toBe(meant);
  });

  it.each([
    ['redirect_uri', 'redirect_uris'],
    ['acces_token_validity', 'access_token_validity'],
    ['signingkey', 'signing_key'],
    ['client-id', 'client_id'],
  ])('suggests an attribute for %j: %j', (typo, meant) => {
    expect(closestName(typo, blueprintFieldNames('authentik_providers_oauth2.oauth2provider')!)).toBe(meant);
  });

  it('suggests nothing for a name that is far from every candidate, or is one', () => {
    expect(closestName('frobnicate', blueprintFieldNames('authentik_providers_oauth2.oauth2provider')!)).toBeUndefined();
    expect(closestName('authentik_nope.widget', models)).toBeUndefined();
    expect(closestName('name', ['name', 'slug'])).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });
});
