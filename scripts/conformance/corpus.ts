/**
 * Strings that must survive a trip through a blueprint file, and the document they are put in.
 * Shared by the PyYAML round trip (conformance step d) and the Node-only test (test/yaml-roundtrip.test.ts).
 */
import fc from 'fast-check';
import { Tag } from '../../constructs';
import { type BlueprintDocument } from '../../constructs/blueprint/serialize';
import { ModelName } from '../../constructs/catalog/model-facts';

/** Strings PyYAML's YAML 1.1 resolvers, its reader or a careless emitter are known to trip on. */
export const FIXED_CORPUS: readonly string[] = [
  // YAML 1.1 booleans and null
  'on', 'off', 'On', 'OFF', 'yes', 'no', 'Yes', 'NO', 'y', 'n', 'Y', 'N', 'true', 'False', 'TRUE',
  '~', 'null', 'Null', 'NULL', '', ' ', '  ',
  // numbers in every 1.1 spelling
  '0', '-0', '+1', '0755', '0o755', '0x1F', '0b101', '1e3', '1.0e+3', '1.0e3', '.5', '5.', '-.5', '+.5',
  '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', '1:20', '190:20:30', '-1:20', '1:20.5',
  '1_000', '1__0', '_1', '0_', '12e03', '123456789012345678901234567890',
  // timestamps
  '2026-02-21', '2026-2-1 1:00:00', '2026-02-21T10:00:00Z', '2026-02-21t10:00:00.123+01:00', '2026-02-21 10:00:00 -5',
  // value, merge and indicators
  '=', '==', '<<', '<< ', '!', '!Env', '!foo bar', '!!str', '*', '*a', '&', '&a', '#', '# x', '-', '- ', '--', '---',
  '...', ':', ': ', 'a:', 'a: b', 'a:b', 'a #b', 'a# b', '?', '? x', '|', '|-', '>', '>+', '%', '%YAML 1.1', '@', '`',
  "'", '"', "'a'", '"a"', "it's", '\\', '\\n', '[', ']', '{', '}', '[a, b]', '{a: b}', ',', 'a, b', 'a,b',
  // whitespace at the edges and inside
  ' a', 'a ', 'a  ', '\ta', 'a\t', 'a\tb', 'a  b',
  // line breaks of every kind
  '\n', 'a\nb', 'a\n', '\na', 'a\n\nb', 'a\r', 'a\rb', 'a\r\nb', '\r\n', 'a\x85b', '\x85', 'a\u2028b', 'a\u2029b',
  // invisible and control characters
  '\ufeff', 'a\ufeffb', '\ufeffa', 'a\x7fb', '\x80', '\x9f', 'a\x9bb', '\xa0', 'a\xa0', '\0', 'a\0b', '\x01', '\x1b[0m',
  '\x08', '\x0b', '\x0c', '\u200b', '\u200d', '\u00ad', '\ufffe', '\uffff', '\ufffd', '\ue000',
  // surrogates: lone halves, reversed pair, valid pair
  '\ud800', '\udfff', 'a\ud83db', '\ude00\ud83d', '\ud83d\ude00',
  // other scripts, emoji, combining marks, right-to-left
  'é', 'e\u0301', '\u0301', 'a\u0301\u0302\u0303', '😀', '👩‍👩‍👧‍👦', '🇫🇷', '日本語', 'Ελληνικά',
  'مرحبا بالعالم', 'שלום', '\u202eabc', 'a\u200fb', '\u{10ffff}', '\u{1d11e}',
  // things that look like what the serializer writes plainly
  'BlumeOps Common Identity', 'https://grafana.ops.eblu.me/login/generic_oauth', ModelName.GROUP,
  'a-b_c.d/e@f+g=h', '%s-%s', 'a%%b', 'x:y', 'http://a:b@c', '/blueprints/custom', 'C:\\dir',
  // `?` ends a plain scalar inside a flow sequence such as `!Find [...]` (found by the PyYAML round trip)
  'a?b', 'S?', 'https://forge.example/search?q=1&x=y', 'x?:y',
  // keys that mean something to JavaScript objects
  '__proto__', 'constructor', 'hasOwnProperty', 'toString',
  // long strings, with and without breaks and quotes
  'x'.repeat(1025), 'ab '.repeat(4000), 'line\n'.repeat(2500), `"${"'".repeat(10_001)}"`, '😀'.repeat(5001),
  `${'a'.repeat(200)}`, `${'a'.repeat(201)}`,
];

