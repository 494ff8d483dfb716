/**
 * Scalar styles that authentik's loader (PyYAML `SafeLoader`, YAML 1.1) reads back unchanged.
 *
 * The `yaml` library's own 1.1 schema misses PyYAML's `=` (value) and `<<` (merge) resolvers and
 * writes U+2028, DEL and C1 controls raw, which PyYAML folds or rejects; so the style decision is ours:
 * a string is plain only when it is a conservative shape no PyYAML resolver claims, else double-quoted
 * with every character PyYAML treats specially escaped.
 */

// ports of PyYAML 6.0 resolver.py implicit resolvers (plus anything the yaml library would resolve)
const PYYAML_IMPLICIT: readonly RegExp[] = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
];

// the resolvers as one pattern, tested once per new string rather than once per resolver
const ANY_PYYAML_IMPLICIT = new RegExp(PYYAML_IMPLICIT.map((re) => `(?:${re.source})`).join('|'));

// words a YAML 1.2 reader, a human, or a future loader might take for something else: quote them too
const LOOKALIKE_WORDS = /^(?:y|n|yes|no|true|false|on|off|null|nil|none|~|nan|inf|-?\.inf|\.nan)$/i;

// plain ASCII words separated by single spaces: no indicator first, no `: ` or ` #`, no `,?[]{}` (PyYAML
// ends a plain scalar at any of them in flow context), no trailing `:`, nothing that would need an escape
const WORD_CHAR = '[A-Za-z0-9_./@+=$^()~%&-]';
const WORD_REST = `(?:${WORD_CHAR}|#|:(?=${WORD_CHAR}))*`;
const SAFE_PLAIN = new RegExp(`^[A-Za-z_/]${WORD_REST}(?: ${WORD_CHAR}${WORD_REST})*$`);

// longer strings are always double-quoted (PyYAML caps implicit keys at 1024 characters; 200 keeps clear of it)
const MAX_PLAIN_LENGTH = 200;

/** Whether `value` may be written as a plain scalar and still read back as the same string. */
export function isPlainSafe(value: string): boolean {
  if (value.length === 0 || value.length > MAX_PLAIN_LENGTH) return false;
  if (!SAFE_PLAIN.test(value)) return false;
  if (LOOKALIKE_WORDS.test(value)) return false;
  return !ANY_PYYAML_IMPLICIT.test(value);
}

/** Writes `value` as a YAML double-quoted scalar that PyYAML reads back exactly. */
export function doubleQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\n': out += '\\n'; continue;
      case '\t': out += '\\t'; continue;
      case '\r': out += '\\r'; continue;
      case '\0': out += '\\0'; continue;
      default:
    }
    if (needsEscape(code, ch)) {
      out += code <= 0xff ? `\\x${hex(code, 2)}` : code <= 0xffff ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
    } else {
      out += ch;
    }
  }
  return out + '"';
}

// invisible or unassigned characters, shown escaped to reviewers; compiled once (this runs per character)
const INVISIBLE = /\p{Cf}|\p{Zl}|\p{Zp}|\p{Co}|\p{Cn}/u;

function needsEscape(code: number, ch: string): boolean {
  if (code < 0x20 || (code >= 0x7f && code <= 0xa0)) return true; // C0, DEL, C1 (incl. NEL) and no-break space
  if (code === 0x2028 || code === 0x2029 || code === 0xfeff) return true; // PyYAML line breaks, BOM
  if (code >= 0xd800 && code <= 0xdfff) return true; // lone surrogate (a pair is iterated as one code point)
  if (code === 0xfffe || code === 0xffff) return true; // not printable for PyYAML's reader
  if (INVISIBLE.test(ch)) return true;
  return false;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

// keys, models and lookup values repeat in every blueprint; deciding each once saves its regexes
const scalarTexts = new Map<string, string>();
const MAX_REMEMBERED = 50_000;

/** The scalar text of a string: plain where safe, otherwise double-quoted. */
export function stringScalar(value: string): string {
  if (value.length > MAX_PLAIN_LENGTH) return doubleQuote(value);
  let text = scalarTexts.get(value);
  if (text === undefined) {
    text = isPlainSafe(value) ? value : doubleQuote(value);
    if (scalarTexts.size >= MAX_REMEMBERED) scalarTexts.clear();
    scalarTexts.set(value, text);
  }
  return text;
}

/**
 * The scalar text of a number that PyYAML reads back as the same number.
 * @throws for non-finite numbers and integers beyond 2^53, which would not round-trip
 */
export function numberScalar(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} in a blueprint: only finite numbers round-trip`);
  if (Number.isInteger(value)) {
    if (!Number.isSafeInteger(value)) throw new Error(`cannot write ${value} in a blueprint: integers beyond 2^53 lose precision`);
    return Object.is(value, -0) ? '0' : String(value);
  }
  // PyYAML 1.1 floats need a `.` and a signed exponent: 1e-7 must be written 1.0e-7
  const [mantissa, exponent] = String(value).split('e');
  const withDot = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  if (exponent === undefined) return withDot;
  return `${withDot}e${exponent.startsWith('-') || exponent.startsWith('+') ? exponent : `+${exponent}`}`;
}
