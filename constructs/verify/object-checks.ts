import type { ApiObject, AuthentikReader } from './authentik-reader';
import { bindingExpiry, splitExpired } from './binding-expiry';
import { BlueprintTag, isRecord, showValue, type BlueprintEntryData } from './blueprint-tags';
import { META_APPLY_BLUEPRINT, ModelEndpoints, modelLabel, viewPermission } from './model-endpoints';
import { ReleaseDefaults } from './release-defaults';
import { catalogFor, type OpenApiSchema } from '../catalog/catalog';
import { ModelName } from '../catalog/model-facts';
import { notReturnedReason } from '../catalog/unreturned-fields';
import { isAuthentikVersion } from '../catalog/versions';

/**
 * Whether authentik holds what a blueprint declares: each entry's object found by its identifiers
 * (tags resolved against the live authentik), its declared attributes compared with the API's
 * object, references checked to point at the object the declaration means, retired objects gone.
 */

/** The verdict on one entry. */
export type EntryStatus =
  /** present and as declared */
  | 'ok'
  /** present, but an attribute or reference differs */
  | 'drift'
  /** declared present, not in authentik */
  | 'missing'
  /** declared `state: absent`, still in authentik */
  | 'still-present'
  /** declared `state: absent` and gone */
  | 'gone'
  /** verify cannot check it (no API mapping, conditions, identifiers it cannot evaluate) */
  | 'not-checked';

/** One entry checked. */
export interface EntryReport {
  /** Position in the file, from 0. */
  readonly index: number;
  readonly id?: string;
  readonly model: string;
  readonly state: string;
  /** What it is, e.g. `provider Zot`, `binding of group admins to application zot`. */
  readonly label: string;
  readonly status: EntryStatus;
  /** The object's `pk` in authentik, when found. */
  readonly pk?: string | number;
  /** What is wrong, in authentik's terms (field names as in the blueprint). */
  readonly problems: readonly string[];
  /** What was not compared, and why. */
  readonly notes: readonly string[];
  /** A policy binding's target (the `pbm_uuid` its identifiers resolved to), when it resolved. */
  readonly target?: string | number;
}

/** A reference resolved against authentik: `pk` null when it finds nothing now. */
class Ref {
  constructor(public readonly label: string, public readonly pk: unknown) {}
}

/** A value verify cannot know (a secret from `!Env`, a computed tag, an unresolvable reference). */
class Unknowable {
  constructor(public readonly reason: string, public readonly envVar?: string) {}
}

/** Thrown when a lookup cannot be evaluated through the API. */
export class CannotQuery extends Error {}

/** Looks objects up in authentik; one per verify run, so lookups repeat from a cache. */
export class ObjectLookup {
  private readonly cache = new Map<string, Promise<ApiObject[]>>();

  /**
   * @param endpoints how the release in play serves each model (`ModelEndpoints.forRelease` with the
   * release the live authentik reports)
   */
  constructor(private readonly reader: AuthentikReader, public readonly endpoints: ModelEndpoints = ModelEndpoints.forRelease(undefined)) {}

