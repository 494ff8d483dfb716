/**
 * The formats the generated validators check (constructs/private/json-formats.cjs): the `uri` fast path
 * gives ajv-formats' verdicts, and the generated validators use these formats.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const formats = require('../constructs/private/json-formats.cjs') as { uri: (v: string) => boolean; PLAIN_URL: RegExp };
const full = (require('ajv-formats/dist/formats') as { fullFormats: { uri: (v: string) => boolean } }).fullFormats;

// characters URLs are made of, and some they must not hold
const urlChar = fc.constantFrom(...'abcXYZ019-._~:/?#[]@!$&\'()*+,;=% \u00e9'.split(''));
const urlLike = fc.tuple(fc.constantFrom('https://', 'http://', 'HTTP://', 'ftp://', 'blank://', '', '//', 'https:'), fc.array(urlChar, { maxLength: 40 }))
  .map(([scheme, chars]) => scheme + chars.join(''));

describe('json-formats', () => {
  it('accepts a URL by the fast path only when ajv-formats accepts it, and gives ajv-formats\' verdict on every value', () => {
    fc.assert(fc.property(urlLike, (value) => {
      if (formats.PLAIN_URL.test(value)) expect(full.uri(value)).toBe(true);
      expect(formats.uri(value)).toBe(full.uri(value));
    }), { numRuns: 2000 });
  });

  it('takes the usual URLs by the fast path and the others by the full pattern', () => {
    const plain = ['https://grafana.ops.eblu.me', 'https://argocd.ops.eblu.me/auth/callback', 'http://localhost:3000/login/generic_oauth', 'https://zot.tail8d86e.ts.net/'];
    for (const url of plain) expect([url, formats.PLAIN_URL.test(url), formats.uri(url)]).toEqual([url, true, true]);
    // accepted by the full pattern only
    for (const url of ['blank://blank', 'https://user@example.com/?q=1#top', 'ldaps://ldap.example.com:636']) {
      expect([url, formats.PLAIN_URL.test(url), formats.uri(url)]).toEqual([url, false, true]);
    }
    // refused
    for (const url of ['not a url', 'grafana.ops.eblu.me', 'https://exa mple.com', '']) expect([url, formats.uri(url)]).toEqual([url, false]);
  });

  it('is what the generated validators require, for every format they check', () => {
    // (the `uri` fields are judged by authentik's own URL validators instead: constructs/authentik/rules/urls.ts)
    const validator = readFileSync(new URL('../constructs/catalog/generated/2026.2/validators/authentik_core.token.cjs', import.meta.url), 'utf8');
    expect(validator).toContain('require("../../../../private/json-formats.cjs")["date-time"]');
    expect(validator).not.toContain('ajv-formats');
  });
});
