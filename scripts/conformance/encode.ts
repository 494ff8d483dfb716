/**
 * The JSON form a blueprint value is compared in, on both sides of the conformance checks: the
 * Python port of authentik's loader (authentik_loader.py `to_json`) writes the same shape.
 */
import { Tag, TagNodeKind } from '../../constructs';
import { type ResolvedValue } from '../../constructs/blueprint/serialize';

/** A value as JSON; strings may hold lone surrogates, which `JSON.stringify` writes as `\ud800` escapes. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A tag as loaded: the raw scalar text, or the loaded items of the sequence. */
export interface EncodedTag {
  readonly '!tag': string;
  readonly kind: TagNodeKind;
  readonly value: Json;
}

/** `value` in the JSON form authentik's loader reads it back as. */
export function encode(value: ResolvedValue, path = '$'): Json {
  if (value instanceof Tag) {
    const encoded: EncodedTag = {
      '!tag': value.name,
      kind: value.kind,
      // the loader sees a scalar tag's text, so a number is compared as the text it is written as
      value: value.kind === TagNodeKind.SCALAR
        ? String(value.value)
        : value.items.map((item, i) => encode(item as ResolvedValue, `${path}[${i}]`)),
    };
    return encoded as unknown as Json;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path}: ${value} cannot be compared as JSON`);
    // -0 is written as 0 (PyYAML has no negative integer zero), as JSON does
    return Object.is(value, -0) ? 0 : value;
  }
  if (Array.isArray(value)) return value.map((item, i) => encode(item as ResolvedValue, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    // fromEntries defines own keys, so a key named __proto__ stays a key
    return Object.fromEntries(Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, encode(v as ResolvedValue, `${path}.${k}`)]));
  }
  throw new Error(`${path}: ${Object.prototype.toString.call(value)} is not a resolved blueprint value`);
}
