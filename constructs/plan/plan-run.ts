import { objectKey, reduceBlueprintTexts, type AuthentikState, type StateObject, type StateValue } from '../synth/authentik-state';
import { StateDescriber, refOf } from '../synth/state-descriptions';
import { bindingSubject, liveBindings } from '../verify/access-drift';
import type { ApiObject, AuthentikReader } from '../verify/authentik-reader';
import { checkInstances } from '../verify/blueprint-instances';
import type { DistBlueprints } from '../verify/dist-blueprints';
import { blueprintInstancesPath, ModelEndpoints, viewPermission } from '../verify/model-endpoints';
import { ObjectLookup } from '../verify/object-checks';
import { LiveRef, LiveResolver, Unknown, containsUnknown, type Resolved } from './live-resolver';
import { ReleaseDefaults } from '../verify/release-defaults';
import { secretFieldNamesInAnyRelease, type OpenApiSchema } from '../catalog/catalog';
import { ModelName } from '../catalog/model-facts';

/**
 * One plan run: what applying `dist/` would do to the live authentik, object by object, in
 * authentik's terms; who gains or loses which application; which references find nothing live.
 */

/** What the apply does to one object. */
export type PlanAction =
  /** authentik lacks it: the apply creates it */
  | 'create'
  /** authentik holds it with other values: the apply sets the declared ones */
  | 'update'
  /** retired (`state: absent`) and still in authentik: the apply deletes it */
  | 'delete'
  /** authentik holds it as declared, or the apply leaves it alone (`state: created`, already gone) */
  | 'nothing'
  /** `state: must_created` and authentik holds it already: the apply of its file fails */
  | 'fails'
  /** plan cannot tell (no API mapping, a reference it cannot look up) */
  | 'unknown';

/** One field that changes (or, for a secret, may). */
export interface FieldChange {
  readonly field: string;
  /** The live value in words; absent for a secret and for a create. */
  readonly before?: string;
  /** The declared value in words; absent for a secret. */
  readonly after?: string;
  /** For a secret, never shown: whether it changes, when plan can tell. */
  readonly secret?: 'changes' | 'unchanged' | 'unknown';
}

/** One object of `dist/` met with authentik. */
export interface PlanItem {
  /** `model identity`, as `synth/authentik-state.ts` keys objects. */
  readonly key: string;
  readonly model: string;
  /** In words: `OAuth2 provider Zot`. */
  readonly label: string;
  readonly action: PlanAction;
  /** The live object's pk, when authentik holds it. */
  readonly pk?: string | number;
  /** Created: every declared field; updated: the fields that change; secrets as changes/unchanged/unknown. */
  readonly changes: readonly FieldChange[];
  /** What plan did not compare, and why; why an action is unknown. */
  readonly notes: readonly string[];
  /** Where it is declared (`zot.yaml#4`). */
  readonly origins: readonly string[];
}

/** Someone gains or loses an application. */
export interface AccessChange {
  /** `application zot`. */
  readonly application: string;
  /** `group admins`, `every signed-in user`, `everyone but group ops`. */
  readonly who: string;
  readonly change: 'gains' | 'loses';
}

/** A live policy binding on a declared application that `dist/` does not declare (the apply keeps it). */
export interface PlanUndeclaredAccess {
  readonly application: string;
  readonly who: string;
  readonly binding: string;
  /** When the binding expires (authentik 2026.8 bindings a privileged-access request made); absent for one that does not. */
  readonly expires?: string;
}

/** A reference that finds nothing live and that nothing in `dist/` creates. */
export interface UnresolvedReference {
  /** The object whose field holds it, in words. */
  readonly object: string;
  readonly field: string;
  /** What it looks for, in words: `flow default-provider-authorization-implicit-consent`. */
  readonly lookup: string;
}

/** A blueprint file and what authentik last did with it. */
export interface PlanFile {
  readonly file: string;
  readonly path: string;
  /** `new` (no instance yet), `changed` (authentik applied another version), `same` (this version). */
  readonly version: 'new' | 'changed' | 'same';
  /** The instance status, when there is one. */
  readonly status?: string;
}

