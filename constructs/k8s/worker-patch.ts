import { ApiObject, Lazy } from 'cdk8s';
import { PlainApiObject } from './private/plain-api-object';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { IBlueprintConfigMaps } from './blueprints-config-map';
import { markAsPatch } from './manifest-file';
import { checkContainerName, checkEnvVarName, checkObjectName } from './names';
import { duplicates } from '../private/group-by';

/** Props for `WorkerPatch`. */
export interface WorkerPatchProps {
  /** Name of the worker Deployment in the base. */
  readonly deploymentName: string;
  /** Name of the worker container. */
  readonly containerName: string;
  /** The ConfigMaps holding the blueprints. */
  readonly blueprintConfigMaps: IBlueprintConfigMaps;
  /** Where the blueprints are mounted; a subdirectory of `AUTHENTIK_BLUEPRINTS_DIR`. */
  readonly blueprintsMountPath: string;
  /**
   * The image's `AUTHENTIK_BLUEPRINTS_DIR`, which authentik discovers blueprints under.
   * @default '/blueprints'
   */
  readonly blueprintsDir?: string;
  /**
   * Name of the volume.
   * @default 'blueprints'
   */
  readonly blueprintsVolumeName?: string;
}

/** A worker environment variable read from a Secret key. */
export interface WorkerSecretEnv {
  /** Variable name. */
  readonly name: string;
  /** Secret it is read from. */
  readonly secretName: string;
  /** Key in that Secret. */
  readonly secretKey: string;
  /** Construct path of whoever added it, for messages. */
  readonly addedBy: string;
}

/**
 * A strategic-merge patch for the worker Deployment of the base: the read-only blueprints mount and
 * one environment variable per secret the blueprints read with `!Env`.
 *
 * A raw object on purpose: cdk8s-plus Deployments are always complete and would overwrite the base.
 */
export class WorkerPatch extends Construct {
  /** Name of the Deployment patched. */
  public readonly deploymentName: string;
  /** Name of the container patched. */
  public readonly containerName: string;
  /** Where the blueprints are mounted. */
  public readonly blueprintsMountPath: string;
  /** The image's `AUTHENTIK_BLUEPRINTS_DIR`. */
  public readonly blueprintsDir: string;
  /** The cdk8s object. */
  public readonly apiObject: ApiObject;
  private readonly _env: WorkerSecretEnv[] = [];

  constructor(scope: Construct, id: string, props: WorkerPatchProps) {
    super(scope, id);
    this.deploymentName = props.deploymentName;
    this.containerName = props.containerName;
    this.blueprintsMountPath = props.blueprintsMountPath;
    this.blueprintsDir = (props.blueprintsDir ?? '/blueprints').replace(/\/+$/, '');
    const volumeName = props.blueprintsVolumeName ?? 'blueprints';
    const mount: k8s.VolumeMount = { name: volumeName, mountPath: props.blueprintsMountPath, readOnly: true };
    // one ConfigMap: a plain configMap volume; several: one projected volume, so paths do not change
    const volume = Lazy.any({
      produce: (): k8s.Volume => {
        const names = props.blueprintConfigMaps.configMapNames();
        return names.length === 1
          ? { name: volumeName, configMap: { name: names[0] } }
          : { name: volumeName, projected: { sources: names.map((name) => ({ configMap: { name } })) } };
      },
    }) as unknown as k8s.Volume;
    this.apiObject = new PlainApiObject(this, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: props.deploymentName },
      spec: {
        template: {
          spec: {
            containers: [{
              name: props.containerName,
              env: Lazy.any({ produce: () => this.envVars() }),
              volumeMounts: [mount],
            }],
            volumes: [volume],
          },
        },
      },
    });
    markAsPatch(this.apiObject);
    this.node.addValidation({ validate: () => this.validatePatch() });
  }

  /** Sets `name` on the worker from a Secret key. */
  public addSecretEnv(name: string, secretName: string, secretKey: string, addedBy?: string): WorkerSecretEnv {
    const env = { name, secretName, secretKey, addedBy: addedBy ?? this.node.path };
    this._env.push(env);
    return env;
  }

  /**
   * What a kustomize Component must find in the including kustomization before applying this patch:
   * the worker container's `image`, which only the base's real container has (a strategic-merge
   * patch naming a missing container would add an image-less one).
   */
  public get componentGuards(): string[] {
    return [`spec.template.spec.containers.[name=${this.containerName}].image`];
  }

  /** The variables, sorted by name. */
  public get env(): WorkerSecretEnv[] {
    return [...this._env].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private validatePatch(): string[] {
    const problems = [
      ...checkObjectName(this.deploymentName, `${this.node.path}: deploymentName`),
      ...this._env.flatMap((e) => checkEnvVarName(e.name, `${e.addedBy}: environment variable`)),
      ...duplicates(this._env, (e) => e.name, (e) => e.addedBy,
        (name, owners) => `${this.node.path}: environment variable ${name} is set by ${owners.join(' and ')}; the worker can hold one value, so rename one`),
    ];
    problems.push(...checkContainerName(this.containerName, `${this.node.path}: containerName`));
    problems.push(...checkBlueprintsMount(this.blueprintsMountPath, this.blueprintsDir, `${this.node.path}: blueprintsMountPath`));
    return problems;
  }

  private envVars(): k8s.EnvVar[] | undefined {
    const env = this.env;
    if (env.length === 0) return undefined;
    return env.map((e) => ({ name: e.name, valueFrom: { secretKeyRef: { name: e.secretName, key: e.secretKey } } }));
  }
}

