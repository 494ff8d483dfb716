import type { NotificationTransportRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { describeGiven } from '../private/prop-checks';
import { AuthentikEntry } from './authentik-entry';
import { isEnvSecret, type IEnvSecret } from './env-secret';
import { Model, type INotificationTransport, type IPropertyMapping } from './models';
import type { Attributes } from './model-schema';
import { registerTypedEntry } from './private/entry-registry';
import type { NotificationTransportReleaseProps } from './release-props';

/** Props for `NotificationTransport`. */
export interface NotificationTransportProps extends BlueprintEntryOptions, NotificationTransportReleaseProps,
  Attributes<Omit<NotificationTransportRequest, 'name' | 'webhookUrl' | 'webhookMappingBody' | 'webhookMappingHeaders'>> {
  /** Transport name, the identifier. */
  readonly name: string;
  /**
   * Where webhooks are sent (`webhook`, `webhook_slack` modes). Webhook URLs often carry a token (Slack's
   * do), so a worker secret may hold it; it is then read with `!Env`.
   * @default - none
   */
  readonly webhookUrl?: string | IEnvSecret;
  /**
   * Webhook mapping that builds the request body.
   * @default - authentik's default body
   */
  readonly webhookMappingBody?: IPropertyMapping;
  /**
   * Webhook mapping that builds request headers.
   * @default - none
   */
  readonly webhookMappingHeaders?: IPropertyMapping;
}

const SPEC = registerTypedEntry(Model.NOTIFICATION_TRANSPORT, 'NotificationTransport', {
  ownProps: ['webhookUrl'],
  orderRank: 12,
});

/** An `authentik_events.notificationtransport`: how notifications are delivered (`local`, `email`, `webhook`, `webhook_slack`). */
export class NotificationTransport extends AuthentikEntry implements INotificationTransport {
  /** The transport with this name, living outside this app (e.g. `default-email-transport`). */
  public static fromName(name: string): INotificationTransport {
    return new LookupReference(Model.NOTIFICATION_TRANSPORT, { name });
  }

  declare public readonly model: typeof Model.NOTIFICATION_TRANSPORT;
  /** Transport name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: NotificationTransportProps) {
    super(scope, id, Model.NOTIFICATION_TRANSPORT, props, SPEC);
    this.name = props?.name;
    this.node.addValidation({ validate: () => this.checkTransport() });
  }

  private checkTransport(): string[] {
    if (this.retired) return [];
    const { mode, webhookUrl } = this.props;
    const webhook = mode === 'webhook' || mode === 'webhook_slack';
    if (webhookUrl !== undefined && typeof webhookUrl !== 'string' && !isEnvSecret(webhookUrl)) {
      return [`${this.path}: webhookUrl must be a URL or a worker secret; got ${describeGiven(webhookUrl)}`];
    }
    if (webhook && (webhookUrl === undefined || webhookUrl === '') && !this.updatesExisting) {
      return [`${this.path}: mode ${mode} needs webhookUrl, where authentik sends the notifications`];
    }
    if (!webhook && webhookUrl !== undefined) {
      return [`${this.path}: webhookUrl is only used by the webhook modes, not ${describeGiven(mode ?? 'local')}; drop it or set mode`];
    }
    return [];
  }

  protected override typedAttributes(): Record<string, unknown> {
    const url = this.props.webhookUrl;
    return { ...super.typedAttributes(), webhookUrl: isEnvSecret(url) ? url.envTag() : url };
  }
}
