import { ApiObject, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver, type ApiObjectProps } from 'cdk8s';
import { sortedKeys } from '../../private/records';

/**
 * An `ApiObject` whose manifest is plain data (strings, numbers, booleans, plain objects and lists,
 * and `Lazy` values producing such data): `toJson()` returns what cdk8s's returns, in one copy. cdk8s
 * resolves every value through its resolvers (an object and a key list per value) and then copies the
 * result again to sort its keys; for the worker patch and the ExternalSecret of a 10,000-client app that
 * is hundreds of thousands of objects. JSON patches are applied to the result as cdk8s applies them
 * (the component's copy of the worker patch has one). Anything cdk8s would treat differently (an app with
 * resolvers of its own, an object with a `resolve` method or a `constructor` key, a class instance, a
 * function, `CDK8S_DISABLE_SORT`), and a patch that fails, takes cdk8s's own `toJson()`.
 * test/plain-api-object.test.ts compares the two.
 */
export class PlainApiObject extends ApiObject {
  public override toJson(): any {
    const internals = this as unknown as { readonly props: ApiObjectProps; readonly patches: readonly JsonPatch[] };
    if (process.env.CDK8S_DISABLE_SORT || !defaultResolversOnly(this)) return super.toJson();
    const sorted = plainSorted({ ...internals.props, metadata: this.metadata.toJson() });
    if (sorted === NOT_PLAIN) return super.toJson();
    let data = sorted as Record<string, unknown>;
    if (internals.patches.length > 0) {
      try {
        // the copy is ours: patching it in place, as cdk8s patches the copy it resolved
        data = JsonPatch.apply(data, ...internals.patches);
      } catch {
        return super.toJson(); // which reports the failure with the construct's path, as it would have
      }
    }
    // cdk8s writes apiVersion, kind and metadata first, then the rest in the (sorted, then patched) order
    const out: Record<string, unknown> = {};
    for (const key of ['apiVersion', 'kind', 'metadata']) if (key in data) out[key] = data[key];
    for (const key in data) if (!(key in out)) out[key] = data[key];
    return out;
  }
}

const NOT_PLAIN = Symbol('not plain');

// cdk8s's resolve then sanitizeValue, for data only its Lazy resolver changes: a Lazy is what it
// produces, null and undefined are dropped from objects (kept in lists), keys sorted; NOT_PLAIN for
// anything another resolver or the sanitizer would treat otherwise
function plainSorted(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Lazy) return plainSorted(value.produce());
  if (typeof value === 'function') return NOT_PLAIN;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = plainSorted(value[i]);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item;
    }
    return out;
  }
  // cdk8s tells plain objects by their constructor: one with a key of that name is left to it
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.prototype.hasOwnProperty.call(value, 'constructor')
    || typeof (value as { resolve?: unknown }).resolve === 'function') return NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = sortedKeys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = plainSorted(record[key]);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== undefined && item !== null) out[key] = item;
  }
  return out;
}

// the three resolvers every cdk8s App has; an app given resolvers of its own may change any value
function defaultResolversOnly(obj: ApiObject): boolean {
  return App.of(obj).resolvers.every((r) => r instanceof LazyResolver || r instanceof ImplicitTokenResolver || r instanceof NumberStringUnionResolver);
}
