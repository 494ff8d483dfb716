/**
 * authentik's judgement of URL fields (constructs/authentik/rules/urls.ts, facts in constructs/catalog/
 * url-fields.ts, validators in constructs/authentik/private/django-url-validator.ts), read from:
 * - django/core/validators.py (Django 5.2, which authentik 2026.x pins in pyproject.toml): URLValidator —
 *   its regex (ul = \u00a1-\uffff, ipv4/ipv6/hostname/domain/tld pieces, IGNORECASE), unsafe characters
 *   \t\r\n, max_length 2048, the scheme check, the IDN fallback and the 253-character host name limit;
 * - authentik/lib/models.py: DomainlessURLValidator (no top-level domain needed, schemes http, https,
 *   blank added, an unknown scheme prefixed with "default") and DomainlessFormattedURLValidator
 *   (`%(field)s` placeholders before the host name);
 * - authentik/sources/ldap/models.py: MultiURLValidator (comma-separated, each part alone);
 * - the models and serializers of the twelve fields (see the catalog's comments): authentik/core/models.py,
 *   authentik/enterprise/endpoints/connectors/fleet/models.py, authentik/events/models.py,
 *   authentik/providers/oauth2/models.py, authentik/providers/proxy/models.py,
 *   authentik/providers/saml/models.py, authentik/enterprise/providers/ws_federation/api/providers.py,
 *   authentik/sources/ldap/models.py, authentik/sources/saml/models.py;
 * - rest_framework/fields.py CharField (surrounding whitespace stripped, '' taken with allow_blank) and
 *   URLField, rest_framework/utils/field_mapping.py (a model URLField's URL validators replaced by Django's).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Application, Blueprint, CfnLDAPSource, Flow, ModelEntry, ProxyProvider, Tag, validateApp } from '../constructs';
import { ENTRY_RULES } from '../constructs/authentik/rules';
import { URL_RULES, urlFieldProblem } from '../constructs/authentik/rules/urls';
import {
  PLAIN_DOMAINLESS_URL, djangoUrlProblem, djangoUrlValidator, domainlessUrlValidator, fullUrlProblem, punycodeNetloc,
} from '../constructs/authentik/private/django-url-validator';
import { catalogFor } from '../constructs/catalog/catalog';
import { URL_FIELDS, type UrlFieldFacts } from '../constructs/catalog/url-fields';
import { ModelName } from '../constructs/catalog/generated/model-names';
import { AUTHENTIK_VERSIONS } from '../constructs/catalog/versions';
import { testChart } from './helpers';
import { URL_ACCEPTED, URL_REFUSED } from '../scripts/conformance/url-cases';

const facts = (model: string, field: string): UrlFieldFacts => URL_FIELDS[model]![field]!;
const LAUNCH_URL = facts(ModelName.APPLICATION, 'meta_launch_url');

describe('the catalog of URL fields', () => {
  it('lists exactly the fields each release\'s OpenAPI marks format: uri, with the validators read from authentik', () => {
    for (const version of AUTHENTIK_VERSIONS) {
      const api = catalogFor(version).requestSchemas();
      const uriFields: string[] = [];
      for (const [model, schemaName] of Object.entries(api.models)) {
        for (const [field, schema] of Object.entries(api.components[schemaName]?.properties ?? {})) if (schema.format === 'uri') uriFields.push(`${model}.${field}`);
      }
      const listed = Object.entries(URL_FIELDS).flatMap(([model, fields]) => Object.keys(fields).map((f) => `${model}.${f}`));
      expect(uriFields.sort(), version).toEqual(listed.sort());
      expect(listed).toHaveLength(12);
    }
    expect(Object.fromEntries(Object.entries(URL_FIELDS).flatMap(([model, fields]) => Object.entries(fields)
      .map(([f, x]) => [`${model}.${f}`, `${x.validator}${x.schemes ? `(${x.schemes.join(',')})` : ''}${x.blank ? ' blank' : ''}`])))).toEqual({
      [`${ModelName.APPLICATION}.meta_launch_url`]: 'domainless-formatted blank',
      [`${ModelName.FLEETCONNECTOR}.url`]: 'django',
      [`${ModelName.NOTIFICATIONTRANSPORT}.webhook_url`]: 'domainless blank',
      [`${ModelName.OAUTH2PROVIDER}.logout_uri`]: 'domainless(http,https) blank',
      [`${ModelName.PROXYPROVIDER}.external_host`]: 'domainless(http,https)',
      [`${ModelName.PROXYPROVIDER}.internal_host`]: 'domainless(http,https) blank',
      [`${ModelName.SAMLPROVIDER}.acs_url`]: 'domainless(http,https)',
      [`${ModelName.SAMLPROVIDER}.sls_url`]: 'domainless(http,https) blank',
      [`${ModelName.WSFEDERATIONPROVIDER}.reply_url`]: 'django',
      [`${ModelName.LDAPSOURCE}.server_uri`]: 'multi-domainless(ldap,ldaps)',
      [`${ModelName.SAMLSOURCE}.slo_url`]: 'domainless(http,https) blank',
      [`${ModelName.SAMLSOURCE}.sso_url`]: 'domainless(http,https)',
    });
  });

  it('agrees with authentik\'s blueprint schema on which fields are DRF URLFields (Django\'s URLValidator) and which carry the model\'s validator', () => {
    // the vendored schema is generated from the serializers' fields: `format: uri` marks a DRF URLField only
    let checked = 0;
    for (const version of AUTHENTIK_VERSIONS) {
      const specs = new URL(`../constructs/authentik/specs/authentik-blueprint-schema-${version}.json`, import.meta.url);
      if (!existsSync(specs)) continue;
      checked += 1;
      const schema = JSON.parse(readFileSync(specs, 'utf8')) as { $defs: Record<string, { properties?: Record<string, { format?: string }> }> };
      for (const [model, fields] of Object.entries(URL_FIELDS)) {
        for (const [field, f] of Object.entries(fields)) {
          const property = schema.$defs[`model_${model}`]?.properties?.[field];
          expect(property, `${version} ${model}.${field}`).toBeDefined();
          expect(property?.format === 'uri', `${version} ${model}.${field}`).toBe(f.validator === 'django');
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(1);
  });

  it('agrees with the OpenAPI on blank: a field authentik takes blank has no minLength there', () => {
    for (const version of AUTHENTIK_VERSIONS) {
      const api = catalogFor(version).requestSchemas();
      for (const [model, fields] of Object.entries(URL_FIELDS)) {
        for (const [field, f] of Object.entries(fields)) {
          const schema = api.components[api.models[model]!]!.properties![field]!;
          expect(schema.minLength === undefined, `${version} ${model}.${field}`).toBe(f.blank);
        }
      }
    }
  });

  it('the generated request validators no longer check format: uri on these fields, and still do elsewhere', () => {
    for (const version of AUTHENTIK_VERSIONS) {
      const catalog = catalogFor(version);
      const validate = catalog.validator(ModelName.APPLICATION);
      expect(validate({ name: 'A', slug: 'a', meta_launch_url: 'https://%(username)s.example.com' }), version).toBe(true);
      const text = readFileSync(new URL(`../constructs/catalog/generated/${version}/validators/${ModelName.APPLICATION}.cjs`, import.meta.url), 'utf8');
      expect(text).not.toMatch(/format:\s*"uri"|"format":"uri"/);
      // every other format stays (date-time here); no field but the twelve has `uri` (the first test), so no validator requires it
      for (const file of readdirSync(new URL(`../constructs/catalog/generated/${version}/validators/`, import.meta.url))) {
        const code = readFileSync(new URL(`../constructs/catalog/generated/${version}/validators/${file}`, import.meta.url), 'utf8');
        expect(code, file).not.toContain('json-formats.cjs").uri');
      }
      const token = readFileSync(new URL(`../constructs/catalog/generated/${version}/validators/${ModelName.TOKEN}.cjs`, import.meta.url), 'utf8');
      expect(token).toContain('json-formats.cjs")["date-time"]');
    }
  });
});

describe('Django\'s URLValidator and authentik\'s subclasses, as authentik runs them', () => {
  it.each(URL_ACCEPTED)('takes %s', (_what, [model, field], value) => {
    expect(urlFieldProblem(facts(model, field), value)).toBeUndefined();
  });

  it.each(URL_REFUSED)('refuses %s', (_what, [model, field], value, why) => {
    expect(urlFieldProblem(facts(model, field), value)).toMatch(why);
  });

  it('answers a plain http(s) URL without the full patterns only where the full path takes it too', () => {
    const validators = [domainlessUrlValidator(), domainlessUrlValidator({ formatted: true }), domainlessUrlValidator({ schemes: ['http', 'https'] }),
      domainlessUrlValidator({ schemes: ['ldap', 'ldaps'], multi: true })];
    const label = fc.stringMatching(/^[a-z0-9-]{1,64}$/);
    const url = fc.tuple(fc.constantFrom('http://', 'https://', 'HTTPS://', 'ftp://'), fc.array(label, { minLength: 1, maxLength: 4 }),
      fc.constantFrom('', ':8', ':80', ':65535', ':999999'), fc.constantFrom('', '/', '/a/b', '/x?y', '/%41', '/~u._-'))
      .map(([scheme, labels, port, path]) => `${scheme}${labels.join('.')}${port}${path}`);
    let fast = 0;
    fc.assert(fc.property(url, (value) => {
      for (const v of validators) {
        if (PLAIN_DOMAINLESS_URL.test(value) && value.length <= 253) {
          fast++;
          expect([value, fullUrlProblem(v, value)]).toEqual([value, undefined]);
        }
        expect(djangoUrlProblem(v, value)).toBe(fullUrlProblem(v, value));
      }
    }), { numRuns: 1500 });
    // the property saw both kinds: plain URLs and others
    expect(fast).toBeGreaterThan(100);
    expect(PLAIN_DOMAINLESS_URL.test('https://grafana.ops.eblu.me')).toBe(true);
    expect(PLAIN_DOMAINLESS_URL.test('https://%(username)s.example.com')).toBe(false);
  });

  it('lets the formatter prefix of DomainlessFormattedURLValidator take letters a label of 64 would not', () => {
    // ([%\(\)a-zA-Z])* before the host name eats the letters beyond 63
    expect(urlFieldProblem(LAUNCH_URL, `https://${'a'.repeat(64)}.example.com/`)).toBeUndefined();
  });

  it('takes the placeholder only where authentik formats the URL (DomainlessFormattedURLValidator, not DomainlessURLValidator)', () => {
    expect(djangoUrlProblem(domainlessUrlValidator({ formatted: true }), 'https://%(username)s.example.com')).toBeUndefined();
    expect(djangoUrlProblem(domainlessUrlValidator(), 'https://%(username)s.example.com')).toMatch(/host, port or user information/);
    expect(djangoUrlProblem(djangoUrlValidator(), 'https://%(username)s.example.com')).toMatch(/host, port or user information/);
  });

  it('encodes IDN labels as Python\'s idna codec does', () => {
    expect(punycodeNetloc('münchen.example')).toBe('xn--mnchen-3ya.example');
    expect(punycodeNetloc('😀.example.com')).toBe('xn--e28h.example.com');
    expect(punycodeNetloc('bücher.example:8080')).toBe('xn--bcher-kva.example:8080');
    expect(punycodeNetloc('a..b')).toBeUndefined();
    expect(punycodeNetloc('example.com.')).toBe('example.com.');
  });
});

describe('the rule through declarations', () => {
  const FLOWS = { authorizationFlow: Flow.fromSlug('default-provider-authorization-implicit-consent'), invalidationFlow: Flow.fromSlug('default-provider-invalidation-flow') };
  const judge = (fill: (bp: Blueprint) => void): string[] => {
    const chart = testChart();
    fill(new Blueprint(chart, 'Extra', { fileName: 'extra.yaml', name: 'Extra' }));
    return validateApp(chart);
  };

  it('is registered with authentik\'s judgement', () => {
    for (const rule of URL_RULES) expect(ENTRY_RULES).toContain(rule);
  });

  it.each(['', 'https://%(username)s.example.com', 'blank://blank', 'https://münchen.example', 'http://localhost:3000'])(
    'an application takes the launch URL %j, as authentik does', (value) => {
      expect(judge((bp) => new Application(bp, 'A', { name: 'A', slug: 'a', metaLaunchUrl: value }))).toEqual([]);
    });

  it('refuses a launch URL of a scheme authentik does not list, with path, field, value and fix', () => {
    const problems = judge((bp) => new Application(bp, 'A', { name: 'A', slug: 'a', metaLaunchUrl: 'myapp://x' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Authentik\/Extra\/A\.meta_launch_url: "myapp:\/\/x" is not a URL authentik takes \(authentik\/core\/models\.py\): .*DomainlessFormattedURLValidator.*; write an absolute URL with a scheme of http, https, ftp, ftps/);
  });

  it('does not judge tags or references, which authentik resolves first', () => {
    expect(judge((bp) => new Application(bp, 'A', { name: 'A', slug: 'a', metaLaunchUrl: Tag.format('myapp://%s', 'x') as never }))).toEqual([]);
  });

  it('takes a proxy provider\'s internal host without a domain, refuses one with a space', () => {
    expect(judge((bp) => new ProxyProvider(bp, 'P', { name: 'P', ...FLOWS, externalHost: 'https://app.example.com', internalHost: 'http://grafana:3000', mode: 'proxy' } as never))).toEqual([]);
    const problems = judge((bp) => new ProxyProvider(bp, 'P', { name: 'P', ...FLOWS, externalHost: 'https://app.example.com', internalHost: 'http://graf ana:3000', mode: 'proxy' } as never));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Authentik\/Extra\/P\.internal_host: "http:\/\/graf ana:3000" .*authentik\/providers\/proxy\/models\.py.*holds a space/);
  });

  it('judges a ModelEntry and a typed L1 construct alike', () => {
    const entry = judge((bp) => new ModelEntry(bp, 'T', { model: ModelName.NOTIFICATIONTRANSPORT, identifiers: { name: 't' }, attributes: { mode: 'webhook', webhookUrl: 'hook://x' } } as never));
    expect(entry.filter((p) => /webhook_url: "hook:\/\/x" is not a URL authentik takes \(authentik\/events\/models\.py\)/.test(p))).toHaveLength(1);
    const ldap = judge((bp) => new CfnLDAPSource(bp, 'L', {
      name: 'L', slug: 'l', serverUri: 'ldaps://dc1.example.com, ldaps://dc2.example.com', baseDn: 'dc=example,dc=com',
    } as never));
    expect(ldap.filter((p) => /server_uri: .* \(authentik\/sources\/ldap\/models\.py\): authentik's MultiURLValidator refuses it: " ldaps:\/\/dc2\.example\.com"/.test(p)), ldap.join('\n')).toHaveLength(1);
  });
});
