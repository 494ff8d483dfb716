import { objectKey, type AuthentikState, type StateValue } from '../synth/authentik-state';
import { splitKey, type StateDescriber } from '../synth/state-descriptions';
import type { ApiObject } from '../verify/authentik-reader';
import { splitExpired } from '../verify/binding-expiry';
import { CannotQuery, type ObjectLookup } from '../verify/object-checks';
import { ModelName } from '../catalog/model-facts';

/**
 * The reduced state of `dist/` (`synth/authentik-state.ts`) met with the live authentik: each object
 * found by its natural key (references resolved to live pks first), each reference and `!Find`
 * resolved to the live object it means, or to nothing.
 */

const POLICY_BINDING = ModelName.POLICYBINDING;

/** What authentik holds for an object of the state. */
export type LiveObject =
  | { readonly status: 'found'; readonly obj: ApiObject }
  /** not there; `reason` when a reference it is found by does not exist either */
  | { readonly status: 'absent'; readonly reason?: string }
  | { readonly status: 'unknown'; readonly reason: string };

/** A reference resolved: the live pk, or null (`pending` when the apply creates its object first). */
export class LiveRef {
  constructor(
    /** The object in words. */
    public readonly label: string,
    public readonly pk: string | number | null,
    /** The object does not exist yet, but the same apply creates it. */
    public readonly pending: boolean,
    /** The `!Find` this came from, when it found nothing and nothing in `dist/` creates it. */
    public readonly unresolvedLookup?: string,
  ) {}
}

/** A value plan cannot know: a tag only the worker evaluates, or an object it cannot look up. */
export class Unknown {
  constructor(public readonly reason: string, public readonly envVar?: string) {}
}

/** A value with references resolved. */
export type Resolved = StateValue | LiveRef | Unknown | readonly Resolved[] | { readonly [key: string]: Resolved };

/** Finds the objects of a reduced state in the live authentik; one per plan run (memoized). */
export class LiveResolver {
  private readonly objects: Map<string, { readonly [field: string]: StateValue }>;
  private readonly memo = new Map<string, Promise<LiveObject>>();
  /** Labels of the live objects found, by pk, to show old values in words. */
  readonly labelsByPk = new Map<string, string>();

  constructor(
    private readonly state: AuthentikState,
    /** How objects are found in the live authentik (its release's endpoints). */
    public readonly lookup: ObjectLookup,
    private readonly describer: StateDescriber,
  ) {
    this.objects = new Map(state.objects.map((o) => [objectKey(o), o.fields]));
  }

  /** Whether `dist/` declares the object `key` (present, created or must_created). */
  declares(key: string): boolean {
    return this.objects.has(key);
  }

  /** The live object of `key` (a declared object or a deletion). */
  live(key: string): Promise<LiveObject> {
    let hit = this.memo.get(key);
    if (!hit) {
      hit = this.find(key);
      this.memo.set(key, hit);
    }
    return hit;
  }

  private async find(key: string): Promise<LiveObject> {
    const { model, identity } = splitKey(key);
    const fields = this.objects.get(key) ?? this.state.deletionFields[key] ?? {};
    if (!this.lookup.endpoints.get(model)) return { status: 'unknown', reason: `no API mapping for model ${model}` };
    const names = identityFields(identity).filter((f) => fields[f] !== undefined);
    if (names.length === 0) return { status: 'unknown', reason: 'it has no identifying field plan can look up' };
    const criteria: Record<string, unknown> = {};
    for (const name of names) {
      const value = await this.resolve(fields[name], model === POLICY_BINDING);
      if (value instanceof Unknown || containsUnknown(value)) return { status: 'unknown', reason: `${name}: ${value instanceof Unknown ? value.reason : 'holds values plan cannot know'}` };
      if (value instanceof LiveRef) {
        if (value.pk === null) return { status: 'absent', reason: `its ${name} (${value.label}) does not exist yet` };
        criteria[name] = value.pk;
      } else if (containsRef(value)) {
        return { status: 'unknown', reason: `${name}: a list of references cannot be looked up` };
      } else {
        criteria[name] = value;
      }
    }
    let found: ApiObject[];
    try {
      const slug = fields.slug;
      found = await this.lookup.find(model, criteria, typeof slug === 'string' ? { slug } : {});
    } catch (e) {
      if (e instanceof CannotQuery) return { status: 'unknown', reason: e.message };
      throw e;
    }
    // authentik's blueprint importer finds objects through the default query, which leaves expired bindings out: it creates a new one
    const obj = (model === POLICY_BINDING ? splitExpired(found).current : found)[0];
    if (!obj) return { status: 'absent' };
    this.labelsByPk.set(String(obj.pk), this.describer.describe(key));
    const pbm = obj.policybindingmodel_ptr_id ?? obj.pbm_uuid;
    if (pbm !== undefined && pbm !== null) this.labelsByPk.set(String(pbm), this.describer.describe(key));
    return { status: 'found', obj };
  }

