import { Chart } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import { BlueprintsConfigMap } from './blueprints-config-map';
import { ExternalSecret, type SecretStoreKind } from './external-secret';
import { checkConsistency } from './consistency-checks';
import { Kustomization } from './kustomization';
import { checkProps, type PropRules } from '../private/prop-checks';
import { checkNamespace, checkObjectName } from './names';
import { WorkerPatch } from './worker-patch';

const CHART_SYMBOL = Symbol.for('blumeops-authentik.AuthentikChart');

const CHART_PROP_RULES: PropRules = {
  namespace: 'string', kustomizeBase: 'string', secretStoreName: 'string', secretStoreKind: ['ClusterSecretStore', 'SecretStore'],
  secretRemoteKey: 'string', secretName: 'string', secretRefreshInterval: 'string', blueprintsConfigMapName: 'string',
  blueprintsMountPath: 'string', blueprintsDir: 'string', workerDeploymentName: 'string', workerContainerName: 'string',
};

/** Props for `AuthentikChart`. */
export interface AuthentikChartProps {
  /** Namespace authentik runs in. */
  readonly namespace: string;
  /**
   * The hand-written kustomization with the rest of authentik (Deployments, Services, image pins),
   * relative to the synced folder; the generated objects and patch are layered on top of it.
   */
  readonly kustomizeBase: string;
  /** The store the ExternalSecret reads from. */
  readonly secretStoreName: string;
  /**
   * Kind of that store.
   * @default SecretStoreKind.CLUSTER_SECRET_STORE
   */
  readonly secretStoreKind?: SecretStoreKind;
  /** The item in the store every key is read from, e.g. a 1Password item title. */
  readonly secretRemoteKey: string;
  /**
   * Name of the ExternalSecret and the Secret the worker reads.
   * @default 'authentik-config'
   */
  readonly secretName?: string;
  /**
   * How often the operator re-reads the store.
   * @default '1h'
   */
  readonly secretRefreshInterval?: string;
  /**
   * Name of the blueprints ConfigMap.
   * @default 'authentik-blueprints'
   */
  readonly blueprintsConfigMapName?: string;
  /**
   * Mount path of the blueprints in the worker: a subdirectory of `AUTHENTIK_BLUEPRINTS_DIR`, so
   * authentik's own blueprints are still discovered.
   * @default '/blueprints/custom'
   */
  readonly blueprintsMountPath?: string;
  /**
   * The image's `AUTHENTIK_BLUEPRINTS_DIR`: the mount must be a subdirectory of it.
   * @default '/blueprints'
   */
  readonly blueprintsDir?: string;
  /**
   * Name of the worker Deployment in the base.
   * @default 'authentik-worker'
   */
  readonly workerDeploymentName?: string;
  /**
   * Name of the worker container.
   * @default 'worker'
   */
  readonly workerContainerName?: string;
}

/**
 * Everything the synced folder holds for one authentik: the blueprints ConfigMap, the ExternalSecret,
 * the worker patch and the kustomization. Blueprints are defined inside it.
 */
export class AuthentikChart extends Chart {
  /** Whether `x` is an authentik chart. */
  public static isAuthentikChart(x: unknown): x is AuthentikChart {
    return x !== null && typeof x === 'object' && CHART_SYMBOL in x;
  }

  /**
   * The chart `construct` is defined in.
   * @throws if there is none
   */
  public static of(construct: IConstruct): AuthentikChart {
    const chart = construct.node.scopes.slice().reverse().find(AuthentikChart.isAuthentikChart);
    if (!chart) throw new Error(`${construct.node.path}: must be defined inside an AuthentikChart`);
    return chart;
  }

  /** The blueprints ConfigMap. */
  public readonly blueprints: BlueprintsConfigMap;
  /** The ExternalSecret with every secret key. */
  public readonly secrets: ExternalSecret;
  /** The worker Deployment patch. */
  public readonly worker: WorkerPatch;
  /** The generated kustomization. */
  public readonly kustomization: Kustomization;

  constructor(scope: Construct, id: string, props: AuthentikChartProps) {
    super(scope, id, { namespace: props.namespace, disableResourceNameHashes: true });
    Object.defineProperty(this, CHART_SYMBOL, { value: true });
    const configMapName = props.blueprintsConfigMapName ?? 'authentik-blueprints';
    this.blueprints = new BlueprintsConfigMap(this, 'BlueprintsConfigMap', { name: configMapName });
    this.secrets = new ExternalSecret(this, 'ExternalSecret', {
      name: props.secretName ?? 'authentik-config',
      secretStoreName: props.secretStoreName,
      secretStoreKind: props.secretStoreKind,
      remoteKey: props.secretRemoteKey,
      refreshInterval: props.secretRefreshInterval,
    });
    this.worker = new WorkerPatch(this, 'WorkerPatch', {
      deploymentName: props.workerDeploymentName ?? 'authentik-worker',
      containerName: props.workerContainerName ?? 'worker',
      blueprintConfigMaps: this.blueprints,
      blueprintsMountPath: props.blueprintsMountPath ?? '/blueprints/custom',
      blueprintsDir: props.blueprintsDir,
    });
    this.kustomization = new Kustomization(this, 'Kustomization', { bases: [props.kustomizeBase] });
    this.node.addValidation({
      validate: () => [
        ...checkNamespace(props.namespace, `${this.node.path}: namespace`),
        ...checkObjectName(configMapName, `${this.node.path}: blueprintsConfigMapName`),
        ...checkProps(this.node.path, props, CHART_PROP_RULES, ['namespace', 'kustomizeBase', 'secretStoreName', 'secretRemoteKey']),
        ...(typeof props.kustomizeBase !== 'string' || props.kustomizeBase.trim() === ''
          ? [`${this.node.path}: kustomizeBase is empty; kustomize needs the hand-written base with the Deployments the patch applies to, e.g. ../base`]
          : props.kustomizeBase.startsWith('/') || props.kustomizeBase.includes('://')
            ? [`${this.node.path}: kustomizeBase ${JSON.stringify(props.kustomizeBase)} must be a path relative to the synced folder, e.g. ../base, so the repo renders anywhere`]
            : []),
        ...checkConsistency({ root: this, secrets: this.secrets, worker: this.worker }),
      ],
    });
  }
}
