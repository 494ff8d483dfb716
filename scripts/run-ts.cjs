#!/usr/bin/env node
// Runs a TypeScript entry (main.ts) precompiled: the first run bundles it with esbuild into
// node_modules/.cache/, later runs reuse the bundle while none of its inputs changed. tsx's loader
// alone costs more than loading cdk8s, so `npm run synth` goes through here; tests and `tsx` still
// run the sources directly. The bundle is CommonJS, run with a V8 code cache that the first run
// writes when it exits: later runs skip parsing and compiling every function that one ran (what Node
// 22's module.enableCompileCache does; Node 20 has no such switch). Entries cannot use top-level await.
// Both caches are checked against a SHA-256 recorded beside them: an empty, truncated or damaged
// bundle is rebuilt, a code cache that does not belong to the bundle is thrown away. A run that exits
// 0 without the synth reporting it ran to the end (constructs/synth/private/completion.ts) exits 4.
// The project's .cjs files that the bundle requires at run time (the precompiled schema validators)
// get code caches of their own, checked against the SHA-256 of their source (cacheRequiredCjs). A synth
// that reports a large declaration gets V8 flags tuned for it (a raised tier-up budget, a young
// generation that stops growing: the largeDeclaration hook below), and a synth with a large heap one
// full garbage collection once validation is done (validationMemoryDropped).
// Usage: node scripts/run-ts.cjs ENTRY.ts [args…]
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { createRequire } = Module;
const { dirname, join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

const root = resolve(dirname(__filename), '..');
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write('usage: node scripts/run-ts.cjs ENTRY.ts [args…]\n');
  process.exit(2);
}
const entry = resolve(entryArg);
const cacheDir = join(root, 'node_modules', '.cache', 'blumeops-authentik');
const key = createHash('sha256').update(entry).digest('hex').slice(0, 16);
const bundlePath = join(cacheDir, `${key}.cjs`);
const recordPath = join(cacheDir, `${key}.json`);
const codeCachePath = join(cacheDir, `${key}.v8cache`);
// the code cache file: one header line naming the bundle it was made from and its own hash, then V8's
// data. V8 checks little more than the source length, so a cache of another bundle must never reach it
const CODE_CACHE_MAGIC = 'blumeops-v8cache';
// the files that decide the bundle besides its sources: this script and the esbuild that bundles
const toolFiles = () => [__filename, createRequire(join(root, 'package.json')).resolve('esbuild/package.json')];