  /**
   * The objects of `model` whose fields equal `criteria` (concrete values), in the API's order.
   * @throws CannotQuery when a criterion is not a field the API shows
   */
  find(model: string, criteria: Record<string, unknown>, hint: LookupHint = {}): Promise<ApiObject[]> {
    const key = `${model} ${JSON.stringify(Object.entries(criteria).sort(([a], [b]) => (a < b ? -1 : 1)))} ${hint.slug ?? ''}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.query(model, criteria, hint);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async query(model: string, criteria: Record<string, unknown>, hint: LookupHint): Promise<ApiObject[]> {
    const spec = this.endpoints.get(model);
    if (!spec) throw new CannotQuery(`no API mapping for model ${model}${this.endpoints.release ? ` in authentik ${this.endpoints.release}` : ''}`);
    for (const field of Object.keys(criteria)) {
      if (field.includes('__')) throw new CannotQuery(`lookup ${field} cannot be evaluated through the API`);
    }
    if (model === APPLICATION && criteria.slug === undefined) return this.applicationsWithoutSlug(criteria, hint);
    return this.candidates(model, criteria);
  }

  /**
   * Applications found by other fields than their slug. authentik's application list
   * (core/api/applications.py `list`) shows a user only the applications its policies let it open,
   * and `superuser_full_list` lifts that for superusers only; the detail route by slug checks the
   * `view_application` permission alone. So: by the slug the entry declares, else the list, and an
   * empty list is no proof of absence for a token whose user is not a superuser.
   */
  private async applicationsWithoutSlug(criteria: Record<string, unknown>, hint: LookupHint): Promise<ApiObject[]> {
    if (hint.slug !== undefined) {
      const bySlug = await this.candidates(APPLICATION, { slug: hint.slug });
      const matching = bySlug.filter((obj) => matches(obj, criteria));
      if (matching.length > 0) return matching;
    }
    const listed = (await this.candidates(APPLICATION, criteria, { superuser_full_list: 'true' })).filter((obj) => matches(obj, criteria));
    if (listed.length === 0 && !(await this.reader.me()).isSuperuser) {
      throw new CannotQuery(`authentik lists only the applications the token's user may open, so an application found by ${Object.keys(criteria).join(' and ')} cannot be told missing${hint.slug === undefined ? '; declare its slug so it is read by slug' : ` (none has slug ${hint.slug} with these values)`}`);
    }
    return listed;
  }

  private async candidates(model: string, criteria: Record<string, unknown>, extraQuery: Record<string, string> = {}): Promise<ApiObject[]> {
    const spec = this.endpoints.get(model)!;
    const permission = viewPermission(model);
    let candidates: ApiObject[];
    const detailValue = spec.detail ? criteria[spec.detail.field] : undefined;
    if (spec.detail && (typeof detailValue === 'string' || typeof detailValue === 'number')) {
      const one = await this.reader.retrieve(spec.detail.path.replace('{value}', encodeURIComponent(String(detailValue))), permission);
      candidates = one ? [one] : [];
    } else {
      const query: Record<string, string> = {};
      for (const f of spec.filters) {
        const v = criteria[f];
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') query[f] = String(v);
      }
      candidates = await this.reader.list(spec.list, { ...query, ...extraQuery }, permission);
    }
    return candidates.filter((obj) => matches(obj, criteria, model));
  }
}

/** What else the entry says of the object it looks for (not part of how authentik finds it). */
export interface LookupHint {
  /** An application's declared slug, read by slug when the identifiers are other fields. */
  readonly slug?: string;
}

const APPLICATION: string = ModelName.APPLICATION;

function matches(obj: ApiObject, criteria: Record<string, unknown>, model = APPLICATION): boolean {
  return Object.entries(criteria).every(([field, value]) => {
    if (!(field in obj)) throw new CannotQuery(`the API does not show field ${field} of ${modelLabel(model)} objects`);
    return sameValue(value, obj[field]);
  });
}

/** Checks the entries of one blueprint file, in file order (a `!KeyOf` needs the entries before it). */
export class BlueprintObjectChecker {
  private readonly found = new Map<string, { label: string; obj?: ApiObject }>();
  private readonly labels = new Map<string, string>();

  constructor(
    private readonly lookup: ObjectLookup,
    private readonly reader: AuthentikReader,
    private readonly entries: readonly BlueprintEntryData[],
    /** The live release's defaults, for nested fields the blueprint leaves out. */
    private readonly defaults: ReleaseDefaults = ReleaseDefaults.none(),
  ) {}

  /** The object found for the entry with `id`, if any. */
  objectOf(id: string): ApiObject | undefined {
    return this.found.get(id)?.obj;
  }

  /** Checks every entry. */
  async checkAll(): Promise<EntryReport[]> {
    const out: EntryReport[] = [];
    for (const entry of this.entries) out.push(await this.check(entry));
    return out;
  }

