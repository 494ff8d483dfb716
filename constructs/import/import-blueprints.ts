import { App } from 'cdk8s';
import type { AuthentikVersion } from '../catalog/versions';
import { catalogFor } from '../catalog/catalog';
import * as library from '../index';
import { ReduceError, reduceBlueprints, type AuthentikState } from '../synth/authentik-state';
import { parseBlueprintFile, type ParsedBlueprint } from '../synth/blueprint-parser';
import { renderApp, validateApp } from '../synth/render-app';
import { exportsUsed, evaluate, lit, newExpr, obj, printStatement, ref, type Expr, type Statement } from './code';
import { isBuiltIn } from './built-in-objects';
import { withoutStrayFieldsParsed } from './stray-fields';
import { translateExportPks } from './ui-export';
import { EntryTranslator, fieldOf, type Choice, type MovedSecret, type Translation } from './entry-translator';
import { DoesNotFit, ImportError } from './import-error';
import { compareStates, objectMismatch } from './round-trip';
import { sourceBlueprints, type SourceBlueprint, type SourceEntry } from './source-blueprints';
import { typedLookups } from './typed-lookups';
import { ModelName } from '../catalog/model-facts';

/** Options for `importBlueprints`. */
export interface ImportOptions {
  /** Module specifier the generated code imports the construct library from, e.g. `../constructs`. */
  readonly libraryImport: string;
  /**
   * Where the files came from, for the header comment.
   * @default - the sources of the parsed blueprints
   */
  readonly sourceNames?: readonly string[];
  /**
   * Moves a literal in a secret field to a `WorkerSecret` (`AUTHENTIK_<ENTRY_ID>_<FIELD>`) instead of
   * refusing it; the value is written nowhere, a note says which Secret key to create.
   * @default false
   */
  readonly moveLiteralSecrets?: boolean;
  /**
   * The authentik release the files are for: the translation is proved against its catalog.
   * @default '2026.2'
   */
  readonly authentikVersion?: AuthentikVersion;
}

/** What an import wrote. */
export interface ImportResult {
  /** The TypeScript module. */
  readonly code: string;
  /** Entries read. */
  readonly entries: number;
  /** Entries written through typed constructs. */
  readonly typed: number;
  /** Entries written per class (`ModelEntry` included), sorted by class name. */
  readonly byClass: Readonly<Record<string, number>>;
  /** Things the reader should know: fields authentik ignores that were left out, dependencies added. */
  readonly notes: readonly string[];
  /** Literal secrets moved to worker variables (`moveLiteralSecrets`), without their values. */
  readonly movedSecrets: readonly MovedSecret[];
}

// the chart the import is proven in; the generated module receives the caller's own
const PROOF_CHART = { namespace: 'authentik', kustomizeBase: '../base', secretStoreName: 'import', secretRemoteKey: 'import', authentikVersion: '2026.2' as AuthentikVersion };
const META_APPLY = ModelName.METAAPPLYBLUEPRINT;

/**
 * Translates blueprint files into a TypeScript module whose default export declares them in an
 * `AuthentikChart`. Each entry is written through a typed construct where one fits, else `ModelEntry`;
 * the module is evaluated, synthesized and read back before it is returned, and an entry whose object
 * would differ in authentik is written the next way that fits, or reported.
 * @throws ImportError naming the file and entry when something cannot be translated exactly
 */