// every input by its inode, size and times: reading and hashing some 450 files cost a cold process
// more than the rest of the start-up, and so did stat's bigint form (nanosecond times as BigInts).
// Times in ms as doubles keep sub-microsecond precision. The change time cannot be set back (utimes
// sets only the access and modification times), so a file whose content changed never keeps its stamp
function stamp(inputs) {
  let text = `${process.version}\n`;
  for (const file of inputs) {
    const s = statSync(file, { throwIfNoEntry: false });
    if (!s) return undefined;
    text += `${file} ${s.dev} ${s.ino} ${s.size} ${s.mtimeMs} ${s.ctimeMs}\n`;
  }
  return createHash('sha256').update(text).digest('hex');
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

// the cached bundle, if its inputs are unchanged and its bytes are the ones recorded
function cachedBundle() {
  try {
    const record = JSON.parse(readFileSync(recordPath, 'utf8'));
    if (typeof record.bundleHash !== 'string' || record.stamp !== stamp(record.inputs)) return undefined;
    const code = readFileSync(bundlePath);
    return code.length > 0 && sha256(code) === record.bundleHash ? { code, hash: record.bundleHash } : undefined;
  } catch {
    return undefined; // missing, unreadable or damaged: build again
  }
}

// writes through a temporary file, so a reader never sees a half-written one
function writeAtomically(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

async function build() {
  const esbuild = await import(pathToFileURL(createRequire(join(root, 'package.json')).resolve('esbuild')).href);
  // modules read files next to themselves (generated schemas, validators): keep each module's own URL
  const keepModuleUrls = {
    name: 'keep-module-urls',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (a) => {
        if (a.path.includes('/node_modules/')) return undefined;
        const contents = readFileSync(a.path, 'utf8').replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(a.path).href));
        return { contents, loader: /\.[cm]?ts$/.test(a.path) ? 'ts' : 'js' };
      });
    },
  };
  // cdk8s ships its own copy of `yaml` (bundledDependencies), the very version the project pins: the
  // bundle would carry and evaluate the library twice (a third of the bundle). A package nested under
  // another's node_modules is taken from the project's node_modules instead when both are the same
  // version, so the code run is the same; a different version keeps its own copy
  const dedupeNested = {
    name: 'dedupe-nested-packages',
    setup(b) {
      // real paths: esbuild reports importers by theirs, and node_modules may be a symlink
      const top = existsSync(join(root, 'node_modules')) ? realpathSync(join(root, 'node_modules')) : join(root, 'node_modules');
      const versionOf = (dir) => {
        try {
          return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
        } catch {
          return undefined;
        }
      };
      b.onResolve({ filter: /^[^./]/ }, (a) => {
        const name = a.path.split('/').slice(0, a.path.startsWith('@') ? 2 : 1).join('/');
        const nested = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(a.importer)?.[1];
        if (!nested || !nested.startsWith(`${top}/`)) return undefined;
        const own = join(nested, 'node_modules', name);
        if (!existsSync(own)) return undefined;
        const shared = join(top, name);
        const version = versionOf(own);
        if (version === undefined || version !== versionOf(shared)) return undefined;
        return { path: createRequire(join(root, 'package.json')).resolve(a.path) };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    outfile: bundlePath,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // every non-ASCII character of the code escaped; the ones left in comments are escaped below
    charset: 'ascii',
    logLevel: 'silent',
    metafile: true,
    plugins: [dedupeNested, keepModuleUrls],
  });
  // an ASCII-only bundle decodes on UTF-8's ASCII fast path into a one-byte string, several times faster
  // than into the two-byte string one non-ASCII character forces. esbuild escaped every non-ASCII
  // character of the code; those it kept in comments (some packages' doc comments) are escaped the same
  // way, which a comment does not mind. (Not decoded as Latin-1: Node makes a string that large an
  // external one, and the 10,000-client synth then peaked at 900 MiB instead of 545.)
  const code = Buffer.from(result.outputFiles[0].text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  const hash = sha256(code);
  const inputs = [...toolFiles(), ...Object.keys(result.metafile.inputs).map((p) => resolve(root, p)).sort()];
  try {
    mkdirSync(cacheDir, { recursive: true });
    prune();
    rmSync(codeCachePath, { force: true });
    writeAtomically(bundlePath, code);
    writeAtomically(recordPath, JSON.stringify({ entry, stamp: stamp(inputs), inputs, bundleHash: hash }));
  } catch {
    // a cache that cannot be written (read-only node_modules, full disk) costs the next run a build
  }
  return { code, hash };
}

// bundles of entries that no longer exist (a moved checkout, a test's temp copy) are dropped
function prune() {
  for (const name of readdirSync(cacheDir).filter((n) => n.endsWith('.json'))) {
    try {
      if (existsSync(JSON.parse(readFileSync(join(cacheDir, name), 'utf8')).entry)) continue;
    } catch {
      // unreadable record: drop it with its bundle
    }
    // .mjs: the ES module bundles of earlier versions of this script
    for (const ext of ['.json', '.cjs', '.v8cache', '.mjs']) rmSync(join(cacheDir, name.replace(/\.json$/, ext)), { force: true });
  }
}

// runs `fn` with a V8 flag set, then sets `restore`
function withV8Flag(flag, restore, fn) {
  const v8 = require('node:v8');
  v8.setFlagsFromString(flag);
  try {
    return fn();
  } finally {
    v8.setFlagsFromString(restore);
  }
}

// The V8 flags a synth of a large declaration runs with (the largeDeclaration hook below), each as its
// value given V8's default (constructs/synth/private/launcher-hints.ts says when a declaration is large):
const LARGE_DECLARATION_FLAGS = {
  // a tier-up budget eight times V8's: the per-entry functions stay in Sparkplug's baseline code instead
  // of being compiled again on background threads for a run that ends before that pays
  'interrupt-budget': (byDefault) => 8 * byDefault,
  // a young generation that stops growing once the tree is built: what the synth allocates from then on
  // dies young or lives to the end (the memoized renders and checks), and a larger young generation
  // only copies the latter as often while touching fresh memory (at 1,000 clients it doubled to 32 MiB,
  // some 4,000 page faults). V8 reads this flag whenever it would grow the space
  'semi-space-growth-factor': () => 1,
};

// V8 accepts a code cache only under the flags it was made with, and a changed flag counts even when
// set at run time: a cache written after the raise was rejected by every next run (which starts with
// V8's defaults), and a validator's cache flipped between large and small synths. So every code cache
// is read and written under V8's defaults (test/e2e/run-ts.test.ts holds that to V8)
let tuned; // the flags the largeDeclaration hook set: [{ flag, byDefault, large }], once it ran
const spell = (flags, value) => flags.map((t) => `--${t.flag}=${t[value]}`).join(' ');
function underDefaultFlags(fn) {
  if (tuned === undefined || tuned.length === 0) return fn();
  return withV8Flag(spell(tuned, 'byDefault'), spell(tuned, 'large'), fn);
}

// whether the command line sets a V8 flag, which is then left alone (NODE_OPTIONS cannot set these)
function givenFlag(flag) {
  const spelled = new RegExp(`^--${flag.replace(/-/g, '[-_]')}(=|$)`);
  return process.execArgv.some((a) => spelled.test(a));
}

// V8's defaults of LARGE_DECLARATION_FLAGS ({ flag: number, or null where this V8 lacks it}), which V8
// does not tell JavaScript: `node --v8-options` shows them. Read once per Node version (the first large
// synth pays some 75 ms) and kept beside the bundles
function v8Defaults() {
  const file = join(cacheDir, 'v8', `${process.version}.json`);
  const flags = Object.keys(LARGE_DECLARATION_FLAGS);
  const valid = (v) => v === null || (Number.isSafeInteger(v) && v > 0);
  try {
    const known = JSON.parse(readFileSync(file, 'utf8'));
    if (flags.every((f) => valid(known?.[f]))) return known;
  } catch {
    // not read yet, or damaged: read it again
  }
  const { spawnSync } = require('node:child_process');
  // without NODE_OPTIONS: a preload there (the benchmark's memory probe) has nothing to do with V8's defaults
  const listed = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }).stdout ?? '';
  const defaults = {};
  for (const flag of flags) {
    const found = new RegExp(`^\\s*--${flag} \\(.*\\)\\n\\s*type: int\\s+default: --${flag}=(\\d+)\\s*$`, 'm').exec(listed);
    const value = found ? Number(found[1]) : null;
    defaults[flag] = valid(value) ? value : null;
  }
  // nothing listed (V8 not asked): not recorded, asked again next time
  if (flags.every((f) => defaults[f] === null)) return defaults;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeAtomically(file, JSON.stringify(defaults));
  } catch {
    // read again next time
  }
  return defaults;
}

