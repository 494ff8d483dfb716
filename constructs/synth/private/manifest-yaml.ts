/**
 * Manifests in the shapes the big ones have (maps, sequences of maps, one-line plain words, whole
 * numbers, booleans, multi-line texts as map values), written directly and byte for byte as the
 * `yaml` library lays them out with render-app's options: for a 1,000-client app the worker patch and
 * the ExternalSecret hold thousands of nodes, the ConfigMaps megabytes of blueprints, and the library
 * cost more than the rest of writing them. Anything else is left to the library (undefined): quoted
 * strings, multi-line texts it would not write as a plain `|` block, words a YAML 1.1 reader resolves
 * to another type, sequences of sequences, undefined values. test/manifest-yaml.test.ts compares the two.
 */

/** Not written here: the caller uses the library. */
const NOT_DIRECT = Symbol('not direct');

// plain in YAML 1.1 for the library and PyYAML alike: a letter, `_` or `/` first (no indicator, no
// number, no timestamp), words of safe characters separated by single spaces (no `: `, ` #`, no flow
// indicators, no trailing space); durations such as 1h
const PLAIN_WORDS = /^(?:[A-Za-z_/][A-Za-z0-9_./()-]*(?: [A-Za-z0-9_./()-]+)*|[1-9][0-9]{0,5}[hms])$/;
// what a YAML 1.1 reader resolves to a boolean or null, case-insensitively (more than the library quotes,
// which only sends more to the library)
const RESOLVED_WORDS = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
const MAX_PLAIN = 200;

function scalar(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= MAX_PLAIN && PLAIN_WORDS.test(value) && !RESOLVED_WORDS.test(value)) return value;
    throw NOT_DIRECT;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  throw NOT_DIRECT;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

const SPACES: string[] = [];
const spaces = (n: number): string => (SPACES[n] ??= ' '.repeat(n));

/** `json` as `stringify(json, MANIFEST_OPTIONS)` writes it, or undefined where that is left to the library. */
export function writeManifestDirect(json: unknown): string | undefined {
  if (!isPlainRecord(json) || Object.keys(json).length === 0) return undefined;
  const out: string[] = [];
  try {
    blockMap(json, 0, out, undefined);
  } catch (e) {
    if (e === NOT_DIRECT) return undefined;
    throw e;
  }
  return out.join('');
}

function blockMap(record: Record<string, unknown>, indent: number, out: string[], first: string | undefined): void {
  let lead = first;
  // indexed loops: in V8's baseline code, where a synth leaves this, for…of allocates per step
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out.push(lead ?? spaces(indent), scalar(key), ':');
    lead = undefined;
    const v = record[key];
    if (Array.isArray(v)) {
      if (v.length === 0) {
        out.push(' []\n');
      } else {
        out.push('\n');
        blockSeq(v, indent + 2, out);
      }
    } else if (isPlainRecord(v)) {
      if (Object.keys(v).length === 0) {
        out.push(' {}\n');
      } else {
        out.push('\n');
        blockMap(v, indent + 2, out, undefined);
      }
    } else if (typeof v === 'string' && v.includes('\n')) {
      blockLiteral(v, spaces(indent + 2), out);
    } else {
      out.push(' ', scalar(v), '\n');
    }
  }
}

// a text the library writes as a plain literal block (`|`, clip chomping, no indentation indicator):
// it ends in one line break after a character that is not a space, starts with neither a space, a tab
// nor a line break, and has no character the library double-quotes (controls, lone surrogates; any
// surrogate here, to be safe). A blueprint in a ConfigMap is one
const BLOCK_LITERAL = /^[^\n\t ](?:[^]*[^\n\t ])?\n$/;
const QUOTED_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]/;

/** ` |` and the lines of `text`, each line indented as the library indents it (blank lines stay empty). */
function blockLiteral(text: string, indent: string, out: string[]): void {
  if (!BLOCK_LITERAL.test(text) || QUOTED_CHARACTERS.test(text)) throw NOT_DIRECT;
  out.push(' |\n', indent, text.slice(0, -1).replace(/\n+/g, `$&${indent}`), '\n');
}

function blockSeq(items: readonly unknown[], indent: number, out: string[]): void {
  const dash = `${spaces(indent)}- `;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (Array.isArray(item)) throw NOT_DIRECT;
    if (isPlainRecord(item)) {
      if (Object.keys(item).length === 0) out.push(dash, '{}\n');
      else blockMap(item, indent + 2, out, dash);
    } else {
      out.push(dash, scalar(item), '\n');
    }
  }
}