/** Everything one plan found. */
export interface PlanReport {
  readonly authentik: string;
  readonly user: string;
  readonly mount: string;
  readonly files: readonly PlanFile[];
  /** Sorted by key. */
  readonly items: readonly PlanItem[];
  readonly access: readonly AccessChange[];
  readonly undeclaredAccess: readonly PlanUndeclaredAccess[];
  readonly undeclaredAccessAccepted: boolean;
  readonly unresolved: readonly UnresolvedReference[];
  /** Something to apply: an item to create, update, delete or that fails, or an unresolved reference. */
  readonly changes: boolean;
  /** Objects plan cannot tell about (not counting secrets): a plan with any is never clean. */
  readonly unknown: number;
  /** Nothing to apply, nothing unknown, and no (unaccepted) undeclared access. */
  readonly ok: boolean;
}

/** How a plan run judges and reads. */
export interface PlanOptions {
  /** List undeclared live access without counting it against exit 0. @default false */
  readonly acceptUndeclaredAccess?: boolean;
  /**
   * The environment `!Env` values are read from, to tell whether a secret changes (the worker's
   * variables, when the plan runs with them); unset variables make the secret "unknown".
   * @default {}
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const APPLICATION = ModelName.APPLICATION;
const POLICY_BINDING = ModelName.POLICYBINDING;
const USER = ModelName.USER;
const EVERYONE = 'every signed-in user';

/** Reduces the blueprints of `dist/` to what authentik would hold. */
export function reduceDist(dist: DistBlueprints): AuthentikState {
  return reduceBlueprintTexts(dist.files.map((f) => ({ source: f.file, text: f.text })));
}

/** A full plan. */
export async function runPlan(dist: DistBlueprints, state: AuthentikState, reader: AuthentikReader, options: PlanOptions = {}): Promise<PlanReport> {
  const env = options.env ?? {};
  const user = (await reader.me()).username;
  const defaults = await ReleaseDefaults.of(reader);
  const endpoints = ModelEndpoints.forRelease(defaults.release);
  const describer = new StateDescriber([state]);
  const resolver = new LiveResolver(state, new ObjectLookup(reader, endpoints), describer);
  const unresolved: UnresolvedReference[] = [];
  const items: PlanItem[] = [];

  for (const o of state.objects) items.push(await planObject(o, state, resolver, describer, env, unresolved, defaults));
  for (const d of state.deletions) {
    const key = objectKey(d);
    if (resolver.declares(key)) continue;
    const live = await resolver.live(key);
    const base = { key, model: d.model, label: describer.describe(key), changes: [], origins: state.origins[key] ?? [] };
    if (live.status === 'found') items.push({ ...base, action: 'delete', pk: live.obj.pk as string | number, notes: [] });
    else if (live.status === 'absent') items.push({ ...base, action: 'nothing', notes: ['already gone'] });
    else items.push({ ...base, action: 'unknown', notes: [live.reason] });
  }
  items.sort((a, b) => compare(a.key, b.key));

  for (const dep of state.dependencies) {
    if (!dep.required || typeof dep.identifiers !== 'object' || dep.identifiers === null || Array.isArray(dep.identifiers)) continue;
    const criteria = dep.identifiers as Record<string, StateValue>;
    if (Object.values(criteria).some((v) => typeof v === 'object' && v !== null)) continue;
    const instances = await reader.list(blueprintInstancesPath(endpoints), {}, viewPermission(ModelName.BLUEPRINTINSTANCE));
    const ours = new Set(state.blueprints.map((b) => b.name));
    const found = instances.some((i) => Object.entries(criteria).every(([k, v]) => i[k] === v))
      || (typeof criteria.name === 'string' && Object.keys(criteria).length === 1 && ours.has(criteria.name));
    if (!found) {
      unresolved.push({
        object: `blueprint ${dep.blueprint}`, field: 'metaapplyblueprint',
        lookup: `blueprint instance ${Object.entries(criteria).map(([k, v]) => `${k} ${String(v)}`).join(', ')} (required: the apply fails)`,
      });
    }
  }

  const { access, undeclared } = await planAccess(state, resolver, describer, reader);
  const files: PlanFile[] = (await checkInstances(dist.files, reader)).map((c) => ({
    file: c.file, path: c.path,
    version: c.instance === undefined ? 'new' : c.hashMatches ? 'same' : 'changed',
    ...(c.instance ? { status: c.instance.status } : {}),
  }));
  const accepted = options.acceptUndeclaredAccess === true;
  const unknown = items.filter((i) => i.action === 'unknown').length;
  const changes = items.some((i) => i.action === 'create' || i.action === 'update' || i.action === 'delete' || i.action === 'fails') || unresolved.length > 0;
  return {
    authentik: reader.baseUrl, user, mount: dist.mountNote, files, items, access,
    undeclaredAccess: undeclared, undeclaredAccessAccepted: accepted, unresolved,
    changes, unknown, ok: !changes && unknown === 0 && (accepted || undeclared.length === 0),
  };
}

async function planObject(
  o: StateObject, state: AuthentikState, resolver: LiveResolver, describer: StateDescriber,
  env: Readonly<Record<string, string | undefined>>, unresolved: UnresolvedReference[], defaults: ReleaseDefaults,
): Promise<PlanItem> {
  const key = objectKey(o);
  const label = describer.describe(key);
  const notes: string[] = [];
  if (o.conditions.length > 0) notes.push('applied only when its conditions hold (plan does not evaluate them)');
  const base = { key, model: o.model, label, origins: state.origins[key] ?? [] };
  const live = await resolver.live(key);
  const forBinding = o.model === POLICY_BINDING;
  const resolved = new Map<string, Resolved>();
  for (const [field, value] of Object.entries(o.fields)) {
    const r = await resolver.resolve(value, forBinding);
    resolved.set(field, r);
    for (const lookup of unresolvedLookups(r)) unresolved.push({ object: label, field, lookup });
  }
  if (live.status === 'unknown') return { ...base, action: 'unknown', changes: [], notes: [...notes, live.reason] };
  if (live.status === 'absent') {
    const changes: FieldChange[] = Object.entries(o.fields).map(([field, value]) => (isSecretField(o.model, field, value)
      ? { field, secret: 'changes' as const }
      : { field, after: showAfter(resolved.get(field)!, value, describer) }));
    if (live.reason) notes.push(`not in authentik: ${live.reason}`);
    return { ...base, action: 'create', changes, notes };
  }
  const obj = live.obj;
  const pk = obj.pk as string | number;
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(o.fields)) {
    const declared = resolved.get(field)!;
    if (isSecretField(o.model, field, value)) {
      changes.push({ field, secret: secretVerdict(declared, value, obj, field, env) });
      continue;
    }
    if (!(field in obj)) {
      notes.push(`${field}: not compared (the API does not return it)`);
      continue;
    }
    const same = equal(declared, obj[field], defaults, defaults.fieldSchema(o.model, field));
    if (same === 'unknown') {
      notes.push(`${field}: not compared (${firstUnknown(declared)?.reason ?? 'holds values plan cannot know'})`);
      continue;
    }
    if (!same) changes.push({ field, before: showLive(obj[field], resolver), after: showAfter(declared, value, describer) });
  }
  const real = changes.filter((c) => c.secret !== 'unchanged' && c.secret !== 'unknown');
  for (const c of changes) if (c.secret === 'unknown') notes.push(`${c.field}: a secret plan cannot compare (it comes from the worker's environment or is not shown)`);
  if (o.state === 'created') {
    if (real.length > 0) notes.push(`state: created, so authentik keeps its values: ${real.map((c) => c.field).join(', ')} differ`);
    return { ...base, action: 'nothing', pk, changes: [], notes };
  }
  if (o.state === 'must_created') {
    return { ...base, action: 'fails', pk, changes: [], notes: [...notes, 'state: must_created, and authentik holds it already: the apply of its file fails'] };
  }
  return { ...base, action: real.length > 0 ? 'update' : 'nothing', pk, changes: changes.filter((c) => c.secret !== 'unknown'), notes };
}

