import type { ApiObject, AuthentikReader } from './authentik-reader';
import type { DistBlueprintFile } from './dist-blueprints';
import { blueprintInstancesPath, viewPermission } from './model-endpoints';
import { ModelName } from '../catalog/model-facts';

/**
 * Did authentik apply exactly this commit's file? The blueprint instance at the file's path, its
 * status and last apply, and whether its `last_applied_hash` is the sha512 of the file in `dist/`.
 */

/** The instance as the report shows it. */
export interface InstanceSummary {
  readonly pk: string;
  readonly name: string;
  readonly status: string;
  readonly enabled: boolean;
  /** ISO time of the last successful apply. */
  readonly lastApplied: string;
  readonly lastAppliedHash: string;
}

/** One file's apply state. */
export interface InstanceCheck {
  readonly file: string;
  /** The instance `path` (relative to the blueprints directory). */
  readonly path: string;
  /** `metadata.name` of the file in `dist/`. */
  readonly name?: string;
  /** sha512 of the file in `dist/`. */
  readonly sha512: string;
  /** The instance, when authentik has one at that path. */
  readonly instance?: InstanceSummary;
  /** `last_applied_hash` equals the file's sha512. */
  readonly hashMatches: boolean;
  /** Applied at this commit and successful: the hash matches, status is `successful`, enabled. */
  readonly applied: boolean;
  readonly problems: readonly string[];
}

/** Checks every file against the instances authentik lists, in the files' order. */
export async function checkInstances(files: readonly DistBlueprintFile[], reader: AuthentikReader): Promise<InstanceCheck[]> {
  // one listing of every instance: authentik's own blueprints are a few dozen
  const all = await reader.list(blueprintInstancesPath(), {}, viewPermission(ModelName.BLUEPRINTINSTANCE));
  return files.map((f) => checkOne(f, all.filter((i) => i.path === f.instancePath)));
}

function checkOne(file: DistBlueprintFile, matches: ApiObject[]): InstanceCheck {
  const base = { file: file.file, path: file.instancePath, name: file.blueprint.name, sha512: file.sha512 };
  const found = matches[0];
  if (!found) {
    return {
      ...base, hashMatches: false, applied: false,
      problems: [`no blueprint instance at path ${file.instancePath}: authentik has not discovered the file (the ConfigMap is not synced or not mounted there yet, or the worker has not run discovery)`],
    };
  }
  const instance: InstanceSummary = {
    pk: String(found.pk),
    name: String(found.name),
    status: String(found.status),
    enabled: found.enabled !== false,
    lastApplied: String(found.last_applied),
    lastAppliedHash: String(found.last_applied_hash ?? ''),
  };
  const problems: string[] = [];
  const hashMatches = instance.lastAppliedHash === file.sha512;
  if (!instance.enabled) problems.push('the instance is disabled: authentik does not apply it');
  if (!hashMatches) {
    problems.push(instance.lastAppliedHash === ''
      ? 'never applied successfully (last_applied_hash is empty)'
      : `authentik last applied another version of the file (last_applied_hash ${short(instance.lastAppliedHash)}…, dist/ ${short(file.sha512)}…): this commit is not applied yet`);
  }
  if (instance.status !== 'successful') problems.push(statusProblem(instance.status, hashMatches));
  if (file.blueprint.name !== undefined && instance.name !== file.blueprint.name) {
    problems.push(`the instance is named ${JSON.stringify(instance.name)}, the file's metadata.name is ${JSON.stringify(file.blueprint.name)}: authentik keeps the old name, so a metaapplyblueprint looking for the new one fails`);
  }
  if (matches.length > 1) problems.push(`${matches.length} instances share this path; authentik applies the first (${instance.name})`);
  return { ...base, instance, hashMatches, applied: hashMatches && instance.status === 'successful' && instance.enabled, problems };
}

function statusProblem(status: string, hashMatches: boolean): string {
  switch (status) {
    case 'error':
      return `status error: the last apply failed and nothing of that run was committed${hashMatches ? ' (an earlier apply of this same file had succeeded)' : ''}; the reason is in the worker's task log (the admin UI may show the error without its message, goauthentik/authentik#21441)`;
    case 'orphaned':
      return 'status orphaned: authentik no longer finds the file at this path';
    case 'unknown':
      return 'status unknown: authentik has not applied the file yet';
    default:
      return `status ${status}, not successful`;
  }
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
