import { plainText, type PlainValue, type ReadEntry } from './blueprint-reader';
import { readDistContents, type DistContents, type DistSecretKey } from './dist-contents';
import { DESCRIPTION_LABEL, META_APPLY_BLUEPRINT } from '../blueprint/blueprint';

/**
 * A review summary of two versions of the synthesized folder, in authentik's terms: which clients,
 * redirect URIs, bindings, groups and service accounts change, which secret keys and worker variables
 * come and go, and the manual steps that must happen around the merge (1Password fields, objects
 * authentik keeps when their entry is removed). Reads only the files, so it works against any commit.
 */

/** Heading line before the manual steps in `changeSummary`'s output. */
export const MANUAL_STEPS_HEADING = 'MANUAL STEPS:';

/** Groups of lines, in output order. */
enum Section { BLUEPRINT, CLIENT, GROUP, USER, OTHER, SECRET, ENV, FILE }

/** When a manual step is due. */
enum When { BEFORE_MERGE, AFTER_MERGE, AFTER_APPLY }

interface Finding {
  readonly section: Section;
  readonly subject: string;
  /** 0 for the headline of a subject (new client, client retired…), 1 for its details. */
  readonly rank: number;
  readonly text: string;
  /** Folder files and blueprint files this finding explains. */
  readonly sources: readonly string[];
}

interface Step {
  readonly when: When;
  readonly text: string;
}

/** An entry with the blueprint file and folder file it came from. */
interface Located {
  readonly file: string;
  readonly source: string;
  readonly entry: ReadEntry;
}

const APPLICATION = 'authentik_core.application';
const PROVIDER = 'authentik_providers_oauth2.oauth2provider';
const BINDING = 'authentik_policies.policybinding';
const GROUP = 'authentik_core.group';
const USER = 'authentik_core.user';
const ABSENT = 'absent';
const KEPT = 'removing an entry leaves the object in authentik';

/**
 * The summary lines for going from `oldFiles` to `newFiles` (folder path → content), sorted: first
 * the changes, then, if any, `MANUAL STEPS:` and the steps indented by two spaces. Empty when nothing differs.
 */
export function changeSummary(oldFiles: ReadonlyMap<string, string>, newFiles: ReadonlyMap<string, string>): string[] {
  const summary = new Summary(readDistContents(oldFiles), readDistContents(newFiles));
  summary.compareBlueprints();
  summary.compareEntries();
  summary.compareSecretKeys();
  summary.compareEnv();
  summary.explainOtherFiles(oldFiles, newFiles);
  return summary.lines();
}

class Summary {
  private readonly findings = new Map<string, Finding>();
  private readonly steps = new Map<string, Step>();
  private readonly oldEntries: Located[];
  private readonly newEntries: Located[];
  /** `application zot` → `zot`: how bindings name their application. */
  private readonly slugOfApplication = new Map<string, string>();
  /** `provider Zot` → `zot`: the client an application points its provider at. */
  private readonly slugOfProvider = new Map<string, string>();
  /**
   * `zot-` → `zot`: a retired application names no provider, but OidcClient gives its entries
   * sibling ids (`zot-application`, `zot-provider`), the fallback for a provider retired with it.
   */
  private readonly slugOfIdPrefix = new Map<string, string>();

  constructor(private readonly before: DistContents, private readonly after: DistContents) {
    this.oldEntries = located(before);
    this.newEntries = located(after);
    // the new version decides; the old one fills in for entries that no longer say (retired or removed)
    for (const { entry } of [...this.newEntries, ...this.oldEntries]) {
      if (entry.model !== APPLICATION) continue;
      const slug = plainText(entry.identifiers.slug ?? entry.label);
      if (!this.slugOfApplication.has(entry.label)) this.slugOfApplication.set(entry.label, slug);
      if (entry.attrs.provider !== undefined && !this.slugOfProvider.has(plainText(entry.attrs.provider))) {
        this.slugOfProvider.set(plainText(entry.attrs.provider), slug);
      }
      if (entry.id?.endsWith('-application') && !this.slugOfIdPrefix.has(entry.id.slice(0, -'application'.length))) {
        this.slugOfIdPrefix.set(entry.id.slice(0, -'application'.length), slug);
      }
    }
  }

