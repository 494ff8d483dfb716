import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '../../constructs';
import { ImportError, compareStates, importBlueprints, parseSources, type ImportResult } from '../../constructs/import';
import { reduceBlueprints } from '../../constructs/synth/authentik-state';
import { parseBlueprintFile } from '../../constructs/synth/blueprint-parser';
import { testChart } from '../helpers';

/**
 * The importer's round trip, for authentik's own blueprints and for every blueprint this project
 * writes to dist/: import → write the module → type-check every module in one tsc run → load it,
 * declare it in a fresh chart, synthesize → read the ConfigMaps back → what authentik would hold
 * equals what the original file makes it hold.
 */

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = join(REPO, 'test/fixtures/corpus/authentik-2026.2');
const CORPUS_FILES = ['default', 'example', 'system']
  .flatMap((folder) => readdirSync(join(CORPUS, folder)).filter((f) => f.endsWith('.yaml')).map((f) => `${folder}/${f}`))
  .sort();
const DIST_FILES = readdirSync(join(REPO, 'dist')).filter((f) => /^configmap-authentik-blueprints.*\.yaml$/.test(f)).sort();

// authentik accepts a literal secret; the constructs never write one: this file imports with --move-literal-secrets
const LITERAL_SECRET = 'example/flows-login-conditional-captcha.yaml';
const MOVED_ENV = 'AUTHENTIK_DEFAULT_AUTHENTICATION_FLOW_CAPTCHA_PRIVATE_KEY';

interface Case {
  readonly name: string;
  readonly files: ReadonlyArray<{ readonly source: string; readonly text: string }>;
  readonly moveLiteralSecrets?: boolean;
  result?: ImportResult;
  module?: string;
}

const cases: Case[] = [
  ...CORPUS_FILES.map((f) => ({
    name: `corpus ${f}`,
    files: [{ source: f, text: readFileSync(join(CORPUS, f), 'utf8') }],
    moveLiteralSecrets: f === LITERAL_SECRET,
  })),
  { name: 'dist', files: DIST_FILES.map((f) => ({ source: `dist/${f}`, text: readFileSync(join(REPO, 'dist', f), 'utf8') })) },
];

let work: string;
let tscOutput = '';

