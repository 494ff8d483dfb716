/**
 * Conformance step f, Node side: what `checkTimedelta` says about thousands of generated duration
 * strings, for check_timedelta.py to compare with authentik's parser on real Python.
 *
 * Usage: node --import tsx scripts/conformance/generate-timedelta-cases.ts OUT.json
 * Env: CONFORMANCE_SEED (default 20260221), CONFORMANCE_RUNS (default 10000; at least 2,000).
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { checkTimedelta, timedeltaIgnoredKeys } from '../../constructs/authentik/private/timedelta';

const out = process.argv[2];
if (!out) throw new Error('usage: generate-timedelta-cases.ts OUT.json');
const seed = Number(process.env.CONFORMANCE_SEED ?? 20260221);
const runs = Math.max(2000, Number(process.env.CONFORMANCE_RUNS ?? 10_000));

const FIXED = [
  'hours=1;minutes=2;seconds=3', 'minutes=1', 'days=30', 'weeks=3;days=2;hours=3', 'seconds=0', 'hours=-1;minutes=-2;seconds=-3',
  'HOURS=1', 'Minutes=1', 'hours=1.5', 'seconds=1e3', 'seconds=1_000', 'seconds= 5 ', 'hours=1; minutes=2', ' hours=1', 'hours=1 ',
  'hours=1;', ';hours=1', '', 'hours', 'hours=', 'hours==1', 'hours=1=2', 'hour=1', 'foo=1', 'foo=bar', 'hours=one', 'hours=0x10',
  'hours=inf', 'hours=-Infinity', 'hours=nan', 'days=999999999', 'days=1000000000', 'weeks=142857143', 'microseconds=-1e300',
  'hours=1,minutes=2', 'hours=3,minutes=17,seconds=300', 'hours=1;hours=2', 'seconds=١٢', 'seconds=.5', 'seconds=5.', 'seconds=.', 'seconds=1__0',
];

const keys = fc.constantFrom('hours', 'minutes', 'seconds', 'days', 'weeks', 'milliseconds', 'microseconds', 'HOURS', 'Days', 'hour', 'min', 'foo', ' hours', 'hours ', '');
const numbers = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('1.5', '.5', '5.', '1e3', '1E-3', '1_0', '1__0', '_1', ' 2 ', 'inf', 'nan', '-inf', 'x', '', '0x1', '1e400', '999999999', '1e9', '١', '+3', '--1', '1.2.3', '\x1c1', '1\x1f', '\u00a01', '\u30001 ', '\ufeff1', '\x851'),
);
const pair = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(keys, numbers).map(([k, v]) => `${k}=${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '=', 'hours', '==', 'a=b=c', ' ') },
);
const durations = fc.tuple(fc.array(pair, { minLength: 1, maxLength: 4 }), fc.constantFrom(';', ';', ';', ',', '; ')).map(([pairs, sep]) => pairs.join(sep));
const generated = fc.sample(durations, { numRuns: runs, seed });

const cases = [...FIXED, ...generated].map((value) => ({
  value,
  accepted: checkTimedelta(value) === undefined,
  ignoredKeys: timedeltaIgnoredKeys(value).length,
}));
writeFileSync(out, JSON.stringify({ seed, fixed: FIXED.length, generated: generated.length, cases }));
