/**
 * Whether a pattern compiles with Go's `regexp` (RE2 syntax), read with re2js, a port of RE2/J,
 * whose parser follows RE2's (and so Go's `regexp/syntax`): no look-around, no backreferences, no
 * possessive quantifiers, repeat counts up to 1000. authentik's proxy outpost (Go) compiles each
 * line of a proxy provider's `skip_path_regex` with `regexp.Compile` and skips, with only a log line,
 * any it cannot (`internal/outpost/proxyv2/application/application.go`).
 */
import { RE2JS } from 're2js';

/** @returns undefined when Go would compile the pattern, otherwise its error text */
export function goRegexpError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
  }
}