(async () => {
let bundle = cachedBundle();
if (!bundle) {
  try {
    bundle = await build();
  } catch (e) {
    // a syntax or import error in the declaration: invalid input, nothing written
    const errors = e.errors?.map((m) => `${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ''}${m.text}`) ?? [String(e)];
    process.stderr.write(`could not compile ${entryArg}; nothing was written:\n${errors.map((l) => `  - ${l}`).join('\n')}\n`);
    process.exit(2);
  }
}
// a synth that finds its declaration large gets LARGE_DECLARATION_FLAGS set, each unless the command
// line sets it or V8 lacks it (constructs/synth/private/launcher-hints.ts). They change speed and
// memory only, never what code computes. Returns the flags set, as given to V8
globalThis[Symbol.for('blumeops-authentik.largeDeclaration')] = () => {
  if (tuned === undefined) {
    const defaults = v8Defaults();
    tuned = Object.entries(LARGE_DECLARATION_FLAGS)
      .filter(([flag]) => defaults[flag] !== null && !givenFlag(flag))
      .map(([flag, large]) => ({ flag, byDefault: defaults[flag], large: large(defaults[flag]) }));
    if (tuned.length > 0) require('node:v8').setFlagsFromString(spell(tuned, 'large'));
  }
  return tuned.map((t) => `--${t.flag}=${t.large}`);
};
// a synth that has dropped what only validation needed (constructs/synth/private/launcher-hints.ts)
// gets one full garbage collection when its heap is large: V8 had promoted that memo and the garbage of
// rendering every blueprint into its old space, and collects that space only once it outgrows a limit
// that a large synth never reached before the end (at 10,000 clients the process peaked at 480 to 525
// MiB without, some 440 MiB with). Below LARGE_HEAP_BYTES a collection costs more time than it frees
// memory that matters. Returns whether it collected
const LARGE_HEAP_BYTES = 128 * 2 ** 20;
globalThis[Symbol.for('blumeops-authentik.validationMemoryDropped')] = () => {
  const v8 = require('node:v8');
  if (v8.getHeapStatistics().used_heap_size < LARGE_HEAP_BYTES) return false;
  // V8's gc() without --expose-gc on the command line: the flag set just long enough for a fresh context
  // to be given the function, then set back, so V8's flag hash (and with it every code cache) is as before
  const gc = typeof globalThis.gc === 'function' ? globalThis.gc : withV8Flag('--expose-gc', '--no-expose-gc', () => vm.runInNewContext('gc'));
  gc();
  return true;
};
// the entry's "am I the main module" check compares argv[1] with its own (original) URL
process.argv = [process.argv[0], entry, ...args];
cacheRequiredCjs();
// exit code 0 is only ever "synthesized (and compared)": an entry that never ran the synth to the end fails
process.once('exit', (code) => {
  if (code === 0 && !globalThis[Symbol.for('blumeops-authentik.synthCompleted')]) {
    process.stderr.write(`${entryArg} exited without running the synth to the end (it never called synthCommand), so nothing was `
      + `synthesized, checked or written; if main.ts still calls synthCommand, delete ${cacheDir} and run again\n`);
    process.exitCode = 4;
  }
});
run(bundle);
// once nothing is left to run, exit at once: the 'exit' handlers above still run, but Node skips tearing
// down a heap of tens of MB object by object (15 ms for blumeops, more for large apps). 'beforeExit'
// comes only when the event loop is empty, so no write to stdout or stderr is still pending
process.once('beforeExit', () => process.exit());
})().catch((e) => {
  // a bug of this script, not a verdict on dist/: never exit 1 ("stale") for it
  process.stderr.write(`internal error in scripts/run-ts.cjs (a bug; dist/ is complete, as before):\n${e?.stack ?? e}\n`);
  process.exit(4);
});

