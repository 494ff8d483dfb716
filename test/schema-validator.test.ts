import { expect, it } from 'vitest';
import { validateAgainstSchema } from '../constructs/authentik/schema-validator';
import { Tag } from '../constructs/blueprint/tags';
import { LookupReference } from '../constructs/blueprint/blueprint-entry';

// the request schemas are authentik's OpenAPI document (schema.yml, from its serializers); a tag or a
// reference stands in for any value, which authentik's blueprint importer resolves before the
// serializer sees it (authentik/blueprints/v1/importer.py, _validate_single)
const options = { checkRequired: true };
const flow = new LookupReference('authentik_flows.flow', { slug: 'default-authentication-flow' });

it('accepts a tag or a reference wherever a value goes', () => {
  expect(validateAgainstSchema('authentik_core.application', { name: Tag.env('NAME'), slug: 'a', meta_launch_url: flow, provider: flow }, options)).toEqual([]);
  expect(validateAgainstSchema('authentik_providers_oauth2.oauth2provider', {
    name: 'p', authorization_flow: flow, invalidation_flow: flow, property_mappings: [flow, Tag.env('MAPPING')], redirect_uris: Tag.env('URIS'),
  }, options)).toEqual([]);
});

it('reports what is wrong with a plain value, never the tag alternative', () => {
  const messages = validateAgainstSchema('authentik_core.application', { name: 5, slug: 'a b' }, options);
  expect(messages).toEqual(['name must be string (given 5)', 'slug must match pattern "^[-a-zA-Z0-9_]+$" (given "a b")']);
  expect(messages.join('\n')).not.toMatch(/blueprintTag|else|anyOf/);
});

it('names a reference inside a rejected value by its description', () => {
  // the markers validation itself uses carry no description: it is made only for the message
  expect(validateAgainstSchema('authentik_core.application', { name: 'a', slug: 'a', meta_launch_url: { nested: flow } }, options))
    .toEqual([`meta_launch_url must be string (given {"nested":{"$blueprintTag":"authentik_flows.flow slug=\\"defa…(88 characters))`]);
});