export function importBlueprints(given: readonly ParsedBlueprint[], options: ImportOptions): ImportResult {
  // UI exports: pk identifiers and raw-UUID references in the terms of the files (see ui-export.ts)
  const exported = translateExportPks(given);
  const parsed = exported.parsed;
  const sources = sourceBlueprints(parsed);
  checkUnique(sources);
  const catalog = catalogFor(options.authentikVersion ?? PROOF_CHART.authentikVersion);
  let original: AuthentikState;
  try {
    // what authentik reads: nested keys its serializers do not have are dropped (see stray-fields.ts)
    original = reduceBlueprints(parsed.map((p) => withoutStrayFieldsParsed(p, catalog)), catalog);
  } catch (e) {
    if (e instanceof ReduceError) throw new ImportError(e.where, e.reason);
    throw e;
  }
  const entries = sources.flatMap((s) => s.entries);
  const lib = library as unknown as Record<string, unknown>;
  const translator = new EntryTranslator(sources, typedLookups(lib), Object.keys(lib), options.moveLiteralSecrets ?? false, catalog);
  const rung = new Map<SourceEntry, number>(entries.map((e) => [e, 0]));
  const reasons = new Map<SourceEntry, string[]>(entries.map((e) => [e, []]));

  const advance = (entry: SourceEntry, why: string): void => {
    reasons.get(entry)!.push(why);
    rung.set(entry, rung.get(entry)! + 1);
    if (rung.get(entry)! >= translator.choices(entry).length) {
      throw new ImportError(entry.where, `cannot be written exactly:\n  - ${reasons.get(entry)!.join('\n  - ')}`);
    }
  };

  for (;;) {
    const translations = new Map<SourceEntry, { choice: Choice; translation: Translation }>();
    for (const entry of entries) {
      for (;;) {
        const choice = translator.choices(entry)[rung.get(entry)!];
        try {
          translations.set(entry, { choice, translation: translator.translate(entry, choice) });
          break;
        } catch (e) {
          if (!(e instanceof DoesNotFit)) throw e;
          advance(entry, `${describeChoice(choice)}: ${e.message}`);
        }
      }
    }
    const skipped = implicitMetaEntries(sources, translations);
    const module = writeStatements(sources, translator, translations, skipped);

    // prove it: evaluate, validate, synthesize, read back
    const app = new App();
    const variables = new Map<string, unknown>([['chart', new library.AuthentikChart(app, 'Authentik', { ...PROOF_CHART, authentikVersion: options.authentikVersion ?? PROOF_CHART.authentikVersion })]]);
    for (const s of module.statements) {
      const value = evaluate(s.expr, lib, variables);
      if (s.variable) variables.set(s.variable, value);
    }
    const paths = new Map(entries.map((e) => [e, `Authentik/${translator.blueprintIds.get(e.blueprint)}/${translator.constructIdOf(e)}`]));
    const problems = validateApp(app);
    const blamed = new Set<SourceEntry>();
    for (const problem of problems) {
      const owners = entries.filter((e) => new RegExp(`${escape(paths.get(e)!)}(?![A-Za-z0-9])`).test(problem));
      if (owners.length === 0) throw new ImportError('import', `the translation does not synthesize: ${problem}`);
      for (const owner of owners) if (!blamed.has(owner)) {
        blamed.add(owner);
        advance(owner, `${describeChoice(translations.get(owner)!.choice)}: ${problem}`);
      }
    }
    if (blamed.size > 0) continue;

    const files = renderApp(app);
    const readBack = [...files].filter(([name]) => name.startsWith('configmap-')).flatMap(([name, text]) => parseBlueprintFile(text, name));
    const synthesized = reduceBlueprints(readBack, catalog);
    // a moved secret is the same object when the worker variable holds the file's literal (kept in memory only)
    const env = Object.fromEntries(translator.movedSecrets().map((m) => {
      const entry = entries.find((e) => e.blueprint.parsed.source === m.source && e.index === m.index)!;
      return [m.envVar, fieldOf(entry, m.field) as string];
    }));
    const byKey = new Map(synthesized.objects.map((o) => [`${o.model} ${o.identity}`, o]));
    const deleted = new Set(synthesized.deletions.map((d) => `${d.model} ${d.identity}`));
    for (const entry of entries) {
      if (entry.model === META_APPLY) continue;
      const key = Object.entries(original.origins).find(([, where]) => where.includes(`${entry.blueprint.parsed.source}#${entry.index}`))?.[0];
      if (key === undefined) continue;
      const object = original.objects.find((o) => `${o.model} ${o.identity}` === key);
      const mismatch = entry.state === 'absent'
        ? (deleted.has(key) ? undefined : 'the object it deletes is found by other identifiers')
        // a built-in object is updated: a construct default written over it is a change, not padding
        : object && objectMismatch(object, byKey.get(key), isBuiltIn(entry, catalog.version) ? new Map() : undefined, env);
      if (mismatch && !blamed.has(entry)) {
        blamed.add(entry);
        advance(entry, `${describeChoice(translations.get(entry)!.choice)}: authentik would hold something else (${mismatch})`);
      }
    }
    if (blamed.size > 0) continue;
    const rest = compareStates(original, synthesized, { env });
    if (rest.length > 0) {
      throw new ImportError('import', `the translation would make authentik hold something else:\n${rest.map((m) => `  - ${m.key}: ${m.message}`).join('\n')}`);
    }

    const byClass: Record<string, number> = {};
    let typed = 0;
    for (const entry of entries) {
      if (skipped.has(entry)) continue;
      const { choice } = translations.get(entry)!;
      const name = choice.typed?.className ?? 'ModelEntry';
      byClass[name] = (byClass[name] ?? 0) + 1;
      if (choice.typed) typed++;
    }
    const notes = [...exported.notes, ...module.notes];
    for (const entry of entries) {
      const { choice } = translations.get(entry)!;
      if (!choice.typed && translator.choices(entry)[0].typed && !skipped.has(entry)) {
        notes.push(`${entry.where}: written as ModelEntry: ${reasons.get(entry)!.join('; ')}`);
      }
    }
    for (const d of synthesized.dependencies) {
      if (!original.dependencies.some((o) => JSON.stringify(o) === JSON.stringify(d))) {
        notes.push(`${d.blueprint} now applies ${JSON.stringify(d.identifiers)} first, because it refers to objects declared there`);
      }
    }
    return {
      code: printModule(module.statements, options.sourceNames ?? parsed.map((p) => p.source), options.libraryImport, module.sections),
      entries: entries.length,
      typed,
      byClass: Object.fromEntries(Object.entries(byClass).sort(([a], [b]) => (a < b ? -1 : 1))),
      notes,
      movedSecrets: translator.movedSecrets(),
    };
  }
}