// pieces that mean something to a YAML reader, glued together in random orders
const FRAGMENTS: readonly string[] = [
  'a', 'Z', '0', '1', '9', '.', '-', '+', '_', 'e', 'E', 'x', 'o', 'b', ':', ': ', ' #', '#', '!', '&', '*', '?', '|',
  '>', '%', '@', '`', "'", '"', '\\', ',', '[', ']', '{', '}', '=', '<<', '~', ' ', '  ', '\t', '\n', '\r', '\r\n',
  '\x85', '\u2028', '\u2029', '\ufeff', '\x7f', '\x9b', '\0', '\xa0', '---', '...', 'yes', 'no', 'on', 'off', 'null',
  'true', 'y', 'n', '.inf', '.nan', '0x', '0o', '0b', '1_0', '12:30', '2026-02-21', 'T', 'Z', '😀', 'e\u0301',
  '\ud800', '\udc00', '\u200b', 'א', '%s',
];

const fragment = fc.constantFrom(...FRAGMENTS);

/** Any UTF-16 code unit, lone surrogates included (fast-check's 'binary' unit never splits a pair). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));

/** The generated strings: full unicode, graphemes, raw code units and YAML-significant fragments. */
export const yamlStrings: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string(), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme' }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme-composite' }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary' }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary-ascii' }), weight: 4 },
  { arbitrary: fc.string({ unit: codeUnit }), weight: 4 },
  { arbitrary: fc.string({ unit: fragment, maxLength: 8 }), weight: 4 },
  { arbitrary: fc.string({ unit: fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 2 })), maxLength: 12 }), weight: 4 },
  // short corpus strings with something glued on either side (the corpus itself is checked as is)
  {
    arbitrary: fc.tuple(fc.string({ unit: fragment, maxLength: 2 }), fc.constantFrom(...FIXED_CORPUS.filter((s) => s.length < 100)),
      fc.string({ unit: fragment, maxLength: 2 })).map((parts) => parts.join('')),
    weight: 4,
  },
  // past the 200-character plain limit and PyYAML's 1024-character implicit key limit
  { arbitrary: fc.string({ unit: fc.oneof(fragment, fc.constant('a')), minLength: 150, maxLength: 1200 }), weight: 1 },
);

/** Numbers the serializer accepts: every finite double except integers beyond 2^53. */
export const blueprintNumbers: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
).filter((n) => !Number.isInteger(n) || Number.isSafeInteger(n));

/** Numbers at the edges of PyYAML's int and float resolvers. */
export const FIXED_NUMBERS: readonly number[] = [
  0, -0, 1, -1, 0.5, -0.5, 0.1, 1e-7, 1.5e-10, 123.456, 5e-324, Number.EPSILON, Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1234567.125, 9007199254740.5, 1.7976931348623157e-300, 4.35e-12,
];

/**
 * A blueprint that holds `value` in every position a string can take: metadata, identifiers, attrs,
 * a nested list, a mapping key, and inside `!Find`, `!Env` and `!Format`; and `number` in attrs.
 */
export function roundTripDocument(value: string, number = 0): BlueprintDocument {
  return {
    version: 1,
    metadata: { name: value, labels: { 'blueprints.goauthentik.io/description': value } },
    entries: [{
      model: ModelName.GROUP,
      id: 'roundtrip',
      state: 'present',
      identifiers: { name: value },
      attrs: {
        value,
        nested: [value, [value, { inner: value }]],
        keyed: { [value]: value },
        find: Tag.find(ModelName.USER, ['username', value]),
        env: Tag.env('ROUNDTRIP_VAR', value),
        format: Tag.format('%s-%s', value, number),
        number,
        scalars: [true, false, null, number],
      },
    }],
  };
}