  private async check(entry: BlueprintEntryData): Promise<EntryReport> {
    const label = this.labelOf(entry);
    const base: { index: number; id?: string; model: string; state: string; label: string; target?: string | number } = {
      index: entry.index, id: entry.id, model: entry.model, state: entry.state, label,
    };
    const remember = (obj?: ApiObject): void => {
      if (entry.id !== undefined && !this.found.has(entry.id)) this.found.set(entry.id, { label, obj });
    };
    const notChecked = (note: string): EntryReport => {
      remember();
      return { ...base, status: 'not-checked', problems: [], notes: [note] };
    };
    if (entry.model === META_APPLY_BLUEPRINT) return { ...base, ...(await this.checkMeta(entry)) };
    if (!this.lookup.endpoints.get(entry.model)) return notChecked(`not checked (no API mapping for model ${entry.model}${this.lookup.endpoints.release ? ` in authentik ${this.lookup.endpoints.release}` : ''})`);
    if (Object.keys(entry.identifiers).length === 0) return notChecked('not checked: the entry has no identifiers');
    const absent = entry.state === 'absent';
    const isBinding = entry.model === ModelName.POLICYBINDING;

    // identifiers → concrete criteria
    const criteria: Record<string, unknown> = {};
    for (const [field, declared] of Object.entries(entry.identifiers)) {
      const value = await this.resolve(declared, isBinding);
      if (value instanceof Unknowable) return notChecked(`not checked: identifier ${field} ${value.reason}`);
      if (value instanceof Ref) {
        if (value.pk === null) {
          remember();
          if (absent) return { ...base, status: 'gone', problems: [], notes: [`identifier ${field} (${value.label}) finds nothing, so nothing is left to delete`] };
          return { ...base, status: 'missing', problems: [`cannot exist: identifier ${field} refers to ${value.label}, which authentik does not hold`], notes: [] };
        }
        criteria[field] = value.pk;
      } else if (containsMarker(value)) {
        return notChecked(`not checked: identifier ${field} holds values verify cannot know`);
      } else {
        criteria[field] = value;
      }
    }

    if (isBinding && (typeof criteria.target === 'string' || typeof criteria.target === 'number')) base.target = criteria.target;
    let objects: ApiObject[];
    try {
      const slug = entry.attrs.slug;
      objects = await this.lookup.find(entry.model, criteria, typeof slug === 'string' && entry.model === APPLICATION ? { slug } : {});
    } catch (e) {
      if (e instanceof CannotQuery) return notChecked(`not checked: ${e.message}`);
      throw e;
    }
    // authentik's default query (and so its policy engine and blueprint importer) leaves expired bindings out
    const { current, expired } = isBinding ? splitExpired(objects) : { current: objects, expired: [] };
    const lapsed = expired[0] ? `policy binding ${String(expired[0].pk)} with ${criteriaText(entry.identifiers, criteria)} ${bindingExpiry(expired[0])}` : undefined;
    const obj = current[0];
    const pk = obj ? (obj.pk as string | number) : undefined;
    if (absent) {
      remember();
      if (!obj) return { ...base, status: 'gone', problems: [], notes: lapsed ? [`${lapsed}: authentik ignores it and deletes it later`] : [] };
      return {
        ...base, status: 'still-present', pk,
        problems: [`retired (state: absent) but still in authentik (pk ${String(pk)}): the file was not applied yet, or authentik skipped the entry`],
        notes: [],
      };
    }
    remember(obj);
    if (!obj) {
      if (entry.conditional) return { ...base, status: 'not-checked', problems: [], notes: ['not in authentik, and the entry has conditions verify cannot evaluate (authentik may have skipped it)'] };
      if (lapsed) {
        return { ...base, status: 'missing', problems: [`expired: ${lapsed}, so authentik ignores it and it grants no access; applying the blueprint again creates a new binding`], notes: [] };
      }
      return { ...base, status: 'missing', problems: [`missing: no ${modelLabel(entry.model)} with ${criteriaText(entry.identifiers, criteria)} in authentik`], notes: [] };
    }

    const problems: string[] = [];
    const notes: string[] = [];
    for (const [field, declared] of Object.entries(entry.attrs)) {
      if (field in entry.identifiers) continue; // identifiers win over attrs, and matched already
      if (!(field in obj)) {
        // why, from the catalog of the release the live authentik reports (blueprint-only and write-only fields)
        const release = this.defaults.release;
        const why = notReturnedReason(entry.model, field, isAuthentikVersion(release) ? catalogFor(release) : undefined);
        notes.push(`${field}: not compared (${why ?? 'the API does not return this field'})`);
        continue;
      }
      compareValue(field, await this.resolve(declared, isBinding), obj[field], problems, notes, this.defaults, this.defaults.fieldSchema(entry.model, field));
    }
    if (entry.state === 'created' && problems.length > 0) {
      // `created` sets attributes only when creating: later edits in authentik are allowed
      return { ...base, status: 'ok', pk, problems: [], notes: [...notes, ...problems.map((p) => `${p} (state: created, so authentik keeps later edits)`)] };
    }
    return { ...base, status: problems.length > 0 ? 'drift' : 'ok', pk, problems, notes };
  }

