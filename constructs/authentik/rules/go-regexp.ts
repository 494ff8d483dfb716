/**
 * Whether a pattern compiles with Go's `regexp` (RE2 syntax), read with re2js, a port of RE2/J,
 * whose parser follows RE2's (and so Go's `regexp/syntax`): no look-around, no backreferences, no
 * possessive quantifiers, repeat counts up to 1000. authentik's proxy outpost (Go) compiles each
 * line of a proxy provider's `skip_path_regex` with `regexp.Compile` and skips, with only a log line,
 * any it cannot (`internal/outpost/proxyv2/application/application.go`).
 */
import { createRequire } from 'node:module';

// loaded on the first pattern to check: re2js's Unicode tables are a fifth of the bundle, which every
// synth would otherwise evaluate at start-up though only proxy providers' skip paths need them.
// Required at run time, not bundled by scripts/run-ts.cjs (as python-syntax.ts loads @lezer/python)
type Re2js = typeof import('re2js')['RE2JS'];
let loaded: Re2js | undefined;
function re2js(): Re2js {
  loaded ??= (createRequire(import.meta.url)('re2js') as { RE2JS: Re2js }).RE2JS;
  return loaded;
}

/** @returns undefined when Go would compile the pattern, otherwise its error text */
export function goRegexpError(pattern: string): string | undefined {
  try {
    re2js().compile(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
  }
}
