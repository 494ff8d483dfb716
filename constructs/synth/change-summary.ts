import { createHash } from 'node:crypto';
import { DESCRIPTION_LABEL } from '../blueprint/blueprint';
import { ACCESS_MAP_MARKER, accessChanges, accessModel } from './access';
import {
  diffStates, objectKey, reduceBlueprints, sameValue, type AuthentikState, type StateObject, type StateValue,
} from './authentik-state';
import { parseBlueprint, type ParsedBlueprint } from './blueprint-parser';
import { plainText, type PlainValue } from './blueprint-reader';
import { readDistContents, type DistContents, type DistPushedField, type DistSecretKey } from './dist-contents';
import { refOf, splitKey, StateDescriber } from './state-descriptions';
import { ModelName } from '../catalog/model-facts';

/**
 * A review summary of two versions of the synthesized folder, in authentik's terms. Both versions are
 * reduced to what authentik would hold (`authentik-state`) and compared object by object, whatever
 * the model; each change is reported under the object it belongs to by references (a provider and
 * the policy bindings under their application, flow-stage bindings under their flow), with who may
 * open which application (`access: …`), the secret keys and worker variables that come and go, and
 * the manual steps around the merge (1Password fields, objects authentik keeps when their entry is
 * removed). Reads only the files, so it works against any commit.
 */

/** Heading line before the manual steps in `changeSummary`'s output. */
export const MANUAL_STEPS_HEADING = 'MANUAL STEPS:';

/** Groups of lines, in output order. */
enum Section { BLUEPRINT, OBJECT, ACCESS, SECRET, ENV, ROTATION, FILE }

/** When a manual step is due. */
enum When { BEFORE_MERGE, AFTER_MERGE, AFTER_APPLY }

interface Finding {
  readonly section: Section;
  readonly subject: string;
  /** 0 for the headline of a subject (added, retired, removed), 1 for its details. */
  readonly rank: number;
  readonly text: string;
  /** Folder files and blueprint files this finding explains. */
  readonly sources: readonly string[];
}

interface Step {
  readonly when: When;
  /** Order within `when` (deletions last), before the text. */
  readonly order: number;
  readonly text: string;
}

/** One version of the folder: what it holds, and what authentik would hold from it. */
interface Side {
  readonly contents: DistContents;
  readonly state: AuthentikState;
  readonly parsed: readonly ParsedBlueprint[];
  /** Blueprint files that could not be reduced, and why. */
  readonly errors: ReadonlyMap<string, string>;
}

/** Options for `summarizeFolders`. */
export interface SummaryOptions {
  /**
   * Also name files that changed without any change authentik would see (a reformatted blueprint, a
   * file the summary does not read), for a reviewer of a diff.
   * @default true
   */
  readonly explainFiles?: boolean;
  /**
   * Compare only the environment variables a blueprint's `!Env` names (on either side): a folder of
   * hand-written base Deployments has many others, which a generated patch leaves to that base.
   * @default false
   */
  readonly envOfBlueprintsOnly?: boolean;
  /**
   * Leave out ConfigMap keys ending in `.yaml` that are not blueprints (no `entries`), instead of
   * reporting them as unreadable: for folders that also hold other applications' configuration.
   * @default false
   */
  readonly blueprintsOnly?: boolean;
}

const APPLICATION = ModelName.APPLICATION;
const FLOW = ModelName.FLOW;
const GROUP = ModelName.GROUP;
const USER = ModelName.USER;
const POLICY_BINDING = ModelName.POLICYBINDING;
const FLOW_STAGE_BINDING = ModelName.FLOWSTAGEBINDING;
const BINDINGS: readonly string[] = [POLICY_BINDING, FLOW_STAGE_BINDING];
const KEPT = 'removing an entry leaves the object in authentik';
const ORDER_SUFFIX = / \(order [^)]*\)$/;

/**
 * The summary lines for going from `oldFiles` to `newFiles` (folder path → content), sorted: first
 * the changes, then, if any, `MANUAL STEPS:` and the steps indented by two spaces. Empty when nothing differs.
 */
export function changeSummary(oldFiles: ReadonlyMap<string, string>, newFiles: ReadonlyMap<string, string>): string[] {
  return summarizeFolders(oldFiles, newFiles);
}

/** `changeSummary` with options: `explainFiles: false` reports only what authentik and the secret wiring would see. */
export function summarizeFolders(
  oldFiles: ReadonlyMap<string, string>, newFiles: ReadonlyMap<string, string>, options: SummaryOptions = {},
): string[] {
  const summary = new Summary(readSide(oldFiles, options), readSide(newFiles, options));
  summary.compareBlueprints();
  summary.compareObjects();
  summary.compareAccess();
  summary.compareSecretKeys();
  summary.compareEnv(options.envOfBlueprintsOnly ?? false);
  summary.compareRotations(oldFiles, newFiles);
  if (options.explainFiles ?? true) {
    summary.explainBlueprintFiles();
    summary.explainOtherFiles(oldFiles, newFiles);
  }
  return summary.lines();
}

