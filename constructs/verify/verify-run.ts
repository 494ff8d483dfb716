import type { AuthentikReader } from './authentik-reader';
import { BlueprintTag } from './blueprint-tags';
import { findUndeclaredAccess, type CheckedEntry, type UndeclaredAccess } from './access-drift';
import { checkDiscovery, type DiscoveryCheck } from './discovery-check';
import type { DistBlueprints } from './dist-blueprints';
import { checkInstances, type InstanceCheck } from './blueprint-instances';
import { BlueprintObjectChecker, ObjectLookup, type EntryReport } from './object-checks';
import { ModelEndpoints } from './model-endpoints';
import { ReleaseDefaults } from './release-defaults';
import { ModelName } from '../catalog/model-facts';

/**
 * One verify run: every blueprint file's instance, every declared object, every OIDC client's
 * discovery, gathered into one report in a fixed order (files by path, entries in file order).
 */

/** One blueprint file: its instance and its entries. */
export interface BlueprintReport extends InstanceCheck {
  readonly entries: readonly EntryReport[];
}

/** One line of the drift list. */
export interface DriftItem {
  /** The blueprint file. */
  readonly file: string;
  /** What it concerns: `blueprint instance custom/zot.yaml`, `provider Zot`, `client zot`. */
  readonly object: string;
  readonly problem: string;
}

/** Everything one run found. */
export interface VerifyReport {
  /** The authentik base URL. */
  readonly authentik: string;
  /** The username the token belongs to. */
  readonly user: string;
  /** Where the blueprints are mounted, as read from `dist/`. */
  readonly mount: string;
  readonly blueprints: readonly BlueprintReport[];
  readonly clients: readonly DiscoveryCheck[];
  /**
   * Live access to declared applications that `dist/` does not declare (also in `drift`, unless
   * accepted with `--accept-undeclared-access`).
   */
  readonly undeclaredAccess: readonly UndeclaredAccess[];
  /** Whether undeclared access was accepted (not counted as drift). */
  readonly undeclaredAccessAccepted: boolean;
  /** Every problem, in report order. */
  readonly drift: readonly DriftItem[];
  /** Entries and values verify could not check, with why. */
  readonly notChecked: readonly DriftItem[];
  /** What verify cannot see at all. */
  readonly cannotSee: readonly string[];
  /** Every file applied at this commit, no drift, every discovery document right. */
  readonly ok: boolean;
}

/** What no run of verify can see, said plainly. */
export const CANNOT_SEE: readonly string[] = [
  '1Password: whether the fields the ExternalSecret reads exist and hold the right secrets (the ExternalSecret\'s status in Kubernetes says whether it synced)',
  'the consumers\' Secrets and configuration (Grafana, ArgoCD, zot, Jellyfin, Forgejo): whether they hold the same client secret, client id and issuer',
  'the values of !Env variables (client secrets): verify only checks that authentik did not get an empty one',
  'Kubernetes itself: whether ArgoCD synced dist/ and the worker mounted it; a missing instance or an old hash is how that shows here',
];

/** Checks only whether every file is applied at this commit (what `--wait` polls). */
export function checkFilesApplied(dist: DistBlueprints, reader: AuthentikReader): Promise<InstanceCheck[]> {
  return checkInstances(dist.files, reader);
}

/** How a run judges what it finds. */
export interface VerifyOptions {
  /**
   * Accept live access to declared applications that `dist/` does not declare: list it, but do not
   * count it as drift.
   * @default false
   */
  readonly acceptUndeclaredAccess?: boolean;
}

/** A full run. */
export async function runVerify(dist: DistBlueprints, reader: AuthentikReader, options: VerifyOptions = {}): Promise<VerifyReport> {
  const user = await reader.whoAmI();
  const defaults = await ReleaseDefaults.of(reader);
  const instances = await checkInstances(dist.files, reader);
  const lookup = new ObjectLookup(reader, ModelEndpoints.forRelease(defaults.release));
  const blueprints: BlueprintReport[] = [];
  const clients: DiscoveryCheck[] = [];
  for (const [i, file] of dist.files.entries()) {
    const checker = new BlueprintObjectChecker(lookup, reader, file.blueprint.entries, defaults);
    const entries = await checker.checkAll();
    blueprints.push({ ...instances[i], entries });
    for (const entry of file.blueprint.entries) {
      if (entry.model !== ModelName.APPLICATION || entry.state === 'absent') continue;
      const slug = entry.identifiers.slug ?? entry.attrs.slug;
      const provider = entry.attrs.provider;
      if (typeof slug !== 'string' || !(provider instanceof BlueprintTag)) continue;
      let providerId: string | undefined;
      if (provider.name === '!KeyOf') {
        const target = file.blueprint.entries.find((e) => e.id === String(provider.args));
        if (!target || target.model !== ModelName.OAUTH2PROVIDER) continue;
        providerId = target.id;
      } else if (!(provider.name === '!Find' && provider.argList[0] === ModelName.OAUTH2PROVIDER)) {
        continue;
      }
      clients.push(await checkDiscovery(reader, file.file, slug, providerId ? checker.objectOf(providerId) : undefined));
    }
  }

  const checked: CheckedEntry[] = blueprints.flatMap((b, i) => b.entries.map((entry, j) => {
    const data = dist.files[i].blueprint.entries[j];
    const slug = data.identifiers.slug ?? data.attrs.slug;
    return { file: b.file, entry, slug: typeof slug === 'string' ? slug : undefined };
  }));
  const undeclaredAccess = await findUndeclaredAccess(reader, checked, lookup.endpoints);
  const accepted = options.acceptUndeclaredAccess === true;

  const drift: DriftItem[] = [];
  const notChecked: DriftItem[] = [];
  for (const b of blueprints) {
    for (const problem of b.problems) drift.push({ file: b.file, object: `blueprint instance ${b.path}`, problem });
    for (const e of b.entries) {
      for (const problem of e.problems) drift.push({ file: b.file, object: e.label, problem });
      for (const note of e.notes) notChecked.push({ file: b.file, object: e.label, problem: note });
    }
  }
  for (const c of clients) if (c.problem) drift.push({ file: c.file, object: `client ${c.slug}`, problem: c.problem });
  if (!accepted) for (const a of undeclaredAccess) drift.push({ file: a.file, object: a.object, problem: a.problem });
  const ok = blueprints.every((b) => b.applied) && drift.length === 0;
  return {
    authentik: reader.baseUrl, user, mount: dist.mountNote, blueprints, clients, undeclaredAccess, undeclaredAccessAccepted: accepted,
    drift, notChecked, cannotSee: CANNOT_SEE, ok,
  };
}
