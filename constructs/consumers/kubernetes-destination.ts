import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { Kustomization } from '../k8s/kustomization';
import { checkOutputFolder, setOutputFolder } from '../k8s/manifest-file';
import { checkNamespace, checkObjectName } from '../k8s/names';
import { SecretStoreKind } from '../k8s/external-secret';

/** Props for `KubernetesDestination`. */
export interface KubernetesDestinationProps {
  /** The cluster the consumer runs in, e.g. `indri`. */
  readonly cluster: string;
  /** The ArgoCD Application that syncs the consumer, e.g. `argocd`. */
  readonly application: string;
  /** The consumer's namespace. */
  readonly namespace: string;
  /**
   * Output folder of the Component.
   * @default `consumers/<cluster>/<application>`
   */
  readonly folder?: string;
  /**
   * The secret store the consumers' ExternalSecrets read from in this cluster.
   * @default - the store of the authentik chart, by the same name and kind
   */
  readonly secretStoreName?: string;
  /**
   * Kind of that store.
   * @default - the authentik chart's
   */
  readonly secretStoreKind?: SecretStoreKind;
}

/**
 * Where Kubernetes consumers of authentik are deployed: one cluster, one ArgoCD Application, one
 * namespace. Their halves are written as a kustomize Component into the destination's folder, which
 * the Application's hand-written kustomization includes with `components:`, so each ArgoCD syncs
 * its own half and nothing in that kustomization moves.
 */
export class KubernetesDestination extends Chart {
  /** The cluster. */
  public readonly cluster: string;
  /** The ArgoCD Application. */
  public readonly application: string;
  /** The namespace. */
  public readonly namespace: string;
  /** Output folder of the Component. */
  public readonly folder: string;
  /** The secret store override, if any. */
  public readonly secretStoreName?: string;
  /** The secret store kind override, if any. */
  public readonly secretStoreKind?: SecretStoreKind;
  /** The Component's kustomization. */
  public readonly kustomization: Kustomization;

  constructor(scope: Construct, id: string, props: KubernetesDestinationProps) {
    super(scope, id, { namespace: props.namespace, disableResourceNameHashes: true });
    this.cluster = props.cluster;
    this.application = props.application;
    this.namespace = props.namespace;
    this.folder = props.folder ?? `consumers/${props.cluster}/${props.application}`;
    this.secretStoreName = props.secretStoreName;
    this.secretStoreKind = props.secretStoreKind;
    setOutputFolder(this, this.folder);
    this.kustomization = new Kustomization(this, 'Kustomization', { component: true, name: `${props.cluster}-${props.application}` });
    this.node.addValidation({
      validate: () => [
        ...checkObjectName(props.cluster, `${this.node.path}: cluster`),
        ...checkObjectName(props.application, `${this.node.path}: application`),
        ...checkNamespace(props.namespace, `${this.node.path}: namespace`),
        ...checkOutputFolder(this.folder, `${this.node.path}: folder`),
      ],
    });
  }

  /** `indri/argocd`, for messages. */
  public get label(): string {
    return `${this.cluster}/${this.application}`;
  }
}
