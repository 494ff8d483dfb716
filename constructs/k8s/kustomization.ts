import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { componentPatchGuards, isKustomization, isPatch, manifestFileName, outputFolderOf, outputFoldersOf } from './manifest-file';
import { constructsDuringSynth } from '../blueprint/synth-memo';

/** Props for `Kustomization`. */
export interface KustomizationProps {
  /**
   * Kustomizations this folder builds on, relative to the synced folder (e.g. the hand-written base
   * with the authentik Deployments and image pins).
   * @default - none
   */
  readonly bases?: readonly string[];
  /**
   * Write a kustomize `Component` (`kustomize.config.k8s.io/v1alpha1`) instead of a `Kustomization`:
   * a folder that a hand-written kustomization includes with `components:`, whose patches then apply
   * to that kustomization's resources. Each patch is applied with a `target:` selector by kind and
   * name (so it matches with or without a namespace) and guarded by replacements that fail the
   * render when the target is missing (see `markAsComponentPatch`).
   * @default false
   */
  readonly component?: boolean;
  /**
   * `metadata.name`.
   * @default - the chart's id, lowercased
   */
  readonly name?: string;
}

/**
 * The `kustomization.yaml` of one output folder: the bases, every generated object written to that
 * folder as a resource and every generated patch under `patches`, so `kubectl kustomize` (and ArgoCD)
 * render the whole set.
 */
export class Kustomization extends Construct {
  /** The cdk8s object. */
  public readonly apiObject: ApiObject;
  private readonly component: boolean;

  constructor(scope: Construct, id: string, props: KustomizationProps = {}) {
    super(scope, id);
    const bases = [...(props.bases ?? [])];
    this.component = props.component === true;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: this.component ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1',
      kind: this.component ? 'Component' : 'Kustomization',
      metadata: { name: props.name ?? Chart.of(this).node.id.toLowerCase() },
      resources: Lazy.any({ produce: () => [...bases, ...this.objects(false).map(manifestFileName)] }),
      patches: Lazy.any({ produce: () => this.objects(true).map((obj) => this.patchEntry(obj)) }),
      replacements: Lazy.any({ produce: () => this.guards() }),
    });
  }

  private patchEntry(obj: ApiObject): Record<string, unknown> {
    if (!this.component) return { path: manifestFileName(obj) };
    return { path: manifestFileName(obj), target: { kind: obj.kind, name: obj.name } };
  }

  // a Component's target selectors match nothing silently; these replacements (each field copied
  // onto itself) make kustomize fail when a patch's target, or a field it must hold, is missing
  private guards(): unknown[] | undefined {
    if (!this.component) return undefined;
    const guards = this.objects(true).flatMap((obj) => componentPatchGuards(obj).map((fieldPath) => ({
      source: { kind: obj.kind, name: obj.name, fieldPath },
      targets: [{ select: { kind: obj.kind, name: obj.name }, fieldPaths: [fieldPath] }],
    })));
    return guards.length === 0 ? undefined : guards;
  }

  // the objects of this chart written into this kustomization's folder, by file name
  private objects(patches: boolean): ApiObject[] {
    const folder = outputFolderOf(this);
    return constructsDuringSynth(Chart.of(this))
      .filter((c): c is ApiObject => ApiObject.isApiObject(c) && !isKustomization(c) && isPatch(c) === patches
        && outputFoldersOf(c).includes(folder))
      .sort((a, b) => (manifestFileName(a) < manifestFileName(b) ? -1 : 1));
  }
}
