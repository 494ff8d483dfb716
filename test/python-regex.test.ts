import { describe, expect, it } from 'vitest';
import { checkPythonRegex, PYTHON_3_11_2, PYTHON_3_14 } from '../constructs/authentik/private/python-regex';
import { unicodeCharacterByName } from '../constructs/authentik/private/unicode-names';
import { PYTHON_REGEX_TABLE } from './fixtures/python-regex-table';

const accepted = PYTHON_REGEX_TABLE.filter(([, v311, v314]) => (v314 === undefined ? v311 : v314) === null);
const rejected = PYTHON_REGEX_TABLE.filter(([, v311, v314]) => (v314 === undefined ? v311 : v314) !== null);

describe('checkPythonRegex (Python 3.14, what authentik runs)', () => {
  it('covers at least 80 patterns, both verdicts', () => {
    expect(PYTHON_REGEX_TABLE.length).toBeGreaterThanOrEqual(80);
    expect(accepted.length).toBeGreaterThan(30);
    expect(rejected.length).toBeGreaterThan(30);
  });

  it.each(accepted.map(([p]) => [p]))('accepts %j as re.compile does', (pattern) => {
    expect(checkPythonRegex(pattern)).toBeUndefined();
  });

  it.each(rejected.map(([p, v311, v314]) => [p, v314 === undefined ? v311 : v314]))('rejects %j with Python\'s message', (pattern, message) => {
    expect(checkPythonRegex(pattern)).toBe(message);
  });
});

describe('checkPythonRegex (Python 3.11.2, the conformance oracle)', () => {
  it.each(PYTHON_REGEX_TABLE.map(([p, v311]) => [p, v311]))('gives %j the verdict and message Python 3.11.2 gave', (pattern, message) => {
    expect(checkPythonRegex(pattern, { dialect: PYTHON_3_11_2 }) ?? null).toBe(message);
  });
});

describe('Python-only and JavaScript-only syntax', () => {
  it('accepts what JavaScript rejects: global flags, \\A \\Z, possessive, atomic, conditional, named groups', () => {
    for (const p of ['(?i)^https://x\\.example\\.com/$', '\\Ahttps://a\\Z', 'a++b', '(?>a|ab)c', '(a)?(?(1)b|c)', '(?P<h>[a-z]+)\\.(?P=h)']) {
      expect(() => new RegExp(p, 'u')).toThrow();
      expect(checkPythonRegex(p), p).toBeUndefined();
    }
  });

  it('rejects what JavaScript accepts: \\p{…}, \\k<…>, (?<name>…), variable-width look-behind, \\e', () => {
    for (const p of ['\\p{L}+', '(?<host>x)\\k<host>', '(?<n>a)', '(?<=a+)b', '(?<=a|bc)d']) {
      expect(() => new RegExp(p, 'u')).not.toThrow();
      expect(checkPythonRegex(p), p).toBeDefined();
    }
  });

  it('rejects global flags after the start, as Python 3.11+ does', () => {
    expect(checkPythonRegex('https://x(?i)')).toBe('global flags not at the start of the expression at position 9');
  });

  it('counts positions in code points, as Python does', () => {
    expect(checkPythonRegex('😀(')).toBe('missing ), unterminated subpattern at position 1');
  });

  it('reports line and column for patterns with newlines', () => {
    expect(checkPythonRegex('a\n[')).toBe('unterminated character set at position 2 (line 2, column 1)');
  });

  it('accepts \\z only from Python 3.14 on', () => {
    expect(checkPythonRegex('a\\z', { dialect: PYTHON_3_14 })).toBeUndefined();
    expect(checkPythonRegex('a\\z', { dialect: PYTHON_3_11_2 })).toBe('bad escape \\z at position 1');
  });

  it('asks the given lookup about \\N{…} names', () => {
    expect(checkPythonRegex('\\N{MY NAME}', { characterByName: (n) => (n === 'MY NAME' ? 0x41 : undefined) })).toBeUndefined();
    expect(checkPythonRegex('\\N{EM DASH}', { characterByName: () => undefined })).toBe("undefined character name 'EM DASH' at position 0");
  });
});

describe('unicodeCharacterByName', () => {
  it('finds stored names in any ASCII case, CJK ideographs and Hangul syllables by rule', () => {
    const expected: Array<[string, number]> = [['EM DASH', 0x2014], ['em dash', 0x2014], ['LATIN SMALL LETTER SHARP S', 0xdf], ['SPACE', 0x20],
      ['CJK UNIFIED IDEOGRAPH-4E00', 0x4e00], ['CJK UNIFIED IDEOGRAPH-20000', 0x20000], ['HANGUL SYLLABLE GAG', 0xac01], ['HANGUL SYLLABLE A', 0xc544],
      ['GRINNING FACE', 0x1f600]];
    for (const [n, cp] of expected) expect(unicodeCharacterByName(n), n).toBe(cp);
  });

  it('gives \\N{…} its code point, so ranges between named characters are checked', () => {
    expect(checkPythonRegex('[$-\\N{EM DASH}]')).toBeUndefined();
    expect(checkPythonRegex('[\\N{EM DASH}-$]')).toBe('bad character range \\N-$ at position 10');
  });

  it('rejects misspelt names, lower-case algorithmic names and ideographs outside the ranges', () => {
    for (const n of ['EM  DASH', 'EMDASH', 'cjk unified ideograph-4e00', 'CJK UNIFIED IDEOGRAPH-4e00', 'CJK UNIFIED IDEOGRAPH-0041', 'HANGUL SYLLABLE XX', 'hangul syllable ga', '']) {
      expect(unicodeCharacterByName(n), n).toBeUndefined();
    }
  });
});
