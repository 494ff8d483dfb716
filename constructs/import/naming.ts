/**
 * Names in the generated module: construct ids (PascalCase, unique per scope, part of the contract
 * because they feed entry ids) and variables (camelCase, unique in the module).
 */

// words that cannot name a variable, and names the module imports
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'await',
  'implements', 'interface', 'package', 'private', 'protected', 'public', 'arguments', 'eval', 'chart', 'undefined',
]);

/** The words of a text: `default-authentication-flow` → default, authentication, flow. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** `default-authentication-flow` → `DefaultAuthenticationFlow`; empty or digit-led text gets a prefix. */
export function pascalCase(text: string, fallback = 'Entry'): string {
  const joined = words(text).slice(0, 8).map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join('');
  if (joined === '') return fallback;
  return /^[0-9]/.test(joined) ? `${fallback}${joined}` : joined;
}

/** `DefaultAuthenticationFlow` → `defaultAuthenticationFlow`. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal[0].toLowerCase() + pascal.slice(1);
}

/** Hands out names unique within one scope: `Flow`, `Flow2`, `Flow3`. */
export class NameScope {
  private readonly used = new Set<string>();

  /** @param taken names that are never handed out (imports, reserved words are added) */
  constructor(taken: Iterable<string> = []) {
    for (const name of taken) this.used.add(name);
  }

  /** A name not yet handed out, based on `wanted`. */
  public claim(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.used.has(name) || RESERVED.has(name); i++) name = `${wanted}${i}`;
    this.used.add(name);
    return name;
  }
}

/** `AUTHENTIK_FORGEJO_CLIENT_SECRET` → `forgejo-client-secret`, the Secret key convention of this project. */
export function secretKeyFor(envVar: string): string {
  const key = envVar.replace(/^AUTHENTIK_/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return key === '' ? 'secret' : key;
}