  /** `authentik_blueprints.metaapplyblueprint`: the blueprint it applies first must exist and be applied. */
  private async checkMeta(entry: BlueprintEntryData): Promise<Pick<EntryReport, 'status' | 'problems' | 'notes' | 'pk'>> {
    const ids = isRecord(entry.attrs.identifiers) ? entry.attrs.identifiers : {};
    const required = entry.attrs.required !== false;
    const criteria: Record<string, unknown> = {};
    for (const [field, declared] of Object.entries(ids)) {
      const value = await this.resolve(declared, false);
      if (value instanceof Unknowable || value instanceof Ref || containsMarker(value)) {
        return { status: 'not-checked', problems: [], notes: [`not checked: identifier ${field} holds values verify cannot know`] };
      }
      criteria[field] = value;
    }
    if (Object.keys(criteria).length === 0) return { status: 'not-checked', problems: [], notes: ['not checked: no identifiers'] };
    const spec = this.lookup.endpoints.get(ModelName.BLUEPRINTINSTANCE)!;
    const query: Record<string, string> = {};
    for (const f of spec.filters) if (typeof criteria[f] === 'string') query[f] = String(criteria[f]);
    const instances = (await this.reader.list(spec.list, query, viewPermission(ModelName.BLUEPRINTINSTANCE)))
      .filter((i) => Object.entries(criteria).every(([k, v]) => sameValue(v, i[k])));
    const instance = instances[0];
    if (!instance) {
      if (!required) return { status: 'ok', problems: [], notes: ['the blueprint it applies first has no instance (not required)'] };
      return { status: 'missing', problems: [`required blueprint ${criteriaText(ids, criteria)} has no instance in authentik, so this file fails to apply ("Required blueprint does not exist")`], notes: [] };
    }
    const pk = instance.pk as string;
    if (instance.status !== 'successful') {
      return { status: 'drift', pk, problems: [`the blueprint it applies first (${String(instance.name)}) has status ${String(instance.status)}`], notes: [] };
    }
    return { status: 'ok', pk, problems: [], notes: [] };
  }