/** Who may open each declared application before and after the apply, and the live bindings `dist/` does not declare. */
async function planAccess(
  state: AuthentikState, resolver: LiveResolver, describer: StateDescriber, reader: AuthentikReader,
): Promise<{ access: AccessChange[]; undeclared: PlanUndeclaredAccess[] }> {
  const access: AccessChange[] = [];
  const undeclared: PlanUndeclaredAccess[] = [];
  // every live binding an entry of dist/ finds (declared or retired)
  const matched = new Map<string, 'declared' | 'retired'>();
  const bindingKeys = [...state.objects.filter((o) => o.model === POLICY_BINDING).map(objectKey), ...state.deletions.filter((d) => d.model === POLICY_BINDING).map(objectKey)];
  for (const key of bindingKeys) {
    const live = await resolver.live(key);
    if (live.status === 'found') matched.set(String(live.obj.pk), resolver.declares(key) ? 'declared' : 'retired');
  }
  const subjects: Array<{ application: string; before: Set<string>; after: Set<string> }> = [];
  const appKeys = [
    ...state.objects.filter((o) => o.model === APPLICATION).map(objectKey),
    ...state.deletions.filter((d) => d.model === APPLICATION && !resolver.declares(objectKey(d))).map(objectKey),
  ];
  for (const appKey of appKeys) {
    const application = describer.describe(appKey);
    const kept = resolver.declares(appKey);
    const live = await resolver.live(appKey);
    const before = new Map<string, string>();
    const after = new Map<string, string>();
    let liveList: ApiObject[] = [];
    if (live.status === 'found') {
      liveList = await liveBindings(reader, live.obj.pk as string | number, resolver.lookup.endpoints);
      for (const b of liveList) before.set(liveSubjectKey(b), bindingSubject(b));
      if (liveList.length === 0) before.set('*', EVERYONE);
    }
    if (kept) {
      for (const o of state.objects) {
        if (o.model !== POLICY_BINDING || refOf(o.fields.target) !== appKey || o.fields.enabled === false) continue;
        const subject = await declaredSubject(o, resolver, describer);
        after.set(subject.key, subject.label);
      }
      for (const b of liveList) {
        if (matched.has(String(b.pk))) continue;
        after.set(liveSubjectKey(b), bindingSubject(b));
        undeclared.push({ application, who: bindingSubject(b), binding: String(b.pk), ...(b.expiring === true && typeof b.expires === 'string' ? { expires: b.expires } : {}) });
      }
      if (after.size === 0) after.set('*', EVERYONE);
    }
    for (const [k, who] of after) if (!before.has(k)) access.push({ application, who, change: 'gains' });
    for (const [k, who] of before) if (!after.has(k)) access.push({ application, who, change: 'loses' });
    subjects.push({ application, before: new Set(before.keys()), after: new Set(after.keys()) });
  }
  access.push(...await userAccess(state, resolver, describer, subjects));
  return { access, undeclared };
}

