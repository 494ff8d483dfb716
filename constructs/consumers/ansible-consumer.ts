import { Construct } from 'constructs';
import type { PropRules } from '../private/prop-checks';
import { GeneratedFile } from '../synth/generated-file';
import { GENERATED_BY } from '../synth/private/foreign-files';
import type { IOidcClient } from '../oidc/oidc-client-ref';
import { AnsibleHost } from './ansible-host';
import type { GroupRole } from './group-role';
import { OidcConsumer, roleGroupsOf, rolesOf, scopeFor, type ConsumerSettings, type OidcConsumerOptions } from './oidc-consumer';

/** Props for `AnsibleConsumer`. */
export interface AnsibleConsumerProps extends OidcConsumerOptions {
  /** The host whose Ansible role configures the consumer. */
  readonly host: AnsibleHost;
  /** The consumer's name, which names its file (`<name>.json`), e.g. `jellyfin`. */
  readonly name: string;
  /**
   * The consumer's roles of authentik groups, e.g. `{ group: admins, role: 'admin' }`; the file lists
   * the group names of each role under `role_groups`.
   * @default - none
   */
  readonly roles?: readonly GroupRole[];
  /**
   * Claim that carries the group names.
   * @default 'groups' (authentik's, with the profile scope)
   */
  readonly groupsClaim?: string;
}

/**
 * A consumer configured by Ansible: one JSON file (marked `generated_by`, so the synth knows it may
 * replace or remove it) with everything the client's declaration knows:
 * client id, issuer, discovery URL and endpoints, scopes, the secret as a `op://vault/item/field`
 * reference for `op read`, the groups claim and the group names of each role.
 */
export class AnsibleConsumer extends OidcConsumer {
  public readonly consumerName: string;

  constructor(protected readonly props: AnsibleConsumerProps, extraRules: PropRules = {}) {
    super(props, { host: 'object', name: 'string', roles: 'array', groupsClaim: 'string', ...extraRules }, ['host', 'name']);
    this.consumerName = `${props.name} on ${props.host?.host}`;
  }

  protected roleGroups(): Array<{ group: unknown; where: string }> {
    return roleGroupsOf(this.props.roles, 'roles');
  }

  protected override checkOwnProps(): string[] {
    const problems = /^[a-z0-9][a-z0-9._-]*$/.test(String(this.props.name)) ? []
      : [`name ${JSON.stringify(this.props.name)} names the file; use lowercase letters, digits, ., _ and -, e.g. "jellyfin"`];
    const secret = this.settings?.secret;
    if (secret && secret.itemUri === undefined) {
      problems.push('its secret is read with `op read`, but the AuthentikChart names no secretItemUri; set it to op://<vault id>/<item id> of the item '
        + `${JSON.stringify(secret.remoteKey)}`);
    }
    return problems;
  }

  /** Settings particular to the consumer, added to the file after the common ones. */
  protected extraSettings(): Record<string, unknown> {
    return {};
  }

  protected write(client: IOidcClient, settings: ConsumerSettings): Construct {
    const host = scopeFor(client, this.consumerName, 'host', this.props.host, AnsibleHost);
    const other = host.node.tryFindChild(String(this.props.name));
    if (other) {
      throw new Error(`${client.node.path}: consumer ${this.consumerName}: host ${host.host} already has a consumer named ${JSON.stringify(this.props.name)} `
        + `(file ${this.props.name}.json, written for ${(other as GeneratedFile).writtenFor ?? 'another client'}); give each consumer its own name`);
    }
    const scope = new GeneratedFile(host, `${this.props.name}`, {
      fileName: `${this.props.name}.json`,
      content: () => `${JSON.stringify(this.fileContent(settings), null, 2)}\n`,
      writtenFor: client.node.path,
    });
    return scope;
  }

  private fileContent(settings: ConsumerSettings): Record<string, unknown> {
    const roleGroups: Record<string, string[]> = {};
    for (const r of rolesOf(this.props.roles)) (roleGroups[r.role] ??= []).push(r.groupName);
    return {
      generated_by: GENERATED_BY,
      client_id: settings.clientId,
      issuer: settings.issuer,
      discovery_url: settings.discoveryUrl,
      authorize_url: settings.authorizeUrl,
      token_url: settings.tokenUrl,
      userinfo_url: settings.userinfoUrl,
      scopes: [...settings.scopes],
      ...(settings.secret ? { client_secret_ref: `${settings.secret.itemUri}/${settings.secret.property}` } : {}),
      groups_claim: this.props.groupsClaim ?? 'groups',
      role_groups: roleGroups,
      ...this.extraSettings(),
    };
  }
}
