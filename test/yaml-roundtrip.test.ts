import fc from 'fast-check';
import { parseDocument, type CollectionTag, type ScalarTag } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TAG_NAMES, Tag, TagNodeKind } from '../constructs';
import { serializeBlueprint, type ResolvedValue } from '../constructs/blueprint/serialize';
import {
  blueprintNumbers, FIXED_CORPUS, FIXED_NUMBERS, roundTripDocument, yamlStrings,
} from '../scripts/conformance/corpus';
import { encode, type Json } from '../scripts/conformance/encode';

// Node-only stand-in for the PyYAML round trip of `npm run conformance` (step d): the `yaml` library in
// YAML 1.1 mode, with each of authentik's 14 tags read into the same JSON form the Python loader gives
const SCALAR_TAGS: ScalarTag[] = TAG_NAMES.map((name) => ({
  tag: name,
  resolve: (text: string) => ({ '!tag': name, kind: TagNodeKind.SCALAR, value: text }),
}));
const SEQUENCE_TAGS: CollectionTag[] = TAG_NAMES.map((name) => ({
  tag: name,
  collection: 'seq',
  resolve: (seq) => ({ '!tag': name, kind: TagNodeKind.SEQUENCE, value: seq.toJSON() }),
}));

/** Reads a blueprint file back; any error or warning fails the test. */
function readBack(text: string): unknown {
  const doc = parseDocument(text, { version: '1.1', customTags: [...SCALAR_TAGS, ...SEQUENCE_TAGS] });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  expect(doc.warnings.map((w) => w.message)).toEqual([]);
  return doc.toJS();
}

function roundTrips(value: string, number = 0): void {
  const document = roundTripDocument(value, number);
  expect(readBack(serializeBlueprint(document))).toStrictEqual(encode(document as unknown as ResolvedValue) as Json);
}

const SEED = Number(process.env.ROUNDTRIP_SEED ?? 20260221);

describe('serializeBlueprint round trip through a YAML 1.1 reader', () => {
  it('reads back every string of the fixed corpus in every position', () => {
    for (const value of FIXED_CORPUS) roundTrips(value);
  });

  it('reads back every number of the fixed corpus', () => {
    for (const number of FIXED_NUMBERS) roundTrips('n', number);
  });

  it('reads back generated strings and numbers (2,000 runs)', () => {
    fc.assert(fc.property(yamlStrings, blueprintNumbers, (value, number) => roundTrips(value, number)), {
      numRuns: 2_000,
      seed: SEED,
    });
  });

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
