import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a V8 `.cpuprofile` that are read here. */
interface CpuProfile {
  readonly nodes: readonly { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time of one thread, by category and by function. */
export interface ThreadProfile {
  /** Wall time covered by the profile, ms. */
  readonly totalMs: number;
  /** Category → self ms, largest first. */
  readonly categories: readonly [string, number][];
  /** Function (with file) → self ms, largest first. */
  readonly functions: readonly [string, number][];
}

/** Reads every `.cpuprofile` in `dir` (one per thread: the main thread first, then e.g. the tsx loader thread). */
export function readProfiles(dir: string, projectRoot: string): ThreadProfile[] {
  return readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()
    .map((f) => summarize(JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile, projectRoot));
}

function summarize(profile: CpuProfile, projectRoot: string): ThreadProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number): void => {
    map.set(key, (map.get(key) ?? 0) + ms);
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const frame = byId.get(profile.samples[i]);
    if (!frame) continue;
    const ms = profile.timeDeltas[i] / 1000;
    // code bundled by scripts/run-ts.cjs is reported under the module it came from
    const bundled = bundledModule(frame.url, frame.lineNumber);
    if (bundled) {
      add(categories, bundled === BUNDLE_GLUE ? 'esbuild glue' : bundled.startsWith('node_modules/') ? `package ${packageOf(bundled)}` : 'project code', ms);
      add(functions, `${frame.functionName || '(anonymous)'} ${bundled.replace(/^node_modules\//, '')} (bundled)`, ms);
      continue;
    }
    add(categories, categoryOf(frame.url, frame.functionName, projectRoot), ms);
    add(functions, `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url, projectRoot)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`, ms);
  }
  const sorted = (map: Map<string, number>): [string, number][] => [...map].sort((a, b) => b[1] - a[1]);
  return { totalMs: (profile.endTime - profile.startTime) / 1000, categories: sorted(categories), functions: sorted(functions) };
}

const BUNDLE_GLUE = '(esbuild glue)';

// esbuild writes `// <path>` before each module it bundles: first line (0-based) → path, per bundle
const bundleMaps = new Map<string, { line: number; path: string }[]>();

/** The source module of a line in a scripts/run-ts.cjs bundle, or undefined for any other file. */
function bundledModule(url: string, line: number): string | undefined {
  if (!url.includes('/node_modules/.cache/blumeops-authentik/')) return undefined;
  let starts = bundleMaps.get(url);
  if (!starts) {
    starts = [];
    readFileSync(pathOf(url), 'utf8').split('\n').forEach((text, i) => {
      const m = /^\/\/ ((?:node_modules\/)?[^ ]+\.(?:[cm]?[jt]s|json))$/.exec(text);
      if (m) starts!.push({ line: i, path: m[1] });
    });
    bundleMaps.set(url, starts);
  }
  let found = BUNDLE_GLUE;
  for (const s of starts) {
    if (s.line > line) break;
    found = s.path;
  }
  return found;
}

function packageOf(path: string): string {
  // the innermost package: cdk8s's own copy of yaml is yaml
  return /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path)?.[1] ?? path;
}

function categoryOf(url: string, functionName: string, projectRoot: string): string {
  if (!url) {
    if (functionName === '(idle)') return 'idle (waiting: loader thread, I/O)';
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)') return 'V8 / native (program)';
    return `native ${functionName}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1] === 'tsx' ? 'tsx (hooks, TS transform)' : `package ${pkg[1]}`;
  if (url.startsWith('wasm://')) return 'wasm (module lexers)';
  // Node 20 runs `--import` hooks on their own thread: the main thread blocks here on every import
  if (url.startsWith('node:internal/modules/esm/hooks')) return 'blocked on the tsx hooks thread (Node ESM hooks)';
  if (/^node:internal\/(modules|deps\/cjs-module-lexer|source_map)/.test(url)) return 'Node module loader (resolve, read, compile, lex, source maps)';
  if (url.startsWith('node:')) return 'Node internals (other)';
  if (pathOf(url).startsWith(projectRoot)) return 'project code';
  return url;
}

function pathOf(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}

function shortUrl(url: string, projectRoot: string): string {
  if (!url) return '';
  return pathOf(url).replace(`${projectRoot}/`, '').replace(/^.*node_modules\//, '').replace(/^node:internal\//, 'node:');
}