/**
 * What authentik would hold from the blueprints of a folder (path → text): those in its ConfigMaps,
 * reduced together; a blueprint that cannot be reduced is left out, as the summary does.
 */
export function folderState(files: ReadonlyMap<string, string>): AuthentikState {
  return readSide(files, {}).state;
}

/** Reads a folder and reduces its blueprints; a blueprint that cannot be reduced is left out and named. */
function readSide(files: ReadonlyMap<string, string>, options: SummaryOptions): Side {
  const read = readDistContents(files);
  const errors = new Map<string, string>();
  let parsed: ParsedBlueprint[] = [];
  const blueprints = new Map(read.blueprints);
  for (const [file, b] of [...read.blueprints].sort(([a], [c]) => compare(a, c))) {
    try {
      const p = parseBlueprint(b.text, file);
      if (b.error === undefined) parsed.push(p);
    } catch (e) {
      if (options.blueprintsOnly && /not a blueprint/.test(message(e))) blueprints.delete(file);
      else errors.set(file, withoutSource(message(e), file));
    }
  }
  const contents: DistContents = { ...read, blueprints };
  for (;;) {
    try {
      return { contents, state: reduceBlueprints(parsed), parsed, errors };
    } catch (e) {
      // the reducer names the file it stopped at: leave that one out and reduce the others
      const bad = parsed.find((p) => message(e).startsWith(`${p.source}:`));
      for (const p of bad ? [bad] : parsed) errors.set(p.source, withoutSource(message(e), p.source));
      parsed = bad ? parsed.filter((p) => p !== bad) : [];
    }
  }
}

class Summary {
  private readonly findings = new Map<string, Finding>();
  private readonly steps = new Map<string, Step>();
  private readonly d: StateDescriber;
  private readonly oldObjects: Map<string, StateObject>;
  private readonly newObjects: Map<string, StateObject>;

  constructor(private readonly before: Side, private readonly after: Side) {
    // the new version decides; the old one fills in for objects that no longer say (retired or removed)
    this.d = new StateDescriber([after.state, before.state]);
    this.oldObjects = new Map(before.state.objects.map((o) => [objectKey(o), o]));
    this.newObjects = new Map(after.state.objects.map((o) => [objectKey(o), o]));
  }

  /** Blueprint files: new, removed, renamed, relabelled, unreadable, and the blueprints they apply first. */
  public compareBlueprints(): void {
    const files = union(this.before.contents.blueprints.keys(), this.after.contents.blueprints.keys());
    for (const file of files) {
      const was = this.before.contents.blueprints.get(file);
      const is = this.after.contents.blueprints.get(file);
      const sources = [file, ...(was ? [was.source] : []), ...(is ? [is.source] : [])];
      const add = (t: string, rank = 1): void => this.add(Section.BLUEPRINT, file, rank, t, sources);
      if (is && !was) add(`new blueprint ${file}`, 0);
      if (was && !is) add(`blueprint ${file} removed (authentik forgets the blueprint; the objects it made stay)`, 0);
      const error = is?.error ?? this.after.errors.get(file);
      if (error !== undefined && error !== (was?.error ?? this.before.errors.get(file))) add(`${file}: could not be read for this summary (${error})`);
      for (const warning of is?.blueprint?.warnings.filter((w) => !was?.blueprint?.warnings.includes(w)) ?? []) {
        add(`${file}: authentik would skip this file: ${warning}`);
      }
      if (!was?.blueprint || !is?.blueprint) continue;
      if (was.blueprint.name !== is.blueprint.name) add(`${file}: blueprint name changed ${show(was.blueprint.name ?? null)} → ${show(is.blueprint.name ?? null)}`);
      for (const key of union(Object.keys(was.blueprint.labels), Object.keys(is.blueprint.labels))) {
        const a = was.blueprint.labels[key];
        const b = is.blueprint.labels[key];
        if (same(a, b)) continue;
        const what = key === DESCRIPTION_LABEL ? 'description' : `label ${key}`;
        add(a === undefined ? `${file}: ${what} set to ${show(b)}` : b === undefined ? `${file}: ${what} removed` : `${file}: ${what} changed ${show(a)} → ${show(b)}`);
      }
      const applied = (side: Side): Map<string, string> => new Map(dependenciesOf(side, file).map((x) => [x, x]));
      const a = applied(this.before);
      const b = applied(this.after);
      for (const x of b.keys()) if (!a.has(x)) add(`${file}: now applies ${x} first`);
      for (const x of a.keys()) if (!b.has(x)) add(`${file}: no longer applies ${x} first`);
    }
  }