  /**
   * A reduced value with its references resolved against authentik. `forBinding`: a reference is the
   * policy-binding-model pk (`pbm_uuid`), as a policy binding's `target` holds it.
   */
  async resolve(value: StateValue | undefined, forBinding = false): Promise<Resolved> {
    if (value === undefined || value === null || typeof value !== 'object') return value ?? null;
    if (Array.isArray(value)) {
      const out: Resolved[] = [];
      for (const v of value) out.push(await this.resolve(v, forBinding));
      return out;
    }
    const record = value as { readonly [key: string]: StateValue };
    const keys = Object.keys(record);
    if (keys.length === 1 && typeof record.$ref === 'string') return this.resolveRef(record.$ref, forBinding);
    if (keys.length === 1 && typeof record.$lookup === 'string') return this.resolveLookup(record.$lookup, forBinding);
    if (keys.length === 1 && typeof record.$symbol === 'string') {
      const env = /^!Env (\S+)$/.exec(record.$symbol);
      return new Unknown(env ? `comes from ${record.$symbol} (the worker's environment)` : `is computed by the worker (${record.$symbol})`, env?.[1]);
    }
    const out: Record<string, Resolved> = {};
    for (const k of keys) out[k] = await this.resolve(record[k], forBinding);
    return out;
  }

  private async resolveRef(key: string, forBinding: boolean): Promise<Resolved> {
    const label = this.describer.describe(key);
    const live = await this.live(key);
    if (live.status === 'unknown') return new Unknown(`refers to ${label}, which plan cannot look up (${live.reason})`);
    if (live.status === 'absent') return new LiveRef(label, null, this.declares(key));
    return new LiveRef(label, pkOf(live.obj, forBinding), false);
  }

  private async resolveLookup(text: string, forBinding: boolean): Promise<Resolved> {
    const label = this.describer.show({ $lookup: text });
    const parsed = parseLookup(text);
    if (!parsed) return new Unknown(`a lookup plan cannot read (${text})`);
    let found: ApiObject[];
    try {
      found = await this.lookup.find(parsed.model, parsed.criteria);
    } catch (e) {
      if (e instanceof CannotQuery) return new Unknown(`!Find ${label}: ${e.message}`);
      throw e;
    }
    const obj = found[0];
    if (!obj) return new LiveRef(label, null, false, label);
    this.labelsByPk.set(String(obj.pk), label);
    return new LiveRef(label, pkOf(obj, forBinding), false);
  }
}

function pkOf(obj: ApiObject, forBinding: boolean): string | number {
  const pk = forBinding ? obj.policybindingmodel_ptr_id ?? obj.pbm_uuid ?? obj.pk : obj.pk;
  return pk as string | number;
}

/** Field names of an identity (`target=<…>, group=<…>, order=0` → target, group, order). */
export function identityFields(identity: string): string[] {
  const names: string[] = [];
  const re = /(?:^|, )(\w+)=/g;
  for (let m = re.exec(identity); m; m = re.exec(identity)) names.push(m[1]);
  return names;
}

/**
 * `authentik_flows.flow{slug=default-authentication-flow}` → model and criteria (values as
 * `renderValue` wrote them: bare text, JSON-quoted text, numbers, booleans, null); undefined for
 * anything else (a reference inside a lookup).
 */
export function parseLookup(text: string): { model: string; criteria: Record<string, unknown> } | undefined {
  const m = /^([\w.]+)\{(.*)\}$/s.exec(text);
  if (!m) return undefined;
  const criteria: Record<string, unknown> = {};
  const body = m[2];
  const re = /(\w+)=("(?:[^"\\]|\\.)*"|[^,]*?)(?=, \w+=|$)/gs;
  let consumed = 0;
  for (let p = re.exec(body); p; p = re.exec(body)) {
    if (p.index !== consumed && body.slice(consumed, p.index) !== ', ') return undefined;
    consumed = p.index + p[0].length;
    const raw = p[2];
    if (raw.startsWith('<')) return undefined;
    if (raw.startsWith('"')) criteria[p[1]] = JSON.parse(raw) as unknown;
    else if (/^-?\d+(?:\.\d+)?$/.test(raw)) criteria[p[1]] = Number(raw);
    else if (raw === 'true' || raw === 'false') criteria[p[1]] = raw === 'true';
    else if (raw === 'null') criteria[p[1]] = null;
    else criteria[p[1]] = raw;
    if (consumed >= body.length) break;
  }
  if (consumed !== body.length) return undefined;
  return { model: m[1], criteria };
}

export function containsUnknown(value: Resolved): boolean {
  if (value instanceof Unknown) return true;
  if (value instanceof LiveRef || value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.values(value)).some((v) => containsUnknown(v as Resolved));
}

function containsRef(value: Resolved): boolean {
  if (value instanceof LiveRef) return true;
  if (value instanceof Unknown || value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.values(value)).some((v) => containsRef(v as Resolved));
}