  /** A declared value with tags resolved: `Ref` for references, `Unknowable` for what cannot be known. */
  private async resolve(value: unknown, forBinding: boolean): Promise<unknown> {
    if (value instanceof BlueprintTag) return this.resolveTag(value, forBinding);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const v of value) out.push(await this.resolve(v, forBinding));
      return out;
    }
    if (isRecord(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = await this.resolve(v, forBinding);
      return out;
    }
    return value;
  }

  private async resolveTag(tag: BlueprintTag, forBinding: boolean): Promise<unknown> {
    const args = tag.argList;
    switch (tag.name) {
      case '!KeyOf': {
        const id = String(args[0]);
        const target = this.found.get(id);
        if (!target) return new Unknowable(`refers (!KeyOf ${id}) to no earlier entry`);
        if (!target.obj) return new Unknowable(`refers to ${target.label}, which verify did not find in authentik (see that entry)`);
        // authentik's KeyOf gives a policy binding the pbm_uuid of a PolicyBindingModel (flows, applications, sources)
        const pk = forBinding ? target.obj.policybindingmodel_ptr_id ?? target.obj.pbm_uuid ?? target.obj.pk : target.obj.pk;
        return new Ref(target.label, pk);
      }
      case '!Find': {
        const [model, ...queries] = args;
        const criteria: Record<string, unknown> = {};
        for (const q of queries) {
          if (!Array.isArray(q) || q.length !== 2) return new Unknowable(`${tag.toString()}: a query verify does not understand`);
          const v = await this.resolve(q[1], false);
          if (v instanceof Ref) {
            if (v.pk === null) return new Ref(findLabel(tag), null);
            criteria[String(q[0])] = v.pk;
          } else if (v instanceof Unknowable || containsMarker(v)) {
            return new Unknowable(`${tag.toString()}: the query holds values verify cannot know`);
          } else {
            criteria[String(q[0])] = v;
          }
        }
        try {
          const found = await this.lookup.find(String(model), criteria);
          return new Ref(findLabel(tag), found[0] ? found[0].pk : null);
        } catch (e) {
          if (e instanceof CannotQuery) return new Unknowable(`${tag.toString()}: ${e.message}`);
          throw e;
        }
      }
      case '!Env':
        return new Unknowable(`comes from ${tag.toString()} (a secret in the worker's environment; verify cannot know it)`, String(args[0]));
      default:
        return new Unknowable(`is computed by authentik (${tag.toString()})`);
    }
  }

  /** What an entry is, in the words of `modelLabel` and its identifiers. */
  private labelOf(entry: BlueprintEntryData): string {
    if (entry.id !== undefined && this.labels.has(entry.id)) return this.labels.get(entry.id)!;
    const describe = (v: unknown): string => {
      if (v instanceof BlueprintTag && v.name === '!KeyOf') return this.labels.get(String(v.args)) ?? `entry ${String(v.args)}`;
      if (v instanceof BlueprintTag && v.name === '!Find') return findLabel(v);
      return showValue(v);
    };
    const ids = entry.model === META_APPLY_BLUEPRINT && isRecord(entry.attrs.identifiers) ? entry.attrs.identifiers : entry.identifiers;
    let label: string;
    if (entry.model === ModelName.POLICYBINDING && ids.target !== undefined) {
      const subject = ids.group ?? ids.user ?? ids.policy;
      label = `binding of ${subject === undefined ? 'nothing' : describe(subject)} to ${describe(ids.target)}`;
    } else {
      const pairs = Object.entries(ids);
      const text = pairs.length === 1 ? describe(pairs[0][1]) : pairs.map(([k, v]) => `${k}=${describe(v)}`).join(', ');
      const kind = entry.model === ModelName.USER && entry.attrs.type === 'service_account' ? 'service account' : modelLabel(entry.model);
      label = `${kind} ${text}`.trim();
    }
    if (entry.id !== undefined && !this.labels.has(entry.id)) this.labels.set(entry.id, label);
    return label;
  }
}

/** `!Find [authentik_flows.flow, [slug, x]]` → `flow x`. */
function findLabel(tag: BlueprintTag): string {
  const [model, ...queries] = tag.argList;
  const values = queries.map((q) => (Array.isArray(q) ? showValue(q[1]) : showValue(q)));
  return `${modelLabel(String(model))} ${values.join(', ')}`;
}

function criteriaText(declared: Readonly<Record<string, unknown>>, criteria: Record<string, unknown>): string {
  return Object.keys(criteria).map((k) => `${k} ${declared[k] instanceof BlueprintTag ? `${showValue(criteria[k])} (${showValue(declared[k])})` : showValue(criteria[k])}`).join(' and ');
}

function containsMarker(value: unknown): boolean {
  if (value instanceof Ref || value instanceof Unknowable) return true;
  if (Array.isArray(value)) return value.some(containsMarker);
  if (isRecord(value)) return Object.values(value).some(containsMarker);
  return false;
}