  /** Objects: added, retired, removed, restored, and changed field by field, each under its root. */
  public compareObjects(): void {
    const changes = diffStates(this.before.state, this.after.state);
    const added = new Set(changes.filter((c) => c.kind === 'added').map(objectKey));
    const removed = new Set(changes.filter((c) => c.kind === 'removed').map(objectKey));
    this.pairReorderedBindings(added, removed);

    const retired = new Map<string, string[]>();
    const kept = new Map<string, string[]>();
    const push = (map: Map<string, string[]>, key: string): void => {
      const root = this.d.rootOf(key);
      map.set(root, [...(map.get(root) ?? []), key]);
    };
    // deletions that match an object removed (retired) or added again (restored)
    const consumed = new Set<string>();
    const restored = new Set<string>();
    for (const key of added) {
      const deletion = this.covering(this.before.state, key);
      if (deletion !== undefined) {
        consumed.add(deletion);
        restored.add(key);
      }
    }
    for (const key of added) this.addedObject(key, restored.has(key));
    for (const key of removed) {
      const deletion = this.covering(this.after.state, key);
      if (deletion !== undefined) consumed.add(deletion);
      push(deletion !== undefined ? retired : kept, key);
    }
    const dropped = new Map<string, string[]>();
    for (const c of changes) {
      const key = objectKey(c);
      if (c.kind === 'deletion-requested' && !consumed.has(key)) push(retired, key);
      if (c.kind === 'deletion-withdrawn' && !consumed.has(key)) {
        for (const file of this.filesOf([key], this.before.state)) dropped.set(file, [...(dropped.get(file) ?? []), key]);
      }
      if (c.kind === 'changed') this.changedField(key, c.field, c.option, c.before, c.after);
    }
    for (const key of [...this.oldObjects.keys()].filter((k) => this.newObjects.has(k))) this.movedObject(key);
    for (const [root, keys] of retired) this.retiredObjects(root, keys);
    for (const [root, keys] of kept) this.keptObjects(root, keys);
    for (const [file, keys] of dropped) {
      const roots = [...new Set(keys.map((k) => this.d.rootOf(k)))].sort((a, b) => rootRank(a) - rootRank(b) || compare(a, b));
      const described = [...keys].sort((a, b) => rootRank(a) - rootRank(b) || compare(a, b)).map((k) => this.d.describe(k));
      this.addAt(roots[0], roots[0], 1, `${file}: retired entries dropped (nothing changes in authentik): ${listText(described)}`, keys);
    }
  }

  /** `access: …` lines: who may newly open, or no longer open, which application. */
  public compareAccess(): void {
    // authentik keeps what a file merely stops declaring, so access through it stays
    const keptObjects = [...this.oldObjects.values()]
      .filter((o) => !this.newObjects.has(objectKey(o)) && this.covering(this.after.state, objectKey(o)) === undefined);
    const before = accessModel(this.before.state.objects, this.d);
    const after = accessModel([...this.after.state.objects, ...keptObjects], this.d);
    for (const line of accessChanges(before, after)) this.add(Section.ACCESS, line, 1, line, []);
  }

  /** ExternalSecret keys, with the 1Password fields to create before merging or to delete afterwards. */
  public compareSecretKeys(): void {
    const before = this.before.contents.secretKeys;
    const after = this.after.contents.secretKeys;
    const names = new Set([...before.values(), ...after.values()].map((k) => k.externalSecret));
    const newFields = new Set([...after.values()].map(fieldOf));
    const oldFields = new Set([...before.values()].map(fieldOf));
    for (const key of union(before.keys(), after.keys())) {
      const was = before.get(key);
      const is = after.get(key);
      const k = (is ?? was)!;
      const where = names.size > 1 ? ` in ExternalSecret ${k.externalSecret}` : '';
      const sources = [...(was ? [was.source] : []), ...(is ? [is.source] : [])];
      const add = (t: string): void => this.add(Section.SECRET, k.secretKey, 1, t, sources);
      if (is && !was) add(`secret key ${is.secretKey} added${where}`);
      if (was && !is) add(`secret key ${was.secretKey} removed${where}`);
      if (was && is && fieldOf(was) !== fieldOf(is)) {
        add(`secret key ${is.secretKey}${where} now read from ${fieldText(is)} (was ${fieldText(was)})`);
      }
      // a field another key still reads (or already read) needs no step, nor one the operator generates
      const pushed = is ? this.generatedField(is) : undefined;
      if (is && pushed && !this.generatedField(is, this.before)) {
        sources.push(pushed.source);
        add(`secret key ${is.secretKey}${where}: ${fieldText(is)} is generated by the External Secrets Operator `
          + `(PushSecret ${pushed.pushSecret}, ${pushed.updatePolicy}, sync wave ${pushed.syncWave}), no manual step`);
      }
      if (is && !pushed && (!was || fieldOf(was) !== fieldOf(is)) && !oldFields.has(fieldOf(is))) {
        const rotation = rotationOf(is.property);
        this.step(When.BEFORE_MERGE, `create ${fieldText(is)}${rotation === undefined ? ''
          : ` with a new value (letters and digits only, e.g. 48 of them), for rotation ${rotation.n} of ${rotation.base}; keep the old field until the end`}`);
      }
      if (was && (!is || fieldOf(was) !== fieldOf(is)) && !newFields.has(fieldOf(was))) {
        this.step(When.AFTER_APPLY, `${fieldText(was)} can be deleted`, 1);
      }
    }
  }

