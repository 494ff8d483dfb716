/**
 * Django 5.2's `URLValidator` (django/core/validators.py) and authentik's subclasses of it
 * (authentik/lib/models.py `DomainlessURLValidator`, `DomainlessFormattedURLValidator`;
 * authentik/sources/ldap/models.py `MultiURLValidator`), written out in TypeScript with Python's
 * semantics: the regexes are Django's, compiled with `re.IGNORECASE` on `str` (so `\s` and `\d` are
 * Python's Unicode classes and `ul` is the code-point range U+00A1–U+FFFF), `urllib.parse.urlsplit` as
 * Python 3.14 splits, and the IDN fallback `netloc.encode("idna")`.
 */
import { isIPv6 } from 'node:net';
import { DJANGO_DEFAULT_SCHEMES } from '../../catalog/url-fields';

/** Python's `\s` for `str` patterns: the characters `str.isspace()` is true for. */
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\d` for `str` patterns: any Unicode decimal digit. */
const PY_DIGIT = '\\p{Nd}';

// django/core/validators.py (5.2): DomainNameValidator / URLValidator pieces
const UL = '\\u00a1-\\uffff'; // unicode letters range
const IPV4_RE = '(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}';
const IPV6_RE = '\\[[0-9a-f:.]+\\]'; // simple regex, validated later
const HOSTNAME_RE = `[a-z${UL}0-9](?:[a-z${UL}0-9-]{0,61}[a-z${UL}0-9])?`;
const DOMAIN_RE = `(?:\\.(?!-)[a-z${UL}0-9-]{1,63}(?<!-))*`;
const TLD_RE = `\\.(?!-)(?:[a-z${UL}-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?`;
// authentik/lib/models.py DomainlessFormattedURLValidator
const FORMATTER_RE = '([%\\(\\)a-zA-Z])*';

/** `re.compile(pattern, re.IGNORECASE)` of a `str` pattern ending in `\Z`. */
function pyRegex(source: string): RegExp {
  // JavaScript's `$` without the m flag is Python's `\Z`; the u flag makes character classes match code points
  return new RegExp(source, 'iu');
}

function urlRegex(hostRe: string, portDigit: string): RegExp {
  return pyRegex(
    '^(?:[a-z0-9.+-]*)://' // scheme is validated separately
    + `(?:[^${PY_SPACE}:@/]+(?::[^${PY_SPACE}:@/]*)?@)?` // user:pass authentication
    + `(?:${IPV4_RE}|${IPV6_RE}|${hostRe})`
    + `(?::${portDigit}{1,5})?` // port
    + `(?:[/?#][^${PY_SPACE}]*)?` // resource path
    + '$',
  );
}

/** The regex of each validator class. */
const REGEX = {
  // URLValidator.regex: port [0-9]{1,5}
  django: urlRegex(`(${HOSTNAME_RE}${DOMAIN_RE}${TLD_RE}|localhost)`, '[0-9]'),
  // DomainlessURLValidator: no top-level domain, port \d{1,5}
  domainless: urlRegex(`(${HOSTNAME_RE}${DOMAIN_RE}|localhost)`, PY_DIGIT),
  // DomainlessFormattedURLValidator: python format strings before the host name
  formatted: urlRegex(`(${FORMATTER_RE}${HOSTNAME_RE}${DOMAIN_RE}|localhost)`, PY_DIGIT),
} as const;

/** One of the validator classes, as built. */
export interface DjangoUrlValidator {
  /** The regex variant. */
  readonly regex: 'django' | 'domainless' | 'formatted';
  /** `self.schemes` after the constructor. */
  readonly schemes: readonly string[];
  /** Whether authentik's `__call__` prefixes a value of an unknown scheme with "default" (the Domainless classes). */
  readonly prefixUnknownScheme: boolean;
  /** Whether the value is a comma-separated list, each part validated alone (`MultiURLValidator`). */
  readonly multi: boolean;
}

/** `URLValidator(schemes)`. */
export function djangoUrlValidator(schemes: readonly string[] = DJANGO_DEFAULT_SCHEMES): DjangoUrlValidator {
  return { regex: 'django', schemes, prefixUnknownScheme: false, multi: false };
}

/** `DomainlessURLValidator(schemes)`, `DomainlessFormattedURLValidator(schemes)` or `MultiURLValidator(schemes)`. */
export function domainlessUrlValidator(options: { schemes?: readonly string[]; formatted?: boolean; multi?: boolean } = {}): DjangoUrlValidator {
  // self.schemes = ["http", "https", "blank"] + list(self.schemes)
  return {
    regex: options.formatted ? 'formatted' : 'domainless',
    schemes: ['http', 'https', 'blank', ...(options.schemes ?? DJANGO_DEFAULT_SCHEMES)],
    prefixUnknownScheme: true,
    multi: options.multi ?? false,
  };
}

/** URLValidator.max_length (Django 4.2.3+, 5.2). */
export const URL_MAX_LENGTH = 2048;
const UNSAFE_CHARS = ['\t', '\r', '\n'];

/**
 * Why the validator raises `ValidationError` for `value`, or undefined when it takes it. The reason is
 * for a message; Django itself says only "Enter a valid URL.".
 */
export function djangoUrlProblem(validator: DjangoUrlValidator, value: string): string | undefined {
  // MultiURLValidator.__call__: if "," in value: for url in value.split(","): super().__call__(url)
  if (validator.multi && value.includes(',')) {
    for (const part of value.split(',')) {
      const problem = callOne(validator, part);
      if (problem) return `${JSON.stringify(part)}: ${problem}`;
    }
    return undefined;
  }
  return callOne(validator, value);
}

/**
 * A plain http(s) URL: a host of dot-separated labels of letters, digits and inner dashes (1 to 63
 * characters each), a port of 2 to 5 digits, a path of unreserved characters. The Domainless classes take
 * every such value of at most 253 characters (http and https are always among their schemes; the pattern
 * is a subset of theirs; urlsplit takes it; there is no IPv6 host; the host is at most 253 characters),
 * so they are answered without compiling the large Unicode patterns, which cost a synth ~5 ms
 * (test/judgement-urls.test.ts compares this with the full path).
 */
export const PLAIN_DOMAINLESS_URL = /^https?:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::[0-9]{2,5})?(?:\/[a-z0-9._~\/-]*)?$/i;

function callOne(validator: DjangoUrlValidator, original: string): string | undefined {
  if (validator.prefixUnknownScheme && original.length <= 253 && PLAIN_DOMAINLESS_URL.test(original)) return undefined;
  return fullUrlProblem(validator, original);
}

/** `callOne` without the plain-URL answer: every step of Django's and authentik's `__call__` (for tests). */
export function fullUrlProblem(validator: DjangoUrlValidator, original: string): string | undefined {
  let value = original;
  // DomainlessURLValidator.__call__: an unknown scheme is prefixed with "default", which URLValidator then refuses
  const scheme = value.split('://')[0]!.toLowerCase();
  if (validator.prefixUnknownScheme && !validator.schemes.includes(scheme)) value = `default${value}`;
  // URLValidator.__call__
  if ([...value].length > URL_MAX_LENGTH) return `it is longer than ${URL_MAX_LENGTH} characters`;
  if (UNSAFE_CHARS.some((c) => value.includes(c))) return 'it holds a tab or line break';
  if (!validator.schemes.includes(value.split('://')[0]!.toLowerCase())) {
    return value.includes('://')
      ? `the scheme ${JSON.stringify(original.split('://')[0])} is not one of ${uniq(validator.schemes).join(', ')}`
      : `it is not an absolute URL (scheme://host…) with a scheme of ${uniq(validator.schemes).join(', ')}`;
  }
  let split: SplitResult;
  try {
    split = urlsplit(value);
  } catch (e) {
    return `Python's urlsplit refuses it (${(e as Error).message})`;
  }
  const regex = REGEX[validator.regex];
  if (!regex.test(value)) {
    // Trivial case failed. Try for possible IDN domain
    const ace = punycodeNetloc(split.netloc);
    if (ace === undefined || !regex.test(urlunsplit({ ...split, netloc: ace }))) return describeMismatch(value);
  } else {
    // Now verify IPv6 in the netloc part
    const hostMatch = /^\[(.+)\](?::[0-9]{1,5})?$/su.exec(split.netloc);
    if (hostMatch && !isValidIpv6(hostMatch[1]!)) return `${JSON.stringify(hostMatch[1])} is not an IPv6 address`;
  }
  const hostname = splitHostname(split.netloc);
  if (hostname === undefined) return 'it names no host';
  if ([...hostname].length > 253) return `its host name is ${[...hostname].length} characters long, more than the 253 DNS allows`;
  return undefined;
}

function uniq(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function describeMismatch(value: string): string {
  if (new RegExp(`[${PY_SPACE}]`, 'u').test(value)) return 'it holds a space';
  return 'its host, port or user information is not one a URL may have';
}

/** django/utils/ipv6.py is_valid_ipv6_address: ipaddress.IPv6Address of at most 39 characters (MAX_IPV6_ADDRESS_LENGTH). */
function isValidIpv6(text: string): boolean {
  return text.length <= 39 && isIPv6(text);
}

/** urllib.parse.SplitResult */
interface SplitResult {
  readonly scheme: string;
  readonly netloc: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;
}

const SCHEME_CHARS = /^[a-zA-Z0-9+\-.]*$/;
const WHATWG_C0_CONTROL_OR_SPACE = /^[\x00-\x20]+/;

/** Python 3.14's urllib.parse.urlsplit, raising ValueError as it does. */
export function urlsplit(input: string): SplitResult {
  let url = input.replace(WHATWG_C0_CONTROL_OR_SPACE, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  let query = '';
  let fragment = '';
  const i = url.indexOf(':');
  if (i > 0 && /^[a-zA-Z]/.test(url[0]!) && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith('//')) {
    let delim = url.length;
    for (const c of '/?#') {
      const w = url.indexOf(c, 2);
      if (w >= 0) delim = Math.min(delim, w);
    }
    netloc = url.slice(2, delim);
    url = url.slice(delim);
    if ((netloc.includes('[') && !netloc.includes(']')) || (netloc.includes(']') && !netloc.includes('['))) throw new Error('Invalid IPv6 URL');
    if (netloc.includes('[') && netloc.includes(']')) checkBracketedHost(netloc.split('[').slice(1).join('[').split(']')[0]!);
  }
  const hash = url.indexOf('#');
  if (hash >= 0) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const q = url.indexOf('?');
  if (q >= 0) {
    query = url.slice(q + 1);
    url = url.slice(0, q);
  }
  checkNetloc(netloc);
  return { scheme, netloc, path: url, query, fragment };
}

function checkBracketedHost(hostname: string): void {
  if (hostname.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\..+$/su.test(hostname)) throw new Error('IPvFuture address is invalid');
    return;
  }
  // ipaddress.ip_address: an IPv4 address in brackets is refused, anything but IPv6 too
  const address = hostname.split('%')[0]!;
  if (!isIPv6(address) || hostname.endsWith('%')) throw new Error(`${JSON.stringify(hostname)} does not appear to be an IPv4 or IPv6 address`);
}

/** urllib.parse._checknetloc: characters that NFKC-normalise into URL delimiters. */
function checkNetloc(netloc: string): void {
  if (!netloc || /^[\x00-\x7f]*$/.test(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, '');
  const normalised = n.normalize('NFKC');
  if (n === normalised) return;
  for (const c of '/?#@:') if (normalised.includes(c)) throw new Error(`netloc '${netloc}' contains invalid characters under NFKC normalization`);
}

/** Python 3.14's urllib.parse.urlunsplit. */
function urlunsplit(s: SplitResult): string {
  let url = s.path;
  if (s.netloc) {
    if (url && !url.startsWith('/')) url = `/${url}`;
    url = `//${s.netloc}${url}`;
  } else if (url.startsWith('//') || (s.scheme && USES_NETLOC.has(s.scheme) && (!url || url.startsWith('/')))) {
    url = `//${url}`;
  }
  if (s.scheme) url = `${s.scheme}:${url}`;
  if (s.query) url = `${url}?${s.query}`;
  if (s.fragment) url = `${url}#${s.fragment}`;
  return url;
}

// urllib.parse.uses_netloc
const USES_NETLOC = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews',
  'prospero', 'rtsp', 'rtsps', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss', 'itms-services']);

/** SplitResult.hostname: undefined for Python's None. */
function splitHostname(netloc: string): string | undefined {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  const open = hostinfo.indexOf('[');
  const hostname = open >= 0 ? hostinfo.slice(open + 1).split(']')[0]! : hostinfo.split(':')[0]!;
  return hostname === '' ? undefined : hostname.toLowerCase();
}

// ---- the IDN fallback: django.utils.encoding.punycode(netloc) = netloc.encode("idna").decode("ascii")

const IDNA_DOTS = /[.\u3002\uff0e\uff61]/u;

/** Python's `idna` codec (IDNA 2003 ToASCII per label); undefined where it raises UnicodeError. */
export function punycodeNetloc(netloc: string): string | undefined {
  if (netloc === '') return '';
  if (/^[\x00-\x7f]*$/.test(netloc)) {
    // ASCII fast path: no empty label but the last, none of 64 characters or more; the text is kept
    const labels = netloc.split('.');
    if (labels.slice(0, -1).some((l) => l.length === 0) || labels.some((l) => l.length >= 64)) return undefined;
    return netloc;
  }
  const labels = netloc.split(IDNA_DOTS);
  let trailingDot = false;
  if (labels.length > 0 && labels[labels.length - 1] === '') {
    trailingDot = true;
    labels.pop();
  }
  const out: string[] = [];
  for (const label of labels) {
    const ascii = toAscii(label);
    if (ascii === undefined) return undefined;
    out.push(ascii);
  }
  return out.join('.') + (trailingDot ? '.' : '');
}

function toAscii(label: string): string | undefined {
  if (/^[\x00-\x7f]*$/.test(label)) return label.length > 0 && label.length < 64 ? label : undefined;
  // nameprep (RFC 3491), approximated: case folding and NFKC; a label of only ASCII after it is kept
  const prepped = label.toLowerCase().normalize('NFKC');
  if (/^[\x00-\x7f]*$/.test(prepped)) return prepped.length > 0 && prepped.length < 64 ? prepped : undefined;
  if (prepped.startsWith('xn--')) return undefined;
  const encoded = `xn--${punycodeEncode(prepped)}`;
  return encoded.length < 64 ? encoded : undefined;
}

/** RFC 3492 Punycode encoding. */
function punycodeEncode(input: string): string {
  const base = 36; const tMin = 1; const tMax = 26; const skew = 38; const damp = 700;
  const codePoints = [...input].map((c) => c.codePointAt(0)!);
  let n = 128; let delta = 0; let bias = 72;
  const output: string[] = codePoints.filter((c) => c < 128).map((c) => String.fromCharCode(c));
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength > 0) output.push('-');
  const digit = (d: number): string => String.fromCharCode(d + 22 + 75 * (d < 26 ? 1 : 0));
  const adapt = (d: number, numPoints: number, first: boolean): number => {
    let k = 0;
    d = first ? Math.floor(d / damp) : d >> 1;
    d += Math.floor(d / numPoints);
    for (; d > ((base - tMin) * tMax) >> 1; k += base) d = Math.floor(d / (base - tMin));
    return Math.floor(k + ((base - tMin + 1) * d) / (d + skew));
  };
  while (handled < codePoints.length) {
    const m = Math.min(...codePoints.filter((c) => c >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of codePoints) {
      if (c < n) delta += 1;
      if (c === n) {
        let q = delta;
        for (let k = base; ; k += base) {
          const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
          if (q < t) break;
          output.push(digit(t + ((q - t) % (base - t))));
          q = Math.floor((q - t) / (base - t));
        }
        output.push(digit(q));
        bias = adapt(delta, handled + 1, handled === basicLength);
        delta = 0;
        handled += 1;
      }
    }
    delta += 1;
    n += 1;
  }
  return output.join('');
}
