/**
 * Conformance step e, Node side: what `checkPythonRegex` says about the table of
 * test/fixtures/python-regex-table.ts and thousands of generated patterns, for check_python_regex.py
 * to compare with real `re.compile`.
 *
 * Usage: node --import tsx scripts/conformance/generate-regex-cases.ts FEATURES.json OUT.json
 * FEATURES.json is `check_python_regex.py --features`: which of the dialect differences this Python has.
 * Env: CONFORMANCE_SEED (default 20260221), CONFORMANCE_RUNS (generated patterns, default 10000; at
 * least 2,000 are always generated).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { checkPythonRegex, type PythonReDialect } from '../../constructs/authentik/private/python-regex';
import { PYTHON_REGEX_TABLE } from '../../test/fixtures/python-regex-table';

const [featuresFile, out] = process.argv.slice(2);
if (!featuresFile || !out) throw new Error('usage: generate-regex-cases.ts FEATURES.json OUT.json');
const features = JSON.parse(readFileSync(featuresFile, 'utf8')) as Omit<PythonReDialect, 'name'> & { version: string };
const dialect: PythonReDialect = { ...features, name: features.version };
const seed = Number(process.env.CONFORMANCE_SEED ?? 20260221);
const runs = Math.max(2000, Number(process.env.CONFORMANCE_RUNS ?? 10_000));
if (!Number.isInteger(seed) || !Number.isInteger(runs)) throw new Error('CONFORMANCE_SEED and CONFORMANCE_RUNS must be integers');

// pieces of Python and JavaScript regex syntax, valid and broken, and of redirect URI patterns
const FRAGMENTS = [
  '(', ')', '(?:', '(?P<a>', '(?P<b>', '(?P<1>', '(?P=a)', '(?P=b)', '(?<=', '(?<!', '(?=', '(?!', '(?>', '(?<a>', '(?(1)', '(?(a)',
  '(?(2)', '(?(0)', '(?( 1)', '(?(\x1c1)', '(?(\u00a01)', '(?(\ufeff1)', '(?(+1)', '(?(1_0)', '(?(١)', '(?(-1)', '|', '*', '+', '?', '*?', '+?', '??', '*+', '++', '?+', '{2}', '{1,3}', '{,2}', '{2,}', '{3,1}', '{}', '{', '}',
  '{1,3}?', '{2}+', '[', ']', '[a-z]', '[^a]', '[z-a]', '[\\d-]', '[\\w-z]', '[]', '-', '^', '$', '\\A', '\\Z', '\\z', '\\b', '\\B', '\\d',
  '\\D', '\\w', '\\s', '\\1', '\\2', '\\10', '\\0', '\\08', '\\01', '\\377', '\\400', '\\x4', '\\x41', '\\u00e9', '\\u12', '\\U0001F600',
  '\\U00110000', '\\N{EM DASH}', '\\N{em dash}', '\\N{NOPE}', '\\N{GRINNING FACE}', '\\N{HANGUL SYLLABLE GAG}', '\\N{HANGUL SYLLABLE GAX}',
  '\\N{CJK UNIFIED IDEOGRAPH-4E00}', '\\N{CJK UNIFIED IDEOGRAPH-4e00}', '\\N{CJK UNIFIED IDEOGRAPH-A000}', '\\N{SOLIDUS}', '\\N{FULL STOP}', '\\N{', '\\N', '\\p{L}', '\\k<a>', '\\e', '\\i', '\\c', '\\g', '\\-', '\\.', '\\/',
  '\\\\', '\\', 'a', 'b', 'x', '.', '.*', '.+?', '(?i)', '(?x)', '(?s)', '(?i:', '(?-i:', '(?a)', '(?u)', '(?L)', '(?t)', '(?au)',
  '(?i-i:', '(?-:', '(?#c)', '(?#', ' ', '#', '\n', 'é', '😀', '1', '_', 'https://', 'app\\.example\\.com', 'example.com', '/callback',
  '[0-9]+', '(dev|prod)', '[a-z0-9-]+', '(?P<env>[a-z]+)', ':8443', '/oauth2/callback/?', '(?<=\\.)', '(?<=a|bc)', '(?<=a+)',
];

const fragmentPatterns = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
const charPatterns = fc.array(fc.constantFrom(...'()[]{}|*+?^$.\\-,:=!<>#P0123456789aAbBdDwWzZxuNk '.split('')), { minLength: 1, maxLength: 10 })
  .map((chars) => chars.join(''));
const generated = [
  ...fc.sample(fragmentPatterns, { numRuns: Math.ceil(runs * 0.7), seed }),
  ...fc.sample(charPatterns, { numRuns: Math.floor(runs * 0.3), seed: seed + 1 }),
];

const patterns = [...PYTHON_REGEX_TABLE.map(([p]) => p), ...generated];
const cases = patterns.map((pattern) => ({ pattern, expected: checkPythonRegex(pattern, { dialect }) ?? null }));
writeFileSync(out, JSON.stringify({ seed, dialect, table: PYTHON_REGEX_TABLE.length, generated: generated.length, cases }));
