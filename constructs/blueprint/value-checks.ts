import { Tag } from './tags';
import { isAuthentikObject } from './object-ref';
import { Reference, spellPath } from './value';

/**
 * Problems with values that could not reach authentik intact: strings with lone UTF-16 surrogates or
 * NUL (neither can be stored by authentik's PostgreSQL), numbers that do not survive YAML, and
 * anything that is not blueprint data (functions, class instances, undefined inside lists).
 */
export function checkValues(value: unknown, where: string): string[] {
  const problems: string[] = [];
  walk(value, where, [], problems);
  return problems;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// `path`: the keys and indexes from `where` down to `value`, spelled out only for a problem
function walk(value: unknown, where: string, path: Array<string | number>, problems: string[]): void {
  if (value instanceof Reference || isAuthentikObject(value)) return;
  if (value instanceof Tag) {
    const items = value.items;
    for (let i = 0; i < items.length; i++) {
      path.push(i);
      walk(items[i], where, path, problems);
      path.pop();
    }
    if (typeof value.value === 'string') walk(value.value, where, path, problems);
    return;
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) {
      problems.push(`${spellPath(where, path)}: contains a lone UTF-16 surrogate, which is not text and cannot be stored; fix the string's encoding`);
    }
    if (value.includes('\0')) problems.push(`${spellPath(where, path)}: contains a NUL character, which authentik's database cannot store; remove it`);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.push(`${spellPath(where, path)}: ${value} is not a finite number; YAML cannot carry it to authentik`);
    else if (Number.isInteger(value) && !Number.isSafeInteger(value)) problems.push(`${spellPath(where, path)}: ${value} is beyond 2^53 and loses precision; write it as a string`);
    return;
  }
  if (value === null || typeof value === 'boolean') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      if (value[i] === undefined) problems.push(`${spellPath(where, path)}: is undefined; remove it from the list`);
      else walk(value[i], where, path, problems);
      path.pop();
    }
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      if (LONE_SURROGATE.test(k) || k.includes('\0')) {
        walk(k, `${spellPath(where, path)} key ${JSON.stringify(k)}`, [], problems);
      }
      if (v === undefined) continue;
      path.push(k);
      walk(v, where, path, problems);
      path.pop();
    }
    return;
  }
  problems.push(`${spellPath(where, path)}: ${typeof value === 'object' ? (value as object).constructor?.name ?? 'object' : typeof value} is not blueprint data; use strings, numbers, booleans, null, lists, plain objects, tags or references`);
}
