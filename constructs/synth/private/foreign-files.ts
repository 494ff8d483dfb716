import { parseDocument } from 'yaml';
import type { DistFiles } from '../dist-dir';

/**
 * Files in the output folder that no synth wrote: everything a synth writes is a manifest named
 * after its own kind and name (`<kind>-<name>.yaml`, `<kind>-<name>.patch.yaml`, see
 * `manifestFileName`) or `kustomization.yaml` (a Kustomization or a Component), at the top of the
 * folder or in an output sub-folder (`component/`, `consumers/indri/argocd/`), or a JSON file that
 * says it was generated (`ansible/indri/zot.json`, see `GENERATED_BY`). A file that does not name
 * itself so (notes, a hand-written manifest under another name) was put there by hand.
 */

/** The `generated_by` value of every JSON file a synth writes, by which it is told from a hand-written one. */
export const GENERATED_BY = 'blumeops-authentik (npm run synth); do not edit by hand';

/** Paths of `previous` that `next` drops and that no synth could have written, sorted. */
export function foreignFiles(previous: DistFiles, next: DistFiles): string[] {
  return [...previous].filter(([path, content]) => !next.has(path) && !writtenBySynth(path, content)).map(([path]) => path).sort();
}

/** Whether `path` holds what a synth writes under that name. */
export function writtenBySynth(path: string, content: string): boolean {
  if (path.endsWith('.json')) return generatedJson(content);
  if (!path.endsWith('.yaml')) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const doc = parseDocument(content, { version: '1.1' });
  if (doc.errors.length > 0) return false;
  const obj = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
  if (obj === null || typeof obj !== 'object' || typeof obj.kind !== 'string') return false;
  if (obj.kind === 'Kustomization' || obj.kind === 'Component') return name === 'kustomization.yaml';
  if (typeof obj.metadata?.name !== 'string') return false;
  // the rule of manifestFileName (constructs/k8s/manifest-file.ts), which needs a live ApiObject
  const base = `${obj.kind}-${obj.metadata.name}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return name === `${base}.yaml` || name === `${base}.patch.yaml`;
}

function generatedJson(content: string): boolean {
  try {
    const obj = JSON.parse(content) as { generated_by?: unknown } | null;
    return obj !== null && typeof obj === 'object' && obj.generated_by === GENERATED_BY;
  } catch {
    return false;
  }
}