  /** Blueprint files: new, removed, renamed, relabelled, or unreadable for authentik. */
  public compareBlueprints(): void {
    const files = union(this.before.blueprints.keys(), this.after.blueprints.keys());
    for (const file of files) {
      const was = this.before.blueprints.get(file);
      const is = this.after.blueprints.get(file);
      const sources = [file, ...(was ? [was.source] : []), ...(is ? [is.source] : [])];
      const add = (t: string, rank = 1): void => this.add(Section.BLUEPRINT, file, rank, t, sources);
      if (is && !was) add(`new blueprint ${file}`, 0);
      if (was && !is) add(`blueprint ${file} removed (authentik forgets the blueprint; the objects it made stay)`, 0);
      if (is?.error) add(`${file}: could not be read for this summary (${is.error})`);
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
    }
  }

  /** Entries matched by (model, identifiers): added, removed, retired, and changed attribute by attribute. */
  public compareEntries(): void {
    const oldByKey = keyed(this.oldEntries);
    const newByKey = keyed(this.newEntries);
    for (const key of union(oldByKey.keys(), newByKey.keys())) {
      const was = oldByKey.get(key);
      const is = newByKey.get(key);
      if (was && is) this.changedEntry(was, is);
      else if (is) this.addedEntry(is);
      else if (was) this.removedEntry(was);
    }
    // a changed blueprint without a single object change is still re-applied: say why it changed
    for (const [file, is] of this.after.blueprints) {
      const was = this.before.blueprints.get(file);
      if (!was || was.text === is.text || [...this.findings.values()].some((f) => f.sources.includes(file))) continue;
      this.add(Section.BLUEPRINT, file, 1, `${file}: reordered or reformatted only; authentik re-applies it, no object changes`, [file, is.source]);
    }
  }

  /** ExternalSecret keys, with the 1Password fields to create before merging or to delete afterwards. */
  public compareSecretKeys(): void {
    const names = new Set([...this.before.secretKeys.values(), ...this.after.secretKeys.values()].map((k) => k.externalSecret));
    const newFields = new Set([...this.after.secretKeys.values()].map(fieldOf));
    const oldFields = new Set([...this.before.secretKeys.values()].map(fieldOf));
    for (const key of union(this.before.secretKeys.keys(), this.after.secretKeys.keys())) {
      const was = this.before.secretKeys.get(key);
      const is = this.after.secretKeys.get(key);
      const k = (is ?? was)!;
      const where = names.size > 1 ? ` in ExternalSecret ${k.externalSecret}` : '';
      const sources = [...(was ? [was.source] : []), ...(is ? [is.source] : [])];
      const add = (t: string): void => this.add(Section.SECRET, k.secretKey, 1, t, sources);
      if (is && !was) add(`secret key ${is.secretKey} added${where}`);
      if (was && !is) add(`secret key ${was.secretKey} removed${where}`);
      if (was && is && fieldOf(was) !== fieldOf(is)) {
        add(`secret key ${is.secretKey}${where} now read from ${fieldText(is)} (was ${fieldText(was)})`);
      }
      // a field another key still reads (or already read) needs no step
      if (is && (!was || fieldOf(was) !== fieldOf(is)) && !oldFields.has(fieldOf(is))) {
        this.step(When.BEFORE_MERGE, `create ${fieldText(is)}`);
      }
      if (was && (!is || fieldOf(was) !== fieldOf(is)) && !newFields.has(fieldOf(was))) {
        this.step(When.AFTER_APPLY, `${fieldText(was)} can be deleted`);
      }
    }
  }

  /** Environment variables of patched Deployments (the worker's `!Env` secrets). */
  public compareEnv(): void {
    for (const key of union(this.before.env.keys(), this.after.env.keys())) {
      const was = this.before.env.get(key);
      const is = this.after.env.get(key);
      const v = (is ?? was)!;
      const sources = [...(was ? [was.source] : []), ...(is ? [is.source] : [])];
      const add = (t: string): void => this.add(Section.ENV, `${v.container} ${v.name}`, 1, t, sources);
      if (is && !was) add(`${v.container} env ${v.name} added`);
      if (was && !is) add(`${v.container} env ${v.name} removed`);
      if (was && is && was.from !== is.from) add(`${v.container} env ${v.name} now from ${is.from} (was ${was.from})`);
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
      const t = was === undefined ? `new file ${path}` : is === undefined ? `file ${path} removed` : `${path} changed (see the diff)`;
      this.add(Section.FILE, path, 1, t, [path]);
    }
  }

