import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { isPatch, manifestFileName } from './manifest-file';

/** Props for `Kustomization`. */
export interface KustomizationProps {
  /**
   * Kustomizations this folder builds on, relative to the synced folder (e.g. the hand-written base
   * with the authentik Deployments and image pins).
   * @default - none
   */
  readonly bases?: readonly string[];
}

/**
 * The `kustomization.yaml` of the synced folder: the bases, every generated object as a resource and
 * every generated patch under `patches`, so `kubectl kustomize` (and ArgoCD) render the whole set.
 */
export class Kustomization extends Construct {
  /** The cdk8s object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: KustomizationProps = {}) {
    super(scope, id);
    const bases = [...(props.bases ?? [])];
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      metadata: { name: Chart.of(this).node.id.toLowerCase() },
      resources: Lazy.any({ produce: () => [...bases, ...this.files(false)] }),
      patches: Lazy.any({ produce: () => this.files(true).map((path) => ({ path })) }),
    });
  }

  private files(patches: boolean): string[] {
    return Chart.of(this).node.findAll()
      .filter((c): c is ApiObject => ApiObject.isApiObject(c) && c !== this.apiObject && isPatch(c) === patches)
      .map(manifestFileName)
      .sort();
  }
}