/**
 * The declared users who gain or lose an application through their groups (a membership changed, or
 * a binding of one of their groups), as ACCESS.md lists users reached through groups. A user counts
 * as reaching an application when one non-negated group or user binding on it lets it in.
 */
async function userAccess(
  state: AuthentikState, resolver: LiveResolver, describer: StateDescriber,
  subjects: ReadonlyArray<{ application: string; before: ReadonlySet<string>; after: ReadonlySet<string> }>,
): Promise<AccessChange[]> {
  const out: AccessChange[] = [];
  for (const o of state.objects) {
    if (o.model !== USER) continue;
    const key = objectKey(o);
    const live = await resolver.live(key);
    if (live.status === 'unknown') continue;
    const liveGroups = live.status === 'found' && Array.isArray(live.obj.groups) ? live.obj.groups.map(String) : [];
    let afterGroups = liveGroups;
    if (o.fields.groups !== undefined) {
      const r = await resolver.resolve(o.fields.groups);
      if (!Array.isArray(r)) continue;
      afterGroups = r.map((g, i) => (g instanceof LiveRef && g.pk !== null ? String(g.pk) : `new ${refOf((o.fields.groups as StateValue[])[i]) ?? i}`));
    }
    const userPk = live.status === 'found' ? String(live.obj.pk) : `new ${key}`;
    const reaches = (keys: ReadonlySet<string>, groups: readonly string[], pk: string): boolean =>
      keys.has('*') || keys.has(`user:${pk}`) || groups.some((g) => keys.has(`group:${g}`));
    for (const s of subjects) {
      const was = live.status === 'found' && reaches(s.before, liveGroups, userPk);
      const is = reaches(s.after, afterGroups, userPk);
      // everyone's access is listed once, as "every signed-in user"
      if (was === is || s.before.has('*') || s.after.has('*')) continue;
      out.push({ application: s.application, who: describer.describe(key), change: is ? 'gains' : 'loses' });
    }
  }
  return out;
}

