import { ApiObject, Chart, Lazy } from 'cdk8s';
import { PlainApiObject } from './private/plain-api-object';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Blueprint } from '../blueprint/blueprint';
import { constructsDuringSynth, memoDuringSynth } from '../blueprint/synth-memo';

/**
 * ArgoCD syncs with client-side apply unless told otherwise, and `kubectl apply` keeps the whole object,
 * as JSON, in the annotation `kubectl.kubernetes.io/last-applied-configuration`. All annotations of an
 * object together may hold 262,144 bytes (Kubernetes' TotalAnnotationSizeLimitB), so a larger ConfigMap
 * fails to sync ("metadata.annotations: Too long"), far below the 1 MiB a ConfigMap may hold.
 */
export const ANNOTATIONS_LIMIT_BYTES = 262_144;
/**
 * What one blueprint ConfigMap may take as compact JSON (apiVersion, kind, metadata, data): the limit
 * less 22 KB for what is added on the way (kustomize's namespace and common labels or annotations,
 * ArgoCD's tracking label or annotation, the annotation's own key).
 */
export const CONFIG_MAP_JSON_BUDGET_BYTES = 240_000;
// `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":…,"namespace":…},"data":{}}` without the
// name and namespace, rounded up
const CONFIG_MAP_JSON_OVERHEAD = 100;
const PREPARE_SYMBOL = Symbol.for('blumeops-authentik.Prepare');

/** Something that must add constructs once the whole app is declared, before validation. */
export interface IPrepareForSynth {
  /** Adds what depends on the complete declaration. */
  prepareForSynth(): void;
}

/** Whether `x` needs `prepareForSynth()` before a synth. */
export function needsPrepare(x: unknown): x is IPrepareForSynth {
  return x !== null && typeof x === 'object' && PREPARE_SYMBOL in x;
}

/** Where the blueprints are held: the ConfigMaps the worker mounts. */
export interface IBlueprintConfigMaps {
  /** Names of the ConfigMaps, in order. */
  configMapNames(): string[];
}

/** Props for `BlueprintsConfigMap`. */
export interface BlueprintsConfigMapProps {
  /** ConfigMap name; further shards are named `<name>-2`, `<name>-3`, …. */
  readonly name: string;
}

/**
 * The ConfigMap that holds every blueprint of the app, one data key per file.
 *
 * Data is produced at synth time (as cdk8s-plus's ConfigMap does), so blueprints declared after this
 * construct still land. Each ConfigMap stays small enough for ArgoCD's default client-side apply
 * (`CONFIG_MAP_JSON_BUDGET_BYTES` as JSON, under the 256 KiB the last-applied annotation may take):
 * beyond that the blueprints are split across `<name>-2`, `<name>-3`, … in file-name order, and the
 * worker mounts them as one projected volume, so every file keeps its path (authentik identifies an
 * instance by path). Sharding rather than the `ServerSideApply=true` sync option keeps the folder
 * syncable by any ArgoCD with its defaults, and a diff of one blueprint touches one ConfigMap.
 *
 * Typed with cdk8s-plus's L1 props but built as plain ApiObjects: loading cdk8s-plus at runtime would
 * more than double the cost of a synth.
 */
export class BlueprintsConfigMap extends Construct implements IBlueprintConfigMaps, IPrepareForSynth {
  /** Name of the first ConfigMap. */
  public readonly name: string;
  /** The first ConfigMap. */
  public readonly apiObject: ApiObject;
  private readonly _shardObjects: ApiObject[] = [];
  private syncWave?: number;

  constructor(scope: Construct, id: string, props: BlueprintsConfigMapProps) {
    super(scope, id);
    Object.defineProperty(this, PREPARE_SYMBOL, { value: true });
    this.name = props.name;
    this.apiObject = this.addShardObject('Resource', props.name, 0);
    this.node.addValidation({ validate: () => this.checkSize() });
  }

  /** The blueprints of the app, by file name. */
  public get blueprints(): Blueprint[] {
    return [...this.sortedBlueprints()];
  }

  /** File name → blueprint text. */
  public data(): Record<string, string> {
    return { ...this.blueprintTexts() };
  }

  /** The data of each ConfigMap: blueprints packed in file-name order, each ConfigMap under the limit. */
  public shards(): Array<Record<string, string>> {
    return this.packedShards().map((shard) => ({ ...shard }));
  }

