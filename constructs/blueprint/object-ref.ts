import type { Reference } from './value';

/**
 * An authentik object of a known model: an entry declared in this app (typed construct or
 * `ModelEntry`) or a lookup of an object that lives elsewhere (`Flow.fromSlug(...)`). Either is
 * accepted wherever authentik expects an object of that model, and becomes `!KeyOf` or `!Find` where
 * it is written.
 *
 * The model is a string literal type, so `IAuthentikObject<'authentik_flows.flow'>` is a flow and
 * nothing else; kinds that span several models (stages, providers, policies) are unions of literals.
 */
export interface IAuthentikObject<M extends string = string> {
  /** The model, `app_label.model_name`. */
  readonly model: M;
  /** For messages, e.g. `authentik_flows.flow "default-authentication-flow"`. */
  readonly description: string;
  /** The value written where the object is referred to. */
  toReference(): Reference;
}

/** Whether `x` is an authentik object reference (by shape, so plain-JavaScript implementations count). */
export function isAuthentikObject(x: unknown): x is IAuthentikObject {
  return x !== null && typeof x === 'object'
    && typeof (x as { model?: unknown }).model === 'string'
    && typeof (x as { toReference?: unknown }).toReference === 'function';
}