  /** Findings sorted by section, subject and headline first, then the manual steps. */
  public lines(): string[] {
    const findings = [...this.findings.values()].sort((a, b) => a.section - b.section
      || compare(a.subject, b.subject) || a.rank - b.rank || compare(a.text, b.text));
    const steps = [...this.steps.values()].sort((a, b) => a.when - b.when || compare(a.text, b.text));
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

  private addedEntry(is: Located): void {
    const e = is.entry;
    const slug = this.clientOf(e);
    const sources = [is.file, is.source];
    if (e.model === META_APPLY_BLUEPRINT) {
      if (this.before.blueprints.has(is.file)) this.add(Section.BLUEPRINT, is.file, 1, `${is.file}: now applies ${e.label} first`, sources);
      return;
    }
    if (e.state === ABSENT) {
      // declared retired from the start (or moved in retired): authentik deletes whatever matches
      if (slug) this.add(Section.CLIENT, slug, 0, retiredClient(slug), sources);
      else this.add(sectionOf(e), e.label, 0, `${e.label} will be deleted if it exists (state absent)`, sources);
      return;
    }
    if (slug === undefined) {
      this.add(sectionOf(e), e.label, 0, `${e.label} added (${is.file})`, sources);
      return;
    }
    if (e.model === APPLICATION) {
      this.add(Section.CLIENT, slug, 0, `new client ${slug} (${is.file})`, sources);
      const bound = this.newEntries.some(({ entry: b }) => b.model === BINDING && b.state !== ABSENT && this.clientOf(b) === slug);
      if (!bound) this.add(Section.CLIENT, slug, 1, `${slug}: open to every signed-in user (no bindings)`, sources);
    } else if (e.model === PROVIDER) {
      if (!this.isNewApplication(slug)) this.add(Section.CLIENT, slug, 1, `${slug}: ${e.label} added`, sources);
      for (const uri of redirectUris(e.attrs.redirect_uris)) this.add(Section.CLIENT, slug, 1, `${slug}: redirect URI added ${uri}`, sources);
    } else if (e.model === BINDING) {
      const order = e.attrs.order === undefined ? '' : ` (order ${plainText(e.attrs.order)})`;
      this.add(Section.CLIENT, slug, 1, `${slug}: ${role(e)} added${order}`, sources);
    }
  }

  private removedEntry(was: Located): void {
    const e = was.entry;
    const slug = this.clientOf(e);
    const sources = [was.file, was.source];
    if (e.model === META_APPLY_BLUEPRINT) {
      if (this.after.blueprints.has(was.file)) this.add(Section.BLUEPRINT, was.file, 1, `${was.file}: no longer applies ${e.label} first`, sources);
      return;
    }
    if (e.state === ABSENT) {
      const what = slug ? `${slug}: retired client` : `${e.label}: retired entry`;
      this.add(slug ? Section.CLIENT : sectionOf(e), slug ?? e.label, 1, `${what} dropped from ${was.file} (nothing changes in authentik)`, sources);
      return;
    }
    if (slug === undefined) {
      this.add(sectionOf(e), e.label, 0, `${e.label} removed from ${was.file} (authentik keeps it)`, sources);
      this.step(When.AFTER_MERGE, `delete ${e.label} in authentik if it should go (${KEPT})`);
      return;
    }
    const clientGone = !this.newEntries.some(({ entry }) => entry.model === APPLICATION && this.clientOf(entry) === slug);
    if (e.model === APPLICATION) {
      this.add(Section.CLIENT, slug, 0, `${slug}: client removed from ${was.file} (authentik keeps its provider, application and bindings)`, sources);
      this.step(When.AFTER_MERGE, `delete the provider, application and bindings of client ${slug} in authentik, `
        + `or declare the client with retired: true instead (${KEPT})`);
    } else if (clientGone) {
      // the client's own line and step cover its provider and bindings
      this.add(Section.CLIENT, slug, 0, `${slug}: client removed from ${was.file} (authentik keeps its provider, application and bindings)`, sources);
    } else {
      this.add(Section.CLIENT, slug, 1, `${slug}: ${role(e)} removed`, sources);
      this.step(When.AFTER_MERGE, `delete the ${e.label} in authentik (${KEPT}${e.model === BINDING ? ', so access stays until then' : ''})`);
    }
  }

  private changedEntry(was: Located, is: Located): void {
    const a = was.entry;
    const b = is.entry;
    const slug = this.clientOf(b) ?? this.clientOf(a);
    const section = slug ? Section.CLIENT : sectionOf(b);
    // an absent entry is written with identifiers only, so the present side names it better
    const label = b.state === ABSENT ? a.label : b.label;
    const subject = slug ?? label;
    const sources = [...new Set([was.file, is.file, was.source, is.source])];
    const add = (t: string, rank = 1): void => this.add(section, subject, rank, t, sources);
    if (was.file !== is.file) add(`${subject}: moved from ${was.file} to ${is.file}`, 0);
    if (a.state !== b.state) {
      if (b.state === ABSENT) add(slug ? retiredClient(slug) : `${label} retired (will be deleted: state absent)`, 0);
      else if (a.state === ABSENT) add(slug ? `${slug}: client restored (state ${b.state})` : `${label} restored (state ${b.state})`, 0);
      else add(`${subject}: ${slug ? `${role(b)} ` : ''}state ${a.state} → ${b.state}`);
    }
    if (!same(a.conditions, b.conditions)) add(`${subject}: ${slug ? `${role(b)} ` : ''}conditions changed ${show(a.conditions as PlainValue)} → ${show(b.conditions as PlainValue)}`);
    // an absent entry carries no attributes: nothing to compare
    if (a.state === ABSENT || b.state === ABSENT) return;
    const prefix = slug ? `${slug}: ${role(b)} ` : `${b.label}: `;
    for (const key of union(Object.keys(a.attrs), Object.keys(b.attrs))) {
      const x = a.attrs[key];
      const y = b.attrs[key];
      if (same(x, y)) continue;
      if (slug && b.model === PROVIDER && key === 'redirect_uris') {
        const before = redirectUris(x);
        const after = redirectUris(y);
        for (const uri of after.filter((u) => !before.includes(u))) add(`${slug}: redirect URI added ${uri}`);
        for (const uri of before.filter((u) => !after.includes(u))) add(`${slug}: redirect URI removed ${uri}`);
        if (before.every((u) => after.includes(u)) && after.every((u) => before.includes(u))) add(`${slug}: redirect URIs reordered`);
      } else if (slug && b.model === APPLICATION && key === 'meta_launch_url') {
        add(x === undefined ? `${slug}: launch URL set to ${show(y)}` : y === undefined
          ? `${slug}: launch URL no longer set (authentik keeps ${show(x)})` : `${slug}: launch URL changed ${show(x)} → ${show(y)}`);
      } else if (slug && b.model === BINDING && key === 'order' && x !== undefined && y !== undefined) {
        add(`${slug}: ${role(b)} order ${show(x)} → ${show(y)}`);
      } else if (b.model === USER && key === 'groups' && Array.isArray(x) && Array.isArray(y)) {
        for (const g of y.filter((g) => !x.some((o) => same(o, g)))) add(`${b.label}: added to ${show(g)}`);
        for (const g of x.filter((g) => !y.some((n) => same(n, g)))) add(`${b.label}: removed from ${show(g)}`);
      } else if (isScalarList(x) && isScalarList(y) && (y.some((v) => !x.includes(v)) || x.some((v) => !y.includes(v)))) {
        for (const v of y.filter((v) => !x.includes(v))) add(`${prefix}attribute ${key}: added ${show(v)}`);
        for (const v of x.filter((v) => !y.includes(v))) add(`${prefix}attribute ${key}: removed ${show(v)}`);
      } else if (x === undefined) {
        add(`${prefix}attribute ${key} set to ${show(y)}`);
      } else if (y === undefined) {
        // blueprints update only the fields they name, so a dropped field keeps its last value
        add(`${prefix}attribute ${key} no longer set (authentik keeps ${show(x)})`);
      } else {
        add(`${prefix}attribute ${key} changed ${show(x)} → ${show(y)}`);
      }
    }
  }

  /** The client (application slug) an application, provider or binding belongs to. */
  private clientOf(e: ReadEntry): string | undefined {
    if (e.model === APPLICATION) return this.slugOfApplication.get(e.label);
    if (e.model === PROVIDER) {
      return this.slugOfProvider.get(e.label) ?? (e.id?.endsWith('-provider') ? this.slugOfIdPrefix.get(e.id.slice(0, -'provider'.length)) : undefined);
    }
    if (e.model === BINDING && e.identifiers.target !== undefined) return this.slugOfApplication.get(plainText(e.identifiers.target));
    return undefined;
  }

  private isNewApplication(slug: string): boolean {
    const has = (entries: Located[]): boolean => entries.some(({ entry }) => entry.model === APPLICATION && this.clientOf(entry) === slug);
    return has(this.newEntries) && !has(this.oldEntries);
  }

  private add(section: Section, subject: string, rank: number, t: string, sources: readonly string[]): void {
    const key = `${section}\u0000${subject}\u0000${t}`;
    const known = this.findings.get(key);
    this.findings.set(key, { section, subject, rank: Math.min(rank, known?.rank ?? rank), text: t, sources: [...new Set([...(known?.sources ?? []), ...sources])] });
  }

  private step(when: When, t: string): void {
    this.steps.set(`${when}\u0000${t}`, { when, text: t });
  }
}

function retiredClient(slug: string): string {
  return `${slug}: client retired (provider, application and bindings will be deleted: state absent)`;
}

/** What a client-owned entry is, seen from the client: `provider`, `application`, `binding to group admins`. */
function role(e: ReadEntry): string {
  if (e.model === PROVIDER) return 'provider';
  if (e.model === APPLICATION) return 'application';
  const subject = e.identifiers.group ?? e.identifiers.user ?? e.identifiers.policy;
  return subject === undefined ? e.label : `binding to ${plainText(subject)}`;
}

function sectionOf(e: ReadEntry): Section {
  if (e.model === GROUP) return Section.GROUP;
  if (e.model === USER) return Section.USER;
  return Section.OTHER;
}

/** Every entry of every readable blueprint, in file order. */
function located(contents: DistContents): Located[] {
  return [...contents.blueprints].sort(([a], [b]) => compare(a, b))
    .flatMap(([file, b]) => (b.blueprint?.entries ?? []).map((entry) => ({ file, source: b.source, entry })));
}

/**
 * Entries by what authentik matches them on: model and identifiers. Meta models have no identifiers,
 * so they match per file; a key declared twice on either side is told apart by file as well.
 */
function keyed(entries: readonly Located[]): Map<string, Located> {
  const base = (l: Located): string => {
    const ids = Object.keys(l.entry.identifiers).length > 0 ? l.entry.identifiers : undefined;
    return ids ? `${l.entry.model} ${stable(ids)}` : `${l.entry.model} ${l.file} ${stable(l.entry.attrs.identifiers ?? l.entry.attrs)}`;
  };
  const counts = new Map<string, number>();
  for (const l of entries) counts.set(base(l), (counts.get(base(l)) ?? 0) + 1);
  const out = new Map<string, Located>();
  for (const l of entries) {
    let key = counts.get(base(l))! > 1 ? `${base(l)} ${l.file}` : base(l);
    for (let i = 2; out.has(key); i++) key = `${base(l)} ${l.file} #${i}`;
    out.set(key, l);
  }
  return out;
}

/** `url` for strict redirect URIs, `url (regex)` for patterns. */
function redirectUris(value: PlainValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((u) => {
    if (u === null || typeof u !== 'object' || Array.isArray(u)) return plainText(u);
    const mode = u.matching_mode === undefined || u.matching_mode === 'strict' ? '' : ` (${plainText(u.matching_mode)})`;
    return `${plainText(u.url ?? null)}${mode}`;
  });
}

/** `field x in 1Password item "Y"`, or with the store named when it is not recognisably 1Password. */
function fieldText(k: DistSecretKey): string {
  const item = /1password|onepassword/i.test(k.storeName) ? `1Password item ${JSON.stringify(k.remoteKey)}`
    : `item ${JSON.stringify(k.remoteKey)} of ${k.storeKind} ${k.storeName}`;
  return `field ${k.property} in ${item}`;
}

function fieldOf(k: DistSecretKey): string {
  return `${k.storeKind}\u0000${k.storeName}\u0000${k.remoteKey}\u0000${k.property}`;
}

/** A value for a summary line; strings that would read ambiguously are quoted. */
function show(value: PlainValue | undefined): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string' && (value === '' || /^\s|\s$|→|[\u0000-\u001f]/.test(value))) return JSON.stringify(value);
  return plainText(value);
}

function isScalarList(value: PlainValue | undefined): value is Array<string | number | boolean | null> {
  return Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
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
