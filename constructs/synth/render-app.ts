import { ApiObject, type App } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { stringify } from 'yaml';
import { constructsDuringSynth, forgetDuringSynth, forgetTreesDuringSynth, takeManifestJson, withSynthMemo } from '../blueprint/synth-memo';
import { needsPrepare } from '../k8s/blueprints-config-map';
import { joinOutputPath, manifestFileName, outputFoldersOf } from '../k8s/manifest-file';
import { withDerivedFiles } from './derived-file';
import { GeneratedFile } from './generated-file';
import { reportDeclarationSize, reportValidationMemoryDropped } from './private/launcher-hints';
import { writeManifestDirect } from './private/manifest-yaml';

// cdk8s's Yaml.stringify options, applied with our own yaml: the blueprint writer has loaded and warmed
// it up already, where cdk8s's bundled copy would be compiled from cold for this alone. directives: false
// skips a walk of every node in search of %TAG handles, which manifests never have
export const MANIFEST_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1', directives: false } as const;

/** Thrown when the app has validation errors; nothing is written. */
export class ValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the declaration; nothing was written:\n`
      + problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ValidationError';
  }
}

/** Every validation problem in the construct tree, each prefixed with the construct path. */
export function validateApp(root: IConstruct, constructs: readonly IConstruct[] = root.node.findAll()): string[] {
  const problems: string[] = [];
  for (const construct of constructs) {
    for (const message of construct.node.validate()) {
      problems.push(message.startsWith(`${construct.node.path}`) ? message : `${construct.node.path}: ${message}`);
    }
  }
  return [...new Set(problems)];
}

/**
 * Synthesizes the app in memory: file name → content, for every object of every chart.
 * @param objects filled, when given, with each manifest file's object (what its text holds), for
 *   readers of the output that would otherwise parse the YAML back
 * @throws ValidationError listing every problem, before any object is rendered
 */
export function renderApp(app: App, objects?: Map<string, unknown>): Map<string, string> {
  return withSynthMemo(() => {
    const constructs = prepareApp(app);
    const problems = validateApp(app, constructs);
    if (problems.length > 0) throw new ValidationError(problems);
    return withDerivedFiles(constructs, renderManifests(constructs, objects));
  });
}

/**
 * Lets constructs that depend on the whole declaration add objects (cdk8s has no prepare phase of
 * its own), e.g. one ConfigMap per shard of blueprints, which writes every blueprint.
 * @returns every construct of the app afterwards
 */
export function prepareApp(app: App): IConstruct[] {
  const declared = constructsDuringSynth(app);
  // before the per-entry work starts: a launcher tunes the process for a large declaration
  reportDeclarationSize(declared);
  for (const construct of declared) if (needsPrepare(construct)) construct.prepareForSynth();
  forgetTreesDuringSynth();
  return [...constructsDuringSynth(app)];
}

/**
 * What the synth memo holds for validation alone: each entry's fields in wire form (`wire`, which each
 * blueprint's resolved document was made from). Once validation is done nothing reads them again (the
 * blueprint texts and the resolved documents the access map reads stay), so they are forgotten before
 * the manifests are written; what the resolved documents share with them stays with the documents.
 */
export const VALIDATION_ONLY_MEMO_KEYS: readonly string[] = ['wire'];

/** The longest file or folder name common file systems hold (ext4, APFS, NTFS: 255). */
const MAX_FILE_NAME_BYTES = 255;

/**
 * Path → text for every ApiObject and `GeneratedFile` among `constructs`, sorted by path; call it
 * after `validateApp` found no problem. Each is written into its output folder (the root unless a
 * scope set one) and into every folder `alsoWriteTo` added, rendered once.
 * @param objects filled, when given, with each ApiObject file's object (what its text holds)
 * @throws ValidationError when two objects would write the same file
 */
export function renderManifests(constructs: readonly IConstruct[], objects?: Map<string, unknown>): Map<string, string> {
  forgetDuringSynth(...VALIDATION_ONLY_MEMO_KEYS);
  // the most a collection can free, before the manifests add their texts: a launcher may collect now
  reportValidationMemoryDropped();
  const files = new Map<string, string>();
  const tooLong: string[] = [];
  const add = (construct: IConstruct, name: string, text: () => string, object?: () => unknown): void => {
    let content: string | undefined;
    for (const folder of outputFoldersOf(construct)) {
      const path = joinOutputPath(folder, name);
      // a name the file system cannot hold is a mistake in the declaration, not a failure to write
      const long = path.split('/').find((part) => Buffer.byteLength(part) > MAX_FILE_NAME_BYTES);
      if (long !== undefined) {
        tooLong.push(`${construct.node.path}: would write ${JSON.stringify(long.length > 60 ? `${long.slice(0, 57)}…` : long)} (${Buffer.byteLength(long)} bytes), `
          + `longer than a file or folder name may be (${MAX_FILE_NAME_BYTES} bytes); shorten the name it comes from`);
        continue;
      }
      if (files.has(path)) throw new ValidationError([`${construct.node.path}: writes ${path}, which another object already writes; rename one`]);
      content ??= text();
      files.set(path, content);
      if (objects && object) objects.set(path, object());
    }
  };
  for (const construct of constructs) {
    // every ApiObject lives in a chart (cdk8s insists); its chart or a scope below it names the folder
    if (ApiObject.isApiObject(construct)) {
      let json: unknown;
      add(construct, manifestFileName(construct), () => {
        json = takeManifestJson(construct);
        return `---\n${writeManifestDirect(json) ?? stringify(json, MANIFEST_OPTIONS)}`;
      }, () => json);
    }
    else if (GeneratedFile.isGeneratedFile(construct)) add(construct, construct.fileName, () => construct.render());
  }
  if (tooLong.length > 0) throw new ValidationError([...new Set(tooLong)]);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
