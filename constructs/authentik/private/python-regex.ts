/**
 * Whether Python's `re.compile(pattern)` accepts a pattern, decided in Node.
 *
 * authentik compiles regex redirect URIs with Python's `re` ("Invalid Regex Pattern" fails the whole
 * blueprint), and Python's syntax differs from JavaScript's both ways. This is a port of the grammar
 * of CPython's `Lib/re/_parser.py` (`parse`, `_parse_sub`, `_parse`, `_escape`, `_class_escape`,
 * `_parse_flags`, the `Tokenizer` and `State` checks) plus the checks `Lib/re/_compiler.py` makes on
 * the parsed tree (fixed-width look-behind, "looks too much behind", the 3.11 template flag), without
 * the code generation. Positions are counted in code points, as Python counts them, and messages are
 * Python's own (`str(re.error)`, including " at position N" and the line/column suffix).
 *
 * The default dialect is Python 3.14's, the one authentik 2026.2 runs. `PYTHON_3_11_2` describes the
 * Python 3.11.2 of Debian bookworm, which `npm run conformance` uses as the oracle; the differences
 * between the two are the fields of `PythonReDialect`. Not emulated: the Unicode database version
 * (group names use Node's `XID_Start`/`XID_Continue`, `\N{…}` the table in `unicode-names.ts`).
 */
import { decimalDigitValue, pyStripNumber } from './python-text';
import { unicodeCharacterByName } from './unicode-names';

/** The points where Python versions disagree about which patterns compile. */
export interface PythonReDialect {
  /** Short name for messages, e.g. `3.14`. */
  readonly name: string;
  /** `\z` means end of string (3.14+); before, it is a bad escape. */
  readonly zEscape: boolean;
  /** The inline template flag `(?t)` exists (removed in 3.13); repeats then fail to compile. */
  readonly templateFlag: boolean;
  /**
   * A conditional group reference `(?(x)…)` is a group number only when it is ASCII digits, otherwise it
   * must be a group name (3.12+). Before, anything `int()` reads (` 1`, `+1`, `1_0`, `١`) was a number.
   */
  readonly strictConditionalReferences: boolean;
  /**
   * Widths are computed up to 2**64 and a look-behind wider than 2**32-1 is "looks too much behind"
   * (3.11.5+, 3.12+); before, widths were capped at MAXREPEAT.
   */
  readonly wideWidths: boolean;
}

/** Python 3.14 (authentik 2026.2's runtime). */
export const PYTHON_3_14: PythonReDialect = {
  name: '3.14', zEscape: true, templateFlag: false, strictConditionalReferences: true, wideWidths: true,
};

/** Python 3.11.2 (Debian bookworm's `/usr/bin/python3`, the conformance oracle). */
export const PYTHON_3_11_2: PythonReDialect = {
  name: '3.11.2', zEscape: false, templateFlag: true, strictConditionalReferences: false, wideWidths: false,
};

/** Options for `checkPythonRegex`. */
export interface PythonRegexOptions {
  /** The Python whose `re` decides; default Python 3.14. */
  readonly dialect?: PythonReDialect;
  /** The code point of `\N{name}`, undefined for no such name; default: the table of `unicode-names.ts`. */
  readonly characterByName?: (name: string) => number | undefined;
}

/**
 * Checks a pattern the way Python's `re.compile(pattern)` does.
 *
 * @returns undefined when Python compiles it, otherwise Python's message, e.g.
 *   `unknown extension ?<n at position 1` (`re.error`), or the text of the `OverflowError` /
 *   `ValueError` Python raises for numbers it cannot hold, prefixed with the exception name
 */
