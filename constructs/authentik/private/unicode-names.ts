/**
 * Which names `\N{…}` accepts in a Python regex: what `unicodedata.lookup(name)` finds as a single
 * character. The stored names come from `unicode-names.txt.gz` (written from Python's unicodedata by
 * `scripts/conformance/unicode_names.py`, checked against it by `npm run conformance`), loaded on the
 * first `\N`; CJK unified ideographs and Hangul syllables are decided by rule, as CPython does.
 *
 * Known gaps, all on the side of rejecting: name aliases (e.g. `BYTE ORDER MARK`), which unicodedata
 * cannot list, and names added after the table's Unicode version (Python 3.14 has Unicode 16).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface NamesTable {
  readonly names: ReadonlyMap<string, number>;
  readonly cjkRanges: ReadonlyArray<readonly [number, number]>;
}

let table: NamesTable | undefined;

function load(): NamesTable {
  if (table) return table;
  // zlib on first use, like the table: few apps write \N{…}, and loading zlib costs every synth a few ms
  const { gunzipSync } = createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
  const lines = gunzipSync(readFileSync(new URL('./unicode-names.txt.gz', import.meta.url))).toString('utf8').split('\n');
  const cjkLine = lines.find((l) => l.startsWith('cjk '));
  const cjkRanges = (cjkLine ?? 'cjk ').slice(4).split(',').filter(Boolean).map((r) => {
    const [a, b] = r.split('-');
    return [parseInt(a!, 16), parseInt(b!, 16)] as const;
  });
  const names = new Map<string, number>();
  let cp = 0;
  for (const line of lines) {
    if (!line || line.startsWith('#') || line.startsWith('cjk ')) continue;
    if (line.startsWith('@')) {
      cp = parseInt(line.slice(1), 16);
      continue;
    }
    names.set(line, cp);
    cp += 1;
  }
  table = { names, cjkRanges };
  return table;
}

const JAMO_L = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const JAMO_V = ['A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WEO', 'WE', 'WI', 'YU', 'EU', 'YI', 'I'];
const JAMO_T = ['', 'G', 'GG', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B', 'BS', 'S', 'SS', 'NG', 'J', 'C', 'K', 'T', 'P', 'H'];

// CPython's find_syllable: the longest entry of the table that starts the rest of the name
function longestPrefix(rest: string, jamo: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const j of jamo) {
    if (rest.startsWith(j) && (best === undefined || j.length > best.length)) best = j;
  }
  return best;
}

/**
 * The code point Python's `\N{name}` (unicodedata.lookup) stands for, or undefined when it knows no
 * such character; ASCII case is ignored for stored names, not for the algorithmic ones (as in CPython).
 */
export function unicodeCharacterByName(name: string): number | undefined {
  if (name.startsWith('HANGUL SYLLABLE ')) {
    let rest = name.slice('HANGUL SYLLABLE '.length);
    const index: number[] = [];
    for (const jamo of [JAMO_L, JAMO_V, JAMO_T]) {
      const part = longestPrefix(rest, jamo);
      if (part === undefined) return undefined;
      index.push(jamo.indexOf(part));
      rest = rest.slice(part.length);
    }
    if (rest !== '') return undefined;
    return 0xac00 + (index[0]! * JAMO_V.length + index[1]!) * JAMO_T.length + index[2]!;
  }
  if (name.startsWith('CJK UNIFIED IDEOGRAPH-')) {
    const hex = name.slice('CJK UNIFIED IDEOGRAPH-'.length);
    if (!/^[0-9A-F]{4,5}$/.test(hex)) return undefined;
    const cp = parseInt(hex, 16);
    return load().cjkRanges.some(([a, b]) => cp >= a && cp <= b) ? cp : undefined;
  }
  return load().names.get(name.replace(/[a-z]+/g, (s) => s.toUpperCase()));
}
