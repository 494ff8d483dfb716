import { Chart, Lazy } from 'cdk8s';
import { PlainApiObject } from './private/plain-api-object';
import { Construct, type IConstruct } from 'constructs';
import { BlueprintsConfigMap } from './blueprints-config-map';
import { ExternalSecret, type SecretStoreKind } from './external-secret';
import { checkEsoVersion, checkEsoVersionForGeneration } from './generated-secret';
import { checkConsistency } from './consistency-checks';
import { Kustomization } from './kustomization';
import { alsoWriteTo, checkOutputFolder, markAsComponentPatch, setOutputFolder } from './manifest-file';
import { checkProps, type PropRules } from '../private/prop-checks';
import { checkNamespace, checkObjectName } from './names';
import { WorkerPatch } from './worker-patch';
import { VERSION_CONTEXT_KEY } from '../catalog/construct-version';
import { checkAuthentikVersion } from '../catalog/version-prop';
import type { AuthentikVersion } from '../catalog/versions';

const CHART_SYMBOL = Symbol.for('blumeops-authentik.AuthentikChart');

const CHART_PROP_RULES: PropRules = {
  namespace: 'string', kustomizeBase: 'string', secretStoreName: 'string', secretStoreKind: ['ClusterSecretStore', 'SecretStore'],
  secretRemoteKey: 'string', secretName: 'string', secretRefreshInterval: 'string', blueprintsConfigMapName: 'string',
  blueprintsMountPath: 'string', blueprintsDir: 'string', workerDeploymentName: 'string', workerContainerName: 'string',
  componentFolder: 'string', externalUrl: 'string', secretItemUri: 'string',
  externalSecretsVersion: 'string',
};