function liveSubjectKey(b: ApiObject): string {
  const kind = b.group ? 'group' : b.user ? 'user' : 'policy';
  const pk = b.group ?? b.user ?? b.policy;
  return `${b.negate === true ? '!' : ''}${kind}:${String(pk)}`;
}

async function declaredSubject(o: StateObject, resolver: LiveResolver, describer: StateDescriber): Promise<{ key: string; label: string }> {
  const negate = o.fields.negate === true;
  for (const kind of ['group', 'user', 'policy'] as const) {
    const value = o.fields[kind];
    if (value === undefined || value === null) continue;
    const r = await resolver.resolve(value);
    const name = describer.show(value);
    const label = negate ? `everyone but ${name}` : name;
    const id = r instanceof LiveRef && r.pk !== null ? String(r.pk) : `new ${refOf(value) ?? name}`;
    return { key: `${negate ? '!' : ''}${kind}:${id}`, label };
  }
  return { key: `nothing:${objectKey(o)}`, label: 'nothing' };
}

/**
 * Whether plan must never show a declared value: a field whose name any release's catalog calls secret
 * (write-only in the API, blueprint-only secrets, credentials: `Catalog.secretFields`, e.g. a Kerberos
 * source's `sync_password`, or `sync_ccache` from 2026.8), on this model or on any other
 * (`secretFieldNamesInAnyRelease`: a `key` or a `password` is shown nowhere), or a value read from the
 * worker's environment or a file (`!Env`, `!File`).
 */
export function isSecretField(_model: string, field: string, value: StateValue): boolean {
  if (secretFieldNamesInAnyRelease().has(field)) return true;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Record<string, StateValue>).$symbol === 'string'
    && /^!(?:Env|File) /.test(String((value as Record<string, StateValue>).$symbol));
}

/** Whether a secret changes, without ever returning it: by its `!Env` value when plan has the variable. */
function secretVerdict(declared: Resolved, value: StateValue, obj: ApiObject, field: string, env: Readonly<Record<string, string | undefined>>): 'changes' | 'unchanged' | 'unknown' {
  if (!(field in obj)) return 'unknown';
  let wanted: unknown;
  if (declared instanceof Unknown) {
    if (declared.envVar === undefined) return 'unknown';
    const v = env[declared.envVar];
    if (v === undefined) return 'unknown';
    wanted = v;
  } else if (typeof value === 'string' || typeof value === 'number') {
    wanted = String(value);
  } else {
    return 'unknown';
  }
  return obj[field] === wanted ? 'unchanged' : 'changes';
}

function* unresolvedLookups(value: Resolved): Generator<string> {
  if (value instanceof LiveRef) {
    if (value.unresolvedLookup !== undefined) yield value.unresolvedLookup;
    return;
  }
  if (value instanceof Unknown || value === null || typeof value !== 'object') return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) yield* unresolvedLookups(v as Resolved);
}