beforeAll(() => {
  // inside the repository, so the modules' `../constructs` import resolves
  work = mkdtempSync(join(REPO, '.import-roundtrip-'));
  cases.forEach((c, i) => {
    c.result = importBlueprints(parseSources(c.files), {
      libraryImport: relative(work, join(REPO, 'constructs')).split('\\').join('/'), moveLiteralSecrets: c.moveLiteralSecrets,
    });
    c.module = join(work, `module${i}.ts`);
    writeFileSync(c.module, c.result.code);
  });
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['*.ts'], compilerOptions: { noEmit: true } }));
  try {
    execFileSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(work, 'tsconfig.json')], { encoding: 'utf8' });
  } catch (e) {
    tscOutput = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}` || String(e);
  }
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run import round trip', () => {
  it('finds the 36 corpus blueprint files and the dist blueprints', () => {
    expect(CORPUS_FILES).toHaveLength(36);
    expect(DIST_FILES.length).toBeGreaterThan(0);
  });

  it('writes modules that type-check together', () => {
    expect(tscOutput).toBe('');
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: synthesizes and reads back to what the original makes authentik hold', async (_, c) => {
    const original = reduceBlueprints(parseSources(c.files));
    const module = (await import(pathToFileURL(c.module!).href)) as { default: (chart: ReturnType<typeof testChart>) => void };
    const chart = testChart();
    module.default(chart);
    const files = renderApp(chart.node.root as Parameters<typeof renderApp>[0]);
    const readBack = [...files].filter(([name]) => name.startsWith('configmap-')).flatMap(([name, text]) => parseBlueprintFile(text, name));
    const synthesized = reduceBlueprints(readBack);
    // a moved secret is the same object when the worker's variable holds the file's literal
    const env = Object.fromEntries(c.result!.movedSecrets.map((m) => [m.envVar, literalOf(c.files, m.source, m.index, m.field)]));
    expect(compareStates(original, synthesized, { env })).toEqual([]);
    expect(synthesized.objects.length).toBe(original.objects.length);
    expect(synthesized.deletions).toEqual(original.deletions);
    expect(synthesized.blueprints).toEqual(original.blueprints);
  });

  it('writes at least 90% of the 285 corpus entries through typed constructs', () => {
    const corpus = cases.filter((c) => c.name.startsWith('corpus '));
    const entries = corpus.reduce((n, c) => n + c.result!.entries, 0);
    const typed = corpus.reduce((n, c) => n + c.result!.typed, 0);
    expect(entries).toBe(285);
    expect(typed / entries).toBeGreaterThanOrEqual(0.9);
  });

  it('refuses a literal secret without --move-literal-secrets, naming the file, the entry, the field and the flag', () => {
    const files = [{ source: LITERAL_SECRET, text: readFileSync(join(CORPUS, LITERAL_SECRET), 'utf8') }];
    expect(() => importBlueprints(parseSources(files), { libraryImport: '../constructs' })).toThrow(ImportError);
    expect(() => importBlueprints(parseSources(files), { libraryImport: '../constructs' }))
      .toThrow(`${LITERAL_SECRET}: entry 2 (id default-authentication-flow-captcha): private_key is a literal secret`);
    expect(() => importBlueprints(parseSources(files), { libraryImport: '../constructs' })).toThrow('--move-literal-secrets');
  });

  it('moves the captcha key to a WorkerSecret, writes nothing of it, and compares equal only through the worker variable holding it', async () => {
    const c = cases.find((x) => x.name === `corpus ${LITERAL_SECRET}`)!;
    const literal = literalOf(c.files, LITERAL_SECRET, 2, 'private_key');
    expect(literal.length).toBeGreaterThan(0);
    expect(c.result!.movedSecrets).toEqual([{
      source: LITERAL_SECRET, index: 2, where: `${LITERAL_SECRET}: entry 2 (id default-authentication-flow-captcha)`, field: 'private_key',
      envVar: MOVED_ENV, secretKey: 'default-authentication-flow-captcha-private-key',
    }]);
    expect(c.result!.code).toContain(`envVar: '${MOVED_ENV}'`);
    expect(c.result!.code).toContain('privateKey: defaultAuthenticationFlowCaptchaPrivateKeySecret,');
    expect(c.result!.code).not.toContain(literal);
    expect(c.result!.notes.join('\n')).not.toContain(literal);

    const original = reduceBlueprints(parseSources(c.files));
    const module = (await import(pathToFileURL(c.module!).href)) as { default: (chart: ReturnType<typeof testChart>) => void };
    const chart = testChart();
    module.default(chart);
    const files = renderApp(chart.node.root as Parameters<typeof renderApp>[0]);
    expect([...files.values()].join('\n')).not.toContain(literal);
    const readBack = [...files].filter(([name]) => name.startsWith('configmap-')).flatMap(([name, text]) => parseBlueprintFile(text, name));
    const synthesized = reduceBlueprints(readBack);
    expect(compareStates(original, synthesized, { env: { [MOVED_ENV]: literal } })).toEqual([]);
    // a changed literal, or none given, is a difference; the message never shows the literal
    const changed = compareStates(original, synthesized, { env: { [MOVED_ENV]: `${literal}x` } });
    expect(changed).toHaveLength(1);
    expect(changed[0].key).toBe('authentik_stages_captcha.captchastage name=default-authentication-flow-captcha');
    expect(changed[0].message).toMatch(/^private_key: a literal secret \(\d+ characters\) became a literal secret/);
    expect(changed[0].message).not.toContain(literal);
    const none = compareStates(original, synthesized);
    expect(none.map((m) => m.message)).toEqual([`private_key: a literal secret (${literal.length} characters) became !Env ${MOVED_ENV}`]);
  });
});

// the literal of a field as the file has it: used in memory for the comparison, never written
function literalOf(files: Case['files'], source: string, index: number, field: string): string {
  const blueprint = parseSources(files.filter((f) => f.source === source))[0];
  const entry = (blueprint.document.entries as Array<Record<string, Record<string, unknown>>>)[index];
  const value = entry.identifiers?.[field] ?? entry.attrs?.[field];
  if (typeof value !== 'string') throw new Error(`${source}: entry ${index} has no literal ${field}`);
  return value;
}
