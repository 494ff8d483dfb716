/**
 * The importer's built-in objects (constructs/import/built-in-objects.ts) are the catalog's shipped
 * objects of the release it translates for (constructs/catalog/shipped-objects.ts, folded with
 * authentik's packaged blueprints into the judgement facts), by natural key, not names of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_OUTPOST_NAME } from '../constructs';
import { AUTHENTIK_MANAGED_PREFIX, CREATED_BY_CODE, EMBEDDED_OUTPOST } from '../constructs/catalog/shipped-objects';
import { ModelName } from '../constructs/catalog/model-facts';
import { isBuiltInLive, isShippedObject } from '../constructs/import/built-in-objects';
import { naturalKey } from '../constructs/import';
import { catalogFor } from '../constructs/catalog/catalog';

const fields = (values: Record<string, unknown>) => (field: string): unknown => values[field];

describe('the importer\'s built-in objects are the catalog\'s shipped objects', () => {
  it('names the embedded outpost as the catalog does (authentik/outposts/apps.py)', () => {
    expect(EMBEDDED_OUTPOST_NAME).toBe(EMBEDDED_OUTPOST.name);
    expect(CREATED_BY_CODE[ModelName.OUTPOST]).toEqual({ name: [EMBEDDED_OUTPOST.name], managed: [EMBEDDED_OUTPOST.managed] });
    expect(isShippedObject('2026.2', ModelName.OUTPOST, fields({ name: EMBEDDED_OUTPOST.name }))).toBe(true);
    expect(isShippedObject('2026.2', ModelName.OUTPOST, fields({ name: 'authentik Embedded outpost' }))).toBe(false);
  });

  it('takes objects of authentik\'s default blueprints by their natural key, whatever their name looks like', () => {
    // blueprints/default/flow-default-authentication-flow.yaml and blueprints/system/bootstrap.yaml's initial-setup flow
    expect(isShippedObject('2026.2', ModelName.FLOW, fields({ slug: 'default-authentication-flow' }))).toBe(true);
    expect(isShippedObject('2026.2', ModelName.FLOW, fields({ slug: 'initial-setup' }))).toBe(true);
    // a flow of the user's own, named like authentik's, is not authentik's
    expect(isShippedObject('2026.2', ModelName.FLOW, fields({ slug: 'default-homelab-login' }))).toBe(false);
    // a flow is identified by its slug: a shipped flow's name ('Change Password') on another slug is not the shipped flow
    expect(isShippedObject('2026.2', ModelName.FLOW, fields({ slug: 'homelab-password', name: 'Change Password' }))).toBe(false);
    expect(isShippedObject('2026.2', ModelName.IDENTIFICATIONSTAGE, fields({ name: 'default-authentication-identification' }))).toBe(true);
    expect(isShippedObject('2026.2', ModelName.GROUP, fields({ name: 'authentik Admins' }))).toBe(true);
    expect(isShippedObject('2026.2', ModelName.BRAND, fields({ domain: 'authentik-default' }))).toBe(true);
    // authentik's own managed keys
    expect(isShippedObject('2026.2', ModelName.SCOPEMAPPING, fields({ managed: `${AUTHENTIK_MANAGED_PREFIX}providers/oauth2/scope-openid` }))).toBe(true);
    expect(isShippedObject('2026.2', ModelName.SCOPEMAPPING, fields({ managed: 'homelab/scope-groups' }))).toBe(false);
  });

  it('follows the release: 2026.8 ships a default-request flow that 2026.2 does not', () => {
    expect(isShippedObject('2026.8', ModelName.FLOW, fields({ slug: 'default-request' }))).toBe(true);
    expect(isShippedObject('2026.2', ModelName.FLOW, fields({ slug: 'default-request' }))).toBe(false);
    // an example blueprint's objects exist only once applied
    expect(isShippedObject('2026.5', ModelName.FLOW, fields({ slug: 'default-account-lockdown' }))).toBe(false);
  });

  it('reads live objects the same way, and never takes an application for authentik\'s', () => {
    expect(isBuiltInLive('2026.2', ModelName.FLOW, { pk: 'x', slug: 'default-source-enrollment' })).toBe(true);
    expect(isBuiltInLive('2026.2', ModelName.FLOW, { pk: 'x', slug: 'default-homelab' })).toBe(false);
    expect(isBuiltInLive('2026.2', ModelName.APPLICATION, { pk: 'x', slug: 'default-authentication-flow', name: 'x' })).toBe(false);
  });

  it('keeps no names of authentik\'s objects in the importer\'s source', () => {
    const dir = new URL('../constructs/import/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, dir), 'utf8').replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '');
      expect(text, file).not.toMatch(/['"`](default-|authentik [A-Z]|goauthentik\.io\/)/);
    }
  });
});

describe('a live object is found by the catalog\'s natural key of its model', () => {
  it('by slug, managed key, username, identifier, domain or name, as the catalog states the key', () => {
    expect(naturalKey(ModelName.FLOW, { pk: 'x', slug: 'login', name: 'Login' })).toEqual(['slug', 'login']);
    expect(naturalKey(ModelName.SCOPEMAPPING, { pk: 'x', name: 'authentik default OAuth Mapping: OpenID \'openid\'', managed: 'goauthentik.io/providers/oauth2/scope-openid' }))
      .toEqual(['managed', 'goauthentik.io/providers/oauth2/scope-openid']);
    expect(naturalKey(ModelName.USER, { pk: 1, username: 'zot-ci', name: 'Zot CI' })).toEqual(['username', 'zot-ci']);
    expect(naturalKey(ModelName.GROUP, { pk: 'x', name: 'admins' })).toEqual(['name', 'admins']);
    // a token has no name and a brand neither: their keys come from the catalog (model-identity.ts)
    expect(naturalKey(ModelName.TOKEN, { pk: 'x', identifier: 'ci-token', description: 'CI' })).toEqual(['identifier', 'ci-token']);
    expect(naturalKey(ModelName.BRAND, { pk: 'x', domain: 'auth.example', branding_title: 'Example' })).toEqual(['domain', 'auth.example']);
    expect(catalogFor('2026.8').naturalKey(ModelName.BRAND)).toEqual(['domain']);
  });
});
