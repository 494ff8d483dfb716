import { Construct } from 'constructs';
import { AuthentikChart } from '../k8s/authentik-chart';
import { isEnvSecret } from '../authentik/env-secret';
import type { IOidcClient } from '../oidc/oidc-client-ref';
import { checkProps, describeGiven, type PropRules } from '../private/prop-checks';
import { groupNameOf, type GroupRole } from './group-role';

/** Something that uses an OIDC client and gets its half of the configuration from the client's declaration. */
export interface IOidcConsumer {
  /** A short name for messages, e.g. `ArgoCD in indri/argocd`. */
  readonly consumerName: string;
  /** Writes the consumer's half for `client`; called once by the client (`OidcClient` binds its consumers). */
  bind(client: IOidcClient): void;
  /**
   * The roles the consumer gives members of groups, by group name, for the access map.
   * @default - none
   */
  groupRoles?(): ReadonlyArray<{ readonly group: string; readonly role: string }>;
}

/** Options every consumer accepts. */
export interface OidcConsumerOptions {
  /**
   * Scopes the consumer requests, in its order; each must be offered by the provider.
   * @default - the scopes the provider offers, in its order
   */
  readonly scopes?: readonly string[];
  /**
   * Scopes the consumer sends although the provider does not offer them, which authentik ignores
   * (e.g. Forgejo's `groups`: authentik's `groups` claim comes with `profile`). Kept apart from
   * `scopes` so that a typo there is an error rather than a silently missing claim.
   * @default - none
   */
  readonly extraScopes?: readonly string[];
}

/** What the client's declaration tells a consumer. */
export interface ConsumerSettings {
  /** The OAuth2 client id. */
  readonly clientId: string;
  /** `<externalUrl>/application/o/<slug>/`. */
  readonly issuer: string;
  /** `<issuer>.well-known/openid-configuration`. */
  readonly discoveryUrl: string;
  /** The shared authorize endpoint. */
  readonly authorizeUrl: string;
  /** The shared token endpoint. */
  readonly tokenUrl: string;
  /** The shared userinfo endpoint. */
  readonly userinfoUrl: string;
  /** Scopes requested: `scopes`, then `extraScopes`. */
  readonly scopes: readonly string[];
  /** Where the client secret is kept, absent for a public client. */
  readonly secret?: ConsumerSecret;
}

/** The client secret's place in the secret store: the same item and field the authentik side reads. */
export interface ConsumerSecret {
  /** The store's name. */
  readonly storeName: string;
  /** The store's kind. */
  readonly storeKind: string;
  /** The item (`remoteRef.key`). */
  readonly remoteKey: string;
  /** The field (`remoteRef.property`). */
  readonly property: string;
  /** The item as a URI, when the chart declares one. */
  readonly itemUri?: string;
}

const PLACEHOLDER = 'invalid';
const CONSUMER_RULES: PropRules = { scopes: 'string[]', extraScopes: 'string[]' };

/**
 * The base of every consumer: checks what the consumer was given against the client (scopes offered,
 * groups granted, a literal client id, a known secret field) and hands the settings to `write`.
 */
export abstract class OidcConsumer implements IOidcConsumer {
  public abstract readonly consumerName: string;
  private bound?: IOidcClient;
  /** What the client told this consumer, once bound. */
  protected settings?: ConsumerSettings;

  /**
   * @param options the consumer's props
   * @param rules what each prop must be, so a misspelt prop is reported rather than ignored
   * @param required the props that must be given
   */
  protected constructor(protected readonly options: OidcConsumerOptions, private readonly rules: PropRules,
    private readonly required: readonly string[] = []) {}

  /** The client this consumer was bound to. */
  public get client(): IOidcClient | undefined {
    return this.bound;
  }

