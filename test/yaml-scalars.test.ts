import { describe, expect, it } from 'vitest';
import { doubleQuote, isPlainSafe, numberScalar, stringScalar } from '../constructs/blueprint/yaml-scalars';

describe('isPlainSafe', () => {
  it('keeps the names, slugs and URLs of real blueprints plain', () => {
    for (const s of [
      'authentik_core.group', 'BlumeOps Common Identity', 'default-provider-authorization-implicit-consent',
      'https://grafana.ops.eblu.me/login/generic_oauth', 'authentik Self-signed Certificate', 'a:b', 'a#b', '/blueprints/custom',
    ]) expect(isPlainSafe(s), s).toBe(true);
  });

  it('quotes strings PyYAML would read as booleans', () => {
    for (const s of ['on', 'off', 'On', 'OFF', 'yes', 'No', 'YES', 'true', 'False', 'TRUE']) expect(isPlainSafe(s), s).toBe(false);
  });

  it('quotes y and n, which YAML 1.1 readers other than PyYAML take for booleans', () => {
    for (const s of ['y', 'Y', 'n', 'N']) expect(isPlainSafe(s), s).toBe(false);
  });

  it('quotes null and the empty string', () => {
    for (const s of ['~', 'null', 'Null', 'NULL', '']) expect(isPlainSafe(s), s).toBe(false);
  });

  it('quotes every YAML 1.1 spelling of a number', () => {
    for (const s of ['0', '0755', '0o755', '0x1F', '0b101', '1e3', '1.0e+3', '.5', '.inf', '-.inf', '.nan', '1:20', '190:20:30', '1_000']) {
      expect(isPlainSafe(s), s).toBe(false);
    }
  });

  it('quotes timestamps, which PyYAML turns into dates', () => {
    for (const s of ['2026-02-21', '2026-02-21T10:00:00Z', '2026-2-1 1:00:00']) expect(isPlainSafe(s), s).toBe(false);
  });

  it('quotes = and <<, PyYAML\'s value and merge keys', () => {
    expect(isPlainSafe('=')).toBe(false);
    expect(isPlainSafe('<<')).toBe(false);
  });

  it('quotes strings starting with an indicator', () => {
    for (const s of ['!Env', '*a', '&a', '#a', '-a', ':a', '?a', '|a', '>a', '%a', '@a', '`a', "'a", '"a', '[a', '{a', ',a']) {
      expect(isPlainSafe(s), s).toBe(false);
    }
  });

  it('quotes flow indicators anywhere, since blueprints put strings inside !Find [...]', () => {
    for (const s of ['a,b', 'a[b', 'a]b', 'a{b', 'a}b']) expect(isPlainSafe(s), s).toBe(false);
  });

  it('quotes ? anywhere: PyYAML ends a plain scalar at it inside a flow sequence', () => {
    // found by the conformance round trip: `!Find [m, [k, a?b]]` does not load in authentik
    for (const s of ['a?b', 'S?', 'https://forge.example/search?q=1']) expect(isPlainSafe(s), s).toBe(false);
  });

  it('quotes ": ", " #" and a trailing colon', () => {
    for (const s of ['a: b', 'a #b', 'a:', 'a:,']) expect(isPlainSafe(s), s).toBe(false);
  });

  it('quotes leading, trailing and repeated whitespace and every line break', () => {
    for (const s of [' a', 'a ', 'a  b', 'a\tb', 'a\nb', 'a\rb', 'a\x85b', 'a\u2028b']) expect(isPlainSafe(s), s).toBe(false);
  });

  it('quotes anything outside printable ASCII', () => {
    for (const s of ['é', 'a\ufeff', 'a\x7f', 'a\u200bb', '😀']) expect(isPlainSafe(s), s).toBe(false);
  });

  it('quotes strings over 200 characters', () => {
    expect(isPlainSafe('a'.repeat(200))).toBe(true);
    expect(isPlainSafe('a'.repeat(201))).toBe(false);
  });
});

describe('doubleQuote', () => {
  it('escapes the quote and the backslash', () => {
    expect(doubleQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('writes tab, newline, carriage return and NUL as short escapes', () => {
    expect(doubleQuote('\t\n\r\0')).toBe('"\\t\\n\\r\\0"');
  });

  it('escapes the line breaks PyYAML would fold: NEL, LS, PS', () => {
    expect(doubleQuote('\x85\u2028\u2029')).toBe('"\\x85\\u2028\\u2029"');
  });

  it('escapes C0, DEL, C1 controls and the no-break space', () => {
    expect(doubleQuote('\x01\x1b\x7f\x80\x9f\xa0')).toBe('"\\x01\\x1B\\x7F\\x80\\x9F\\xA0"');
  });

  it('escapes the BOM and the non-characters PyYAML\'s reader rejects', () => {
    expect(doubleQuote('\ufeff\ufffe\uffff')).toBe('"\\uFEFF\\uFFFE\\uFFFF"');
  });

  it('escapes lone surrogates but keeps a surrogate pair as the character', () => {
    expect(doubleQuote('\ud800')).toBe('"\\uD800"');
    expect(doubleQuote('\ude00\ud83d')).toBe('"\\uDE00\\uD83D"');
    expect(doubleQuote('😀')).toBe('"😀"');
  });

  it('escapes invisible format and private-use characters so reviewers see them', () => {
    expect(doubleQuote('\u200b\u202e\ue000')).toBe('"\\u200B\\u202E\\uE000"');
    expect(doubleQuote('\u{e0001}')).toBe('"\\U000E0001"');
  });

  it('keeps printable unicode as it is', () => {
    expect(doubleQuote('é日本語 مرحبا e\u0301')).toBe('"é日本語 مرحبا e\u0301"');
  });
});

describe('stringScalar', () => {
  it('is plain where safe and double-quoted otherwise', () => {
    expect(stringScalar('admins')).toBe('admins');
    expect(stringScalar('on')).toBe('"on"');
    expect(stringScalar('')).toBe('""');
  });
});

describe('numberScalar', () => {
  it('writes integers as they are, and -0 as 0', () => {
    expect(numberScalar(0)).toBe('0');
    expect(numberScalar(-0)).toBe('0');
    expect(numberScalar(42)).toBe('42');
    expect(numberScalar(-5)).toBe('-5');
    expect(numberScalar(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
  });

  it('writes floats with a dot, which PyYAML needs to read a float', () => {
    expect(numberScalar(0.1)).toBe('0.1');
    expect(numberScalar(123.456)).toBe('123.456');
  });

  it('writes small floats with a dot and a signed exponent (PyYAML reads 1e-7 as a string)', () => {
    expect(numberScalar(1e-7)).toBe('1.0e-7');
    expect(numberScalar(1.5e-10)).toBe('1.5e-10');
    expect(numberScalar(5e-324)).toBe('5.0e-324');
  });

  it('refuses what would not round-trip: NaN, infinities and integers beyond 2^53', () => {
    for (const n of [Number.NaN, Infinity, -Infinity, 2 ** 53, 1e21]) expect(() => numberScalar(n), String(n)).toThrow();
  });
});
