import { ApiObject, Lazy } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Blueprint } from '../blueprint/blueprint';

/** Props for `BlueprintsConfigMap`. */
export interface BlueprintsConfigMapProps {
  /** ConfigMap name. */
  readonly name: string;
}

/**
 * The ConfigMap that holds every blueprint of the app, one data key per file.
 *
 * Data is produced at synth time (as cdk8s-plus's ConfigMap does), so blueprints declared after this
 * construct still land. Typed with cdk8s-plus's L1 props but built as a plain ApiObject: loading
 * cdk8s-plus at runtime would more than double the cost of a synth.
 */
export class BlueprintsConfigMap extends Construct {
  /** ConfigMap name. */
  public readonly name: string;
  /** The cdk8s object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: BlueprintsConfigMapProps) {
    super(scope, id);
    this.name = props.name;
    const manifest: k8s.KubeConfigMapProps = {
      metadata: { name: props.name },
      data: Lazy.any({ produce: () => this.data() }) as unknown as Record<string, string>,
    };
    this.apiObject = new ApiObject(this, 'Resource', { apiVersion: 'v1', kind: 'ConfigMap', ...manifest });
  }

  /** The blueprints of the app, by file name. */
  public get blueprints(): Blueprint[] {
    return this.node.root.node.findAll().filter(Blueprint.isBlueprint)
      .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  }

  /** File name → blueprint text. */
  public data(): Record<string, string> {
    return Object.fromEntries(this.blueprints.map((b) => [b.fileName, b.toYaml()]));
  }
}