  public bind(client: IOidcClient): void {
    if (this.bound) {
      throw new Error(`${client.node.path}: consumer ${this.consumerName} is already bound to ${this.bound.node.path}; create one consumer per client`);
    }
    this.bound = client;
    const problems: string[] = [];
    const settings = consumerSettings(client, this.options, problems);
    this.settings = settings;
    this.write(client, settings);
    // reported on the client, whose declaration the consumer was given in
    const where = `${client.node.path}: consumer ${this.consumerName}`;
    client.node.addValidation({
      validate: () => [...checkProps('props', this.options, { ...CONSUMER_RULES, ...this.rules }, this.required), ...problems,
        ...this.checkRoles(client), ...this.checkOwnProps()].map((p) => `${where}: ${p}`),
    });
  }

  /** The groups this consumer maps to roles, for the checks; each with the prop it came from. */
  protected abstract roleGroups(): Array<{ group: unknown; where: string }>;

  /** The roles the consumer gives members of groups, by group name (its `roles` prop). */
  public groupRoles(): Array<{ group: string; role: string }> {
    const roles = (this.options as { roles?: readonly GroupRole[] }).roles;
    return rolesOf(roles).filter((r) => r.groupName !== PLACEHOLDER).map((r) => ({ group: r.groupName, role: String(r.role) }));
  }

  /** Problems with the consumer's own props, each naming the prop, the value and the fix. */
  protected checkOwnProps(): string[] {
    return [];
  }

