import { Tag, type Env, type FileTag } from '../../blueprint/tags';
import { describeGiven } from '../../private/prop-checks';
import { isEnvSecret, type IEnvSecret } from '../env-secret';

/**
 * A secret field's value: a worker secret, an `!Env` tag naming a variable the worker already has, or a
 * `!File` tag (`Tag.file(...)`) naming a file the worker can read, e.g. a mounted Secret.
 */
export type SecretValue = IEnvSecret | Env | FileTag;

// `!Env` / `!File`, also when written with Tag.scalar or Tag.sequence
function isRuntimeTag(value: unknown): value is Tag {
  return value instanceof Tag && (value.name === '!Env' || value.name === '!File');
}

/**
 * Problems with the secret props of a construct: anything but a worker secret or an `!Env` tag, a
 * literal above all, is refused, since a secret written in the blueprint would be committed to Git.
 */
export function checkSecretProps(path: string, props: Readonly<Record<string, unknown>>, fields: readonly string[]): string[] {
  const problems: string[] = [];
  for (const field of fields) {
    const value = props[field];
    if (value === undefined || isEnvSecret(value) || isRuntimeTag(value)) continue;
    // never echo a literal: it is the secret
    const given = typeof value === 'string' ? `a literal string (${value.length} characters)` : describeGiven(value);
    problems.push(`${path}: ${field} is a secret and must be a reference to a worker secret (new WorkerSecret(...)), Tag.env(...) or Tag.file(...), `
      + `never a literal; got ${given}; a secret written in the blueprint would be committed to Git`);
  }
  return problems;
}

/**
 * The secret props as written: `!Env` tags; anything else is left out (it is reported by
 * `checkSecretProps`, never written).
 */
export function secretAttributes(props: Readonly<Record<string, unknown>>, fields: readonly string[]): Record<string, Tag | undefined> {
  const out: Record<string, Tag | undefined> = {};
  for (const field of fields) {
    const value = props[field];
    out[field] = isEnvSecret(value) ? value.envTag() : isRuntimeTag(value) ? value : undefined;
  }
  return out;
}
