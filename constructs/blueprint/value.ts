import { isAuthentikObject, type IAuthentikObject } from './object-ref';
import type { Tag } from './tags';

/** A plain scalar in a blueprint. */
export type BlueprintScalar = string | number | boolean | null;

/**
 * Anything that can stand in a blueprint's `identifiers`, `attrs` or `conditions`: plain data, a tag,
 * or a reference to another authentik object (an entry, a lookup) that becomes a tag when the
 * blueprint is written.
 */
export type BlueprintValue =
  | BlueprintScalar
  | Tag
  | Reference
  | IAuthentikObject
  | readonly BlueprintValue[]
  | { readonly [key: string]: BlueprintValue };

/**
 * Where a value sits, for messages: `where` followed by `.key` for each string and `[i]` for each
 * number of `segments`. Walks over values keep the segments as a stack and spell them out only when
 * they have something to report; a large app holds hundreds of thousands of values.
 */
export function spellPath(where: string, segments: ReadonlyArray<string | number>): string {
  return where + segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
}

/** What a reference learns about the place it is written in, and what it asks of it. */
export interface ResolveContext {
  /**
   * Resolve a reference to an entry declared in this app.
   * @returns `!KeyOf` when the entry is in the same blueprint (which then orders it first), otherwise
   * `undefined`, after making the other blueprint apply first
   */
  entryTag(entry: IReferencedEntry): Tag | undefined;
}

/** An entry a reference can point at. */
export interface IReferencedEntry {
  /** Construct path, for messages. */
  readonly path: string;
}

/**
 * A value that is only known when the blueprint it is written in is known, such as a pointer to a
 * group that becomes `!KeyOf` in its own file and `!Find` elsewhere.
 */
export abstract class Reference {
  /** A short description for error messages, e.g. `group "admins"`. */
  public abstract readonly description: string;

  /** The tag this reference is written as in the blueprint described by `context`. */
  public abstract resolve(context: ResolveContext): Tag;
}

/**
 * The reference a value stands for: itself when it is a `Reference`, the object's reference when it
 * is an `IAuthentikObject` (an entry or a lookup), otherwise undefined.
 */
export function asReference(value: unknown): Reference | undefined {
  if (value instanceof Reference) return value;
  if (isAuthentikObject(value)) return value.toReference();
  return undefined;
}