  /** The PushSecret that generates the field `k` reads, on `side` (the new one by default). */
  private generatedField(k: DistSecretKey, side: Side = this.after): DistPushedField | undefined {
    return [...side.contents.pushedFields.values()].find((p) => p.generator !== undefined && fieldOf(p) === fieldOf(k));
  }

  /**
   * Rotations: a field read as \`<base>-r<n>\` where the old version read \`<base>\` or another rotation of it.
   * One ordered list per rotation of what happens once merged, and the manual steps it needs.
   */
  public compareRotations(oldFiles: ReadonlyMap<string, string>, newFiles: ReadonlyMap<string, string>): void {
    const before = [...this.before.contents.secretKeys.values()];
    const after = [...this.after.contents.secretKeys.values()];
    const seen = new Set<string>();
    for (const is of after) {
      const rotation = rotationOf(is.property);
      if (rotation === undefined || before.some((k) => fieldOf(k) === fieldOf(is))) continue;
      const was = before.find((k) => k.storeName === is.storeName && k.remoteKey === is.remoteKey
        && (k.property === rotation.base || rotationOf(k.property)?.base === rotation.base));
      if (was === undefined || seen.has(fieldOf(is))) continue;
      seen.add(fieldOf(is));
      this.rotation(was, is, rotation, oldFiles, newFiles);
    }
  }

  private rotation(was: DistSecretKey, is: DistSecretKey, rotation: { base: string; n: number },
    oldFiles: ReadonlyMap<string, string>, newFiles: ReadonlyMap<string, string>): void {
    const subject = `rotation ${rotation.base} ${String(rotation.n).padStart(6, '0')}`;
    const readers = [...this.after.contents.secretKeys.values()].filter((k) => fieldOf(k) === fieldOf(is));
    const sources = new Set<string>(readers.map((k) => k.source));
    let rank = 0;
    const add = (t: string): void => this.add(Section.ROTATION, subject, rank++, t, [...sources]);
    const pushed = this.generatedField(is);
    // the worker: variables read from a key that now reads the new field, and the blueprints naming them
    const workerKeys = readers.filter((k) => [...this.after.contents.env.values()].some((e) => e.from === `secret ${k.externalSecret} key ${k.secretKey}`));
    const vars = [...this.after.contents.env.values()].filter((e) => workerKeys.some((k) => e.from === `secret ${k.externalSecret} key ${k.secretKey}`));
    const varNames = [...new Set(vars.map((v) => v.name))].sort(compare);
    const blueprints = [...this.after.contents.blueprints].filter(([, b]) => varNames.some((v) => new RegExp(`!Env \\[?"?${v}\\b`).test(b.text)))
      .sort(([a], [b]) => compare(a, b));
    const consumers = readers.filter((k) => !workerKeys.includes(k));
    const ansible = [...newFiles].filter(([path, text]) => /(^|\/)ansible\/.*\.json$/.test(path) && jsonField(text, 'client_secret_ref')?.endsWith(`/${is.property}`))
      .map(([path, text]) => ({ path, ref: jsonField(text, 'client_secret_ref')!, was: jsonField(oldFiles.get(path), 'client_secret_ref') }))
      .sort((a, b) => compare(a.path, b.path));
    for (const v of vars) sources.add(v.source);
    for (const [, b] of blueprints) sources.add(b.source);
    for (const a of ansible) sources.add(a.path);

    add(`rotation ${rotation.n} of ${rotation.base}: ${fieldText(was)} → ${is.property}; once merged, in this order:`);
    let step = 0;
    const item = (t: string): void => add(`  ${++step}. ${t}`);
    if (pushed) sources.add(pushed.source);
    item(pushed
      ? `ArgoCD syncs authentik: PushSecret ${pushed.pushSecret} (sync wave ${pushed.syncWave}) has the External Secrets Operator generate ${is.property} (${pushed.updatePolicy}: a new field, so a new value)`
      : `${is.property} must already hold the new value in 1Password (see MANUAL STEPS: before merging)`);
    for (const k of workerKeys) item(`ExternalSecret ${k.externalSecret} re-reads at once (its spec changed) into key ${k.secretKey}`);
    if (varNames.length > 0) {
      item(`the worker restarts (its pod template now reads ${varNames.join(', ')} from the new key, so it cannot start before the key holds the new value)`);
    }
    for (const [file, b] of blueprints) {
      item(`authentik re-applies ${file} once the worker rollout is done (the blueprint ConfigMaps sync after it), as its text changed: sha512 ${sha512(b.text).slice(0, 16)}…; \`npm run verify -- --wait 10m\` shows it applied (last_applied_hash equal)`);
    }
    for (const k of consumers) {
      item(`ExternalSecret ${k.externalSecret} (${k.source.slice(0, k.source.lastIndexOf('/')) || '.'}) re-reads at once (its spec changed); pods that read Secret ${k.externalSecret} `
        + 'only at start (environment variables) need a restart');
      this.step(When.AFTER_APPLY, `restart the pods that read Secret ${k.externalSecret} as environment variables (kubectl rollout restart), `
        + `once ArgoCD synced ${k.source.slice(0, k.source.lastIndexOf('/')) || 'it'}`);
    }
    for (const a of ansible) {
      item(`Ansible: ${a.path} now reads ${a.ref}${a.was === undefined ? '' : ` (was ${a.was})`}; re-run its role`);
      this.step(When.AFTER_APPLY, `re-run Ansible for ${a.path.replace(/^.*ansible\//, '').replace(/\.json$/, '')} (${a.path} now reads ${a.ref})`);
    }
    const oldPush = [...this.before.contents.pushedFields.values()].find((p) => fieldOf(p) === fieldOf(was)
      && ![...this.after.contents.pushedFields.values()].some((q) => q.pushSecret === p.pushSecret));
    if (oldPush) {
      sources.add(oldPush.source);
      item(`PushSecret ${oldPush.pushSecret} is removed; the operator leaves field ${oldPush.property} in 1Password (deletionPolicy ${oldPush.deletionPolicy})`);
    }
    item(`after authentik applied the change and every consumer has the new value: delete ${fieldText(was)} (see MANUAL STEPS)`);
  }

