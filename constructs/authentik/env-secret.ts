import type { Env } from '../blueprint/tags';

/**
 * A secret that reaches authentik only as an environment variable of the worker, read with `!Env`.
 *
 * The only way to give an OAuth2 provider a client secret: a literal string does not type-check.
 * `WorkerSecret` implements it and wires the variable and the ExternalSecret key together.
 */
export interface IEnvSecret {
  /** The environment variable authentik reads. */
  readonly envVar: string;
  /** `!Env` for the variable. */
  envTag(): Env;
}

/** Whether `x` is an `IEnvSecret` (by shape, so plain-JavaScript implementations count). */
export function isEnvSecret(x: unknown): x is IEnvSecret {
  return x !== null && typeof x === 'object' && typeof (x as { envTag?: unknown }).envTag === 'function'
    && typeof (x as { envVar?: unknown }).envVar === 'string';
}
