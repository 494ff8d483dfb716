import { ApiObject, JsonPatch } from 'cdk8s';
import type { IConstruct } from 'constructs';

const PATCH_SYMBOL = Symbol.for('blumeops-authentik.StrategicMergePatch');
const FOLDER_SYMBOL = Symbol.for('blumeops-authentik.OutputFolder');
const COPY_SYMBOL = Symbol.for('blumeops-authentik.CopyFolders');
const GUARDS_SYMBOL = Symbol.for('blumeops-authentik.ComponentPatchGuards');

/** Marks an object as a kustomize strategic-merge patch rather than a resource. */
export function markAsPatch(obj: ApiObject): void {
  Object.defineProperty(obj, PATCH_SYMBOL, { value: true });
}

/**
 * Marks an object as a patch of a kustomize Component, written without a namespace. The Component's
 * kustomization applies it with a `target:` selector by kind and name, which matches the including
 * kustomization's object whether or not that object carries a namespace (a Component's patches
 * apply before the including kustomization sets its `namespace:`, and blumeops's resources name
 * theirs). A selector that matches nothing would apply nowhere, silently, so the kustomization also
 * writes one guard per field path in `guards`: a replacement whose source is that field of the
 * target, copied onto itself, which makes `kubectl kustomize` fail loudly ("nothing selected by …",
 * "fieldPath … is missing for replacement source", "multiple matches for selector …") when the
 * object or the field is not there before the patch.
 *
 * @param guards field paths (kustomize's `fieldPath` syntax) the target must already hold; a
 *   Deployment patch guards each container it names by its `image`, which only a real container has
 * @default guards ['metadata.name']
 */
export function markAsComponentPatch(obj: ApiObject, guards: readonly string[] = ['metadata.name']): void {
  if (!isPatch(obj)) markAsPatch(obj);
  obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  Object.defineProperty(obj, GUARDS_SYMBOL, { value: [...guards], configurable: true });
}

/** The field paths a Component patch's target must hold before the patch (see `markAsComponentPatch`). */
export function componentPatchGuards(obj: ApiObject): readonly string[] {
  return (obj as unknown as Record<symbol, string[] | undefined>)[GUARDS_SYMBOL] ?? ['metadata.name'];
}

/** Whether `obj` is a strategic-merge patch. */
export function isPatch(obj: ApiObject): boolean {
  return PATCH_SYMBOL in obj;
}

/** Whether `obj` is a kustomization (a `Kustomization` or a kustomize `Component`), written as `kustomization.yaml`. */
export function isKustomization(obj: ApiObject): boolean {
  return obj.apiVersion.startsWith('kustomize.config.k8s.io/') && (obj.kind === 'Kustomization' || obj.kind === 'Component');
}

/** The file an object is written to, inside its folder: `kustomization.yaml`, `<kind>-<name>.yaml` or `<kind>-<name>.patch.yaml`. */
export function manifestFileName(obj: ApiObject): string {
  if (obj.kind === 'Kustomization' || isKustomization(obj)) return 'kustomization.yaml';
  const base = `${obj.kind}-${obj.name}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return isPatch(obj) ? `${base}.patch.yaml` : `${base}.yaml`;
}

/**
 * Writes everything defined under `scope` into `folder`, a relative path below the folder of the
 * scope's parent (`consumers/indri/argocd`). Charts without one write to the root of the output.
 */
export function setOutputFolder(scope: IConstruct, folder: string): void {
  Object.defineProperty(scope, FOLDER_SYMBOL, { value: normalizeFolder(folder), configurable: true });
}

/**
 * Writes every object defined under `scope` a second time, into `folder` (relative to the output
 * root): e.g. the authentik objects both in the overlay at the root and in a kustomize Component.
 */
export function alsoWriteTo(scope: IConstruct, folder: string): void {
  const previous = (scope as unknown as Record<symbol, string[] | undefined>)[COPY_SYMBOL] ?? [];
  Object.defineProperty(scope, COPY_SYMBOL, { value: [...previous, normalizeFolder(folder)], configurable: true });
}

/** The folder `construct` writes to, relative to the output root (`''` for the root itself). */
export function outputFolderOf(construct: IConstruct): string {
  const parts: string[] = [];
  for (const scope of construct.node.scopes) {
    const folder = (scope as unknown as Record<symbol, string | undefined>)[FOLDER_SYMBOL];
    if (folder) parts.push(folder);
  }
  return parts.join('/');
}

/** Every folder `construct` is written to: its own first, then those `alsoWriteTo` added. */
export function outputFoldersOf(construct: IConstruct): string[] {
  const folders = [outputFolderOf(construct)];
  for (const scope of construct.node.scopes) {
    for (const folder of (scope as unknown as Record<symbol, string[] | undefined>)[COPY_SYMBOL] ?? []) {
      if (!folders.includes(folder)) folders.push(folder);
    }
  }
  return folders;
}

/** `folder/file`, or `file` at the root. */
export function joinOutputPath(folder: string, file: string): string {
  return folder === '' ? file : `${folder}/${file}`;
}

/** Problems with an output folder given by a user, or none. */
export function checkOutputFolder(folder: string, where: string): string[] {
  const parts = folder.split('/');
  return folder !== '' && !folder.startsWith('/') && parts.every((p) => /^[a-z0-9][a-z0-9._-]*$/.test(p) && p !== '..')
    ? []
    : [`${where} ${JSON.stringify(folder)} must be a relative path of lowercase names (letters, digits, ., _, -) below the output folder, e.g. "consumers/indri/argocd"`];
}

function normalizeFolder(folder: string): string {
  return folder.replace(/^\.\/+/, '').replace(/\/+$/, '');
}