  /** Environment variables of patched Deployments (the worker's `!Env` secrets); with `ofBlueprintsOnly`, those `!Env` names. */
  public compareEnv(ofBlueprintsOnly: boolean): void {
    const before = this.before.contents.env;
    const after = this.after.contents.env;
    const named = new Set([...envNames(this.before.state), ...envNames(this.after.state)]);
    for (const key of union(before.keys(), after.keys())) {
      const was = before.get(key);
      const is = after.get(key);
      const v = (is ?? was)!;
      if (ofBlueprintsOnly && !named.has(v.name)) continue;
      const sources = [...(was ? [was.source] : []), ...(is ? [is.source] : [])];
      const add = (t: string): void => this.add(Section.ENV, `${v.container} ${v.name}`, 1, t, sources);
      if (is && !was) add(`${v.container} env ${v.name} added`);
      if (was && !is) add(`${v.container} env ${v.name} removed`);
      if (was && is && was.from !== is.from) add(`${v.container} env ${v.name} now from ${is.from} (was ${was.from})`);
    }
  }

  /** A changed blueprint without a single object change is still re-applied: say why it changed. */
  public explainBlueprintFiles(): void {
    for (const [file, is] of this.after.contents.blueprints) {
      const was = this.before.contents.blueprints.get(file);
      if (!was || was.text === is.text || [...this.findings.values()].some((f) => f.sources.includes(file))) continue;
      this.add(Section.BLUEPRINT, file, 1, `${file}: reordered or reformatted only; authentik re-applies it, no object changes`, [file, is.source]);
    }
  }

  /** Files that changed without any finding above: named, so the reviewer knows to read their diff. */
  public explainOtherFiles(oldFiles: ReadonlyMap<string, string>, newFiles: ReadonlyMap<string, string>): void {
    const explained = new Set([...this.findings.values()].flatMap((f) => f.sources));
    // a copy of an explained file that changed the same way (the authentik Component repeats the
    // overlay's objects, its worker patch without the namespace line): the same lines added and removed
    const change = (path: string): string => lineDelta(oldFiles.get(path), newFiles.get(path));
    const explainedChanges = new Set([...explained].filter((p) => oldFiles.has(p) || newFiles.has(p)).map(change));
    for (const path of union(oldFiles.keys(), newFiles.keys())) {
      const was = oldFiles.get(path);
      const is = newFiles.get(path);
      if (was === is || explained.has(path) || explainedChanges.has(change(path))) continue;
      // the access map is drawn from the blueprints: the lines above explain its diff
      if ([was, is].every((t) => t === undefined || t.startsWith(ACCESS_MAP_MARKER)) && this.explainsAccessMap()) continue;
      const t = was === undefined ? `new file ${path}` : is === undefined ? `file ${path} removed` : `${path} changed (see the diff)`;
      this.add(Section.FILE, path, 1, t, [path]);
    }
  }

  /** Whether some object or access change is reported (which redraws an access map). */
  private explainsAccessMap(): boolean {
    return [...this.findings.values()].some((f) => f.section === Section.OBJECT || f.section === Section.ACCESS);
  }

  /** Findings sorted by section, subject and headline first, then the manual steps. */
  public lines(): string[] {
    const findings = [...this.findings.values()].sort((a, b) => a.section - b.section
      || compare(a.subject, b.subject) || a.rank - b.rank || compare(a.text, b.text));
    const steps = [...this.steps.values()].sort((a, b) => a.when - b.when || a.order - b.order || compare(a.text, b.text));
    const out = findings.map((f) => f.text);
    if (steps.length > 0) {
      const prefix: Record<When, string> = {
        [When.BEFORE_MERGE]: 'before merging',
        [When.AFTER_MERGE]: 'after merging',
        [When.AFTER_APPLY]: 'after authentik applied the change',
      };
      out.push(MANUAL_STEPS_HEADING, ...steps.map((s) => `  ${prefix[s.when]}: ${s.text}`));
    }
    return out;
  }

