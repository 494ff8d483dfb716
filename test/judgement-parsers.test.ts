import { describe, expect, it } from 'vitest';
import { goRegexpError } from '../constructs/authentik/rules/go-regexp';
import { pythonSyntaxError } from '../constructs/authentik/rules/python-syntax';
import { PYTHON_SYNTAX_CASES } from '../scripts/conformance/python-syntax-cases';

describe('pythonSyntaxError (CPython verdicts checked against compile() by conformance step k)', () => {
  it.each(PYTHON_SYNTAX_CASES.map((c) => [c.valid ? 'accepts' : 'refuses', JSON.stringify(c.expression), c.expression, c.valid] as const))(
    '%s %s', (_verb, _shown, expression, valid) => {
      expect(pythonSyntaxError(expression) === undefined).toBe(valid);
    });

  it('says where the expression fails', () => {
    expect(pythonSyntaxError('x = 1\nreturn {')).toMatch(/^line 2, column \d+: "return \{"$/);
  });
});

// Go's regexp/syntax (RE2): what it refuses and what it takes that other engines lack
describe('goRegexpError (RE2 syntax, as Go\'s regexp.Compile reads it)', () => {
  it.each([
    ['a lookahead', '^/api/(?=v1)'], ['a negative lookahead', '^/(?!admin)'], ['a lookbehind', '(?<=a)b'], ['a negative lookbehind', '(?<!a)b'],
    ['a backreference', '(a)\\1'], ['a possessive quantifier', 'a++'], ['an atomic group', '(?>a)'], ['Python\'s \\Z', 'a\\Z'],
    ['a repeat count over 1000', 'a{1001}'], ['a nested repetition', 'a**'], ['a reversed class range', '[z-a]'], ['an unclosed group', '(a'],
    ['a conditional', '(?(1)a|b)'], ['\\k<name>', '(?P<n>a)\\k<n>'],
  ])('refuses %s (%s)', (_what, pattern) => {
    expect(goRegexpError(pattern)).toBeDefined();
  });

  it.each([
    ['a plain prefix', '^/public/.*'], ['a Python-style named group', '(?P<n>a)'], ['a named group (Go 1.22)', '(?<n>a)'], ['a Unicode class', '\\pL+'],
    ['a POSIX class', '[[:alpha:]]+'], ['flags', '(?i)^/api'], ['\\z', '^/health\\z'], ['a quoted literal', '\\Q/a.b\\E'], ['a lazy quantifier', 'a+?'],
    ['a repeat count of 1000', 'a{1000}'],
  ])('accepts %s (%s)', (_what, pattern) => {
    expect(goRegexpError(pattern)).toBeUndefined();
  });
});
