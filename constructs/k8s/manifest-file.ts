import { ApiObject } from 'cdk8s';

const PATCH_SYMBOL = Symbol.for('blumeops-authentik.StrategicMergePatch');

/** Marks an object as a kustomize strategic-merge patch rather than a resource. */
export function markAsPatch(obj: ApiObject): void {
  Object.defineProperty(obj, PATCH_SYMBOL, { value: true });
}

/** Whether `obj` is a strategic-merge patch. */
export function isPatch(obj: ApiObject): boolean {
  return PATCH_SYMBOL in obj;
}

/** The file in the synced folder an object is written to: `kustomization.yaml`, `<kind>-<name>.yaml` or `<kind>-<name>.patch.yaml`. */
export function manifestFileName(obj: ApiObject): string {
  if (obj.kind === 'Kustomization') return 'kustomization.yaml';
  const base = `${obj.kind}-${obj.name}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return isPatch(obj) ? `${base}.patch.yaml` : `${base}.yaml`;
}
