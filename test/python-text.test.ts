import { describe, expect, it } from 'vitest';
import { decimalDigitValue, pyFloat, pyStrip, pyStripNumber } from '../constructs/authentik/private/python-text';

// expected values written from /usr/bin/python3 (3.11.2): float(s), s.strip()
describe('pyFloat, Python\'s float()', () => {
  it.each([
    ['1', 1], ['1.', 1], ['.5', 0.5], ['1_0', 10], ['1e5', 100000], ['1E+5', 100000], ['1e1_0', 1e10], [' 1 ', 1], ['١٢', 12],
    ['1.5_0', 1.5], ['+.5e-3', 0.0005], ['-Infinity', -Infinity], ['inf', Infinity], ['1\u00a0', 1], ['\u20021', 1],
  ])('reads %j as %d', (text, value) => {
    expect(pyFloat(text)).toBe(value);
  });

  it('reads nan as NaN', () => {
    expect(pyFloat('NaN')).toBeNaN();
  });

  it.each(['1__0', '_1', '1_', '0x10', '1_.5', '', '.', 'e5', '1e', '∞', '\x1c1', '\ufeff1', '1.2.3', '--1'])('rejects %j, as float() raises ValueError', (text) => {
    expect(pyFloat(text)).toBeUndefined();
  });
});

describe('pyStrip and pyStripNumber', () => {
  it('strip() removes Unicode whitespace and \\x1c-\\x1f, but not a byte order mark', () => {
    expect(pyStrip(' \t\x1cmedia\u3000\n')).toBe('media');
    expect(pyStrip('\ufeffmedia')).toBe('\ufeffmedia');
  });

  it('numbers keep \\x1c-\\x1f, which float() does not skip', () => {
    expect(pyStripNumber('\x1c1 ')).toBe('\x1c1');
  });
});

describe('decimalDigitValue', () => {
  it('reads decimal digits of any script', () => {
    expect(['0', '٣', '९', '𝟘', '𝟡', '𝟫'].map(decimalDigitValue)).toEqual([0, 3, 9, 0, 9, 9]);
  });
});