export function checkPythonRegex(pattern: string, options: PythonRegexOptions = {}): string | undefined {
  const dialect = options.dialect ?? PYTHON_3_14;
  try {
    const parsed = parse(pattern, dialect, options.characterByName ?? unicodeCharacterByName);
    compileChecks(parsed.items, parsed.state.flags, dialect, parsed.state);
    return undefined;
  } catch (e) {
    if (e instanceof PatternError) return e.message;
    if (e instanceof PythonException) return `${e.kind}: ${e.message}`;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// errors

/** `re.error` (`re.PatternError` since 3.13): message with " at position N" and, for patterns with newlines, the line and column. */
class PatternError extends Error {
  constructor(msg: string, chars?: readonly string[], pos?: number) {
    let text = msg;
    if (chars !== undefined && pos !== undefined) {
      text = `${msg} at position ${pos}`;
      if (chars.includes('\n')) {
        let line = 1;
        let lastNewline = -1;
        for (let i = 0; i < pos && i < chars.length; i++) {
          if (chars[i] === '\n') { line++; lastNewline = i; }
        }
        text = `${text} (line ${line}, column ${pos - lastNewline})`;
      }
    }
    super(text);
  }
}

/** Another Python exception that escapes `re.compile` (`OverflowError`, `ValueError`). */
class PythonException extends Error {
  constructor(readonly kind: 'OverflowError' | 'ValueError', message: string) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// constants of Lib/re/_constants.py and _parser.py (CODESIZE 4, 64-bit build)

const MAXREPEAT = 4294967295n;
const MAXCODE = 4294967295n;
const MAXGROUPS = 1073741823;
const MAXWIDTH = 1n << 64n;
const INT_MAX_STR_DIGITS = 4300;

const SPECIAL_CHARS = new Set('.\\[{()*+?^$|');
const REPEAT_CHARS = new Set('*+?{');
const DIGITS = new Set('0123456789');
const OCTDIGITS = new Set('01234567');
const HEXDIGITS = new Set('0123456789abcdefABCDEF');
const ASCIILETTERS = new Set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const WHITESPACE = new Set(' \t\n\r\v\f');

const FLAG_IGNORECASE = 2;
const FLAG_LOCALE = 4;
const FLAG_MULTILINE = 8;
const FLAG_DOTALL = 16;
const FLAG_UNICODE = 32;
const FLAG_VERBOSE = 64;
const FLAG_DEBUG = 128;
const FLAG_ASCII = 256;
const FLAG_TEMPLATE = 1;
const TYPE_FLAGS = FLAG_ASCII | FLAG_LOCALE | FLAG_UNICODE;

function flagTable(dialect: PythonReDialect): Map<string, number> {
  const flags = new Map<string, number>([
    ['i', FLAG_IGNORECASE], ['L', FLAG_LOCALE], ['m', FLAG_MULTILINE], ['s', FLAG_DOTALL], ['x', FLAG_VERBOSE],
    ['a', FLAG_ASCII], ['u', FLAG_UNICODE],
  ]);
  if (dialect.templateFlag) flags.set('t', FLAG_TEMPLATE);
  return flags;
}

function globalFlags(dialect: PythonReDialect): number {
  return FLAG_DEBUG | (dialect.templateFlag ? FLAG_TEMPLATE : 0);
}

// one-character escapes that stand for a character, in and out of sets
const ESCAPES = new Map<string, number>([
  ['\\a', 7], ['\\b', 8], ['\\f', 12], ['\\n', 10], ['\\r', 13], ['\\t', 9], ['\\v', 11], ['\\\\', 92],
]);

// escapes that stand for a position (AT) or a class (IN)
function category(escape: string, dialect: PythonReDialect): 'AT' | 'IN' | undefined {
  switch (escape) {
    case '\\A': case '\\b': case '\\B': case '\\Z': return 'AT';
    case '\\z': return dialect.zEscape ? 'AT' : undefined;
    case '\\d': case '\\D': case '\\s': case '\\S': case '\\w': case '\\W': return 'IN';
    default: return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// the parsed tree, reduced to what widths and the compiler's checks need

type Item =
  | { readonly op: 'UNIT' } // LITERAL, NOT_LITERAL, ANY, IN, CATEGORY: one character
  | { readonly op: 'AT' }
  | { readonly op: 'REPEAT'; readonly kind: 'MAX_REPEAT' | 'MIN_REPEAT' | 'POSSESSIVE_REPEAT'; readonly min: bigint; readonly max: bigint; readonly item: SubPattern }
  | { readonly op: 'SUBPATTERN'; readonly group: number | null; readonly addFlags: number; readonly delFlags: number; readonly p: SubPattern }
  | { readonly op: 'ATOMIC_GROUP'; readonly p: SubPattern }
  | { readonly op: 'ASSERT'; readonly dir: 1 | -1; readonly p: SubPattern }
  | { readonly op: 'BRANCH'; readonly items: SubPattern[] }
  | { readonly op: 'GROUPREF'; readonly group: number }
  | { readonly op: 'GROUPREF_EXISTS'; readonly group: number; readonly yes: SubPattern; readonly no: SubPattern | null };

class SubPattern {
  private width: readonly [bigint, bigint] | undefined;
  constructor(readonly state: State, readonly items: Item[] = []) {}

  /** `SubPattern.getwidth()`: the (min, max) length of what it matches, capped as the dialect caps it. */
  getwidth(dialect: PythonReDialect): readonly [bigint, bigint] {
    if (this.width) return this.width;
    let lo = 0n;
    let hi = 0n;
    for (const item of this.items) {
      switch (item.op) {
        case 'BRANCH': {
          let i = dialect.wideWidths ? MAXWIDTH : MAXREPEAT - 1n;
          let j = 0n;
          for (const branch of item.items) {
            const [l, h] = branch.getwidth(dialect);
            if (l < i) i = l;
            if (h > j) j = h;
          }
          lo += i; hi += j;
          break;
        }
        case 'ATOMIC_GROUP': case 'SUBPATTERN': {
          const [i, j] = item.p.getwidth(dialect);
          lo += i; hi += j;
          break;
        }
        case 'REPEAT': {
          const [i, j] = item.item.getwidth(dialect);
          lo += i * item.min;
          if (dialect.wideWidths && item.max === MAXREPEAT && j !== 0n) hi = MAXWIDTH;
          else hi += j * item.max;
          break;
        }
        case 'UNIT':
          lo += 1n; hi += 1n;
          break;
        case 'GROUPREF': {
          const [i, j] = this.state.groupwidths[item.group]!;
          lo += i; hi += j;
          break;
        }
        case 'GROUPREF_EXISTS': {
          let [i, j] = item.yes.getwidth(dialect);
          if (item.no !== null) {
            const [l, h] = item.no.getwidth(dialect);
            if (l < i) i = l;
            if (h > j) j = h;
          } else {
            i = 0n;
          }
          lo += i; hi += j;
          break;
        }
        default:
          break; // AT and ASSERT match no characters
      }
    }
    const capLo = dialect.wideWidths ? MAXWIDTH : MAXREPEAT - 1n;
    const capHi = dialect.wideWidths ? MAXWIDTH : MAXREPEAT;
    this.width = [lo < capLo ? lo : capLo, hi < capHi ? hi : capHi];
    return this.width;
  }
}

class State {
  flags = 0;
  readonly groupdict = new Map<string, number>();
  readonly groupwidths: Array<readonly [bigint, bigint] | null> = [null]; // group 0
  lookbehindgroups: number | null = null;
  readonly grouprefpos = new Map<number, number>();

  constructor(readonly dialect: PythonReDialect) {}

  get groups(): number {
    return this.groupwidths.length;
  }

  /** @throws a bare message (re-raised with a position by the caller) */
  opengroup(name: string | null): number {
    const gid = this.groups;
    this.groupwidths.push(null);
    if (this.groups > MAXGROUPS) throw new BareError('too many groups');
    if (name !== null) {
      const ogid = this.groupdict.get(name);
      if (ogid !== undefined) {
        throw new BareError(`redefinition of group name ${pyRepr(name)} as group ${gid}; was group ${ogid}`);
      }
      this.groupdict.set(name, gid);
    }
    return gid;
  }

  closegroup(gid: number, p: SubPattern): void {
    this.groupwidths[gid] = p.getwidth(this.dialect);
  }

  checkgroup(gid: number): boolean {
    return gid < this.groups && this.groupwidths[gid] !== null;
  }

  checklookbehindgroup(gid: number, source: Tokenizer): void {
    if (this.lookbehindgroups !== null) {
      if (!this.checkgroup(gid)) throw source.error('cannot refer to an open group');
      if (gid >= this.lookbehindgroups) throw source.error('cannot refer to group defined in the same lookbehind subpattern');
    }
  }
}

/** `error(msg)` raised without a pattern, caught and re-raised with a position. */
class BareError extends Error {}

// ---------------------------------------------------------------------------------------------
// the tokenizer: one code point, or a backslash and the code point after it

/** Length in code points, as Python's len() counts a str. */
function cpLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

class Tokenizer {
  readonly chars: readonly string[];
  private index = 0;
  next: string | null = null;
  private nextLen = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
    this.advance();
  }

  private advance(): void {
    let index = this.index;
    if (index >= this.chars.length) {
      this.next = null;
      this.nextLen = 0;
      return;
    }
    let char = this.chars[index]!;
    let length = 1;
    if (char === '\\') {
      index += 1;
      if (index >= this.chars.length) throw new PatternError('bad escape (end of pattern)', this.chars, this.chars.length - 1);
      char += this.chars[index]!;
      length = 2;
    }
    this.index = index + 1;
    this.next = char;
    this.nextLen = length;
  }

  match(char: string): boolean {
    if (char === this.next) {
      this.advance();
      return true;
    }
    return false;
  }

  get(): string | null {
    const current = this.next;
    this.advance();
    return current;
  }

  getwhile(n: number, charset: ReadonlySet<string>): string {
    let result = '';
    for (let i = 0; i < n; i++) {
      const c = this.next;
      if (c === null || !charset.has(c)) break;
      result += c;
      this.advance();
    }
    return result;
  }

  getuntil(terminator: string, name: string): string {
    let result = '';
    for (;;) {
      const c = this.next;
      this.advance();
      if (c === null) {
        if (!result) throw this.error(`missing ${name}`);
        throw this.error(`missing ${terminator}, unterminated name`, cpLen(result));
      }
      if (c === terminator) {
        if (!result) throw this.error(`missing ${name}`, 1);
        break;
      }
      result += c;
    }
    return result;
  }

  tell(): number {
    return this.index - this.nextLen;
  }

  seek(index: number): void {
    this.index = index;
    this.advance();
  }

  error(msg: string, offset = 0): PatternError {
    return new PatternError(msg, this.chars, this.tell() - offset);
  }

  checkgroupname(name: string, offset: number): void {
    if (!isIdentifier(name)) throw this.error(`bad character in group name ${pyRepr(name)}`, cpLen(name) + offset);
  }
}

// ---------------------------------------------------------------------------------------------
// escapes

type Code = { readonly kind: 'LITERAL'; readonly value: number } | { readonly kind: 'IN' } | { readonly kind: 'AT' } | { readonly kind: 'GROUPREF'; readonly group: number };

type LookupName = (name: string) => number | undefined;

/** `\x`, `\u`, `\U` and `\N{…}`, shared by both escape functions; undefined when `c` is none of them. */
function numericEscape(source: Tokenizer, escape: string, c: string, lookup: LookupName): Code | undefined {
  if (c === 'x' || c === 'u' || c === 'U') {
    const digits = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    const full = escape + source.getwhile(digits, HEXDIGITS);
    if (cpLen(full) !== digits + 2) throw source.error(`incomplete escape ${full}`, cpLen(full));
    const value = parseInt(full.slice(2), 16);
    if (c === 'U') {
      // chr(c): OverflowError beyond a C int, ValueError (caught: "bad escape") beyond U+10FFFF
      if (value > 0x7fffffff) throw new PythonException('OverflowError', 'Python int too large to convert to C int');
      if (value > 0x10ffff) throw source.error(`bad escape ${full}`, cpLen(full));
    }
    return { kind: 'LITERAL', value };
  }
  if (c === 'N') {
    if (!source.match('{')) throw source.error('missing {');
    const charname = source.getuntil('}', 'character name');
    const value = lookup(charname);
    if (value === undefined) throw source.error(`undefined character name ${pyRepr(charname)}`, cpLen(charname) + 4);
    return { kind: 'LITERAL', value };
  }
  return undefined;
}

function classEscape(source: Tokenizer, escape: string, dialect: PythonReDialect, lookup: LookupName): Code {
  const simple = ESCAPES.get(escape);
  if (simple !== undefined) return { kind: 'LITERAL', value: simple };
  if (category(escape, dialect) === 'IN') return { kind: 'IN' };
  const c = Array.from(escape)[1]!;
  const numeric = numericEscape(source, escape, c, lookup);
  if (numeric !== undefined) return numeric;
  if (OCTDIGITS.has(c)) {
    const full = escape + source.getwhile(2, OCTDIGITS);
    const value = parseInt(full.slice(1), 8);
    if (value > 0o377) throw source.error(`octal escape value ${full} outside of range 0-0o377`, cpLen(full));
    return { kind: 'LITERAL', value };
  }
  if (DIGITS.has(c)) throw source.error(`bad escape ${escape}`, cpLen(escape));
  if (ASCIILETTERS.has(c)) throw source.error(`bad escape ${escape}`, cpLen(escape));
  return { kind: 'LITERAL', value: c.codePointAt(0)! };
}

function escapeCode(source: Tokenizer, escape: string, state: State, lookup: LookupName): Code {
  const cat = category(escape, state.dialect);
  if (cat !== undefined) return { kind: cat };
  const simple = ESCAPES.get(escape);
  if (simple !== undefined) return { kind: 'LITERAL', value: simple };
  const c = Array.from(escape)[1]!;
  const numeric = numericEscape(source, escape, c, lookup);
  if (numeric !== undefined) return numeric;
  if (c === '0') {
    const full = escape + source.getwhile(2, OCTDIGITS);
    return { kind: 'LITERAL', value: parseInt(full.slice(1), 8) };
  }
  if (DIGITS.has(c)) {
    // an octal escape, or a group reference
    let full = escape;
    if (source.next !== null && DIGITS.has(source.next)) {
      full += source.get();
      const cs = Array.from(full);
      if (OCTDIGITS.has(cs[1]!) && OCTDIGITS.has(cs[2]!) && source.next !== null && OCTDIGITS.has(source.next)) {
        full += source.get();
        const value = parseInt(full.slice(1), 8);
        if (value > 0o377) throw source.error(`octal escape value ${full} outside of range 0-0o377`, cpLen(full));
        return { kind: 'LITERAL', value };
      }
    }
    const group = parseInt(full.slice(1), 10);
    if (group < state.groups) {
      if (!state.checkgroup(group)) throw source.error('cannot refer to an open group', cpLen(full));
      state.checklookbehindgroup(group, source);
      return { kind: 'GROUPREF', group };
    }
    throw source.error(`invalid group reference ${group}`, cpLen(full) - 1);
  }
  if (ASCIILETTERS.has(c)) throw source.error(`bad escape ${escape}`, cpLen(escape));
  return { kind: 'LITERAL', value: c.codePointAt(0)! };
}

// ---------------------------------------------------------------------------------------------
// the parser

interface Parsed {
  readonly items: Item[];
  readonly state: State;
}

function parse(pattern: string, dialect: PythonReDialect, lookup: LookupName): Parsed {
  const source = new Tokenizer(pattern);
  const state = new State(dialect);
  const parser = new Parser(source, state, dialect, lookup);
  const p = parser.parseSub(false, 0);
  // fix_flags: leading global flag groups may add both
  if ((state.flags & FLAG_ASCII) && (state.flags & FLAG_UNICODE)) {
    throw new PythonException('ValueError', 'ASCII and UNICODE flags are incompatible');
  }
  if (source.next !== null) throw source.error('unbalanced parenthesis');
  for (const [g, pos] of state.grouprefpos) {
    if (g >= state.groups) throw new PatternError(`invalid group reference ${g}`, source.chars, pos);
  }
  return { items: p.items, state };
}

class Parser {
  private readonly flags: Map<string, number>;

  constructor(
    private readonly source: Tokenizer,
    private readonly state: State,
    private readonly dialect: PythonReDialect,
    private readonly lookup: LookupName,
  ) {
    this.flags = flagTable(dialect);
  }

  /** `_parse_sub`: an alternation `a|b|c`. */
  parseSub(verbose: boolean, nested: number): SubPattern {
    const items: SubPattern[] = [];
    let v = verbose;
    for (;;) {
      items.push(this.parse(v, nested + 1, nested === 0 && items.length === 0));
      if (!this.source.match('|')) break;
      if (nested === 0) v = (this.state.flags & FLAG_VERBOSE) !== 0;
    }
    if (items.length === 1) return items[0]!;
    // CPython moves common prefixes out and turns single-character branches into sets here; neither
    // changes widths or errors, so the branch stays as written
    return new SubPattern(this.state, [{ op: 'BRANCH', items }]);
  }

  /** `_parse`: a sequence. */
  private parse(verboseIn: boolean, nested: number, first = false): SubPattern {
    const { source, state } = this;
    let verbose = verboseIn;
    const subpattern = new SubPattern(state);
    const items = subpattern.items;

    for (;;) {
      let thisTok = source.next;
      if (thisTok === null) break;
      if (thisTok === '|' || thisTok === ')') break;
      source.get();

      if (verbose) {
        if (WHITESPACE.has(thisTok)) continue;
        if (thisTok === '#') {
          for (;;) {
            thisTok = source.get();
            if (thisTok === null || thisTok === '\n') break;
          }
          continue;
        }
      }

      if (thisTok[0] === '\\') {
        const code = escapeCode(source, thisTok, state, this.lookup);
        items.push(code.kind === 'GROUPREF' ? { op: 'GROUPREF', group: code.group } : code.kind === 'AT' ? { op: 'AT' } : { op: 'UNIT' });
      } else if (!SPECIAL_CHARS.has(thisTok)) {
        items.push({ op: 'UNIT' });
      } else if (thisTok === '[') {
        this.parseSet();
        items.push({ op: 'UNIT' });
      } else if (REPEAT_CHARS.has(thisTok)) {
        if (this.parseRepeat(thisTok, items) === 'literal') continue;
      } else if (thisTok === '.') {
        items.push({ op: 'UNIT' });
      } else if (thisTok === '(') {
        const result = this.parseGroup(verbose, nested, first, items.length > 0);
        if (result === 'global-flags') {
          verbose = (state.flags & FLAG_VERBOSE) !== 0;
          continue;
        }
        if (result !== undefined) items.push(result);
      } else if (thisTok === '^' || thisTok === '$') {
        items.push({ op: 'AT' });
      }
    }

    // unpack non-capturing groups without flags
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.op === 'SUBPATTERN' && item.group === null && !item.addFlags && !item.delFlags) {
        items.splice(i, 1, ...item.p.items);
      }
    }
    return subpattern;
  }

  /** A character set `[…]`, after its `[`. */
  private parseSet(): void {
    const { source } = this;
    const here = source.tell() - 1;
    let size = 0;
    source.match('^');
    for (;;) {
      const thisTok = source.get();
      if (thisTok === null) throw source.error('unterminated character set', source.tell() - here);
      if (thisTok === ']' && size > 0) break;
      let code1: Code;
      if (thisTok[0] === '\\') code1 = classEscape(source, thisTok, this.dialect, this.lookup);
      else code1 = { kind: 'LITERAL', value: thisTok.codePointAt(0)! };
      if (source.match('-')) {
        const that = source.get();
        if (that === null) throw source.error('unterminated character set', source.tell() - here);
        if (that === ']') {
          size += 2;
          break;
        }
        let code2: Code;
        if (that[0] === '\\') code2 = classEscape(source, that, this.dialect, this.lookup);
        else code2 = { kind: 'LITERAL', value: that.codePointAt(0)! };
        if (code1.kind !== 'LITERAL' || code2.kind !== 'LITERAL' || code2.value < code1.value) {
          throw source.error(`bad character range ${thisTok}-${that}`, cpLen(thisTok) + 1 + cpLen(that));
        }
      }
      size += 1;
    }
  }

  /** A quantifier after the item it repeats; 'literal' when a `{` turned out to be a plain character. */
  private parseRepeat(thisTok: string, items: Item[]): 'literal' | undefined {
    const { source } = this;
    const here = source.tell();
    let min: bigint;
    let max: bigint;
    if (thisTok === '?') {
      min = 0n; max = 1n;
    } else if (thisTok === '*') {
      min = 0n; max = MAXREPEAT;
    } else if (thisTok === '+') {
      min = 1n; max = MAXREPEAT;
    } else {
      if (source.next === '}') {
        items.push({ op: 'UNIT' });
        return 'literal';
      }
      min = 0n; max = MAXREPEAT;
      let lo = '';
      let hi = '';
      while (source.next !== null && DIGITS.has(source.next)) lo += source.get();
      if (source.match(',')) {
        while (source.next !== null && DIGITS.has(source.next)) hi += source.get();
      } else {
        hi = lo;
      }
      if (!source.match('}')) {
        items.push({ op: 'UNIT' });
        source.seek(here);
        return 'literal';
      }
      if (lo) {
        min = pyIntOfDigits(lo);
        if (min >= MAXREPEAT) throw new PythonException('OverflowError', 'the repetition number is too large');
      }
      if (hi) {
        max = pyIntOfDigits(hi);
        if (max >= MAXREPEAT) throw new PythonException('OverflowError', 'the repetition number is too large');
        if (max < min) throw source.error('min repeat greater than max repeat', source.tell() - here);
      }
    }
    const last = items.length > 0 ? items[items.length - 1]! : undefined;
    if (last === undefined || last.op === 'AT') throw source.error('nothing to repeat', source.tell() - here + cpLen(thisTok));
    if (last.op === 'REPEAT') throw source.error('multiple repeat', source.tell() - here + cpLen(thisTok));
    let item = new SubPattern(this.state, [last]);
    if (last.op === 'SUBPATTERN' && last.group === null && !last.addFlags && !last.delFlags) item = last.p;
    let kind: 'MAX_REPEAT' | 'MIN_REPEAT' | 'POSSESSIVE_REPEAT' = 'MAX_REPEAT';
    if (source.match('?')) kind = 'MIN_REPEAT';
    else if (source.match('+')) kind = 'POSSESSIVE_REPEAT';
    items[items.length - 1] = { op: 'REPEAT', kind, min, max, item };
    return undefined;
  }

  /**
   * A group after its `(`: the item to append, undefined for a comment, or 'global-flags' for `(?x)`
   * at the start of the pattern.
   */
  private parseGroup(verbose: boolean, nested: number, first: boolean, hasItems: boolean): Item | 'global-flags' | undefined {
    const { source, state } = this;
    const start = source.tell() - 1;
    let capture = true;
    let atomic = false;
    let name: string | null = null;
    let addFlags = 0;
    let delFlags = 0;
    if (source.match('?')) {
      let char = source.get();
      if (char === null) throw source.error('unexpected end of pattern');
      if (char === 'P') {
        if (source.match('<')) {
          name = source.getuntil('>', 'group name');
          source.checkgroupname(name, 1);
        } else if (source.match('=')) {
          const ref = source.getuntil(')', 'group name');
          source.checkgroupname(ref, 1);
          const gid = state.groupdict.get(ref);
          if (gid === undefined) throw source.error(`unknown group name ${pyRepr(ref)}`, cpLen(ref) + 1);
          if (!state.checkgroup(gid)) throw source.error('cannot refer to an open group', cpLen(ref) + 1);
          state.checklookbehindgroup(gid, source);
          return { op: 'GROUPREF', group: gid };
        } else {
          const next = source.get();
          if (next === null) throw source.error('unexpected end of pattern');
          throw source.error(`unknown extension ?P${next}`, cpLen(next) + 2);
        }
      } else if (char === ':') {
        capture = false;
      } else if (char === '#') {
        for (;;) {
          if (source.next === null) throw source.error('missing ), unterminated comment', source.tell() - start);
          if (source.get() === ')') break;
        }
        return undefined;
      } else if (char === '=' || char === '!' || char === '<') {
        let dir: 1 | -1 = 1;
        let outerLookbehind: number | null = null;
        if (char === '<') {
          char = source.get();
          if (char === null) throw source.error('unexpected end of pattern');
          if (char !== '=' && char !== '!') throw source.error(`unknown extension ?<${char}`, cpLen(char) + 2);
          dir = -1;
          outerLookbehind = state.lookbehindgroups;
          if (outerLookbehind === null) state.lookbehindgroups = state.groups;
        }
        const p = this.parseSub(verbose, nested + 1);
        if (dir < 0 && outerLookbehind === null) state.lookbehindgroups = null;
        if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
        return { op: 'ASSERT', dir, p };
      } else if (char === '(') {
        return this.parseConditional(verbose, nested, start);
      } else if (char === '>') {
        capture = false;
        atomic = true;
      } else if (this.flags.has(char) || char === '-') {
        const flags = this.parseFlags(char);
        if (flags === null) {
          if (!first || hasItems) throw source.error('global flags not at the start of the expression', source.tell() - start);
          return 'global-flags';
        }
        [addFlags, delFlags] = flags;
        capture = false;
      } else {
        throw source.error(`unknown extension ?${char}`, cpLen(char) + 1);
      }
    }

    let group: number | null = null;
    if (capture) {
      try {
        group = state.opengroup(name);
      } catch (e) {
        if (e instanceof BareError) throw source.error(e.message, cpLen(name ?? '') + 1);
        throw e;
      }
    }
    const subVerbose = (verbose || (addFlags & FLAG_VERBOSE) !== 0) && !(delFlags & FLAG_VERBOSE);
    const p = this.parseSub(subVerbose, nested + 1);
    if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
    if (group !== null) state.closegroup(group, p);
    if (atomic) return { op: 'ATOMIC_GROUP', p };
    return { op: 'SUBPATTERN', group, addFlags, delFlags, p };
  }

  /** `(?(id/name)yes|no)`, after its `(?(`. */
  private parseConditional(verbose: boolean, nested: number, start: number): Item {
    const { source, state } = this;
    const condname = source.getuntil(')', 'group name');
    const nameLen = cpLen(condname);
    let condgroup: number;
    const isAsciiDecimal = /^[0-9]+$/.test(condname);
    const treatAsName = this.dialect.strictConditionalReferences ? !isAsciiDecimal : isIdentifier(condname);
    if (treatAsName) {
      source.checkgroupname(condname, 1);
      const gid = state.groupdict.get(condname);
      if (gid === undefined) throw source.error(`unknown group name ${pyRepr(condname)}`, nameLen + 1);
      condgroup = gid;
    } else {
      let value: bigint | undefined;
      if (this.dialect.strictConditionalReferences) {
        value = pyIntOfDigits(condname); // ASCII digits; int() itself may raise ValueError
      } else {
        value = pyInt(condname);
        if (value === undefined || value < 0n) throw source.error(`bad character in group name ${pyRepr(condname)}`, nameLen + 1);
      }
      if (value === 0n) throw source.error('bad group number', nameLen + 1);
      if (value >= BigInt(MAXGROUPS)) throw source.error(`invalid group reference ${value}`, nameLen + 1);
      condgroup = Number(value);
      if (!state.grouprefpos.has(condgroup)) state.grouprefpos.set(condgroup, source.tell() - nameLen - 1);
    }
    state.checklookbehindgroup(condgroup, source);
    const yes = this.parse(verbose, nested + 1);
    let no: SubPattern | null = null;
    if (source.match('|')) {
      no = this.parse(verbose, nested + 1);
      if (source.next === '|') throw source.error('conditional backref with more than two branches');
    }
    if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
    return { op: 'GROUPREF_EXISTS', group: condgroup, yes, no };
  }

  /** `_parse_flags`: null for global flags `(?aiLmsux)`, else the flags a scoped group adds and removes. */
  private parseFlags(firstChar: string): [number, number] | null {
    const { source, state, flags } = this;
    const globals = globalFlags(this.dialect);
    let char: string | null = firstChar;
    let addFlags = 0;
    let delFlags = 0;
    if (char !== '-') {
      for (;;) {
        const flag = flags.get(char)!;
        if (char === 'L') throw source.error("bad inline flags: cannot use 'L' flag with a str pattern");
        addFlags |= flag;
        if ((flag & TYPE_FLAGS) && (addFlags & TYPE_FLAGS) !== flag) {
          throw source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
        }
        char = source.get();
        if (char === null) throw source.error('missing -, : or )');
        if (char === ')' || char === '-' || char === ':') break;
        if (!flags.has(char)) throw source.error(isAlpha(char) ? 'unknown flag' : 'missing -, : or )', cpLen(char));
      }
    }
    if (char === ')') {
      state.flags |= addFlags;
      return null;
    }
    if (addFlags & globals) throw source.error('bad inline flags: cannot turn on global flag', 1);
    if (char === '-') {
      char = source.get();
      if (char === null) throw source.error('missing flag');
      if (!flags.has(char)) throw source.error(isAlpha(char) ? 'unknown flag' : 'missing flag', cpLen(char));
      for (;;) {
        const flag = flags.get(char)!;
        if (flag & TYPE_FLAGS) throw source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
        delFlags |= flag;
        char = source.get();
        if (char === null) throw source.error('missing :');
        if (char === ':') break;
        if (!flags.has(char)) throw source.error(isAlpha(char) ? 'unknown flag' : 'missing :', cpLen(char));
      }
    }
    if (delFlags & globals) throw source.error('bad inline flags: cannot turn off global flag', 1);
    if (addFlags & delFlags) throw source.error('bad inline flags: flag turned on and off', 1);
    return [addFlags, delFlags];
  }
}

// ---------------------------------------------------------------------------------------------
// the compiler's checks (Lib/re/_compiler.py `_compile`), in its order

function compileChecks(items: readonly Item[], flags: number, dialect: PythonReDialect, state: State): void {
  for (const item of items) {
    switch (item.op) {
      case 'REPEAT':
        if (flags & FLAG_TEMPLATE) throw new PatternError(`internal: unsupported template operator ${item.kind}`);
        compileChecks(item.item.items, flags, dialect, state);
        break;
      case 'SUBPATTERN':
        compileChecks(item.p.items, (flags | item.addFlags) & ~item.delFlags, dialect, state);
        break;
      case 'ATOMIC_GROUP':
        compileChecks(item.p.items, flags, dialect, state);
        break;
      case 'ASSERT':
        if (item.dir < 0) {
          const [lo, hi] = item.p.getwidth(dialect);
          if (dialect.wideWidths && lo > MAXCODE) throw new PatternError('looks too much behind');
          if (lo !== hi) throw new PatternError('look-behind requires fixed-width pattern');
        }
        compileChecks(item.p.items, flags, dialect, state);
        break;
      case 'BRANCH':
        for (const branch of item.items) compileChecks(branch.items, flags, dialect, state);
        break;
      case 'GROUPREF_EXISTS':
        compileChecks(item.yes.items, flags, dialect, state);
        if (item.no !== null) compileChecks(item.no.items, flags, dialect, state);
        break;
      default:
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Python's str methods and int()

const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

/** `str.isidentifier()`. */
function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

/** `str.isalpha()` for one token. */
function isAlpha(s: string): boolean {
  return /^\p{L}+$/u.test(s);
}

/** `int(s)` of a run of ASCII digits, with Python's limit on the digits it converts. */
function pyIntOfDigits(s: string): bigint {
  if (s.length > INT_MAX_STR_DIGITS) {
    throw new PythonException('ValueError', `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: `
      + `value has ${s.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
  }
  return BigInt(s);
}

/**
 * `int(s)` for any str, as Python 3.11 read conditional group numbers: surrounding whitespace, a sign,
 * single underscores between digits, any Unicode decimal digits. Undefined where int() raises ValueError.
 */
function pyInt(s: string): bigint | undefined {
  const m = /^([+-]?)(\p{Nd}(?:_?\p{Nd})*)$/u.exec(pyStripNumber(s));
  if (!m) return undefined;
  const digits = Array.from(m[2]!.replace(/_/g, '')).map((c) => String(decimalDigitValue(c))).join('');
  if (digits.length > INT_MAX_STR_DIGITS) return undefined;
  const value = BigInt(digits);
  return m[1] === '-' ? -value : value;
}

/** Python's `repr()` of a str. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp > 0x7f && !isPrintable(ch)) {
      out += cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

/** `str.isprintable()` for one character: not in categories C* or Z* (space excepted). */
function isPrintable(ch: string): boolean {
  return ch === ' ' || !/[\p{C}\p{Z}]/u.test(ch);
}
