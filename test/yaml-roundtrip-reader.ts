import { parseDocument, type CollectionTag, type ScalarTag } from 'yaml';
import { expect } from 'vitest';
import { TAG_NAMES, TagNodeKind } from '../constructs';
import { serializeBlueprint, type ResolvedValue } from '../constructs/blueprint/serialize';
import { roundTripDocument } from '../scripts/conformance/corpus';
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
export function readBack(text: string): unknown {
  const doc = parseDocument(text, { version: '1.1', customTags: [...SCALAR_TAGS, ...SEQUENCE_TAGS] });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  expect(doc.warnings.map((w) => w.message)).toEqual([]);
  return doc.toJS();
}

/** `value` (and `number`) in every position of a blueprint, serialized and read back unchanged. */
export function roundTrips(value: string, number = 0): void {
  const document = roundTripDocument(value, number);
  expect(readBack(serializeBlueprint(document))).toStrictEqual(encode(document as unknown as ResolvedValue) as Json);
}

/** fast-check's seed for the generated cases (`ROUNDTRIP_SEED` changes it). */
export const SEED = Number(process.env.ROUNDTRIP_SEED ?? 20260221);
