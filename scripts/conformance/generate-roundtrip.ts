/**
 * Conformance step d, Node side: serializes a blueprint around each of many strings and writes the
 * YAML with the values it must read back as, for check_roundtrip.py to load with authentik's loader.
 *
 * Usage: node --import tsx scripts/conformance/generate-roundtrip.ts OUT.json
 * Env: CONFORMANCE_SEED (default 20260221), CONFORMANCE_RUNS (generated strings, default 10000).
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { serializeBlueprint, type ResolvedValue } from '../../constructs/blueprint/serialize';
import { blueprintNumbers, FIXED_CORPUS, FIXED_NUMBERS, roundTripDocument, yamlStrings } from './corpus';
import { encode, type Json } from './encode';

/** One string, the file it was written in (or why that failed), and what the file must read back as. */
interface Case {
  readonly input: string;
  readonly yaml?: string;
  readonly error?: string;
  readonly expected: Json;
}

const out = process.argv[2];
if (!out) throw new Error('usage: generate-roundtrip.ts OUT.json');
const seed = Number(process.env.CONFORMANCE_SEED ?? 20260221);
const runs = Number(process.env.CONFORMANCE_RUNS ?? 10_000);
if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) throw new Error('CONFORMANCE_SEED and CONFORMANCE_RUNS must be integers');

const generated = fc.sample(yamlStrings, { numRuns: runs, seed });
const numbers = [...FIXED_NUMBERS, ...fc.sample(blueprintNumbers, { numRuns: runs, seed })];
const cases: Case[] = [...FIXED_CORPUS, ...generated].map((input, i) => {
  const document = roundTripDocument(input, numbers[i % numbers.length]);
  const expected = encode(document as unknown as ResolvedValue);
  try {
    return { input, yaml: serializeBlueprint(document), expected };
  } catch (err) {
    return { input, error: (err as Error).message, expected };
  }
});
// JSON.stringify escapes lone surrogates (\ud800), so the file is valid UTF-8 and carries them exactly
writeFileSync(out, JSON.stringify({ seed, generated: generated.length, fixed: FIXED_CORPUS.length, cases }));
