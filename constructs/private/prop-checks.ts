import { distance as editDistance } from 'fastest-levenshtein';

/** What a prop must be, checked at synth for callers the type checker never saw. */
export type PropRule =
  | 'string'
  | 'boolean'
  | 'number'
  | 'string[]'
  | 'object'
  | 'array'
  | 'any'
  | readonly string[] // one of these strings
  | ((value: unknown) => string | undefined); // a message when wrong

/** The props a construct accepts and what each must be; a prop not listed is unknown. */
export type PropRules = Readonly<Record<string, PropRule>>;

/**
 * Problems with `props` against `rules`: unknown names (with the closest known one), values of the
 * wrong type, strings outside an enum. Undefined values are left to the construct's own defaults.
 */
export function checkProps(where: string, props: unknown, rules: PropRules, required: readonly string[] = []): string[] {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    return [`${where}: props must be an object; got ${describeGiven(props)}`];
  }
  const problems: string[] = [];
  const given = props as Record<string, unknown>;
  const keys = Object.keys(given);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = given[key];
    const rule = rules[key];
    if (rule === undefined) {
      const known = Object.keys(rules);
      const suggestion = closest(key, known);
      problems.push(`${where}: "${key}" is not a prop of this construct${suggestion ? `; did you mean "${suggestion}"?` : ''} `
        + `(given ${describeGiven(value)}; known props: ${known.join(', ')})`);
      continue;
    }
    if (value === undefined) continue;
    const message = violation(rule, value);
    if (message) problems.push(`${where}: ${key} ${message}`);
  }
  for (let i = 0; i < required.length; i++) {
    const key = required[i]!;
    const value = given[key];
    if (value === undefined || value === null) problems.push(`${where}: ${key} is required; give it a value`);
  }
  return problems;
}

function violation(rule: PropRule, value: unknown): string | undefined {
  if (typeof rule === 'function') return rule(value);
  if (Array.isArray(rule)) {
    return typeof value === 'string' && rule.includes(value) ? undefined
      : `must be one of ${rule.map((r) => JSON.stringify(r)).join(', ')}; got ${describeGiven(value)}`;
  }
  switch (rule) {
    case 'string': return typeof value === 'string' ? undefined : `must be a string; got ${describeGiven(value)}`;
    case 'boolean': return typeof value === 'boolean' ? undefined : `must be true or false; got ${describeGiven(value)}`;
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a number; got ${describeGiven(value)}`;
    case 'string[]': return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined
      : `must be a list of strings; got ${describeGiven(value)}`;
    case 'array': return Array.isArray(value) ? undefined : `must be a list; got ${describeGiven(value)}`;
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : `must be an object; got ${describeGiven(value)}`;
    default: return undefined;
  }
}

/**
 * The candidate `name` most likely means, for a "did you mean" hint: the closest by edit distance
 * (ignoring case, `_`/`-` and, for `app.model` names, also comparing the part after the dot), if it is
 * close enough to be a plausible typo (at most a third of the name's length, at least 1, at most 3
 * edits); undefined otherwise, or when `name` itself is a candidate.
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(name)) return undefined;
  const norm = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');
  const target = norm(name);
  const targetTail = name.includes('.') ? norm(name.slice(name.lastIndexOf('.') + 1)) : undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const full = norm(candidate);
    let distance = editDistance(target, full);
    if (targetTail !== undefined && candidate.includes('.')) {
      distance = Math.min(distance, editDistance(targetTail, norm(candidate.slice(candidate.lastIndexOf('.') + 1))) + (norm(candidate.slice(0, candidate.lastIndexOf('.'))) === norm(name.slice(0, name.lastIndexOf('.'))) ? 0 : 1));
    }
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** A value for a message: its type and, for scalars, the value itself. */
export function describeGiven(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return `${typeof value} ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}
