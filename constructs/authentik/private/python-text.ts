/**
 * Python's reading of text where authentik's behaviour depends on it: `str.strip()` and `float()`.
 */

/** Python's `str.isspace()` characters (Unicode White_Space, plus the separators \x1c–\x1f). */
const PY_WHITESPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const SURROUNDING = new RegExp(`^${PY_WHITESPACE}+|${PY_WHITESPACE}+$`, 'gu');
/** What `int()` and `float()` skip around a number: Unicode White_Space, without \x1c–\x1f. */
const NUMBER_WHITESPACE = '[\\t\\n\\v\\f\\r\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const AROUND_NUMBER = new RegExp(`^${NUMBER_WHITESPACE}+|${NUMBER_WHITESPACE}+$`, 'gu');

/** `str.strip()`: the text without the whitespace Python strips from both ends. */
export function pyStrip(text: string): string {
  return text.replace(SURROUNDING, '');
}

/** The text without the whitespace `int()` and `float()` skip around a number. */
export function pyStripNumber(text: string): string {
  return text.replace(AROUND_NUMBER, '');
}

/** The value of a Unicode decimal digit (`\p{Nd}`): digits come in runs of ten, starting at zero. */
export function decimalDigitValue(ch: string): number {
  let cp = ch.codePointAt(0)!;
  let run = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
    cp--;
    run++;
  }
  return run % 10;
}

const DIGITS = '\\p{Nd}(?:_?\\p{Nd})*';
const FLOAT = new RegExp(`^([+-]?)(?:(${DIGITS})?(?:\\.(${DIGITS})?)?(?:[eE]([+-]?${DIGITS}))?|(inf|infinity|nan))$`, 'iu');

/**
 * `float(text)`: the number Python reads, or undefined where it raises ValueError. Reads what Python
 * reads: surrounding whitespace (not \x1c–\x1f, which `str.strip()` removes), a sign, `_` between digits, any Unicode decimal digits, `inf`,
 * `infinity` and `nan` in any case; not hexadecimal or `∞`.
 */
export function pyFloat(text: string): number | undefined {
  const m = FLOAT.exec(pyStripNumber(text));
  if (!m) return undefined;
  const [, sign, whole, fraction, exponent, word] = m;
  if (word !== undefined) {
    const lower = word.toLowerCase();
    if (lower === 'nan') return NaN;
    return sign === '-' ? -Infinity : Infinity;
  }
  if (whole === undefined && fraction === undefined) return undefined; // ".", "e5", ""
  const ascii = (digits: string | undefined): string => Array.from((digits ?? '').replace(/_/g, '')).map((c) => (/[0-9]/.test(c) ? c : String(decimalDigitValue(c)))).join('');
  const exp = exponent === undefined ? '' : `e${exponent[0] === '-' || exponent[0] === '+' ? exponent[0] + ascii(exponent.slice(1)) : ascii(exponent)}`;
  return Number(`${sign}${ascii(whole) || '0'}.${ascii(fraction) || '0'}${exp}`);
}
