import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { parseAllDocuments } from 'yaml';

type Doc = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Doc => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Doc : {});

/** The containers of every Deployment a kustomization folder on disk renders, by Deployment name. */
function baseDeployments(folder: string, seen = new Set<string>()): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (seen.has(folder)) return out;
  seen.add(folder);
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => join(folder, f)).find(existsSync);
  if (!file) return out;
  const kustomization = asRecord(parseAllDocuments(readFileSync(file, 'utf8'))[0]?.toJSON());
  for (const entry of [...asArray(kustomization.resources), ...asArray(kustomization.bases)]) {
    if (typeof entry !== 'string' || entry.includes('://')) continue;
    const path = join(folder, entry);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) {
      for (const [name, containers] of baseDeployments(path, seen)) out.set(name, containers);
      continue;
    }
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
      const object = asRecord(doc.toJSON());
      if (object.kind !== 'Deployment') continue;
      const name = asRecord(object.metadata).name;
      const containers = asArray(asRecord(asRecord(asRecord(asRecord(object.spec).template).spec)).containers);
      if (typeof name === 'string') out.set(name, new Set(containers.map((c) => asRecord(c).name).filter((n): n is string => typeof n === 'string')));
    }
  }
  return out;
}

/**
 * Problems with the strategic-merge patches of each generated kustomization whose bases are on disk
 * beside the output folder: a patch naming a container the base's Deployment lacks would add a new,
 * image-less container instead of changing the real one. A base that is not on disk here cannot be
 * seen and is left to the render (conformance step b renders the stand-in base).
 */
export function checkPatchTargets(outdir: string, files: ReadonlyMap<string, string>): { problems: string[] } {
  const problems: string[] = [];
  for (const [path, text] of files) {
    if (posix.basename(path) !== 'kustomization.yaml') continue;
    const kustomization = asRecord(parseAllDocuments(text)[0]?.toJSON());
    if (kustomization.kind !== 'Kustomization') continue; // a Component's patches fail the render loudly by themselves
    const folder = join(outdir, dirname(path));
    const bases = asArray(kustomization.resources).filter((r): r is string => typeof r === 'string' && !files.has(posix.join(posix.dirname(path), r)));
    const deployments = new Map<string, Set<string>>();
    for (const base of bases) {
      const dir = join(folder, base);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      for (const [name, containers] of baseDeployments(dir)) deployments.set(name, containers);
    }
    if (deployments.size === 0) continue;
    for (const patch of asArray(kustomization.patches)) {
      const patchPath = asRecord(patch).path;
      if (typeof patchPath !== 'string') continue;
      const patchFile = posix.join(posix.dirname(path), patchPath);
      const object = asRecord(parseAllDocuments(files.get(patchFile) ?? '')[0]?.toJSON());
      const name = asRecord(object.metadata).name;
      if (object.kind !== 'Deployment' || typeof name !== 'string') continue;
      const have = deployments.get(name);
      if (!have) {
        problems.push(`${patchFile}: patches Deployment ${name}, which the base (${bases.join(', ')}) does not have; `
          + `its Deployments are ${[...deployments.keys()].sort().join(', ')}: set workerDeploymentName to the right one`);
        continue;
      }
      for (const container of asArray(asRecord(asRecord(asRecord(object.spec).template).spec).containers)) {
        const cname = asRecord(container).name;
        if (typeof cname === 'string' && !have.has(cname)) {
          problems.push(`${patchFile}: patches container "${cname}" of Deployment ${name}, but the base (${bases.join(', ')}) has only `
            + `${[...have].sort().map((c) => `"${c}"`).join(', ')}; a strategic-merge patch naming a container the base lacks adds a new, `
            + 'image-less container; set workerContainerName to the base\'s container');
        }
      }
    }
  }
  return { problems };
}
