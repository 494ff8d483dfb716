import { Tag } from './tags';
import { Reference } from './value';

/**
 * Problems with values that could not reach authentik intact: strings with lone UTF-16 surrogates or
 * NUL (neither can be stored by authentik's PostgreSQL), numbers that do not survive YAML, and
 * anything that is not blueprint data (functions, class instances, undefined inside lists).
 */
export function checkValues(value: unknown, where: string): string[] {
  const problems: string[] = [];
  walk(value, where, problems);
  return problems;
}

function walk(value: unknown, where: string, problems: string[]): void {
  if (value instanceof Reference) return;
  if (value instanceof Tag) {
    value.items.forEach((item, i) => walk(item, `${where}[${i}]`, problems));
    if (typeof value.value === 'string') walk(value.value, where, problems);
    return;
  }
  if (typeof value === 'string') {
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
      problems.push(`${where}: contains a lone UTF-16 surrogate, which is not text and cannot be stored; fix the string's encoding`);
    }
    if (value.includes('\0')) problems.push(`${where}: contains a NUL character, which authentik's database cannot store; remove it`);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.push(`${where}: ${value} is not a finite number; YAML cannot carry it to authentik`);
    else if (Number.isInteger(value) && !Number.isSafeInteger(value)) problems.push(`${where}: ${value} is beyond 2^53 and loses precision; write it as a string`);
    return;
  }
  if (value === null || typeof value === 'boolean') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item === undefined) problems.push(`${where}[${i}]: is undefined; remove it from the list`);
      else walk(item, `${where}[${i}]`, problems);
    });
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      walk(k, `${where} key ${JSON.stringify(k)}`, problems);
      if (v !== undefined) walk(v, `${where}.${k}`, problems);
    }
    return;
  }
  problems.push(`${where}: ${typeof value === 'object' ? (value as object).constructor?.name ?? 'object' : typeof value} is not blueprint data; use strings, numbers, booleans, null, lists, plain objects, tags or references`);
}
