import { describe, expect, it } from 'vitest';
import { importBlueprints, parseSources } from '../constructs/import';

/**
 * Lookups in a blueprint's `context`: authentik resolves a context value where an entry reads it,
 * with `!Context key` or through a YAML alias of the same node (blueprints/v1/common.py: Context.resolve
 * resolves a YAMLTag it finds; KeyOf.resolve finds the entry by id once it is applied). The importer
 * proves each translation by synthesizing it and comparing what authentik would hold, so a test that
 * imports at all has round-tripped.
 */

const run = (text: string) => importBlueprints(parseSources([{ source: 'x.yaml', text }]), { libraryImport: '../constructs' });

describe('import of lookups in context', () => {
  it('keeps a !Find in context as a tag, which authentik evaluates where an entry reads it', () => {
    const r = run(`version: 1
metadata: {name: X}
context:
  flow: !Find [authentik_flows.flow, [slug, default-authentication-flow]]
entries:
  - model: authentik_brands.brand
    identifiers: {domain: example.com}
    attrs:
      flow_authentication: !Context flow
`);
    expect(r.code).toContain("context: { flow: Tag.sequence('!Find', ['authentik_flows.flow', ['slug', 'default-authentication-flow']]) }");
    expect(r.code).toContain("flowAuthentication: Tag.context('flow')");
  });

  it('writes a !KeyOf in context as the entry id the Blueprint gives its target', () => {
    const r = run(`version: 1
metadata: {name: X}
context:
  parent: !KeyOf admins
entries:
  - model: authentik_core.group
    id: admins
    identifiers: {name: admins}
  - model: authentik_core.group
    identifiers: {name: ops}
    attrs:
      parents: [!Context parent]
`);
    expect(r.code).toContain("context: { parent: Tag.keyOf('admins') }");
    expect(r.code).toContain("new Group(x, 'Admins', { name: 'admins' });");
    expect(r.code).toContain("attributes: { parents: [Tag.context('parent')] }");
  });

  it('follows a !KeyOf reached through a YAML alias of a context value to the object', () => {
    const r = run(`version: 1
metadata: {name: X}
context:
  parent: &parent !KeyOf admins
entries:
  - model: authentik_core.group
    id: admins
    identifiers: {name: admins}
  - model: authentik_core.group
    identifiers: {name: ops}
    attrs:
      parents: [*parent]
`);
    expect(r.code).toContain("new Group(x, 'Ops', { name: 'ops', parents: [admins] });");
    expect(r.code).toContain("context: { parent: Tag.keyOf('admins') }");
  });

  it('still refuses a !KeyOf in context to no entry', () => {
    expect(() => run('version: 1\nmetadata: {name: X}\ncontext:\n  p: !KeyOf nowhere\nentries: []\n')).toThrow('x.yaml: context: !KeyOf nowhere: no entry of x.yaml has the id nowhere');
  });
});

describe('import of built-in objects', () => {
  it('writes the embedded outpost as an update, never with the empty config that would wipe its configuration', () => {
    const r = run(`version: 1
metadata: {name: X}
entries:
  - model: authentik_outposts.outpost
    identifiers:
      name: authentik Embedded Outpost
    attrs:
      type: proxy
      providers:
        - !Find [authentik_providers_proxy.proxyprovider, [name, whoami]]
`);
    expect(r.code).toContain("new Outpost(x, 'AuthentikEmbeddedOutpost', {\n    name: 'authentik Embedded Outpost',\n    type: 'proxy',\n    providers: [ProxyProvider.fromName('whoami')],\n    updatesExisting: true,\n  });");
  });

  it('writes another outpost as a create, its construct default included', () => {
    const r = run(`version: 1
metadata: {name: X}
entries:
  - model: authentik_outposts.outpost
    identifiers:
      name: ldap
    attrs:
      type: ldap
      providers:
        - !Find [authentik_providers_ldap.ldapprovider, [name, ldap]]
`);
    expect(r.code).toContain("new Outpost(x, 'Ldap', { name: 'ldap', type: 'ldap', providers: [LdapProvider.fromName('ldap')] });");
  });
});

describe('import of fields authentik ignores', () => {
  it('leaves a stray nested field of a redirect URI out with a comment (DRF\'s nested serializer drops unknown keys)', () => {
    const r = run(`version: 1
metadata: {name: X}
entries:
  - model: authentik_providers_oauth2.oauth2provider
    identifiers: {name: p}
    attrs:
      client_id: p
      authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]
      invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]
      redirect_uris:
        - matching_mode: strict
          url: https://x.example/cb
          stray: yes
`);
    expect(r.code).toContain('not imported: redirect_uris[0].stray (true), which authentik 2026.2');
    expect(r.code).toContain("redirectUris: [RedirectUri.strict('https://x.example/cb')]");
    expect(r.code).not.toContain('stray:');
  });

  it('keeps every key of an open mapping (a group\'s attributes)', () => {
    const r = run('version: 1\nmetadata: {name: X}\nentries:\n  - model: authentik_core.group\n    identifiers: {name: g}\n    attrs:\n      attributes: {anything: {nested: 1}}\n');
    expect(r.code).toContain('attributes: { anything: { nested: 1 } }');
  });
});
