/**
 * Conformance step e, Node side: `npm run import` on every blueprint of authentik's corpus and of
 * dist/, each module loaded and synthesized into a fresh chart (`write`); then what authentik's own
 * loader read from the originals and the synthesized files (import_readback.py) is reduced to what
 * authentik would hold, and the two must agree object for object (`compare`). A literal secret is moved
 * to a worker variable (--move-literal-secrets); the comparison gives that variable the literal
 * authentik's loader read from the original, through an explicit env map.
 *
 * Usage: node --import tsx scripts/conformance/import-roundtrip.ts write|compare WORK
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { AuthentikChart, TAG_NAMES, renderApp, type BlueprintValue, type TagName } from '../../constructs';
import { importBlueprints, parseSources } from '../../constructs/import';
import { reduceBlueprints } from '../../constructs/synth/authentik-state';
import { tagFromNode, type ParsedBlueprint } from '../../constructs/synth/blueprint-parser';
import { compareStates, type WorkerEnv } from '../../constructs/import/round-trip';
import type { MovedSecret } from '../../constructs/import/entry-translator';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = join(REPO, 'test/fixtures/corpus/authentik-2026.2');
// authentik accepts its literal captcha key; the constructs never write a literal secret, so it is moved
const MOVE_LITERAL_SECRETS = new Set(['example/flows-login-conditional-captcha.yaml']);
const CHART = { namespace: 'authentik', kustomizeBase: '../base', secretStoreName: 'conformance', secretRemoteKey: 'conformance', authentikVersion: '2026.2' as const };

interface Case { readonly name: string; readonly files: Array<{ source: string; text: string }>; readonly moveLiteralSecrets?: boolean }

function cases(): Case[] {
  const corpus = ['default', 'example', 'system'].flatMap((folder) => readdirSync(join(CORPUS, folder))
    .filter((f) => f.endsWith('.yaml')).map((f) => `${folder}/${f}`)).sort();
  const dist = readdirSync(join(REPO, 'dist')).filter((f) => /^configmap-authentik-blueprints.*\.yaml$/.test(f)).sort();
  return [
    ...corpus.map((f) => ({
      name: f.replace(/[/.]/g, '-'), files: [{ source: f, text: readFileSync(join(CORPUS, f), 'utf8') }], moveLiteralSecrets: MOVE_LITERAL_SECRETS.has(f),
    })),
    { name: 'dist', files: dist.map((f) => ({ source: `dist/${f}`, text: readFileSync(join(REPO, 'dist', f), 'utf8') })) },
  ];
}

// ConfigMap key → blueprint text, for every ConfigMap in a manifest file
function configMapData(manifests: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of parseAllDocuments(manifests)) {
    const js = doc.toJS() as { kind?: string; data?: Record<string, unknown> } | null;
    if (js?.kind !== 'ConfigMap' || !js.data) continue;
    for (const [key, value] of Object.entries(js.data)) if (key.endsWith('.yaml') && typeof value === 'string') out.set(key, value);
  }
  return out;
}

async function write(work: string): Promise<void> {
  const modules = mkdtempSync(join(REPO, '.import-roundtrip-'));
  try {
    for (const c of cases()) {
      const result = importBlueprints(parseSources(c.files), {
        libraryImport: relative(modules, join(REPO, 'constructs')), moveLiteralSecrets: c.moveLiteralSecrets,
      });
      const file = join(modules, `${c.name}.ts`);
      writeFileSync(file, result.code);
      const module = (await import(pathToFileURL(file).href)) as { default: (chart: AuthentikChart) => void };
      const app = new App();
      module.default(new AuthentikChart(app, 'Authentik', CHART));
      const folder = join(work, c.name);
      mkdirSync(join(folder, 'original'), { recursive: true });
      mkdirSync(join(folder, 'synth'), { recursive: true });
      // where each moved secret was, never its value
      writeFileSync(join(folder, 'moved.json'), JSON.stringify(result.movedSecrets));
      // originals as authentik reads them: the file itself, or each blueprint of its ConfigMaps
      for (const f of c.files) {
        const data = configMapData(f.text);
        if (data.size === 0) writeFileSync(join(folder, 'original', f.source.replace(/\//g, '-')), f.text);
        for (const [key, text] of data) writeFileSync(join(folder, 'original', key), text);
      }
      for (const [name, text] of renderApp(app)) {
        if (!name.startsWith('configmap-')) continue;
        for (const [key, blueprint] of configMapData(text)) writeFileSync(join(folder, 'synth', key), blueprint);
      }
    }
  } finally {
    rmSync(modules, { recursive: true, force: true });
  }
}

// PyYAML's JSON form back into parsed values: {"!tag", "kind", "value"} → Tag
function fromLoaded(value: unknown): BlueprintValue {
  if (Array.isArray(value)) return value.map(fromLoaded);
  if (value !== null && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v['!tag'] === 'string' && Object.keys(v).length === 3 && TAG_NAMES.includes(v['!tag'] as TagName)) {
      const kind = v.kind as 'scalar' | 'sequence';
      return tagFromNode(v['!tag'] as TagName, kind, kind === 'scalar' ? String(v.value) : (v.value as unknown[]).map(fromLoaded));
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromLoaded(x)]));
  }
  return value as BlueprintValue;
}

// each moved secret's worker variable holding the literal authentik's loader read from the original file
function movedEnv(moved: readonly MovedSecret[], original: Record<string, unknown>): WorkerEnv {
  return Object.fromEntries(moved.map((m) => {
    const doc = original[m.source.replace(/\//g, '-')] as { entries?: Array<Record<string, Record<string, unknown> | undefined>> } | undefined;
    const entry = doc?.entries?.[m.index];
    const value = entry?.identifiers?.[m.field] ?? entry?.attrs?.[m.field];
    if (typeof value !== 'string') throw new Error(`${m.where}: the loaded original has no literal ${m.field}`);
    return [m.envVar, value];
  }));
}

function compare(work: string): number {
  let failed = 0;
  const names = readdirSync(work).sort();
  for (const name of names) {
    const loaded = JSON.parse(readFileSync(join(work, name, 'loaded.json'), 'utf8')) as Record<'original' | 'synth', Record<string, unknown>>;
    const docs = (side: 'original' | 'synth'): ParsedBlueprint[] => Object.entries(loaded[side])
      .map(([file, doc]) => ({ source: `${side}/${file}`, document: fromLoaded(doc) as ParsedBlueprint['document'] }));
    const moved = JSON.parse(readFileSync(join(work, name, 'moved.json'), 'utf8')) as MovedSecret[];
    const mismatches = compareStates(reduceBlueprints(docs('original')), reduceBlueprints(docs('synth')), { env: movedEnv(moved, loaded.original) });
    if (mismatches.length > 0) {
      failed++;
      console.error(`  ${name}: the import makes authentik hold something else:`);
      for (const m of mismatches) console.error(`    - ${m.key}: ${m.message}`);
    }
  }
  console.log(`  ${names.length - failed} of ${names.length} imports read back through authentik's loader to the same objects`);
  return failed === 0 ? 0 : 1;
}

const [mode, work] = process.argv.slice(2);
if ((mode !== 'write' && mode !== 'compare') || !work) throw new Error('usage: import-roundtrip.ts write|compare WORK');
if (mode === 'write') {
  write(work).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  process.exitCode = compare(work);
}
