import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isRecord, parseBlueprint, type BlueprintData } from './blueprint-tags';

/**
 * The blueprint files a synthesized folder ships to authentik, read from its manifests alone: the
 * ConfigMaps the worker mounts, the path each file has under authentik's blueprints directory (the
 * `path` of its blueprint instance), and the sha512 authentik stores as `last_applied_hash`.
 */

/** authentik's `AUTHENTIK_BLUEPRINTS_DIR` in the official image. */
export const DEFAULT_BLUEPRINTS_DIR = '/blueprints';

/** One blueprint file of `dist/`. */
export interface DistBlueprintFile {
  /** File name, the ConfigMap data key (`grafana.yaml`). */
  readonly file: string;
  /** The manifest holding it (`configmap-authentik-blueprints.yaml`). */
  readonly source: string;
  /** The ConfigMap holding it. */
  readonly configMap: string;
  /** Path relative to the blueprints directory: what authentik stores as the instance's `path`. */
  readonly instancePath: string;
  /** The file's text. */
  readonly text: string;
  /** What authentik stores as `last_applied_hash` once it applied this text (see `appliedHash`). */
  readonly sha512: string;
  /** The parsed blueprint. */
  readonly blueprint: BlueprintData;
}

/** What `readDistBlueprints` found. */
export interface DistBlueprints {
  readonly files: readonly DistBlueprintFile[];
  /** How the instance paths were worked out, for the report. */
  readonly mountNote: string;
}

/** `dist/` cannot be used: missing, or a blueprint in it does not parse. */
export class DistInputError extends Error {}

interface Mount { readonly configMap: string; readonly dir: string; readonly items?: ReadonlyMap<string, string> }

/**
 * Reads the blueprint files in `distDir`, in file-name order.
 * @throws DistInputError when the folder is missing, holds no blueprint, or a blueprint does not parse
 */
export function readDistBlueprints(distDir: string, blueprintsDir: string = DEFAULT_BLUEPRINTS_DIR): DistBlueprints {
  if (!existsSync(distDir) || !statSync(distDir).isDirectory()) {
    throw new DistInputError(`no folder ${distDir}: run npm run synth first, or pass --dist`);
  }
  const configMaps = new Map<string, { source: string; data: Record<string, unknown> }>();
  const mounts: Mount[] = [];
  for (const source of readdirSync(distDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(distDir, source), 'utf8'), { version: '1.1' })) {
      if (!('errors' in doc) || doc.errors.length > 0) continue;
      const obj = doc.toJS() as unknown;
      if (!isRecord(obj)) continue;
      const name = isRecord(obj.metadata) ? String(obj.metadata.name ?? '') : '';
      if (obj.kind === 'ConfigMap' && isRecord(obj.data)) configMaps.set(name, { source, data: obj.data });
      if (obj.kind === 'Deployment') mounts.push(...configMapMounts(obj));
    }
  }

  const root = blueprintsDir.replace(/\/+$/, '');
  const under = mounts.filter((m) => m.dir === root || m.dir.startsWith(`${root}/`));
  let mountNote: string;
  let chosen: Mount[];
  if (under.length > 0) {
    chosen = under;
    mountNote = [...new Set(under.map((m) => `ConfigMap ${m.configMap} at ${m.dir}`))].join(', ');
  } else {
    // no worker patch in the folder: assume this project's layout
    chosen = [...configMaps.keys()].filter((n) => n.startsWith('authentik-blueprints')).map((configMap) => ({ configMap, dir: `${root}/custom` }));
    mountNote = `no Deployment in the folder mounts a ConfigMap under ${root}; assumed ${root}/custom`;
  }

  const files = new Map<string, DistBlueprintFile>();
  for (const mount of chosen) {
    const cm = configMaps.get(mount.configMap);
    if (!cm) continue;
    for (const [key, text] of Object.entries(cm.data)) {
      if (typeof text !== 'string') continue;
      const relFile = mount.items ? mount.items.get(key) : key;
      // authentik discovers only *.yaml, and skips any path part starting with a dot
      if (relFile === undefined || !relFile.endsWith('.yaml') || relFile.split('/').some((p) => p.startsWith('.'))) continue;
      const instancePath = posix.relative(root, posix.join(mount.dir, relFile));
      if (files.has(instancePath)) continue;
      let blueprint: BlueprintData;
      try {
        blueprint = parseBlueprint(text);
      } catch (e) {
        throw new DistInputError(`${cm.source}: ${key} is not a blueprint authentik can read: ${(e as Error).message}`);
      }
      files.set(instancePath, {
        file: key, source: cm.source, configMap: mount.configMap, instancePath, text,
        sha512: appliedHash(text),
        blueprint,
      });
    }
  }
  if (files.size === 0) throw new DistInputError(`${distDir} holds no blueprint file (no *.yaml key in a blueprints ConfigMap)`);
  return { files: [...files.values()].sort((a, b) => compare(a.instancePath, b.instancePath)), mountNote };
}

/**
 * The `last_applied_hash` authentik stores after applying `text`: `apply_blueprint` reads the file in
 * Python's text mode (universal newlines, so `\r\n` and `\r` become `\n`) and hashes that, encoded
 * as UTF-8, with sha512.
 */
export function appliedHash(text: string): string {
  return createHash('sha512').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('hex');
}

/** The ConfigMaps a Deployment mounts, plainly or projected, with their mount directories. */
function configMapMounts(deployment: Record<string, unknown>): Mount[] {
  const template = isRecord(deployment.spec) && isRecord(deployment.spec.template) ? deployment.spec.template : {};
  const pod = isRecord(template.spec) ? template.spec : {};
  const byVolume = new Map<string, Array<{ configMap: string; items?: Map<string, string> }>>();
  for (const v of Array.isArray(pod.volumes) ? pod.volumes : []) {
    if (!isRecord(v) || typeof v.name !== 'string') continue;
    const sources = isRecord(v.configMap) ? [v.configMap] : isRecord(v.projected) && Array.isArray(v.projected.sources)
      ? v.projected.sources.filter(isRecord).map((s) => s.configMap).filter(isRecord) : [];
    byVolume.set(v.name, sources.map((s) => ({ configMap: String(s.name), items: itemsOf(s.items) })));
  }
  const out: Mount[] = [];
  for (const c of Array.isArray(pod.containers) ? pod.containers : []) {
    if (!isRecord(c)) continue;
    for (const vm of Array.isArray(c.volumeMounts) ? c.volumeMounts : []) {
      if (!isRecord(vm) || typeof vm.mountPath !== 'string' || vm.subPath !== undefined) continue;
      for (const s of byVolume.get(String(vm.name)) ?? []) out.push({ configMap: s.configMap, dir: vm.mountPath.replace(/\/+$/, ''), items: s.items });
    }
  }
  return out;
}

function itemsOf(items: unknown): Map<string, string> | undefined {
  if (!Array.isArray(items)) return undefined;
  return new Map(items.filter(isRecord).map((i) => [String(i.key), String(i.path)]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
