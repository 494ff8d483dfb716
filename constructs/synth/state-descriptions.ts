import { ModelName, PROVIDER_MODELS } from '../catalog/model-facts';
import { modelNoun } from '../catalog/model-words';
import { modelMatches, objectKey, renderValue, sameValue, type ReducedObjects, type StateValue } from './authentik-state';

/**
 * Names objects of a reduced authentik state in authentik's terms, for any model: `application
 * jellyfin`, `OAuth2 provider Jellyfin`, `identification stage default-authentication-identification`,
 * `policy binding of group admins on application jellyfin (order 0)`, and `<model> <identity>` for a
 * model without a word of its own. Also finds the root an object belongs to by its references: a
 * binding under what it binds to, a provider under its application, a flow-stage binding under its flow.
 */

type Fields = { readonly [field: string]: StateValue };

const APPLICATION: string = ModelName.APPLICATION;
const POLICY_BINDING: string = ModelName.POLICYBINDING;
const FLOW_STAGE_BINDING: string = ModelName.FLOWSTAGEBINDING;
const USER: string = ModelName.USER;
const PROXY_PROVIDER: string = ModelName.PROXYPROVIDER;

export { modelNoun } from '../catalog/model-words';

/** Describes and relates the objects of one or two states (the newer wins where both have an object). */
export class StateDescriber {
  private readonly fields = new Map<string, Fields>();
  /** provider key → the application that uses it. */
  private readonly applicationOfProvider = new Map<string, string>();

  constructor(states: readonly ReducedObjects[]) {
    // declared objects say more than deletions (identifiers only), whichever state they come from
    for (const state of states) for (const o of state.objects) if (!this.fields.has(objectKey(o))) this.fields.set(objectKey(o), o.fields);
    for (const state of states) {
      for (const [key, f] of Object.entries(state.deletionFields ?? {})) if (!this.fields.has(key)) this.fields.set(key, f);
    }
    for (const state of states) {
      for (const o of state.objects) {
        if (o.model !== APPLICATION) continue;
        const providers = [o.fields.provider, ...(Array.isArray(o.fields.backchannel_providers) ? o.fields.backchannel_providers : [])];
        for (const p of providers) {
          const ref = refOf(p);
          if (ref !== undefined && !this.applicationOfProvider.has(ref)) this.applicationOfProvider.set(ref, objectKey(o));
        }
      }
    }
  }