  // every ConfigMap, the worker's volume and the size check ask for these: work them out once per
  // synth, and hand copies to callers outside
  private sortedBlueprints(): readonly Blueprint[] {
    return memoDuringSynth(this, 'blueprints', () => constructsDuringSynth(this.node.root).filter(Blueprint.isBlueprint)
      .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0)));
  }

  private blueprintTexts(): Readonly<Record<string, string>> {
    return memoDuringSynth(this, 'data', () => Object.fromEntries(this.sortedBlueprints().map((b) => [b.fileName, b.toYaml()])));
  }

  private packedShards(): ReadonlyArray<Readonly<Record<string, string>>> {
    return memoDuringSynth(this, 'shards', () => this.packShards());
  }

  // what each blueprint adds to a ConfigMap's JSON, in file order: packing and the size check both ask
  private entryBytes(): ReadonlyArray<readonly [file: string, text: string, bytes: number]> {
    return memoDuringSynth(this, 'entryBytes', () => Object.entries(this.blueprintTexts()).map(([file, text]) => [file, text, entryJsonBytes(file, text)] as const));
  }

  private packShards(): Array<Record<string, string>> {
    const shards: Array<Record<string, string>> = [{}];
    const base = this.shardBaseBytes();
    let size = base;
    for (const [file, text, bytes] of this.entryBytes()) {
      if (size > base && size + bytes > CONFIG_MAP_JSON_BUDGET_BYTES) {
        shards.push({});
        size = base;
      }
      shards[shards.length - 1][file] = text;
      size += bytes;
    }
    return shards;
  }

  // the JSON of a shard without its data entries: the longest shard name and the namespace
  private shardBaseBytes(): number {
    const namespace = Chart.of(this).namespace ?? '';
    return CONFIG_MAP_JSON_OVERHEAD + Buffer.byteLength(JSON.stringify(`${this.name}-999`)) + Buffer.byteLength(JSON.stringify(namespace));
  }

  /**
   * Puts every blueprint ConfigMap in ArgoCD sync wave `wave` (`argocd.argoproj.io/sync-wave`), after
   * the worker Deployment (wave 0): the files change only once the rollout is done, so no worker still
   * running with the old environment applies the new text (and records its hash) with the old value.
   */
  public syncAfterWorker(wave = 1): void {
    this.syncWave = wave;
    for (const obj of this._shardObjects) obj.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(wave));
  }

  public configMapNames(): string[] {
    return this.packedShards().map((_, i) => shardName(this.name, i));
  }

  /** Defines one ConfigMap per shard; the synth calls it once the app is declared. */
  public prepareForSynth(): void {
    const count = this.shardCountIfWritable();
    for (let i = this._shardObjects.length; i < count; i++) this.addShardObject(`Shard${i + 1}`, shardName(this.name, i), i);
  }

  // a value that cannot be written (NaN, say) is reported by its entry's validation, not here
  private shardCountIfWritable(): number {
    try {
      return this.packedShards().length;
    } catch {
      return 0;
    }
  }

  private addShardObject(id: string, name: string, index: number): ApiObject {
    const manifest: k8s.KubeConfigMapProps = {
      metadata: { name },
      data: Lazy.any({ produce: () => ({ ...this.packedShards()[index] }) }) as unknown as Record<string, string>,
    };
    const obj = new PlainApiObject(this, id, { apiVersion: 'v1', kind: 'ConfigMap', ...manifest });
    if (this.syncWave !== undefined) obj.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(this.syncWave));
    this._shardObjects.push(obj);
    return obj;
  }

  private checkSize(): string[] {
    const problems: string[] = [];
    if (this.shardCountIfWritable() === 0) return problems;
    const room = CONFIG_MAP_JSON_BUDGET_BYTES - this.shardBaseBytes();
    for (const [file, , bytes] of this.entryBytes()) {
      if (bytes > room) {
        problems.push(`${this.node.path}: blueprint ${file} takes ${bytes} bytes in a ConfigMap (as JSON), more than the ${room} one ConfigMap `
          + `has room for so that ArgoCD can sync it with client-side apply (the last-applied annotation holds the whole object, and all `
          + `annotations at most ${ANNOTATIONS_LIMIT_BYTES} bytes); split its entries across several blueprints`);
      }
    }
    const needed = this.packedShards().length;
    if (needed > this._shardObjects.length) {
      problems.push(`${this.node.path}: the blueprints need ${needed} ConfigMaps but ${this._shardObjects.length} are defined; `
        + 'synthesize with renderApp() or `npm run synth`, which call prepareForSynth() first');
    }
    return problems;
  }
}

/** What `"file":"text",` adds to a ConfigMap's JSON. */
function entryJsonBytes(file: string, text: string): number {
  return jsonStringBytes(file) + jsonStringBytes(text) + 2;
}

// what JSON.stringify escapes (quote, backslash, control characters) other than \n, and surrogates,
// which UTF-8 and JSON count differently when alone
const ESCAPED_BESIDES_NEWLINE = /["\\\x00-\x09\x0b-\x1f\ud800-\udfff]/;

/**
 * `Buffer.byteLength(JSON.stringify(text))`, counted without writing the escaped copy: every blueprint
 * is measured, and at 10,000 clients the copies were megabytes of garbage. JSON.stringify writes `"`
 * and `\` as two characters, \b \t \n \f \r as two, other control characters and lone surrogates as
 * `\uXXXX` (six); UTF-8 takes one to three bytes per character, four per surrogate pair.
 */
export function jsonStringBytes(text: string): number {
  // the common case, text with no character JSON escapes but line breaks: UTF-8's length plus one
  // byte per line break, both counted natively
  if (!ESCAPED_BESIDES_NEWLINE.test(text)) {
    let bytes = 2 + Buffer.byteLength(text, 'utf8');
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) bytes++;
    return bytes;
  }
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) bytes += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

function shardName(name: string, index: number): string {
  return index === 0 ? name : `${name}-${index + 1}`;
}
