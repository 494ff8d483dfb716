import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { versionOfImageTag } from '../../catalog/versions';
import { outputDocument } from './base-check';

type Doc = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Doc => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Doc : {});

/** An authentik image: blumeops's own build (`…/blumeops/authentik`) or authentik's (`ghcr.io/goauthentik/server`). */
export function isAuthentikImage(name: string): boolean {
  return /(^|\/)authentik$/.test(name) || /(^|\/)goauthentik\/server$/.test(name);
}

/** A tag of an authentik image found in a base, and where. */
export interface BaseImageTag {
  readonly tag: string;
  /** The file and entry that set it, relative to the base's parent. */
  readonly where: string;
}

/** `registry:5000/org/name:tag@sha256:…` → name and tag. */
function splitImage(image: string): { name: string; tag?: string } {
  const noDigest = image.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? { name: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) } : { name: noDigest };
}

/**
 * The authentik image tags a kustomization folder on disk renders: each authentik container's tag as
 * the `images:` entries (the outermost kustomization's first, as kustomize applies them) leave it, or
 * the entries themselves when no container is found.
 */
export function authentikImageTags(folder: string, root = dirname(folder)): BaseImageTag[] {
  const out: BaseImageTag[] = [];
  const overrides = new Map<string, BaseImageTag>();
  walk(folder, root, overrides, new Set(), out);
  if (out.length === 0) out.push(...overrides.values());
  return out;
}

// `overrides` is shared: a kustomization's images are read before its resources, so the outermost entry wins
function walk(folder: string, root: string, overrides: Map<string, BaseImageTag>, seen: Set<string>, out: BaseImageTag[]): void {
  if (seen.has(folder)) return;
  seen.add(folder);
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => join(folder, f)).find(existsSync);
  if (!file) return;
  const shown = relative(root, file).split('\\').join('/');
  const kustomization = asRecord(parseAllDocuments(readFileSync(file, 'utf8'))[0]?.toJSON());
  for (const image of asArray(kustomization.images)) {
    const { name, newName, newTag } = asRecord(image);
    if (typeof name !== 'string' || typeof newTag !== 'string') continue;
    if (!isAuthentikImage(name) && !(typeof newName === 'string' && isAuthentikImage(newName))) continue;
    if (!overrides.has(name)) overrides.set(name, { tag: newTag, where: `${shown}: images ${name} newTag` });
  }
  for (const entry of [...asArray(kustomization.resources), ...asArray(kustomization.bases)]) {
    if (typeof entry !== 'string' || entry.includes('://')) continue;
    const path = join(folder, entry);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) {
      walk(path, root, overrides, seen, out);
      continue;
    }
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
      const object = asRecord(doc.toJSON());
      const spec = asRecord(asRecord(asRecord(object.spec).template).spec);
      for (const container of [...asArray(spec.containers), ...asArray(spec.initContainers)]) {
        const image = asRecord(container).image;
        if (typeof image !== 'string') continue;
        const { name, tag } = splitImage(image);
        if (!isAuthentikImage(name)) continue;
        const override = overrides.get(name);
        if (override) out.push(override);
        else if (tag !== undefined) out.push({ tag, where: `${relative(root, path).split('\\').join('/')}: ${String(asRecord(object.metadata).name)} image` });
      }
    }
  }
}

/** One `AuthentikChart`'s declared release and base. */
export interface DeclaredBase {
  readonly path: string;
  readonly authentikVersion: string;
  readonly kustomizeBase?: string;
}

/**
 * Problems where the authentik release a chart declares disagrees with the image its kustomize base
 * runs, for each base on disk beside the output (a base elsewhere cannot be seen here).
 */
export function checkBaseVersions(outdir: string, files: ReadonlyMap<string, string>, charts: readonly DeclaredBase[],
  rendered?: ReadonlyMap<string, unknown>): string[] {
  const problems: string[] = [];
  for (const chart of charts) {
    if (typeof chart.kustomizeBase !== 'string' || chart.kustomizeBase === '') continue;
    for (const [path, text] of files) {
      if (posix.basename(path) !== 'kustomization.yaml') continue;
      const kustomization = outputDocument(path, text, rendered);
      if (kustomization.kind !== 'Kustomization' || !asArray(kustomization.resources).includes(chart.kustomizeBase)) continue;
      const dir = join(outdir, dirname(path), chart.kustomizeBase);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      const seen = new Set<string>();
      for (const { tag, where } of authentikImageTags(dir)) {
        const release = versionOfImageTag(tag);
        if (release === undefined || release === chart.authentikVersion || seen.has(`${where} ${tag}`)) continue;
        seen.add(`${where} ${tag}`);
        const newer = releaseNumber(release) > releaseNumber(chart.authentikVersion);
        problems.push(`${chart.path}: authentikVersion is '${chart.authentikVersion}', but the kustomize base (${chart.kustomizeBase}) runs authentik `
          + `${release} (${where} ${tag}); ${newer
            ? `set authentikVersion: '${release}' to match the image, after npm run upgrade-check -- --to ${release} passes, or pin the image at a ${chart.authentikVersion} release`
            : `upgrade the image to a ${chart.authentikVersion} release in the same change, or keep authentikVersion: '${release}' until the image is upgraded`}`);
      }
    }
  }
  return problems;
}

// 2026.11 → 202611, so releases compare as numbers
function releaseNumber(release: string): number {
  const [year, minor] = release.split('.').map(Number);
  return (year ?? 0) * 100 + (minor ?? 0);
}