  /**
   * The key of the object a reference or a lookup points at: a `!Find` that found nothing live (its
   * object is being deleted, or lives in the other version) is matched against every object known.
   */
  public resolve(value: StateValue | undefined): string | undefined {
    const ref = refOf(value);
    if (ref !== undefined) return ref;
    if (!isRecord(value) || typeof value.$lookup !== 'string' || Object.keys(value).length !== 1) return undefined;
    const m = /^([^{]+)\{(.*)\}$/.exec(value.$lookup);
    if (!m) return undefined;
    const query = m[2].split(', ').map((pair) => pair.split('=')).map(([f, ...v]) => [f, v.join('=')] as const);
    return [...this.fields.keys()].sort().find((key) => {
      const { model } = splitKey(key);
      const f = this.fields.get(key)!;
      return modelMatches(m[1], model) && query.every(([name, v]) => f[name] !== undefined && renderValue(f[name]) === v);
    });
  }

  /** Whether two values are equal once references and lookups are resolved. */
  public sameValue(a: StateValue | undefined, b: StateValue | undefined): boolean {
    const x = this.resolve(a);
    const y = this.resolve(b);
    if (x !== undefined || y !== undefined) return x === y;
    return sameValue(a, b);
  }

  /** The fields known for the object `key`. */
  public fieldsOf(key: string): Fields {
    return this.fields.get(key) ?? {};
  }

  /** The key of the object `key` belongs to: a binding's target (through flow-stage bindings), a provider's application, else itself. */
  public rootOf(key: string, depth = 0): string {
    if (depth > 8) return key;
    const { model } = splitKey(key);
    const f = this.fieldsOf(key);
    if (model === POLICY_BINDING || model === FLOW_STAGE_BINDING) {
      const target = this.resolve(f.target);
      return target === undefined ? key : this.rootOf(target, depth + 1);
    }
    if ((PROVIDER_MODELS as readonly string[]).includes(model)) return this.applicationOfProvider.get(key) ?? key;
    return key;
  }

  /**
   * The object `key` in words. Under `root` (the key of the object it belongs to), a binding leaves out
   * what it binds to: `policy binding of group admins (order 0)`.
   */
  public describe(key: string, root?: string): string {
    const { model, identity } = splitKey(key);
    const f = this.fieldsOf(key);
    const order = f.order === undefined ? '' : ` (order ${renderValue(f.order)})`;
    if (model === POLICY_BINDING) {
      const subject = f.group ?? f.user ?? f.policy;
      const what = subject === undefined ? 'nothing' : this.show(subject);
      const target = this.resolve(f.target);
      if (target === undefined || target === root) return `policy binding of ${what}${order}`;
      const on = this.describe(target, root);
      // a binding on a flow-stage binding: keep each order next to its binding
      return /\(order [^)]*\)$/.test(on) ? `policy binding of ${what}${order} on ${on}` : `policy binding of ${what} on ${on}${order}`;
    }
    if (model === FLOW_STAGE_BINDING) {
      const target = this.resolve(f.target);
      const into = target === undefined || target === root ? '' : ` in ${this.describe(target, root)}`;
      return `stage binding of ${f.stage === undefined ? '?' : this.show(f.stage)}${into}${order}`;
    }
    if (model === USER && f.type === 'service_account') return `service account ${nameIn(identity)}`;
    if (model === PROXY_PROVIDER && typeof f.mode === 'string' && f.mode.startsWith('forward')) return `forward-auth proxy provider ${nameIn(identity)}`;
    return `${modelNoun(model)} ${nameIn(identity)}`;
  }

  /** A value in words: references as their objects, lists and records item by item, text as is. */
  public show(value: StateValue | undefined): string {
    if (value === undefined) return '(unset)';
    const ref = refOf(value);
    if (ref !== undefined) return this.describe(ref);
    if (isRecord(value) && typeof value.$lookup === 'string' && Object.keys(value).length === 1) {
      const m = /^([^{]+)\{(.*)\}$/.exec(value.$lookup);
      return m ? `${modelNoun(m[1])} ${nameIn(m[2])}` : value.$lookup;
    }
    if (Array.isArray(value)) return `[${value.map((v) => this.show(v)).join(', ')}]`;
    if (typeof value === 'string' && (value === '' || /^\s|\s$|→|[\u0000-\u001f]/.test(value))) return JSON.stringify(value);
    if (typeof value === 'string') return value;
    if (isRecord(value) && !('$symbol' in value)) {
      return `{${Object.keys(value).sort().map((k) => `${k}: ${this.show(value[k])}`).join(', ')}}`;
    }
    return renderValue(value);
  }
}

/** `model` and `identity` of an object key. */
export function splitKey(key: string): { model: string; identity: string } {
  const at = key.indexOf(' ');
  return at < 0 ? { model: key, identity: '' } : { model: key.slice(0, at), identity: key.slice(at + 1) };
}

/** The object key a reference value points at, if it is one. */
export function refOf(value: StateValue | undefined): string | undefined {
  return isRecord(value) && typeof value.$ref === 'string' && Object.keys(value).length === 1 ? value.$ref : undefined;
}

// `slug=zot` → `zot`; several keys stay as they are
function nameIn(identity: string): string {
  const m = /^\w+=(.*)$/.exec(identity);
  return m && !/, \w+=/.test(identity) ? m[1] : identity;
}

function isRecord(value: StateValue | undefined): value is { readonly [key: string]: StateValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
