import { describe, expect, it } from 'vitest';
import { checkTimedelta, timedeltaIgnoredKeys } from '../constructs/authentik/private/timedelta';
import { isTimedeltaField, TIMEDELTA_FIELDS } from '../constructs/catalog/field-facts';
import { authentikModels } from '../constructs/authentik/model-schema';

describe('checkTimedelta, authentik\'s timedelta_string_validator', () => {
  it.each([
    'hours=1;minutes=2;seconds=3', 'minutes=1', 'days=30', 'weeks=3;days=2', 'seconds=0', 'hours=-1;minutes=-2;seconds=-3',
    'HOURS=1', 'hours=1.5', 'seconds=1e3', 'seconds=1_000', 'seconds= 5 ', ' hours=1 ', 'days=999999999', 'seconds=.5',
    'hours=1; minutes=2', 'foo=1;hours=1', 'hours=1;hours=2',
  ])('accepts %j', (value) => {
    expect(checkTimedelta(value)).toBeUndefined();
  });

  it.each([
    ['', 'is not key=value'],
    ['hours=1;', 'the part "" is not key=value'],
    ['hours', 'the part "hours" is not key=value'],
    ['hours=1=2', 'is not key=value'],
    ['hours=1,minutes=2', 'parts are separated by ";", not ","'],
    ['hours=one', '"one" is not a number'],
    ['hours=0x10', '"0x10" is not a number'],
    ['hour=1', 'none of the keys'],
    ['foo=bar', 'none of the keys'],
    ['hours=nan', 'nan'],
    ['hours=inf', 'infinite'],
    ['days=1000000000', '999,999,999 days'],
    ['weeks=142857143', '999,999,999 days'],
  ])('rejects %j, saying why and what to write', (value, why) => {
    const message = checkTimedelta(value);
    expect(message).toContain(`${JSON.stringify(value)} is not a duration authentik reads`);
    expect(message).toContain(why);
    expect(message).toContain('write authentik\'s duration format, e.g. "hours=1;minutes=30"');
  });
});

describe('timedeltaIgnoredKeys, what authentik accepts but does not read', () => {
  it('reports a key with a space before it, which authentik skips', () => {
    expect(timedeltaIgnoredKeys('hours=1; minutes=30')).toEqual([
      expect.stringContaining('authentik ignores the key " minutes" without a word (the spaces are part of the key)'),
    ]);
  });

  it('reports unknown and repeated keys', () => {
    expect(timedeltaIgnoredKeys('hour=1;minutes=2')[0]).toContain('"hour"');
    expect(timedeltaIgnoredKeys('hours=1;hours=2')[0]).toContain('given twice; the last one counts');
  });

  it('reports nothing for a clean or an invalid value', () => {
    expect(timedeltaIgnoredKeys('hours=1;minutes=30')).toEqual([]);
    expect(timedeltaIgnoredKeys('hour=x')).toEqual([]);
  });
});

describe('TIMEDELTA_FIELDS', () => {
  it('names only string fields of the pinned API', () => {
    const { models, components } = authentikModels();
    for (const [model, fields] of Object.entries(TIMEDELTA_FIELDS)) {
      const schema = components[models[model]!];
      expect(schema, model).toBeDefined();
      for (const field of fields) expect(schema!.properties?.[field]?.type, `${model}.${field}`).toBe('string');
    }
  });

  it('covers every field whose API description gives the duration format', () => {
    const { models, components } = authentikModels();
    for (const [model, schemaName] of Object.entries(models)) {
      for (const [field, p] of Object.entries(components[schemaName]!.properties ?? {})) {
        if (/\(Format: (weeks|hours)=/.test(String(p.description ?? ''))) expect(isTimedeltaField(model, field), `${model}.${field}`).toBe(true);
      }
    }
  });

  it('knows the OAuth2 provider token validities', () => {
    for (const f of ['access_code_validity', 'access_token_validity', 'refresh_token_validity']) {
      expect(isTimedeltaField('authentik_providers_oauth2.oauth2provider', f)).toBe(true);
    }
    expect(isTimedeltaField('authentik_providers_oauth2.oauth2provider', 'client_id')).toBe(false);
  });
});
