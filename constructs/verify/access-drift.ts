import type { ApiObject, AuthentikReader } from './authentik-reader';
import { bindingExpiry, splitExpired } from './binding-expiry';
import { ModelName } from '../catalog/model-facts';
import { ModelEndpoints, viewPermission } from './model-endpoints';
import type { EntryReport } from './object-checks';

/**
 * Live access that `dist/` does not declare: for each declared application authentik holds, the
 * enabled policy bindings on it that no blueprint entry declares (someone opened it in the UI), and
 * an application without any enabled binding although `dist/` binds who may open it (authentik's
 * policy engine passes an empty set of bindings, so every signed-in user may open it). A binding that
 * has expired (authentik 2026.8, `binding-expiry.ts`) grants nothing: authentik's policy engine does not
 * see it, so it is neither undeclared access nor one of the application's bindings.
 */

const APPLICATION = ModelName.APPLICATION;
const POLICY_BINDING = ModelName.POLICYBINDING;

/** One grant of access `dist/` does not declare. */
export interface UndeclaredAccess {
  /** The blueprint file declaring the application. */
  readonly file: string;
  /** `application zot`. */
  readonly object: string;
  /** The application's slug. */
  readonly slug: string;
  /** Who gains access: `group ops`, `user alice`, `policy allow-all`, `every signed-in user`. */
  readonly subject: string;
  /** The live binding's pk; none when the application has no enabled binding. */
  readonly binding?: string;
  readonly problem: string;
}

/** An entry checked, with the file it is in. */
export interface CheckedEntry {
  readonly file: string;
  readonly entry: EntryReport;
  /** The application's slug as found (applications only). */
  readonly slug?: string;
}

/** Who a live binding lets in, in words. */
export function bindingSubject(binding: ApiObject): string {
  const obj = (name: string): Record<string, unknown> | undefined => {
    const v = binding[name];
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
  };
  let who: string;
  if (binding.group !== null && binding.group !== undefined) who = `group ${String(obj('group_obj')?.name ?? binding.group)}`;
  else if (binding.user !== null && binding.user !== undefined) who = `user ${String(obj('user_obj')?.username ?? binding.user)}`;
  else if (binding.policy !== null && binding.policy !== undefined) who = `policy ${String(obj('policy_obj')?.name ?? binding.policy)}`;
  else who = 'nothing';
  return binding.negate === true ? `everyone but ${who}` : who;
}

/** The enabled bindings on `target` (an application's pk) that authentik evaluates, in the API's order: expired ones left out. */
export async function liveBindings(reader: AuthentikReader, target: string | number, endpoints?: ModelEndpoints): Promise<ApiObject[]> {
  return (await liveBindingSets(reader, target, endpoints)).current;
}

/** The enabled bindings on `target`: those authentik evaluates, and the expired ones it ignores. */
export async function liveBindingSets(
  reader: AuthentikReader, target: string | number, endpoints: ModelEndpoints = ModelEndpoints.forRelease(undefined),
): Promise<{ current: ApiObject[]; expired: ApiObject[] }> {
  const list = await reader.list(endpoints.get(POLICY_BINDING)!.list, { target: String(target) }, viewPermission(POLICY_BINDING));
  return splitExpired(list.filter((b) => String(b.target) === String(target) && b.enabled !== false));
}

/**
 * The undeclared access to every declared application authentik holds. `entries` are every entry of
 * every file, so a binding declared in another file than its application counts as declared.
 */
export async function findUndeclaredAccess(
  reader: AuthentikReader, entries: readonly CheckedEntry[], endpoints: ModelEndpoints = ModelEndpoints.forRelease(undefined),
): Promise<UndeclaredAccess[]> {
  const bindings = entries.filter((e) => e.entry.model === POLICY_BINDING);
  // every binding an entry found counts as declared, `state: absent` ones too (they are reported as still present)
  const declaredPks = new Set(bindings.filter((e) => e.entry.pk !== undefined).map((e) => String(e.entry.pk)));
  const declaredTargets = new Set(bindings.filter((e) => e.entry.state !== 'absent' && e.entry.target !== undefined).map((e) => String(e.entry.target)));
  const out: UndeclaredAccess[] = [];
  const seen = new Set<string>();
  for (const { file, entry, slug } of entries) {
    if (entry.model !== APPLICATION || entry.state === 'absent' || entry.pk === undefined || seen.has(String(entry.pk))) continue;
    seen.add(String(entry.pk));
    const { current: live, expired } = await liveBindingSets(reader, entry.pk, endpoints);
    const base = { file, object: entry.label, slug: slug ?? '' };
    for (const b of live) {
      if (declaredPks.has(String(b.pk))) continue;
      const subject = bindingSubject(b);
      out.push({
        ...base, subject, binding: String(b.pk),
        problem: `undeclared access: ${subject} may open it through policy binding ${String(b.pk)} (order ${String(b.order)}${bindingExpiry(b) ? `, ${bindingExpiry(b)}` : ''}), `
          + 'which dist/ does not declare; delete the binding in authentik or declare it',
      });
    }
    if (live.length === 0 && declaredTargets.has(String(entry.pk))) {
      out.push({
        ...base, subject: 'every signed-in user',
        problem: `undeclared access: the application has no enabled policy binding${expired.length > 0
          ? ` in force (${expired.length === 1 ? `binding ${String(expired[0]!.pk)} expired ${String(expired[0]!.expires)}` : `its ${expired.length} bindings have expired`}, and authentik ignores an expired binding)`
          : ''}, so authentik lets every signed-in user open it, though dist/ declares who may`,
      });
    }
  }
  return out;
}
