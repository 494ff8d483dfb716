/**
 * The formats the generated validators check (constructs/private/json-formats.cjs): ajv-formats' full
 * set, and the generated validators take them from there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const formats = require('../constructs/private/json-formats.cjs') as Record<string, unknown>;
const full = (require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> }).fullFormats;

describe('json-formats', () => {
  it('is ajv-formats\' full set of formats', () => {
    expect(formats).toBe(full);
    expect(Object.keys(formats)).toEqual(expect.arrayContaining(['date-time', 'email', 'uuid', 'uri']));
  });

  it('is what the generated validators require, for every format they check', () => {
    // (the `uri` fields are judged by authentik's own URL validators instead: constructs/authentik/rules/urls.ts)
    const validator = readFileSync(new URL('../constructs/catalog/generated/2026.2/validators/authentik_core.token.cjs', import.meta.url), 'utf8');
    expect(validator).toContain('require("../../../../private/json-formats.cjs")["date-time"]');
    expect(validator).not.toContain('ajv-formats');
  });
});
