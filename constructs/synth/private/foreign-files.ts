import { parseDocument } from 'yaml';
import type { DistFiles } from '../dist-dir';

/**
 * Files in the output folder that no synth wrote: everything a synth writes is a manifest named
 * after its own kind and name (`<kind>-<name>.yaml`, `<kind>-<name>.patch.yaml`, see
 * `manifestFileName`) or `kustomization.yaml`, at the top of the folder. A file that does not name
 * itself so (notes, a hand-written manifest under another name, a sub-folder) was put there by hand.
 */

/** Paths of `previous` that `next` drops and that no synth could have written, sorted. */
export function foreignFiles(previous: DistFiles, next: DistFiles): string[] {
  return [...previous].filter(([path, content]) => !next.has(path) && !writtenBySynth(path, content)).map(([path]) => path).sort();
}

/** Whether `path` holds what a synth writes under that name. */
export function writtenBySynth(path: string, content: string): boolean {
  if (path.includes('/') || !path.endsWith('.yaml')) return false;
  const doc = parseDocument(content, { version: '1.1' });
  if (doc.errors.length > 0) return false;
  const obj = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
  if (obj === null || typeof obj !== 'object' || typeof obj.kind !== 'string') return false;
  if (obj.kind === 'Kustomization') return path === 'kustomization.yaml';
  if (typeof obj.metadata?.name !== 'string') return false;
  // the rule of manifestFileName (constructs/k8s/manifest-file.ts), which needs a live ApiObject
  const base = `${obj.kind}-${obj.metadata.name}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return path === `${base}.yaml` || path === `${base}.patch.yaml`;
}
