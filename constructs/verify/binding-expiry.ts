/**
 * Expiring policy bindings (authentik 2026.8, release notes "Expiring policy bindings"): a policy
 * binding has `expires` (a date-time, null by default) and `expiring` (false by default), both
 * read-only in the API and so in blueprints (goauthentik/authentik#24116, "policies: make policy
 * bindings expire-able", 2026-07-16); authentik sets them for the access its privileged-access
 * requests grant (`authentik_requests`), and expires a binding when such a grant is revoked.
 *
 * How authentik evaluates one, from goauthentik/authentik:
 * - `authentik/policies/migrations/0012_alter_policybinding_managers_policybinding_expires_and_more.py`
 *   adds `expires` (null) and `expiring` (default false) to `PolicyBinding`, which becomes an
 *   `ExpiringModel`;
 * - `authentik/lib/models.py`: `ExpiringModel.objects` is an `ExpiringManager`, whose default query
 *   excludes `expires < now() AND expiring = true` (`including_expired()` is the only way to see them);
 *   `is_expired` is false for a binding that is not `expiring`;
 * - `authentik/policies/engine.py`: the policy engine reads a target's bindings through
 *   `PolicyBinding.objects.filter(target=…, enabled=True)`, so an expired binding is not evaluated at
 *   all: it grants nothing, and when every binding of an application has expired the engine sees none
 *   and passes everyone (an empty binding set passes);
 * - `authentik/blueprints/v1/importer.py` finds an entry's existing object through `model.objects`,
 *   so a blueprint entry no longer finds an expired binding (it creates a new one);
 * - the periodic clean-up of expired objects deletes it later (`ExpiringModel.expire_action`).
 *
 * Group memberships and RBAC role assignments have no expiry in 2026.8 (its OpenAPI document gives
 * `expires`/`expiring` to policy bindings, tokens, agents and endpoint devices, not to groups, users or
 * roles); releases before 2026.8 have no expiring bindings.
 */
import type { ApiObject } from './authentik-reader';

/** Whether authentik treats a live policy binding as expired at `now` (its default query leaves it out). */
export function isExpiredBinding(binding: ApiObject, now: Date = new Date()): boolean {
  if (binding.expiring !== true || typeof binding.expires !== 'string') return false;
  const at = Date.parse(binding.expires);
  return Number.isFinite(at) && at < now.getTime();
}

/** `expired 2026-11-01T00:00:00Z`, or `expires …` for one still running out, or undefined for a binding that does not expire. */
export function bindingExpiry(binding: ApiObject, now: Date = new Date()): string | undefined {
  if (binding.expiring !== true || typeof binding.expires !== 'string') return undefined;
  return `${isExpiredBinding(binding, now) ? 'expired' : 'expires'} ${binding.expires}`;
}

/** The bindings authentik evaluates and the expired ones it ignores, each in the given order. */
export function splitExpired(bindings: readonly ApiObject[], now: Date = new Date()): { current: ApiObject[]; expired: ApiObject[] } {
  const current: ApiObject[] = [];
  const expired: ApiObject[] = [];
  for (const b of bindings) (isExpiredBinding(b, now) ? expired : current).push(b);
  return { current, expired };
}
