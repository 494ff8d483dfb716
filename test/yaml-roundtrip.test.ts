import { describe, expect, it } from 'vitest';
import { Tag } from '../constructs';
import { serializeBlueprint } from '../constructs/blueprint/serialize';
import { FIXED_CORPUS, FIXED_NUMBERS, roundTripDocument } from '../scripts/conformance/corpus';
import { readBack, roundTrips } from './yaml-roundtrip-reader';

describe('serializeBlueprint round trip through a YAML 1.1 reader', () => {
  it('reads back every string of the fixed corpus in every position', () => {
    for (const value of FIXED_CORPUS) roundTrips(value);
  });

  it('reads back every number of the fixed corpus', () => {
    for (const number of FIXED_NUMBERS) roundTrips('n', number);
  });

  // generated strings and numbers: test/yaml-roundtrip.property.test.ts

  it('keeps the tags with their node kinds', () => {
    const text = serializeBlueprint(roundTripDocument('on'));
    expect(text).toContain('find: !Find [authentik_core.user, [username, "on"]]');
    expect(text).toContain('env: !Env [ROUNDTRIP_VAR, "on"]');
    const attrs = (readBack(text) as { entries: { attrs: Record<string, unknown> }[] }).entries[0].attrs;
    expect(attrs.env).toStrictEqual({ '!tag': '!Env', kind: 'sequence', value: ['ROUNDTRIP_VAR', 'on'] });
  });

  it('writes a scalar tag as its text', () => {
    const text = serializeBlueprint({
      version: 1,
      metadata: { name: 'tags', labels: {} },
      entries: [{ model: 'm.m', state: 'present', attrs: { key: Tag.keyOf('yes'), index: Tag.scalar('!Index', 0) } }],
    });
    expect(text).toContain('key: !KeyOf "yes"');
    expect((readBack(text) as { entries: { attrs: unknown }[] }).entries[0].attrs).toStrictEqual({
      key: { '!tag': '!KeyOf', kind: 'scalar', value: 'yes' },
      index: { '!tag': '!Index', kind: 'scalar', value: '0' },
    });
  });

  it('uses a reader that notices YAML 1.1 scalars written plain', () => {
    // so a serializer that wrote these unquoted would fail the properties above
    expect(readBack('a: on\nb: yes\nc: 0755\nd: 1:20\ne: ~\ng: 0x1F\n'))
      .toStrictEqual({ a: true, b: true, c: 0o755, d: 80, e: null, g: 31 });
    // it is not PyYAML, though: it reads `[a?b]` as one string where PyYAML fails, which only the
    // conformance round trip catches (and test/yaml-scalars.test.ts pins)
    expect(readBack('f: [a?b]\n')).toStrictEqual({ f: ['a?b'] });
  });
});
