import { closest as closestOf, distance } from 'fastest-levenshtein';

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
  const known = Object.keys(rules);
  for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
    const rule = rules[key];
    if (rule === undefined) {
      const suggestion = closest(key, known);
      problems.push(`${where}: "${key}" is not a prop of this construct${suggestion ? `; did you mean "${suggestion}"?` : ''} `
        + `(known props: ${known.join(', ')})`);
      continue;
    }
    if (value === undefined) continue;
    const message = violation(rule, value);
    if (message) problems.push(`${where}: ${key} ${message}`);
  }
  for (const key of required) {
    const value = (props as Record<string, unknown>)[key];
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

/** The closest of `candidates` to `name` when it is close enough to be a likely misspelling. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closestOf(name, [...candidates]);
  return distance(name.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** A value for a message: its type and, for scalars, the value itself. */
export function describeGiven(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return `${typeof value} ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}