/** Equality of a declared concrete value and an API value (ids compare as text, UUIDs without case). */
function sameValue(declared: unknown, actual: unknown): boolean {
  if (declared instanceof Date) return typeof actual === 'string' && Date.parse(actual) === declared.getTime();
  if (declared === actual) return true;
  if (declared === null || actual === null || declared === undefined || actual === undefined) return false;
  if (typeof declared === 'string' && typeof actual === 'string') return isUuid(declared) && declared.toLowerCase() === actual.toLowerCase();
  // an integer pk found one way and written another
  if ((typeof declared === 'number' && typeof actual === 'string') || (typeof declared === 'string' && typeof actual === 'number')) {
    return String(declared) === String(actual);
  }
  if (Array.isArray(declared) && Array.isArray(actual)) return declared.length === actual.length && declared.every((d, i) => sameValue(d, actual[i]));
  if (isRecord(declared) && isRecord(actual)) return Object.entries(declared).every(([k, v]) => sameValue(v, actual[k]));
  return false;
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/**
 * Compares one declared (resolved) value with the API's, adding what differs to `problems`. `schema`
 * is the value's request schema in the live release: a nested field the blueprint leaves out must hold
 * the default authentik fills in when it applies the declared value.
 */
function compareValue(
  path: string, declared: unknown, actual: unknown, problems: string[], notes: string[],
  defaults: ReleaseDefaults = ReleaseDefaults.none(), schema?: OpenApiSchema,
): void {
  if (declared instanceof Unknowable) {
    // the value is unknowable, but an unset variable is not: !Env of an unset variable gives null
    if (declared.envVar !== undefined && (actual === null || actual === '')) {
      problems.push(`${path} is empty: the worker's ${declared.envVar} was unset or empty when authentik applied the file`);
      return;
    }
    notes.push(`${path}: not compared: ${declared.reason}`);
    return;
  }
  if (declared instanceof Ref) {
    compareRef(path, declared, actual, problems);
    return;
  }
  if (Array.isArray(declared)) {
    if (!Array.isArray(actual)) {
      problems.push(`${path} is ${show(actual)}, declared a list`);
      return;
    }
    const refs = declared.filter((d): d is Ref => d instanceof Ref);
    if (refs.length > 0 && refs.length === declared.length) {
      compareRefSet(path, refs, actual, problems);
      return;
    }
    if (declared.length !== actual.length) {
      problems.push(`${path} has ${actual.length} item(s), declared ${declared.length}: authentik has ${show(actual)}`);
      return;
    }
    const items = defaults.resolve(schema?.items);
    declared.forEach((d, i) => compareValue(`${path}[${i}]`, d, actual[i], problems, notes, defaults, items));
    return;
  }
  if (isRecord(declared)) {
    if (!isRecord(actual)) {
      problems.push(`${path} is ${show(actual)}, declared a mapping`);
      return;
    }
    for (const [k, v] of Object.entries(declared)) {
      if (!(k in actual)) {
        problems.push(`${path}.${k} is not set, declared ${show(v)}`);
        continue;
      }
      compareValue(`${path}.${k}`, v, actual[k], problems, notes, defaults, defaults.resolve(schema?.properties?.[k]));
    }
    for (const [k, v] of Object.entries(actual)) {
      if (k in declared || v === undefined) continue;
      const fallback = defaults.resolve(schema?.properties?.[k])?.default;
      if (fallback !== undefined && JSON.stringify(fallback) !== JSON.stringify(v)) {
        problems.push(`${path}.${k} is ${show(v)}; the blueprint leaves it out, so authentik ${defaults.release} sets ${show(fallback)} when it applies the file`);
      }
    }
    return;
  }
  if (!sameValue(declared, actual)) problems.push(`${path} is ${show(actual)}, declared ${show(declared)}`);
}

function compareRef(path: string, ref: Ref, actual: unknown, problems: string[]): void {
  const isNull = actual === null || actual === undefined;
  if (ref.pk === null) {
    problems.push(isNull
      ? `${path} is null: declared ${ref.label}, which authentik does not hold`
      : `${path} points to ${String(actual)}: declared ${ref.label}, which authentik does not hold`);
    return;
  }
  if (isNull) {
    problems.push(`${path} is null, but declared ${ref.label} (${String(ref.pk)}): the reference resolved to nothing when authentik applied the file (e.g. a cross-file !Find racing another blueprint, goauthentik/authentik#19715) or was cleared since; apply the blueprint again`);
    return;
  }
  if (!sameValue(ref.pk, actual)) problems.push(`${path} points to ${String(actual)}, declared ${ref.label} (${String(ref.pk)})`);
}

function compareRefSet(path: string, refs: Ref[], actual: unknown[], problems: string[]): void {
  const unheld = refs.filter((r) => r.pk === null);
  for (const r of unheld) problems.push(`${path}: declared ${r.label}, which authentik does not hold`);
  const held = refs.filter((r) => r.pk !== null);
  const missing = held.filter((r) => !actual.some((a) => sameValue(r.pk, a)));
  const extra = actual.filter((a) => !held.some((r) => sameValue(r.pk, a)));
  if (missing.length > 0) problems.push(`${path} lacks ${missing.map((r) => `${r.label} (${String(r.pk)})`).join(', ')}`);
  if (extra.length > 0) problems.push(`${path} also holds ${extra.map(String).join(', ')}, which the blueprint does not declare`);
}
