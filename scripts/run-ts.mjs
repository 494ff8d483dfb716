#!/usr/bin/env node
// Runs a TypeScript entry (main.ts) precompiled: the first run bundles it with esbuild into
// node_modules/.cache/, later runs reuse the bundle while none of its inputs changed. tsx's loader
// alone costs more than loading cdk8s, so `npm run synth` goes through here; tests and `tsx` still
// run the sources directly. The bundle is CommonJS, run with a V8 code cache that the first run
// writes when it exits: later runs skip parsing and compiling every function that one ran (what Node
// 22's module.enableCompileCache does; Node 20 has no such switch). Entries cannot use top-level await.
// Usage: node scripts/run-ts.mjs ENTRY.ts [args…]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write('usage: node scripts/run-ts.mjs ENTRY.ts [args…]\n');
  process.exit(2);
}
const entry = resolve(entryArg);
const cacheDir = join(root, 'node_modules', '.cache', 'blumeops-authentik');
const key = createHash('sha256').update(entry).digest('hex').slice(0, 16);
const bundlePath = join(cacheDir, `${key}.cjs`);
const recordPath = join(cacheDir, `${key}.json`);
const codeCachePath = join(cacheDir, `${key}.v8cache`);
const esbuildVersion = createRequire(join(root, 'package.json'))('esbuild/package.json').version;

// project files by content, packages by size and time (hashing node_modules would cost more than a build)
function stamp(inputs) {
  const hash = createHash('sha256').update(`${process.version} esbuild ${esbuildVersion} ${readFileSync(fileURLToPath(import.meta.url))}\n`);
  for (const file of inputs) {
    if (!existsSync(file)) return undefined;
    if (file.includes('/node_modules/')) {
      const s = statSync(file);
      hash.update(`${file} ${s.size} ${s.mtimeMs}\n`);
    } else {
      hash.update(`${file}\n`).update(readFileSync(file)).update('\n');
    }
  }
  return hash.digest('hex');
}

function cached() {
  if (!existsSync(bundlePath) || !existsSync(recordPath)) return false;
  try {
    const record = JSON.parse(readFileSync(recordPath, 'utf8'));
    return record.stamp === stamp(record.inputs);
  } catch {
    return false;
  }
}

async function build() {
  prune();
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
  const tmp = `${bundlePath}.${process.pid}.tmp`;
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    metafile: true,
    plugins: [keepModuleUrls],
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => resolve(root, p)).sort();
  rmSync(codeCachePath, { force: true });
  renameSync(tmp, bundlePath);
  writeFileSync(recordPath, JSON.stringify({ entry, stamp: stamp(inputs), inputs }));
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

if (!cached()) {
  mkdirSync(cacheDir, { recursive: true });
  try {
    await build();
  } catch (e) {
    // a syntax or import error in the declaration: invalid input, nothing written
    const errors = e.errors?.map((m) => `${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ''}${m.text}`) ?? [String(e)];
    process.stderr.write(`could not compile ${entryArg}; nothing was written:\n${errors.map((l) => `  - ${l}`).join('\n')}\n`);
    process.exit(2);
  }
}
// the entry's "am I the main module" check compares argv[1] with its own (original) URL
process.argv = [process.argv[0], entry, ...args];
run();

function run() {
  const cachedData = existsSync(codeCachePath) ? readFileSync(codeCachePath) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(bundlePath, 'utf8')), {
    filename: bundlePath,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  // V8 rejects a cache from another V8 version or flags (--cpu-prof, say): write a fresh one then
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => saveCodeCache(script));
  const module = { exports: {}, id: bundlePath, filename: bundlePath, loaded: false };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  module.loaded = true;
}

// after the run, so the cache holds every function the run compiled, not only the top level
function saveCodeCache(script) {
  try {
    const tmp = `${codeCachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, codeCachePath);
  } catch {
    // a cache that cannot be written costs the next run its compile time, nothing else
  }
}