function firstUnknown(value: Resolved): Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (value instanceof LiveRef || value === null || typeof value !== 'object') return undefined;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    const u = firstUnknown(v as Resolved);
    if (u) return u;
  }
  return undefined;
}

/**
 * Declared (resolved) against live: equal, different, or unknown. `schema` is the field's request
 * schema in the live release: a nested field the declaration leaves out is equal when authentik holds
 * the default it fills in when the apply writes the declared value.
 */
function equal(declared: Resolved, actual: unknown, defaults: ReleaseDefaults, schema?: OpenApiSchema): boolean | 'unknown' {
  if (containsUnknown(declared)) return 'unknown';
  return same(declared, actual, defaults, schema);
}

function same(declared: Resolved, actual: unknown, defaults = ReleaseDefaults.none(), schema?: OpenApiSchema): boolean {
  if (declared instanceof LiveRef) {
    if (declared.pk === null) return declared.pending ? false : actual === null || actual === undefined;
    return actual !== null && actual !== undefined && sameId(declared.pk, actual);
  }
  if (Array.isArray(declared)) {
    if (!Array.isArray(actual)) return false;
    if (declared.length > 0 && declared.every((d) => d instanceof LiveRef)) {
      // a many-to-many relation: a set
      return declared.length === actual.length && declared.every((d) => actual.some((a) => same(d, a))) && actual.every((a) => declared.some((d) => same(d, a)));
    }
    const items = defaults.resolve(schema?.items);
    return declared.length === actual.length && declared.every((d, i) => same(d as Resolved, actual[i], defaults, items));
  }
  if (declared !== null && typeof declared === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const d = declared as Record<string, Resolved>;
    const a = actual as Record<string, unknown>;
    const keys = new Set([...Object.keys(d), ...Object.keys(a)]);
    const property = (k: string): OpenApiSchema | undefined => defaults.resolve(schema?.properties?.[k]);
    return [...keys].every((k) => {
      if (k in d) return same(d[k], a[k], defaults, property(k));
      if (a[k] === undefined) return true;
      // left out: authentik fills in the release's default
      const fallback = property(k)?.default;
      return fallback !== undefined && JSON.stringify(fallback) === JSON.stringify(a[k]);
    });
  }
  if (declared === actual) return true;
  if (typeof declared === 'string' && typeof actual === 'string') return isUuid(declared) && declared.toLowerCase() === actual.toLowerCase();
  if ((typeof declared === 'number' && typeof actual === 'string') || (typeof declared === 'string' && typeof actual === 'number')) return String(declared) === String(actual);
  return false;
}

function sameId(a: unknown, b: unknown): boolean {
  return String(a).toLowerCase() === String(b).toLowerCase();
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

/** A declared value in words; a lookup that finds nothing is the null authentik will set. */
function showAfter(declared: Resolved, value: StateValue, describer: StateDescriber): string {
  if (declared instanceof LiveRef && declared.unresolvedLookup !== undefined) return `null (${declared.unresolvedLookup} finds nothing)`;
  if (Array.isArray(declared) && Array.isArray(value)) {
    return `[${declared.map((d, i) => (d instanceof LiveRef && d.unresolvedLookup !== undefined ? `nothing (${d.unresolvedLookup} finds nothing)` : describer.show(value[i]))).join(', ')}]`;
  }
  return describer.show(value);
}

/** A live value in words: pks of objects plan found as their labels. */
function showLive(value: unknown, resolver: LiveResolver): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string' || typeof value === 'number') {
    const label = resolver.labelsByPk.get(String(value));
    if (label !== undefined) return label;
    if (typeof value === 'string') return value === '' || /^\s|\s$|[\u0000-\u001f]/.test(value) || isUuid(value) ? JSON.stringify(value) : value;
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => showLive(v, resolver)).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${k}: ${showLive((value as Record<string, unknown>)[k], resolver)}`).join(', ')}}`;
  return String(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
