import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
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
 * construct still land.
 */
export class BlueprintsConfigMap extends Construct {
  /** ConfigMap name. */
  public readonly name: string;
  /** The L1 object. */
  public readonly apiObject: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: BlueprintsConfigMapProps) {
    super(scope, id);
    this.name = props.name;
    this.apiObject = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: props.name },
      data: Lazy.any({ produce: () => this.data() }),
    });
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
