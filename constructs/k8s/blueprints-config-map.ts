import { ApiObject, Lazy } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Blueprint, memoDuringSynth } from '../blueprint/blueprint';

// Kubernetes refuses a ConfigMap over 1 MiB; leave room for metadata and keys
const MAX_CONFIG_MAP_BYTES = 1024 * 1024;
const SHARD_DATA_BYTES = 1_000_000;
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
 * construct still land. When the blueprints outgrow the 1 MiB a ConfigMap can hold, they are split
 * across `<name>-2`, `<name>-3`, … in file-name order; the worker then mounts them as one projected
 * volume, so every file keeps its path (authentik identifies an instance by path).
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
    return memoDuringSynth(this, 'blueprints', () => this.node.root.node.findAll().filter(Blueprint.isBlueprint)
      .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0)));
  }

  private blueprintTexts(): Readonly<Record<string, string>> {
    return memoDuringSynth(this, 'data', () => Object.fromEntries(this.sortedBlueprints().map((b) => [b.fileName, b.toYaml()])));
  }

  private packedShards(): ReadonlyArray<Readonly<Record<string, string>>> {
    return memoDuringSynth(this, 'shards', () => this.packShards());
  }

  private packShards(): Array<Record<string, string>> {
    const shards: Array<Record<string, string>> = [{}];
    let size = 0;
    for (const [file, text] of Object.entries(this.blueprintTexts())) {
      const bytes = Buffer.byteLength(file) + Buffer.byteLength(text);
      if (size > 0 && size + bytes > SHARD_DATA_BYTES) {
        shards.push({});
        size = 0;
      }
      shards[shards.length - 1][file] = text;
      size += bytes;
    }
    return shards;
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
    const obj = new ApiObject(this, id, { apiVersion: 'v1', kind: 'ConfigMap', ...manifest });
    this._shardObjects.push(obj);
    return obj;
  }

  private checkSize(): string[] {
    const problems: string[] = [];
    if (this.shardCountIfWritable() === 0) return problems;
    for (const [file, text] of Object.entries(this.blueprintTexts())) {
      if (Buffer.byteLength(text) > SHARD_DATA_BYTES) {
        problems.push(`${this.node.path}: blueprint ${file} is ${Buffer.byteLength(text)} bytes, more than one ConfigMap can hold `
          + `(${MAX_CONFIG_MAP_BYTES} bytes); split its entries across several blueprints`);
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

function shardName(name: string, index: number): string {
  return index === 0 ? name : `${name}-${index + 1}`;
}
