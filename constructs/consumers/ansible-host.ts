import { Construct } from 'constructs';
import { checkOutputFolder, setOutputFolder } from '../k8s/manifest-file';
import { checkObjectName } from '../k8s/names';

/** Props for `AnsibleHost`. */
export interface AnsibleHostProps {
  /** The host Ansible configures, e.g. `indri`. */
  readonly host: string;
  /**
   * Output folder of the host's files.
   * @default `ansible/<host>`
   */
  readonly folder?: string;
}

/**
 * A host whose consumers of authentik are configured by Ansible, outside Kubernetes: each consumer
 * gets one JSON file in the host's folder (`ansible/indri/zot.json`) that its role reads with
 * `include_vars` or `lookup('file', …) | from_json`.
 */
export class AnsibleHost extends Construct {
  /** The host. */
  public readonly host: string;
  /** Output folder. */
  public readonly folder: string;

  constructor(scope: Construct, id: string, props: AnsibleHostProps) {
    super(scope, id);
    this.host = props.host;
    this.folder = props.folder ?? `ansible/${props.host}`;
    setOutputFolder(this, this.folder);
    this.node.addValidation({
      validate: () => [...checkObjectName(props.host, `${this.node.path}: host`), ...checkOutputFolder(this.folder, `${this.node.path}: folder`)],
    });
  }
}