  /**
   * A binding whose order changed is, by its natural key, one binding removed and one added; authentik
   * updates it in place (blueprints identify bindings by target and subject), so report the order.
   */
  private pairReorderedBindings(added: Set<string>, removed: Set<string>): void {
    const sameBinding = (o: StateObject): string => `${o.model}\u0000${canonicalOf(o.fields.target)}\u0000`
      + `${canonicalOf(o.fields.group ?? o.fields.user ?? o.fields.policy ?? o.fields.stage)}`;
    const candidates = (keys: Set<string>, objects: Map<string, StateObject>): Map<string, string[]> => {
      const out = new Map<string, string[]>();
      for (const key of keys) {
        const o = objects.get(key);
        if (!o || !BINDINGS.includes(o.model) || this.covering(this.after.state, key) !== undefined) continue;
        out.set(sameBinding(o), [...(out.get(sameBinding(o)) ?? []), key]);
      }
      return out;
    };
    const gone = candidates(removed, this.oldObjects);
    const come = candidates(added, this.newObjects);
    for (const [id, [was, ...moreWas]] of gone) {
      const [is, ...moreIs] = come.get(id) ?? [];
      if (is === undefined || moreWas.length > 0 || moreIs.length > 0) continue;
      removed.delete(was);
      added.delete(is);
      const a = this.oldObjects.get(was)!;
      const b = this.newObjects.get(is)!;
      const root = this.d.rootOf(is);
      const label = this.d.describe(is, root).replace(ORDER_SUFFIX, '');
      this.addAt(root, is, 1, `${this.d.describe(root)}: ${label}: order ${show(a.fields.order as PlainValue)} → ${show(b.fields.order as PlainValue)}`, [was, is]);
      for (const field of union(Object.keys(a.fields), Object.keys(b.fields))) {
        if (field !== 'order' && !sameValue(a.fields[field], b.fields[field])) this.changedField(is, field, false, a.fields[field], b.fields[field]);
      }
    }
  }

  /**
   * The deletion of `state` that deletes the object `key`: the same key, or an absent entry whose
   * identifiers all match its fields (a retired binding names its target and group, not its order).
   */
  private covering(state: AuthentikState, key: string): string | undefined {
    const keys = state.deletions.map(objectKey);
    if (keys.includes(key)) return key;
    const { model } = splitKey(key);
    const fields = this.d.fieldsOf(key);
    return keys.find((k) => splitKey(k).model === model
      && Object.entries(state.deletionFields[k] ?? {}).every(([f, v]) => this.d.sameValue(v, fields[f])));
  }

  private addedObject(key: string, restored: boolean): void {
    const o = this.newObjects.get(key)!;
    const root = this.d.rootOf(key);
    const files = this.filesOf([key], this.after.state);
    if (restored) {
      this.addAt(root, key, key === root ? 0 : 1, `${this.prefix(key, root)} restored (state ${o.state})`, [key]);
    } else if (key === root) {
      this.addAt(root, key, 0, `${this.d.describe(key)} added (${files.join(', ')})`, [key]);
    } else {
      this.addAt(root, key, 1, `${this.prefix(key, root)} added`, [key]);
    }
    if (Array.isArray(o.fields.redirect_uris)) {
      for (const uri of redirectUris(o.fields.redirect_uris)) this.addAt(root, key, 1, `${this.d.describe(root)}: redirect URI added ${uri}`, [key]);
    }
  }

  private retiredObjects(root: string, keys: readonly string[]): void {
    const rootDesc = this.d.describe(root);
    const members = keys.filter((k) => k !== root).map((k) => this.d.describe(k, root)).sort(compare);
    const neverDeclared = keys.every((k) => !this.oldObjects.has(k));
    if (keys.includes(root)) {
      const deletes = `authentik deletes ${neverDeclared ? 'whatever exists of ' : ''}it${members.length > 0 ? ` with ${listText(members)}` : ''}`;
      this.addAt(root, root, 0, `${rootDesc} retired (state absent): ${deletes}`, keys);
      return;
    }
    for (const key of keys) {
      const exists = this.oldObjects.has(key) ? 'it' : 'it if it exists';
      this.addAt(root, key, 1, `${this.prefix(key, root)} retired (state absent): authentik deletes ${exists}`, [key]);
    }
  }

  private keptObjects(root: string, keys: readonly string[]): void {
    const files = this.filesOf(keys, this.before.state);
    const rootDesc = this.d.describe(root);
    if (keys.includes(root)) {
      const members = keys.filter((k) => k !== root).map((k) => this.d.describe(k, root)).sort(compare);
      const all = [rootDesc, ...keys.filter((k) => k !== root).map((k) => this.d.describe(k)).sort(compare)];
      this.addAt(root, root, 0, `${rootDesc} removed from ${files.join(', ')} (authentik keeps it${members.length > 0 ? ` with ${listText(members)}` : ''})`, keys);
      this.step(When.AFTER_MERGE, `delete ${listText(all)} in authentik if ${all.length > 1 ? 'they' : 'it'} should go, `
        + `or keep ${all.length > 1 ? 'their entries' : 'its entry'} with state absent (retired) instead (${KEPT})`);
      return;
    }
    for (const key of keys) {
      const grants = splitKey(key).model === POLICY_BINDING;
      this.addAt(root, key, 1, `${this.prefix(key, root)} removed from ${this.filesOf([key], this.before.state).join(', ')}`, [key]);
      this.step(When.AFTER_MERGE, `delete ${this.d.describe(key)} in authentik (${KEPT}${grants ? ', so access stays until then' : ''})`);
    }
  }