function describeChoice(choice: Choice): string {
  return `${choice.typed?.className ?? 'ModelEntry'}${choice.updatesExisting ? ' (updatesExisting)' : ''}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function checkUnique(sources: readonly SourceBlueprint[]): void {
  const files = new Map<string, string>();
  const names = new Map<string, string>();
  for (const s of sources) {
    const f = files.get(s.fileName);
    if (f) throw new ImportError(s.parsed.source, `has the file name ${s.fileName}, as ${f} does; a ConfigMap holds one file per name, so import them separately`);
    files.set(s.fileName, s.parsed.source);
    const n = names.get(s.name);
    if (n) throw new ImportError(s.parsed.source, `is named "${s.name}", as ${n} is; blueprint instance names are unique, so import them separately`);
    names.set(s.name, s.parsed.source);
  }
}

// meta entries that apply another imported blueprint the construct library already applies first
function implicitMetaEntries(sources: readonly SourceBlueprint[], translations: ReadonlyMap<SourceEntry, { translation: Translation }>): Set<SourceEntry> {
  const skipped = new Set<SourceEntry>();
  for (const b of sources) {
    const needs = new Set<string>();
    for (const e of b.entries) for (const used of translations.get(e)!.translation.uses) if (used.blueprint !== b) needs.add(used.blueprint.name);
    for (const e of b.entries) {
      if (e.model !== META_APPLY || e.state !== 'present' || e.raw.conditions !== undefined) continue;
      const ids = e.attrs.identifiers;
      const only = ids !== null && typeof ids === 'object' && !Array.isArray(ids) ? Object.entries(ids) : [];
      const required = e.attrs.required === undefined || e.attrs.required === true;
      if (required && only.length === 1 && only[0][0] === 'name' && typeof only[0][1] === 'string' && needs.has(only[0][1])) skipped.add(e);
    }
  }
  return skipped;
}

interface WrittenModule {
  readonly statements: Statement[];
  /** Statement index → section comment. */
  readonly sections: Map<number, string>;
  readonly notes: string[];
}

// blueprints first, then each file's entries in file order, each after the entries it refers to
function writeStatements(
  sources: readonly SourceBlueprint[],
  translator: EntryTranslator,
  translations: ReadonlyMap<SourceEntry, { choice: Choice; translation: Translation }>,
  skipped: ReadonlySet<SourceEntry>,
): WrittenModule {
  const statements: Statement[] = [];
  const sections = new Map<number, string>();
  const notes: string[] = [];
  const used = new Set<SourceEntry>();
  for (const { translation } of translations.values()) for (const u of translation.uses) used.add(u);

  for (const b of sources) {
    const props: Array<[string, Expr]> = [['fileName', lit(b.fileName)], ['name', lit(b.name)]];
    if (b.description !== undefined) props.push(['description', lit(b.description)]);
    if (Object.keys(b.labels).length > 0) props.push(['labels', obj(Object.entries(b.labels).map(([k, v]) => [k, lit(v)]))]);
    if (Object.keys(b.context).length > 0) props.push(['context', translator.contextExpr(b)]);
    statements.push({
      variable: translator.blueprintVariables.get(b),
      expr: newExpr('Blueprint', ref('chart'), lit(translator.blueprintIds.get(b)!), obj(props)),
    });
  }

  const declaredSecrets = new Set<string>();
  const done = new Set<SourceEntry>();
  const visiting = new Set<SourceEntry>();
  const emit = (entry: SourceEntry): void => {
    if (done.has(entry)) return;
    if (visiting.has(entry)) throw new ImportError(entry.where, 'refers to itself through a cycle of references, which authentik cannot apply');
    visiting.add(entry);
    const { translation } = translations.get(entry)!;
    for (const u of [...translation.uses].sort((x, y) => order(x) - order(y))) emit(u);
    visiting.delete(entry);
    done.add(entry);
    for (const envVar of [...translation.secrets].sort()) {
      if (declaredSecrets.has(envVar)) continue;
      declaredSecrets.add(envVar);
      statements.push(translator.secretStatement(envVar));
    }
    const comments = [...translation.comments];
    for (const c of comments) notes.push(`${entry.where}: ${c}`);
    if (skipped.has(entry)) {
      notes.push(`${entry.where}: the meta entry is written by the Blueprint itself, which applies that blueprint first because it refers to its objects`);
      return;
    }
    statements.push({ variable: used.has(entry) ? translator.variableOf(entry) : undefined, expr: translation.expr, comments });
  };
  const all = sources.flatMap((s) => s.entries);
  const order = (e: SourceEntry): number => all.indexOf(e);
  for (const b of sources) {
    sections.set(statements.length, `${b.parsed.source}: ${b.name}`);
    for (const e of b.entries) emit(e);
  }
  return { statements, sections, notes };
}

function printModule(statements: readonly Statement[], sourceNames: readonly string[], libraryImport: string, sections: ReadonlyMap<number, string>): string {
  const variables = new Set(['chart', ...statements.map((s) => s.variable).filter((v): v is string => v !== undefined)]);
  const names = new Set<string>();
  for (const s of statements) exportsUsed(s.expr, variables, names);
  const imports = [...names, 'type AuthentikChart'].sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, '')));
  const importLine = `import { ${imports.join(', ')} } from '${libraryImport}';`;
  const lines = [
    `// Imported by \`npm run import\` from ${sourceNames.join(', ')}.`,
    '// Readable code to keep and edit: it declares what those files declared, object for object.',
    importLine.length <= 120 ? importLine : `import {\n${imports.map((i) => `  ${i},\n`).join('')}} from '${libraryImport}';`,
    '',
    '/** Declares the imported blueprints in `chart`. */',
    'export default function importedBlueprints(chart: AuthentikChart): void {',
  ];
  let body = '';
  statements.forEach((s, i) => {
    const section = sections.get(i);
    if (section !== undefined) body += `${i > 0 ? '\n' : ''}  // ${section}\n`;
    body += printStatement(s, '  ');
  });
  return `${lines.join('\n')}\n${body}}\n`;
}

/** Reads blueprint files (blueprints, or manifests whose ConfigMaps hold them) for `importBlueprints`. */
export function parseSources(files: ReadonlyArray<{ readonly source: string; readonly text: string }>): ParsedBlueprint[] {
  return files.flatMap((f) => {
    try {
      return parseBlueprintFile(f.text, f.source);
    } catch (e) {
      throw new ImportError(f.source, (e as Error).message.replace(`${f.source}: `, ''));
    }
  });
}