function run({ code, hash }) {
  const cachedData = readCodeCache(hash);
  const script = new vm.Script(Module.wrap(code.toString('utf8')), {
    filename: bundlePath,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  // V8 rejects a cache from another V8 version or flags (--cpu-prof, say): write a fresh one then
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => saveCodeCache(script, hash));
  const module = { exports: {}, id: bundlePath, filename: bundlePath, loaded: false };
  try {
    script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  } catch (e) {
    // a bug, not a verdict on dist/: never exit 1 ("stale") for it
    process.stderr.write(`internal error while running ${entryArg} (a bug; dist/ is complete, as before):\n${e?.stack ?? e}\n`);
    process.exit(4);
  }
  module.loaded = true;
}

// The project's .cjs files the bundle requires at run time (the precompiled schema validators, loaded
// per model on first use) get a V8 code cache too, one file each beside the bundle's, checked against
// the SHA-256 of their source: Node 20 would compile them from source on every run. Only .cjs files of
// the project, outside node_modules, take this way; everything else loads as Node loads it
function cacheRequiredCjs() {
  const loadJs = Module._extensions['.js'];
  const projectPrefix = `${root}/`;
  const pending = [];
  Module._extensions['.cjs'] = function loadCjs(module, filename) {
    if (!filename.startsWith(projectPrefix) || filename.includes('/node_modules/')) return loadJs(module, filename);
    const source = readFileSync(filename, 'utf8');
    const sourceHash = sha256(source);
    const cachePath = join(cacheDir, 'cjs', `${sha256(filename).slice(0, 16)}.v8cache`);
    const cachedData = readCachePayload(cachePath, sourceHash);
    // compiled under the flags its cache was made with (underDefaultFlags)
    const script = underDefaultFlags(() => new vm.Script(Module.wrap(source), { filename, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }));
    if (!cachedData || script.cachedDataRejected) pending.push({ script, cachePath, sourceHash });
    const require = createRequire(filename);
    script.runInThisContext().call(module.exports, module.exports, require, module, filename, dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, cachePath, sourceHash } of pending) {
      try {
        mkdirSync(dirname(cachePath), { recursive: true });
        const payload = underDefaultFlags(() => script.createCachedData());
        writeAtomically(cachePath, Buffer.concat([Buffer.from(`${CODE_CACHE_MAGIC} ${sourceHash} ${sha256(payload)}\n`, 'latin1'), payload]));
      } catch {
        // a cache that cannot be written costs the next run its compile time, nothing else
      }
    }
  });
}

function readCodeCache(bundleHash) {
  return readCachePayload(codeCachePath, bundleHash);
}

// the payload of a code cache file written for `forHash`, or undefined (a damaged or foreign one is removed)
function readCachePayload(path, forHash) {
  let file;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  const newline = file.indexOf(10);
  const [magic, madeFor, payloadHash] = file.subarray(0, Math.max(newline, 0)).toString('latin1').split(' ');
  const payload = file.subarray(newline + 1);
  if (newline > 0 && magic === CODE_CACHE_MAGIC && madeFor === forHash && payload.length > 0 && sha256(payload) === payloadHash) return payload;
  rmSync(path, { force: true });
  return undefined;
}

// after the run, so the cache holds every function the run compiled, not only the top level
function saveCodeCache(script, bundleHash) {
  try {
    const payload = underDefaultFlags(() => script.createCachedData());
    writeAtomically(codeCachePath, Buffer.concat([Buffer.from(`${CODE_CACHE_MAGIC} ${bundleHash} ${sha256(payload)}\n`, 'latin1'), payload]));
  } catch {
    // a cache that cannot be written costs the next run its compile time, nothing else
  }
}
