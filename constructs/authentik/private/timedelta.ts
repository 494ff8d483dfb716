/**
 * authentik's duration strings, `hours=1;minutes=2;seconds=3`: the fields validated by
 * `timedelta_string_validator` (`authentik/lib/utils/time.py`), which parses them with
 * `timedelta_from_string`:
 *
 * - the text (after DRF's CharField has stripped it) is split on `;`, each part on `=`: every part
 *   must hold exactly one `=`, so an empty value or a trailing `;` fails;
 * - a key is lower-cased; one that is not a keyword of Python's `timedelta` (weeks, days, hours,
 *   minutes, seconds, milliseconds, microseconds) is skipped without a word, and so is a key with
 *   spaces around it (`hours=1; minutes=2` means one hour); a repeated key keeps its last value;
 * - the value is read by Python's `float()` (after strip): `1.5`, `1e3`, `1_000`, `-2`, `inf`, `nan`;
 * - at least one known key must be left, and `timedelta(**kwargs)` must accept the values: `nan` is a
 *   ValueError (reported as invalid), and infinities or more than 999,999,999 days are an
 *   OverflowError, which the validator does not catch, so the entry fails with a server error.
 */
import { pyFloat, pyStrip } from './python-text';

/** The keyword arguments of Python's `datetime.timedelta`, which authentik accepts as keys. */
export const TIMEDELTA_KEYS = ['weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds'] as const;

const SECONDS_PER_KEY: Record<typeof TIMEDELTA_KEYS[number], number> = {
  weeks: 604800, days: 86400, hours: 3600, minutes: 60, seconds: 1, milliseconds: 1e-3, microseconds: 1e-6,
};

const MAX_DAYS = 999999999;
const FORMAT = "authentik's duration format, e.g. \"hours=1;minutes=30\" (keys weeks, days, hours, minutes, seconds, milliseconds, microseconds; no spaces)";

interface Parsed {
  readonly error?: string;
  readonly ignored: readonly string[];
}

function parse(value: string): Parsed {
  const ignored: string[] = [];
  const kwargs = new Map<string, number>();
  for (const pair of pyStrip(value).split(';')) {
    const parts = pair.split('=');
    if (parts.length !== 2) {
      return { error: `the part ${JSON.stringify(pair)} is not key=value`, ignored };
    }
    const key = parts[0]!.toLowerCase();
    if (!(TIMEDELTA_KEYS as readonly string[]).includes(key)) {
      ignored.push(parts[0]!);
      continue;
    }
    const number = pyFloat(pyStrip(parts[1]!)); // float(value.strip())
    if (number === undefined) return { error: `${JSON.stringify(parts[1])} is not a number`, ignored };
    if (kwargs.has(key)) ignored.push(`${parts[0]} (given twice; the last one counts)`);
    kwargs.set(key, number);
  }
  if (kwargs.size === 0) return { error: 'it has none of the keys weeks, days, hours, minutes, seconds, milliseconds, microseconds', ignored };
  let seconds = 0;
  for (const [key, number] of kwargs) {
    if (Number.isNaN(number)) return { error: `${key} is nan, which timedelta cannot hold`, ignored };
    if (!Number.isFinite(number)) return { error: `${key} is infinite, which timedelta cannot hold (authentik fails with a server error)`, ignored };
    seconds += number * SECONDS_PER_KEY[key as typeof TIMEDELTA_KEYS[number]];
  }
  if (Math.abs(Math.floor(seconds / 86400)) > MAX_DAYS) {
    return { error: 'it is longer than the 999,999,999 days a timedelta can hold (authentik fails with a server error)', ignored };
  }
  return { ignored };
}

/**
 * Checks a duration the way authentik's `timedelta_string_validator` does (on the value DRF has
 * stripped), overflow included.
 *
 * @returns undefined when authentik accepts it, otherwise what is wrong and the format to write
 */
export function checkTimedelta(value: string): string | undefined {
  const { error } = parse(value);
  if (error === undefined) return undefined;
  // the API's own help text for token_expiry and event_retention shows commas, which authentik does not read
  const comma = value.includes(',') ? ' (parts are separated by ";", not ",", whatever the API help text shows)' : '';
  return `${JSON.stringify(value)} is not a duration authentik reads: ${error}${comma}; write ${FORMAT}`;
}

/**
 * The parts of a duration authentik accepts but does not read: unknown keys, keys with spaces around
 * them, repeated keys. `hours=1; minutes=30` is accepted and means one hour.
 *
 * @returns one message per ignored key; empty when every key counts (or the value is invalid anyway)
 */
export function timedeltaIgnoredKeys(value: string): string[] {
  const { error, ignored } = parse(value);
  if (error !== undefined) return [];
  return ignored.map((key) => `${JSON.stringify(value)}: authentik ignores the key ${JSON.stringify(key)} without a word`
    + `${key.trim() !== key ? ' (the spaces are part of the key)' : ''}; write ${FORMAT}`);
}