  /**
   * A consumer that maps roles from groups reads the `groups` claim, which authentik's shipped scope
   * mappings put only under `profile` (blueprints/system/providers-oauth2.yaml); a custom mapping of
   * the client whose expression returns `groups` counts too.
   */
  private checkGroupsClaim(client: IOidcClient): string[] {
    if (this.roleGroups().length === 0 || !this.settings) return [];
    const requested = this.settings.scopes;
    if (requested.includes('profile')) return [];
    const carries = client.scopeMappings.some((m) => {
      const entry = m as { props?: { scopeName?: unknown; expression?: unknown } };
      return typeof entry.props?.scopeName === 'string' && requested.includes(entry.props.scopeName)
        && typeof entry.props.expression === 'string' && /["']groups["']/.test(entry.props.expression);
    });
    if (carries) return [];
    return [`maps roles from groups, but requests scopes ${JSON.stringify(requested)} without "profile", the scope whose mapping carries `
      + 'the groups claim, so every user gets the default role; add "profile" to scopes'];
  }

  /** Writes the consumer's half and returns the construct it wrote under. */
  protected abstract write(client: IOidcClient, settings: ConsumerSettings): Construct;

  private checkRoles(client: IOidcClient): string[] {
    const problems: string[] = [];
    problems.push(...this.checkGroupsClaim(client));
    const access = client.grant.access as Partial<typeof client.grant.access> | undefined;
    // an access that is not ApplicationAccess is reported by the client itself
    if (!Array.isArray(access?.groups)) return problems;
    const granted = new Set(access.groups.map((g) => g?.groupName));
    for (const { group, where } of this.roleGroups()) {
      const { name, problem } = groupNameOf(group, where);
      if (problem) problems.push(problem);
      else if (access.open !== true && !granted.has(name)) {
        problems.push(`${where} maps group ${name}, which the client's access does not include, so its members could never sign in; `
          + `add it to access (ApplicationAccess.groups(...)) or drop the mapping`);
      }
    }
    return problems;
  }
}

/**
 * `scope` when it is a construct of the given class, for writing the consumer's half into it.
 * @throws naming the client, the consumer, the prop and what it must be
 */
export function scopeFor<T>(client: IOidcClient, consumer: string, prop: string, scope: unknown, type: new (...args: never[]) => T): T {
  if (scope instanceof type) return scope;
  throw new Error(`${client.node.path}: consumer ${consumer}: ${prop} must be a ${type.name} (new ${type.name}(app, id, {...})); got ${describeGiven(scope)}`);
}

/** Checks a list of role mappings' shape; the groups themselves are checked by `OidcConsumer`. */
export function roleGroupsOf(roles: readonly GroupRole[] | undefined, prop: string): Array<{ group: unknown; where: string }> {
  if (roles === undefined) return [];
  if (!Array.isArray(roles)) return [{ group: roles, where: `${prop} (must be a list of { group, role })` }];
  return roles.map((r, i) => ({ group: (r as GroupRole | undefined)?.group, where: `${prop}[${i}].group` }));
}

/** The role of each mapping, as given. */
export function rolesOf<R extends string>(roles: readonly GroupRole<R>[] | undefined): Array<{ groupName: string; role: R }> {
  return (Array.isArray(roles) ? roles : []).map((r) => ({ groupName: String(r?.group?.groupName ?? PLACEHOLDER), role: r?.role }));
}

function consumerSettings(client: IOidcClient, options: OidcConsumerOptions, problems: string[]): ConsumerSettings {
  const chart = AuthentikChart.of(client);
  if (chart.externalUrl === undefined) {
    problems.push(`the issuer is unknown; set externalUrl on the AuthentikChart (${chart.node.path}), e.g. https://authentik.example.com`);
  }
  const url = chart.externalUrl ?? `https://${PLACEHOLDER}`;
  const issuer = `${url}/application/o/${client.slug}/`;

  let clientId = PLACEHOLDER;
  if (typeof client.clientId === 'string') clientId = client.clientId;
  else {
    problems.push(`the client id is read by authentik from worker variable ${isEnvSecret(client.clientId) ? client.clientId.envVar : '?'}, `
      + 'so the consumer cannot be told it; give the client a literal clientId');
  }

  const offered = client.scopeNames;
  const known = offered.length === client.scopeMappings.length;
  const scopes = options.scopes === undefined ? offered : options.scopes;
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) {
    problems.push(`scopes must be a list of scope names; got ${describeGiven(scopes)}`);
  } else {
    for (const scope of scopes) {
      if (known && !offered.includes(scope)) {
        problems.push(`requests scope "${scope}", which the provider does not offer (it offers ${offered.join(', ')}); `
          + 'add its scope mapping to the client\'s scopes, or, if the consumer must send it and authentik may ignore it, list it in extraScopes');
      }
    }
    if (!scopes.includes('openid')) problems.push(`scopes ${JSON.stringify(scopes)} lack "openid", without which no ID token is issued; add it`);
  }
  const extra = options.extraScopes ?? [];
  if (!Array.isArray(extra) || !extra.every((s) => typeof s === 'string')) problems.push(`extraScopes must be a list of scope names; got ${describeGiven(extra)}`);
  else {
    for (const scope of extra) {
      if (offered.includes(scope)) problems.push(`extraScopes lists "${scope}", which the provider offers; move it to scopes`);
    }
  }

  let secret: ConsumerSecret | undefined;
  const clientSecret = client.clientSecret as { remoteProperty?: unknown; envVar?: string } | undefined;
  if (clientSecret !== undefined) {
    if (typeof clientSecret.remoteProperty !== 'string') {
      problems.push(`the client secret (worker variable ${clientSecret.envVar}) does not say which field of the store holds it; `
        + 'use a WorkerSecret (the default), which does');
    }
    secret = {
      storeName: chart.secrets.secretStoreName,
      storeKind: chart.secrets.secretStoreKind,
      remoteKey: chart.secrets.remoteKey,
      property: typeof clientSecret.remoteProperty === 'string' ? clientSecret.remoteProperty : PLACEHOLDER,
      itemUri: chart.secretItemUri,
    };
  }

  return {
    clientId,
    issuer,
    discoveryUrl: `${issuer}.well-known/openid-configuration`,
    authorizeUrl: `${url}/application/o/authorize/`,
    tokenUrl: `${url}/application/o/token/`,
    userinfoUrl: `${url}/application/o/userinfo/`,
    scopes: [...(Array.isArray(scopes) ? scopes : []), ...(Array.isArray(extra) ? extra : [])],
    secret,
  };
}