  private movedObject(key: string): void {
    const was = this.filesOf([key], this.before.state);
    const is = this.filesOf([key], this.after.state);
    if (same(was, is)) return;
    const root = this.d.rootOf(key);
    this.addAt(root, key, 0, `${this.prefix(key, root)}: moved from ${was.join(', ')} to ${is.join(', ')}`, [key]);
  }

  private changedField(key: string, field: string, option: boolean, x: StateValue | undefined, y: StateValue | undefined): void {
    const root = this.d.rootOf(key);
    const { model } = splitKey(key);
    const rootDesc = this.d.describe(root);
    const prefix = this.prefix(key, root);
    const add = (t: string): void => this.addAt(root, key, 1, t, [key]);
    const v = (value: StateValue | undefined): string => this.d.show(value);
    if (option) {
      add(field === 'state' ? `${prefix}: state ${v(x)} → ${v(y)}` : `${prefix}: conditions changed ${v(x)} → ${v(y)}`);
    } else if (field === 'redirect_uris' && (Array.isArray(x) || Array.isArray(y))) {
      const before = redirectUris(x);
      const after = redirectUris(y);
      for (const uri of after.filter((u) => !before.includes(u))) add(`${rootDesc}: redirect URI added ${uri}`);
      for (const uri of before.filter((u) => !after.includes(u))) add(`${rootDesc}: redirect URI removed ${uri}`);
      if (before.every((u) => after.includes(u)) && after.every((u) => before.includes(u))) add(`${rootDesc}: redirect URIs reordered`);
    } else if (model === APPLICATION && field === 'meta_launch_url') {
      add(x === undefined ? `${prefix}: launch URL set to ${v(y)}` : y === undefined
        ? `${prefix}: launch URL no longer set (authentik keeps ${v(x)})` : `${prefix}: launch URL changed ${v(x)} → ${v(y)}`);
    } else if (model === USER && field === 'groups' && Array.isArray(x) && Array.isArray(y)) {
      for (const g of y.filter((g) => !x.some((o) => sameValue(o, g)))) add(`${prefix}: added to ${v(g)}`);
      for (const g of x.filter((g) => !y.some((n) => sameValue(n, g)))) add(`${prefix}: removed from ${v(g)}`);
    } else if (Array.isArray(x) && Array.isArray(y) && (y.some((a) => !x.some((b) => sameValue(a, b))) || x.some((a) => !y.some((b) => sameValue(a, b))))) {
      for (const item of y.filter((a) => !x.some((b) => sameValue(a, b)))) add(`${prefix}: ${field}: added ${v(item)}`);
      for (const item of x.filter((a) => !y.some((b) => sameValue(a, b)))) add(`${prefix}: ${field}: removed ${v(item)}`);
    } else if (x === undefined) {
      add(`${prefix}: ${field} set to ${v(y)}`);
    } else if (y === undefined) {
      // blueprints update only the fields they name, so a dropped field keeps its last value
      add(`${prefix}: ${field} no longer set (authentik keeps ${v(x)})`);
    } else {
      add(`${prefix}: ${field} changed ${v(x)} → ${v(y)}`);
    }
  }

  /** `application zot` for the root itself, `application zot: OAuth2 provider Zot` for what belongs to it. */
  private prefix(key: string, root: string): string {
    return key === root ? this.d.describe(key) : `${this.d.describe(root)}: ${this.d.describe(key, root)}`;
  }

  /** Blueprint files declaring `keys` in `state`, sorted. */
  private filesOf(keys: readonly string[], state: AuthentikState): string[] {
    return [...new Set(keys.flatMap((k) => (state.origins[k] ?? []).map((o) => o.slice(0, o.lastIndexOf('#')))))].sort(compare);
  }

  /** Adds a finding about `keys`' objects under `root`, naming the blueprint and folder files it explains. */
  private addAt(root: string, key: string, rank: number, t: string, keys: readonly string[]): void {
    const files = [...new Set([...this.filesOf([key, ...keys], this.before.state), ...this.filesOf([key, ...keys], this.after.state)])];
    const folderFiles = files.flatMap((f) => [this.before.contents.blueprints.get(f)?.source, this.after.contents.blueprints.get(f)?.source])
      .filter((s): s is string => s !== undefined);
    this.add(Section.OBJECT, `${rootRank(root)}\u0000${this.d.describe(root)}\u0000${root}`, rank, t, [...files, ...folderFiles]);
  }

  private add(section: Section, subject: string, rank: number, t: string, sources: readonly string[]): void {
    const key = `${section}\u0000${subject}\u0000${t}`;
    const known = this.findings.get(key);
    this.findings.set(key, { section, subject, rank: Math.min(rank, known?.rank ?? rank), text: t, sources: [...new Set([...(known?.sources ?? []), ...sources])] });
  }

