import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { markAsComponentPatch } from '../k8s/manifest-file';
import type { IOidcClient } from '../oidc/oidc-client-ref';
import type { GroupRole } from './group-role';
import { consumerExternalSecret } from './kubernetes-secret';
import { KubernetesDestination } from './kubernetes-destination';
import { OidcConsumer, scopeFor, roleGroupsOf, rolesOf, type ConsumerSettings, type OidcConsumerOptions } from './oidc-consumer';

/** Props for `ArgoCdConsumer`. */
export interface ArgoCdConsumerProps extends OidcConsumerOptions {
  /** Where ArgoCD runs: its cluster, its own Application and namespace. */
  readonly destination: KubernetesDestination;
  /**
   * ArgoCD roles of authentik groups, written as `g, <group>, <role>` lines, e.g.
   * `{ group: admins, role: 'role:admin' }`.
   * @default - none
   */
  readonly roles?: readonly GroupRole[];
  /**
   * Name shown on ArgoCD's login button.
   * @default 'Authentik'
   */
  readonly displayName?: string;
  /**
   * Name of the ExternalSecret and its Secret (ArgoCD reads `$<name>:<key>`).
   * @default 'argocd-oidc-authentik'
   */
  readonly secretName?: string;
  /**
   * Key of the client secret in that Secret.
   * @default 'client-secret'
   */
  readonly secretKey?: string;
  /**
   * Key of `argocd-rbac-cm` that gets the role lines. ArgoCD concatenates every `policy.<name>.csv`
   * key after `policy.csv`, so hand-written lines in `policy.csv` (e.g. for a bot account) stay.
   * @default 'policy.authentik.csv'
   */
  readonly policyKey?: string;
}

/**
 * ArgoCD as a client of authentik: the ExternalSecret with the client secret (labelled
 * `app.kubernetes.io/part-of: argocd`, without which ArgoCD does not read it), a patch of `argocd-cm`
 * with `oidc.config`, and a patch of `argocd-rbac-cm` with the `groups` claim and the role lines.
 */
export class ArgoCdConsumer extends OidcConsumer {
  public readonly consumerName: string;

  constructor(private readonly props: ArgoCdConsumerProps) {
    super(props, {
      destination: 'object', roles: 'array', displayName: 'string', secretName: 'string', secretKey: 'string', policyKey: 'string',
    }, ['destination']);
    this.consumerName = `ArgoCD in ${props.destination?.label}`;
  }

  protected roleGroups(): Array<{ group: unknown; where: string }> {
    return roleGroupsOf(this.props.roles, 'roles');
  }

  protected write(client: IOidcClient, settings: ConsumerSettings): Construct {
    const destination = scopeFor(client, this.consumerName, 'destination', this.props.destination, KubernetesDestination);
    const scope = new Construct(destination, `ArgoCd-${client.slug}`);
    const secretName = this.props.secretName ?? 'argocd-oidc-authentik';
    const secretKey = this.props.secretKey ?? 'client-secret';
    if (settings.secret) {
      consumerExternalSecret(scope, destination, settings.secret, {
        name: secretName, secretKey, template: { labels: { 'app.kubernetes.io/part-of': 'argocd' } },
      });
    }
    const oidcConfig = {
      name: this.props.displayName ?? 'Authentik',
      issuer: settings.issuer,
      clientID: settings.clientId,
      ...(settings.secret ? { clientSecret: `$${secretName}:${secretKey}` } : {}),
      requestedScopes: [...settings.scopes],
    };
    const cm = new ApiObject(scope, 'ArgoCdCm', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm' }, data: { 'oidc.config': stringify(oidcConfig) },
    });
    markAsComponentPatch(cm);
    const policy = rolesOf(this.props.roles).map((r) => `g, ${r.groupName}, ${r.role}\n`).join('');
    const rbac = new ApiObject(scope, 'ArgoCdRbacCm', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-rbac-cm' },
      data: { scopes: '[groups]', [this.props.policyKey ?? 'policy.authentik.csv']: policy },
    });
    markAsComponentPatch(rbac);
    return scope;
  }

  protected override checkOwnProps(): string[] {
    const problems: string[] = [];
    const key = this.props.policyKey ?? 'policy.authentik.csv';
    if (!/^policy\.[^.]+\.csv$/.test(key)) {
      problems.push(`policyKey ${JSON.stringify(key)} is not read by ArgoCD; use policy.<name>.csv, e.g. policy.authentik.csv`);
    }
    rolesOf(this.props.roles).forEach((r, i) => {
      if (typeof r.role !== 'string' || r.role === '' || /[,\n]/.test(r.role)) {
        problems.push(`roles[${i}].role ${JSON.stringify(r.role)} must be an ArgoCD role name without commas, e.g. role:admin or role:readonly`);
      }
      if (/[,\n]/.test(r.groupName)) problems.push(`roles[${i}].group ${JSON.stringify(r.groupName)} holds a comma or newline, which a policy line cannot hold`);
    });
    return problems;
  }
}