/** Props for `AuthentikChart`. */
export interface AuthentikChartProps {
  /** Namespace authentik runs in. */
  readonly namespace: string;
  /**
   * The authentik release the base runs (the image tag's `YYYY.M`). Every entry is validated against
   * that release's catalog, and the output uses only what it accepts; where the kustomize base is on
   * disk, the synth fails when its authentik image tag names another release. Required: the fields,
   * models and rules differ between releases, and a guessed release would write what the running one
   * drops silently. Upgrade one release at a time with `npm run upgrade-check -- --to <next>`.
   */
  readonly authentikVersion: AuthentikVersion;
  /**
   * The hand-written kustomization with the rest of authentik (Deployments, Services, image pins),
   * relative to the synced folder; the generated objects and patch are layered on top of it, and
   * ArgoCD syncs the output folder itself.
   * @default - no overlay: only the Component of `componentFolder` is written
   */
  readonly kustomizeBase?: string;
  /**
   * Also write the generated objects as a kustomize Component into this subfolder of the output,
   * for the hand-written authentik kustomization to include with `components:`, so the base stays
   * where it is (ArgoCD keeps syncing the hand-written folder).
   * @default - no Component
   */
  readonly componentFolder?: string;
  /**
   * authentik's external URL (`https://authentik.example.com`): consumers are given the issuer
   * `<url>/application/o/<slug>/` and the shared endpoints under it.
   * @default - none; required once a client has consumers
   */
  readonly externalUrl?: string;
  /**
   * The item the keys are read from, as a URI a consumer outside Kubernetes reads directly, e.g.
   * `op://<vault id>/<item id>` for Ansible's `op read`; a consumer gets `<uri>/<field>`. It must
   * name the same item as `secretRemoteKey`.
   * @default - none; required once a consumer outside Kubernetes is declared
   */
  readonly secretItemUri?: string;
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
  /**
   * The External Secrets Operator release the cluster runs, as semver (`'2.0.0'`). Generated secrets
   * (`generateSecret`) need 2.8.0 or later: the first release whose 1Password Connect provider supports
   * PushSecret `updatePolicy: IfNotExists`; an older declared version makes them a validation error.
   * @default - not declared: secrets cannot be generated
   */
  readonly externalSecretsVersion?: string;
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
    let chart: AuthentikChart | undefined;
    // the nearest one, walking up without building the path as a list
    for (let scope: IConstruct | undefined = construct; scope !== undefined && chart === undefined; scope = scope.node.scope) {
      if (AuthentikChart.isAuthentikChart(scope)) chart = scope;
    }
    if (!chart) throw new Error(`${construct.node.path}: must be defined inside an AuthentikChart`);
    return chart;
  }

  /** The blueprints ConfigMap. */
  public readonly blueprints: BlueprintsConfigMap;
  /** The ExternalSecret with every secret key. */
  public readonly secrets: ExternalSecret;
  /** The worker Deployment patch. */
  public readonly worker: WorkerPatch;
  /** The generated overlay kustomization, when `kustomizeBase` is given. */
  public readonly kustomization?: Kustomization;
  /** The generated kustomize Component, when `componentFolder` is given. */
  public readonly component?: Kustomization;
  /** authentik's external URL, without a trailing slash. */
  public readonly externalUrl?: string;
  /** The secret item as a URI for consumers outside Kubernetes, without a trailing slash. */
  public readonly secretItemUri?: string;
  /** The External Secrets Operator release declared, if any. */
  public readonly externalSecretsVersion?: string;
  /** The authentik release the base runs, as declared. */
  public readonly authentikVersion: AuthentikVersion;
  /** The kustomize base, as declared. */
  public readonly kustomizeBase?: string;

  constructor(scope: Construct, id: string, props: AuthentikChartProps) {
    super(scope, id, { namespace: props.namespace, disableResourceNameHashes: true });
    Object.defineProperty(this, CHART_SYMBOL, { value: true });
    // before any child: every entry below reads its release from the construct context
    this.node.setContext(VERSION_CONTEXT_KEY, props?.authentikVersion);
    this.authentikVersion = props?.authentikVersion;
    this.kustomizeBase = props?.kustomizeBase;
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
    this.externalUrl = props.externalUrl?.replace(/\/+$/, '');
    this.secretItemUri = props.secretItemUri?.replace(/\/+$/, '');
    this.externalSecretsVersion = props.externalSecretsVersion;
    const base = props.kustomizeBase;
    if (base !== undefined) this.kustomization = new Kustomization(this, 'Kustomization', { bases: [base] });
    if (props.componentFolder !== undefined && base === undefined) {
      // the Component alone: the whole chart writes into its folder
      setOutputFolder(this, props.componentFolder);
      markAsComponentPatch(this.worker.apiObject, this.worker.componentGuards);
      this.component = new Kustomization(this, 'Component', { component: true });
    } else if (props.componentFolder !== undefined) {
      // the same objects again, rendered once and written twice; only the kustomization differs
      const componentScope = new Construct(this, 'Component');
      setOutputFolder(componentScope, props.componentFolder);
      for (const scope of [this.blueprints, this.secrets]) alsoWriteTo(scope, props.componentFolder);
      // the worker patch without its namespace (see markAsComponentPatch), same content otherwise
      const worker = this.worker.apiObject;
      markAsComponentPatch(new PlainApiObject(componentScope, 'WorkerPatch', {
        apiVersion: worker.apiVersion,
        kind: worker.kind,
        metadata: { name: worker.name },
        spec: Lazy.any({ produce: () => (worker.toJson() as { spec: unknown }).spec }),
      }), this.worker.componentGuards);
      this.component = new Kustomization(componentScope, 'Kustomization', { component: true });
    }
    this.node.addValidation({
      validate: () => [
        ...checkNamespace(props.namespace, `${this.node.path}: namespace`),
        ...checkObjectName(configMapName, `${this.node.path}: blueprintsConfigMapName`),
        ...checkProps(this.node.path, props, { ...CHART_PROP_RULES, authentikVersion: () => undefined }, ['namespace', 'secretStoreName', 'secretRemoteKey']),
        ...checkAuthentikVersion(props?.authentikVersion, `${this.node.path}: authentikVersion`),
        ...(base === undefined ? []
          : typeof base !== 'string' || base.trim() === ''
            ? [`${this.node.path}: kustomizeBase is empty; kustomize needs the hand-written base with the Deployments the patch applies to, e.g. ../base`]
            : base.startsWith('/') || base.includes('://')
              ? [`${this.node.path}: kustomizeBase ${JSON.stringify(base)} must be a path relative to the synced folder, e.g. ../base, so the repo renders anywhere`]
              : []),
        ...(base === undefined && props.componentFolder === undefined
          ? [`${this.node.path}: give kustomizeBase (ArgoCD syncs the output folder, layered on that base) or componentFolder `
            + '(your authentik kustomization includes the Component), or both; with neither, nothing would render the objects']
          : []),
        ...(typeof props.componentFolder === 'string' ? checkOutputFolder(props.componentFolder, `${this.node.path}: componentFolder`) : []),
        ...checkUrl(typeof props.externalUrl === 'string' ? props.externalUrl : undefined, `${this.node.path}: externalUrl`),
        ...(typeof props.secretItemUri === 'string' && !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+(\/[^/\s]+)*\/?$/.test(props.secretItemUri)
          ? [`${this.node.path}: secretItemUri ${JSON.stringify(props.secretItemUri)} is not a URI of an item; write it as op://<vault>/<item>`]
          : []),
        ...checkConsistency({ root: this, secrets: this.secrets, worker: this.worker }),
        ...checkEsoVersion(props.externalSecretsVersion, this.node.path),
        ...this.secrets.generatedFields.flatMap((f) => checkEsoVersionForGeneration(props.externalSecretsVersion, this.node.path, f.addedBy)),
      ],
    });
  }
}

function checkUrl(url: string | undefined, where: string): string[] {
  if (url === undefined) return [];
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' && parsed.search === '' && parsed.hash === '') return [];
  } catch {
    // reported below
  }
  return [`${where} ${JSON.stringify(url)} must be an absolute https URL without query, e.g. https://authentik.example.com`];
}
