import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IOidcClient } from '../oidc/oidc-client-ref';
import { checkObjectName } from '../k8s/names';
import type { GroupRole } from './group-role';
import { consumerExternalSecret } from './kubernetes-secret';
import { KubernetesDestination } from './kubernetes-destination';
import { OidcConsumer, scopeFor, roleGroupsOf, rolesOf, type ConsumerSettings, type OidcConsumerOptions } from './oidc-consumer';

/** Grafana's organisation roles. */
export type GrafanaRole = 'GrafanaAdmin' | 'Admin' | 'Editor' | 'Viewer' | 'None';
const GRAFANA_ROLES: readonly GrafanaRole[] = ['GrafanaAdmin', 'Admin', 'Editor', 'Viewer', 'None'];

/** Props for `GrafanaConsumer`. */
export interface GrafanaConsumerProps extends OidcConsumerOptions {
  /** Where Grafana's configuration is synced: its cluster, the Application and namespace. */
  readonly destination: KubernetesDestination;
  /**
   * Grafana roles of authentik groups, tried in order; the first group the user is in wins.
   * @default - none: everyone gets `defaultRole`
   */
  readonly roles?: readonly GroupRole<GrafanaRole>[];
  /**
   * Role of users in none of those groups.
   * @default 'Viewer'
   */
  readonly defaultRole?: GrafanaRole;
  /**
   * Name of the ExternalSecret and its Secret, whose `GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET` Grafana reads.
   * @default 'grafana-authentik-oauth'
   */
  readonly secretName?: string;
  /**
   * Name of the ConfigMap with the other `GF_AUTH_GENERIC_OAUTH_*` settings, loaded by Grafana's
   * Deployment with `envFrom`.
   * @default 'grafana-authentik-oidc'
   */
  readonly settingsConfigMapName?: string;
}

/**
 * Grafana as a client of authentik. Grafana reads any `[auth.generic_oauth]` setting from the
 * variable `GF_AUTH_GENERIC_OAUTH_<KEY>`, which overrides `grafana.ini`; so the half this client
 * knows is written as variables: the client secret in the ExternalSecret's Secret (as today), the
 * client id, endpoints, scopes and `role_attribute_path` in a ConfigMap that Grafana loads with
 * `envFrom`. Everything else (`name`, `allow_sign_up`, `auto_login`, …) stays in `grafana.ini`.
 */
export class GrafanaConsumer extends OidcConsumer {
  public readonly consumerName: string;

  constructor(private readonly props: GrafanaConsumerProps) {
    super(props, {
      destination: 'object', roles: 'array', defaultRole: 'string', secretName: 'string', settingsConfigMapName: 'string',
    }, ['destination']);
    this.consumerName = `Grafana in ${props.destination?.label}`;
  }

  /** The JMESPath expression Grafana maps the `groups` claim to a role with. */
  public roleAttributePath(): string {
    const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    const branches = rolesOf(this.props.roles).map((r) => `contains(groups[*], ${quote(r.groupName)}) && ${quote(r.role)}`);
    return [...branches, quote(this.props.defaultRole ?? 'Viewer')].join(' || ');
  }

  protected roleGroups(): Array<{ group: unknown; where: string }> {
    return roleGroupsOf(this.props.roles, 'roles');
  }

  protected override checkOwnProps(): string[] {
    const problems: string[] = [];
    rolesOf(this.props.roles).forEach((r, i) => {
      if (!GRAFANA_ROLES.includes(r.role)) problems.push(`roles[${i}].role ${JSON.stringify(r.role)} is not a Grafana role; use one of ${GRAFANA_ROLES.join(', ')}`);
    });
    if (this.props.defaultRole !== undefined && !GRAFANA_ROLES.includes(this.props.defaultRole)) {
      problems.push(`defaultRole ${JSON.stringify(this.props.defaultRole)} is not a Grafana role; use one of ${GRAFANA_ROLES.join(', ')}`);
    }
    problems.push(...checkObjectName(this.props.settingsConfigMapName ?? 'grafana-authentik-oidc', 'settingsConfigMapName'));
    return problems;
  }

  protected write(client: IOidcClient, settings: ConsumerSettings): Construct {
    const destination = scopeFor(client, this.consumerName, 'destination', this.props.destination, KubernetesDestination);
    const scope = new Construct(destination, `Grafana-${client.slug}`);
    if (settings.secret) {
      consumerExternalSecret(scope, destination, settings.secret, {
        name: this.props.secretName ?? 'grafana-authentik-oauth',
        secretKey: 'clientSecret',
        template: { data: { GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: '{{ .clientSecret }}' } },
      });
    }
    new ApiObject(scope, 'Settings', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.props.settingsConfigMapName ?? 'grafana-authentik-oidc' },
      data: {
        GF_AUTH_GENERIC_OAUTH_CLIENT_ID: settings.clientId,
        GF_AUTH_GENERIC_OAUTH_SCOPES: settings.scopes.join(' '),
        GF_AUTH_GENERIC_OAUTH_AUTH_URL: settings.authorizeUrl,
        GF_AUTH_GENERIC_OAUTH_TOKEN_URL: settings.tokenUrl,
        GF_AUTH_GENERIC_OAUTH_API_URL: settings.userinfoUrl,
        GF_AUTH_GENERIC_OAUTH_ROLE_ATTRIBUTE_PATH: this.roleAttributePath(),
      },
    });
    return scope;
  }
}
