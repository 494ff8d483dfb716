import { Construct } from 'constructs';
import type { IEnvSecret } from '../authentik/env-secret';
import { Tag, type Env } from '../blueprint/tags';
import { describeGiven } from '../private/prop-checks';
import { AuthentikChart } from './authentik-chart';

/** Props for `WorkerSecret`. */
export interface WorkerSecretProps {
  /** Environment variable on the worker, read by `!Env`. */
  readonly envVar: string;
  /** Key in the ExternalSecret's target Secret. */
  readonly secretKey: string;
  /**
   * Property of the remote item (e.g. the 1Password field).
   * @default - the same name as the secret key
   */
  readonly remoteProperty?: string;
  /**
   * Have the External Secrets Operator generate the value into the remote property before the
   * ExternalSecret reads it (a Password generator and a PushSecret with `updatePolicy: IfNotExists`),
   * instead of someone creating it by hand. Needs the chart's `externalSecretsVersion` at 2.8.0 or later.
   * @default false
   */
  readonly generate?: boolean;
  /**
   * The rotation the names belong to (`OidcClientProps.secretRotation`). From 1 on, the blueprint
   * ConfigMaps sync after the worker Deployment (`BlueprintsConfigMap.syncAfterWorker`), so only a
   * worker with the new variable applies the blueprint that reads it.
   * @default 0
   */
  readonly rotation?: number;
}

/**
 * A secret authentik reads with `!Env`: one key in the ExternalSecret and one variable on the worker,
 * declared together so they cannot disagree.
 */
export class WorkerSecret extends Construct implements IEnvSecret {
  /** The variable authentik reads. */
  public readonly envVar: string;
  /** Key in the Secret. */
  public readonly secretKey: string;
  /** Property of the remote item. */
  public readonly remoteProperty: string;

  constructor(scope: Construct, id: string, props: WorkerSecretProps) {
    super(scope, id);
    this.envVar = props.envVar;
    this.secretKey = props.secretKey;
    const chart = AuthentikChart.of(this);
    const options = { remoteProperty: props.remoteProperty, addedBy: this.node.path };
    const key = props.generate === true ? chart.secrets.addGeneratedKey(props.secretKey, options) : chart.secrets.addKey(props.secretKey, options);
    this.remoteProperty = key.remoteProperty;
    chart.worker.addSecretEnv(props.envVar, chart.secrets.name, props.secretKey, this.node.path);
    if (typeof props.rotation === 'number' && props.rotation > 0) chart.blueprints.syncAfterWorker();
    this.node.addValidation({
      validate: () => [
        ...(props.generate === undefined || typeof props.generate === 'boolean' ? []
          : [`${this.node.path}: generate must be true or false; got ${describeGiven(props.generate)}`]),
        ...(props.rotation === undefined || (Number.isInteger(props.rotation) && props.rotation >= 0) ? []
          : [`${this.node.path}: rotation must be a whole number from 0; got ${describeGiven(props.rotation)}`]),
      ],
    });
  }

  public envTag(): Env {
    return Tag.env(this.envVar);
  }
}
