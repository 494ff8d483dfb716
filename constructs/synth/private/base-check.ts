import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

type Doc = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Doc => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Doc : {});

/**
 * What the first document of a generated file holds: the object it was written from when the synth
 * handed it over (`renderApp`'s objects), else the text parsed (a first parse costs a small synth 5 %).
 */
export function outputDocument(path: string, text: string, rendered?: ReadonlyMap<string, unknown>): Doc {
  return asRecord(rendered?.has(path) ? rendered.get(path) : parseAllDocuments(text)[0]?.toJSON());
}

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
export function checkPatchTargets(outdir: string, files: ReadonlyMap<string, string>, rendered?: ReadonlyMap<string, unknown>): { problems: string[] } {
  const problems: string[] = [];
  for (const [path, text] of files) {
    if (posix.basename(path) !== 'kustomization.yaml') continue;
    const kustomization = outputDocument(path, text, rendered);
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
      const object = outputDocument(patchFile, files.get(patchFile) ?? '', rendered);
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

/** Every object a kustomization folder on disk lists (files and folders, recursively), and whether it lists a URL. */
function folderObjects(folder: string, seen = new Set<string>()): { objects: Doc[]; remote: boolean } {
  const out: Doc[] = [];
  let remote = false;
  if (seen.has(folder)) return { objects: out, remote };
  seen.add(folder);
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => join(folder, f)).find(existsSync);
  if (!file) return { objects: out, remote };
  const kustomization = asRecord(parseAllDocuments(readFileSync(file, 'utf8'))[0]?.toJSON());
  for (const entry of [...asArray(kustomization.resources), ...asArray(kustomization.bases)]) {
    if (typeof entry !== 'string') continue;
    if (entry.includes('://')) { remote = true; continue; }
    const path = join(folder, entry);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) {
      const inner = folderObjects(path, seen);
      out.push(...inner.objects);
      remote ||= inner.remote;
      continue;
    }
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) out.push(asRecord(doc.toJSON()));
  }
  return { objects: out, remote };
}

const SKIP = new Set(['node_modules', '.git']);

/** kustomization files under `root` (depth-limited), skipping `exclude`, node_modules and .git. */
function kustomizationFiles(root: string, exclude: string, depth = 6): string[] {
  if (depth < 0 || resolve(root) === resolve(exclude)) return [];
  let entries;
  try { entries = readdirSync(root, { withFileTypes: true }); } catch { return []; }
  const out: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() && !SKIP.has(e.name)) out.push(...kustomizationFiles(join(root, e.name), exclude, depth - 1));
    else if (e.isFile() && e.name === 'kustomization.yaml') out.push(join(root, e.name));
  }
  return out;
}

/**
 * Problems with the patches of each generated Component, checked against the hand-written
 * kustomization that includes it, where the synth can see one: the output folder sits in a project
 * checked out inside the Git repository ArgoCD syncs (the README's `authentik-config/dist`), so the
 * repository root is the output's grandparent and holds `.git`; every kustomization.yaml in it that
 * lists the Component under `components:` is an including folder. Each patch's target (kind and
 * name) must be among the objects that folder lists, and each container a Deployment patch names
 * must be in it, or the render fails on the Component's guards. A target the synth cannot see (the
 * folder lists a URL, like ArgoCD's install manifests) is left to the render.
 */
export function checkComponentTargets(outdir: string, files: ReadonlyMap<string, string>, rendered?: ReadonlyMap<string, unknown>): { problems: string[] } {
  const problems: string[] = [];
  const project = dirname(resolve(outdir));
  const repo = dirname(project);
  if (!existsSync(join(repo, '.git'))) return { problems };
  const components = [...files].filter(([path, text]) => posix.basename(path) === 'kustomization.yaml'
    && outputDocument(path, text, rendered).kind === 'Component');
  if (components.length === 0) return { problems };
  const including = kustomizationFiles(repo, project).map((file) => ({
    file, kustomization: asRecord(parseAllDocuments(readFileSync(file, 'utf8'))[0]?.toJSON()),
  }));
  for (const [path, text] of components) {
    const componentDir = resolve(outdir, posix.dirname(path));
    const kustomization = outputDocument(path, text, rendered);
    for (const { file, kustomization: inc } of including) {
      const folder = dirname(file);
      if (!asArray(inc.components).some((c) => typeof c === 'string' && resolve(folder, c) === componentDir)) continue;
      const { objects, remote } = folderObjects(folder);
      const where = relative(repo, folder);
      for (const patch of asArray(kustomization.patches)) {
        const target = asRecord(asRecord(patch).target);
        const patchFile = posix.join(posix.dirname(path), String(asRecord(patch).path));
        if (typeof target.kind !== 'string' || typeof target.name !== 'string') continue;
        const found = objects.filter((o) => o.kind === target.kind && asRecord(o.metadata).name === target.name);
        if (found.length === 0) {
          if (!remote) {
            const same = objects.filter((o) => o.kind === target.kind).map((o) => String(asRecord(o.metadata).name)).sort();
            problems.push(`${patchFile}: patches ${target.kind} ${target.name}, which ${where} (it includes ${posix.dirname(path)}) does not list; `
              + `its ${target.kind}s are ${same.length > 0 ? same.join(', ') : 'none'}: the render would fail on the Component's guard`);
          }
          continue;
        }
        const patchObject = outputDocument(patchFile, files.get(patchFile) ?? '', rendered);
        const have = new Set(found.flatMap((o) => asArray(asRecord(asRecord(asRecord(o.spec).template).spec).containers)
          .map((c) => asRecord(c).name)));
        for (const container of asArray(asRecord(asRecord(asRecord(patchObject.spec).template).spec).containers)) {
          const name = asRecord(container).name;
          if (typeof name === 'string' && !have.has(name)) {
            problems.push(`${patchFile}: patches container "${name}" of ${target.kind} ${target.name}, but in ${where} it has only `
              + `${[...have].sort().map((c) => `"${String(c)}"`).join(', ')}; set workerContainerName to that container`);
          }
        }
      }
    }
  }
  return { problems };
}
