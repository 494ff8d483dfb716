import { ApiObject, Lazy } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { IBlueprintConfigMaps } from './blueprints-config-map';
import { markAsPatch } from './manifest-file';
import { checkEnvVarName, checkObjectName, duplicates } from './names';

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
  /** The cdk8s object. */
  public readonly apiObject: ApiObject;
  private readonly _env: WorkerSecretEnv[] = [];

  constructor(scope: Construct, id: string, props: WorkerPatchProps) {
    super(scope, id);
    this.deploymentName = props.deploymentName;
    this.containerName = props.containerName;
    this.blueprintsMountPath = props.blueprintsMountPath;
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
    this.apiObject = new ApiObject(this, 'Resource', {
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
    if (!this.blueprintsMountPath.startsWith('/')) {
      problems.push(`${this.node.path}: blueprintsMountPath ${JSON.stringify(this.blueprintsMountPath)} must be absolute, e.g. /blueprints/custom`);
    }
    return problems;
  }

  private envVars(): k8s.EnvVar[] | undefined {
    const env = this.env;
    if (env.length === 0) return undefined;
    return env.map((e) => ({ name: e.name, valueFrom: { secretKeyRef: { name: e.secretName, key: e.secretKey } } }));
  }
}