  private step(when: When, t: string, order = 0): void {
    this.steps.set(`${when}\u0000${t}`, { when, order, text: t });
  }
}

// applications first, then flows, groups, users, everything else
function rootRank(key: string): number {
  const index = ([APPLICATION, FLOW, GROUP, USER] as readonly string[]).indexOf(splitKey(key).model);
  return index < 0 ? 4 : index;
}

/** The blueprints `file` applies first (`metaapplyblueprint`), in words. */
function dependenciesOf(side: Side, file: string): string[] {
  const parsed = side.parsed.find((p) => p.source === file);
  if (parsed === undefined) return [];
  const name = parsed.document.metadata !== null && typeof parsed.document.metadata === 'object' && !Array.isArray(parsed.document.metadata)
    ? (parsed.document.metadata as Record<string, unknown>).name : undefined;
  return side.state.dependencies.filter((d) => d.blueprint === (typeof name === 'string' ? name : '')).map((d) => {
    const ids = d.identifiers as { readonly [key: string]: StateValue };
    const named = ids !== null && typeof ids === 'object' && !Array.isArray(ids) && typeof ids.name === 'string' && Object.keys(ids).length === 1;
    return `${named ? `blueprint ${JSON.stringify(ids.name)}` : `the blueprint ${JSON.stringify(ids)}`}${d.required ? '' : ' (if it exists)'}`;
  });
}

/** The variables `!Env` tags of a state name. */
function envNames(state: AuthentikState): string[] {
  const names: string[] = [];
  const walk = (value: StateValue): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      const record = value as { readonly [key: string]: StateValue };
      const m = typeof record.$symbol === 'string' ? /^!Env \[?"?([A-Za-z_][A-Za-z0-9_]*)/.exec(record.$symbol) : null;
      if (m) names.push(m[1]);
      else Object.values(record).forEach(walk);
    }
  };
  for (const o of state.objects) walk(o.fields);
  return names;
}

/** `a`, `a and b`, `a, b and c`. */
function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `url` for strict redirect URIs, `url (regex)` for patterns. */
function redirectUris(value: StateValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((u) => {
    if (u === null || typeof u !== 'object' || Array.isArray(u)) return String(u);
    const record = u as { readonly [key: string]: StateValue };
    const mode = record.matching_mode === undefined || record.matching_mode === 'strict' ? '' : ` (${String(record.matching_mode)})`;
    return `${String(record.url ?? null)}${mode}`;
  });
}

/** `field x in 1Password item "Y"`, or with the store named when it is not recognisably 1Password. */
function fieldText(k: DistSecretKey): string {
  const item = /1password|onepassword/i.test(k.storeName) ? `1Password item ${JSON.stringify(k.remoteKey)}`
    : `item ${JSON.stringify(k.remoteKey)} of ${k.storeKind} ${k.storeName}`;
  return `field ${k.property} in ${item}`;
}

/** `zot-client-secret-r2` → base `zot-client-secret`, rotation 2 (the names `rotatedName` gives). */
function rotationOf(property: string): { base: string; n: number } | undefined {
  const m = /^(.+)-r([1-9][0-9]*)$/.exec(property);
  return m ? { base: m[1], n: Number(m[2]) } : undefined;
}

function sha512(text: string): string {
  return createHash('sha512').update(text, 'utf8').digest('hex');
}

/** A string field of a JSON file, if it parses and has one. */
function jsonField(text: string | undefined, field: string): string | undefined {
  if (text === undefined) return undefined;
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function fieldOf(k: Pick<DistSecretKey, 'storeKind' | 'storeName' | 'remoteKey' | 'property'>): string {
  return `${k.storeKind}\u0000${k.storeName}\u0000${k.remoteKey}\u0000${k.property}`;
}

/** A value for a summary line; strings that would read ambiguously are quoted. */
function show(value: PlainValue | undefined): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string' && (value === '' || /^\s|\s$|→|[\u0000-\u001f]/.test(value))) return JSON.stringify(value);
  return plainText(value);
}

function canonicalOf(value: StateValue | undefined): string {
  return refOf(value) ?? stable(value);
}

function same(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

/** JSON with sorted keys, for comparing and keying values. */
function stable(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function withoutSource(text: string, source: string): string {
  return text.startsWith(`${source}: `) ? text.slice(source.length + 2) : text;
}

function union(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The lines `b` adds to `a` and those it drops (as multisets, in sorted order), for spotting copies that changed alike. */
function lineDelta(a: string | undefined, b: string | undefined): string {
  const count = new Map<string, number>();
  for (const line of (a ?? '').split('\n')) count.set(line, (count.get(line) ?? 0) - 1);
  for (const line of (b ?? '').split('\n')) count.set(line, (count.get(line) ?? 0) + 1);
  const changed = [...count].filter(([, n]) => n !== 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `${a === undefined ? 'new' : b === undefined ? 'gone' : 'changed'}\u0000${changed.map(([line, n]) => `${n}\u0000${line}`).join('\u0001')}`;
}