// the folders authentik's image ships its own blueprints in, under AUTHENTIK_BLUEPRINTS_DIR
const BUNDLED = ['default', 'system', 'example'];

/**
 * Problems with the blueprints mount: authentik discovers only files under `AUTHENTIK_BLUEPRINTS_DIR`
 * and skips dot-prefixed path parts, and a volume mounted over the directory itself or over a bundled
 * folder hides authentik's own blueprints.
 */
export function checkBlueprintsMount(mountPath: string, blueprintsDir: string, where: string): string[] {
  if (typeof mountPath !== 'string' || !mountPath.startsWith('/')) {
    return [`${where} ${JSON.stringify(mountPath)} must be an absolute path under ${blueprintsDir}, e.g. ${blueprintsDir}/custom`];
  }
  const parts = mountPath.split('/').filter((p) => p !== '');
  const dirParts = blueprintsDir.split('/').filter((p) => p !== '');
  const normal = `/${parts.join('/')}`;
  if (parts.some((p) => p === '.' || p === '..') || normal !== mountPath.replace(/\/+$/, '') || mountPath.includes('//')) {
    return [`${where} ${JSON.stringify(mountPath)} is not a normalized path; write it plainly, e.g. ${blueprintsDir}/custom`];
  }
  const inside = dirParts.every((p, i) => parts[i] === p) && parts.length > dirParts.length;
  if (!inside) {
    return [mountPath.replace(/\/+$/, '') === blueprintsDir
      ? `${where} ${JSON.stringify(mountPath)} is AUTHENTIK_BLUEPRINTS_DIR itself: the volume would hide authentik's bundled blueprints (default, system, example); mount a subdirectory such as ${blueprintsDir}/custom`
      : `${where} ${JSON.stringify(mountPath)} is outside AUTHENTIK_BLUEPRINTS_DIR (${blueprintsDir}), so authentik would never discover the files; mount it under ${blueprintsDir}, e.g. ${blueprintsDir}/custom`];
  }
  const below = parts.slice(dirParts.length);
  if (BUNDLED.includes(below[0])) {
    return [`${where} ${JSON.stringify(mountPath)} would hide or mix with authentik's bundled ${below[0]}/ blueprints; use another folder, e.g. ${blueprintsDir}/custom`];
  }
  if (below.some((p) => p.startsWith('.'))) {
    return [`${where} ${JSON.stringify(mountPath)} has a dot-prefixed part, which authentik's discovery skips; rename it`];
  }
  return [];
}
