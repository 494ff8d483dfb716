import { Construct } from 'constructs';
import { Application } from '../authentik/application';
import { CertificateKeyPair, Flow, ScopeMapping, type ICertificateKeyPair, type IFlow, type IScopeMapping } from '../authentik/lookups';
import { OAuth2Provider } from '../authentik/oauth2-provider';
import { BindingSubject, PolicyBinding } from '../authentik/policy-binding';
import { RedirectUri } from '../authentik/redirect-uri';
import { ServiceAccount, type ServiceAccountOptions } from '../authentik/service-account';
import { EntryState } from '../blueprint/blueprint-entry';
import { Blueprint } from '../blueprint/blueprint';
import { WorkerSecret } from '../k8s/worker-secret';
import type { IGroup } from '../authentik/group';
import type { ApplicationAccess } from './application-access';
import { clientSecretEnvVar, clientSecretKey } from './naming';

/** Props for `OidcClient`. */
export interface OidcClientProps {
  /** Provider name, and the application's name unless `applicationName` is given. */
  readonly name: string;
  /** Application slug; also names the client id, the secret key and the worker variable. */
  readonly slug: string;
  /**
   * Application display name.
   * @default - the provider name
   */
  readonly applicationName?: string;
  /**
   * OAuth2 client id.
   * @default - the slug
   */
  readonly clientId?: string;
  /** Redirect URIs matched exactly; absolute `https` URLs. */
  readonly redirectUris: readonly string[];
  /**
   * Redirect URIs matched as Python regular expressions: ask for them only when a fixed list cannot work.
   * @default - none
   */
  readonly redirectUriPatterns?: readonly string[];
  /**
   * Accept plain `http` redirect URIs (local development only).
   * @default false
   */
  readonly allowInsecureRedirectUris?: boolean;
  /** URL the authentik dashboard opens. */
  readonly launchUrl: string;
  /** Who may use the application: `ApplicationAccess.groups(…)` or, explicitly, `anyAuthenticatedUser()`. */
  readonly access: ApplicationAccess;
  /**
   * Groups whose access was taken away: their bindings are written with `state: absent`, so authentik
   * deletes them (a binding merely dropped from the file would stay in authentik and keep granting
   * access). Remove them from this list once authentik has applied the change.
   * @default - none
   */
  readonly revokedGroups?: readonly IGroup[];
  /**
   * Service accounts that use this client (e.g. CI logging in by OIDC), defined in the same blueprint.
   * @default - none
   */
  readonly serviceAccounts?: readonly ServiceAccountOptions[];
  /**
   * Retire the client: its provider, application, bindings and service accounts are deleted from
   * authentik (`state: absent`) and its secret key and worker variable disappear.
   * @default false
   */
  readonly retired?: boolean;
  /**
   * Scopes offered, by scope mapping.
   * @default - openid, email and profile (group names reach clients through profile's `groups` claim)
   */
  readonly scopes?: readonly IScopeMapping[];
  /**
   * Flow that authorizes a login.
   * @default Flow.fromSlug('default-provider-authorization-implicit-consent')
   */
  readonly authorizationFlow?: IFlow;
  /**
   * Flow that ends the session.
   * @default Flow.fromSlug('default-provider-invalidation-flow')
   */
  readonly invalidationFlow?: IFlow;
  /**
   * Key that signs ID tokens.
   * @default CertificateKeyPair.fromName('authentik Self-signed Certificate')
   */
  readonly signingKey?: ICertificateKeyPair;
}

/**
 * One OIDC client of authentik, from a single declaration: a confidential OAuth2 provider, its
 * application, one policy binding per allowed group (in order), optional service accounts, and the
 * client secret wired from the ExternalSecret through the worker's environment to the provider's `!Env`.
 */
export class OidcClient extends Construct {
  /** The provider. */
  public readonly provider: OAuth2Provider;
  /** The application. */
  public readonly application: Application;
  /** The policy bindings, in order. */
  public readonly bindings: readonly PolicyBinding[];
  /** Bindings of revoked groups, written with `state: absent`. */
  public readonly revokedBindings: readonly PolicyBinding[];
  /** The service accounts. */
  public readonly serviceAccounts: readonly ServiceAccount[];
  /** The secret wiring, absent when the client is retired. */
  public readonly clientSecret?: WorkerSecret;
  /** The slug. */
  public readonly slug: string;

  constructor(scope: Construct, id: string, props: OidcClientProps) {
    super(scope, id);
    Blueprint.of(this);
    this.slug = props.slug;
    const state = props.retired ? EntryState.ABSENT : EntryState.PRESENT;
    const insecure = { allowInsecureHttp: props.allowInsecureRedirectUris ?? false };

    if (!props.retired) {
      this.clientSecret = new WorkerSecret(this, 'ClientSecret', {
        envVar: clientSecretEnvVar(props.slug),
        secretKey: clientSecretKey(props.slug),
      });
    }

    this.provider = new OAuth2Provider(this, 'Provider', {
      state,
      name: props.name,
      clientType: 'confidential',
      clientId: props.clientId ?? props.slug,
      clientSecret: this.clientSecret,
      authorizationFlow: props.authorizationFlow ?? Flow.fromSlug('default-provider-authorization-implicit-consent'),
      invalidationFlow: props.invalidationFlow ?? Flow.fromSlug('default-provider-invalidation-flow'),
      signingKey: props.signingKey ?? CertificateKeyPair.fromName('authentik Self-signed Certificate'),
      propertyMappings: props.scopes ?? ['openid', 'email', 'profile'].map((s) => ScopeMapping.fromScopeName(s)),
      subMode: 'hashed_user_id',
      includeClaimsInIdToken: true,
      redirectUris: [
        ...props.redirectUris.map((u) => RedirectUri.strict(u, insecure)),
        ...(props.redirectUriPatterns ?? []).map((u) => RedirectUri.regex(u, insecure)),
      ],
    });

    const groups = props.access.groups;
    this.application = new Application(this, 'Application', {
      state,
      name: props.applicationName ?? props.name,
      slug: props.slug,
      provider: this.provider,
      metaLaunchUrl: props.launchUrl,
      policyEngineMode: groups.length > 0 ? 'any' : undefined,
    });

    // a group listed twice is reported by validation; bind it once so construction still succeeds
    const unique = groups.filter((g, i) => groups.findIndex((o) => o.groupName === g.groupName) === i);
    this.bindings = unique.map((group, order) => new PolicyBinding(this, `Binding-${group.groupName}`, {
      state,
      target: this.application,
      subject: BindingSubject.group(group),
      order,
    }));

    const revoked = (props.revokedGroups ?? []).filter((g) => !unique.some((u) => u.groupName === g.groupName));
    this.revokedBindings = revoked.map((group, i) => new PolicyBinding(this, `Binding-${group.groupName}`, {
      state: EntryState.ABSENT,
      target: this.application,
      subject: BindingSubject.group(group),
      order: unique.length + i,
    }));

    this.node.addValidation({ validate: () => checkClient(this.node.path, props) });

    this.serviceAccounts = (props.serviceAccounts ?? []).map((options) => new ServiceAccount(this, `ServiceAccount-${options.username}`, {
      ...options,
      state: props.retired ? EntryState.ABSENT : options.state,
    }));
  }
}

function checkClient(where: string, props: OidcClientProps): string[] {
  const problems: string[] = [];
  const { groups, open } = props.access;
  if (!open && groups.length === 0) {
    problems.push(`${where}: access lists no groups; an application without bindings is open to every signed-in user, `
      + 'so say so explicitly with ApplicationAccess.anyAuthenticatedUser(), or list the groups allowed');
  }
  const seen = new Set<string>();
  for (const g of groups) {
    if (seen.has(g.groupName)) problems.push(`${where}: access lists group ${g.groupName} twice; list each group once, in binding order`);
    seen.add(g.groupName);
  }
  for (const g of props.revokedGroups ?? []) {
    if (seen.has(g.groupName)) problems.push(`${where}: group ${g.groupName} is both allowed (access) and revoked (revokedGroups); keep it in one list`);
  }
  if (props.retired) return problems;
  try {
    const url = new URL(props.launchUrl);
    if (url.protocol !== 'https:' && !(props.allowInsecureRedirectUris && url.protocol === 'http:')) {
      problems.push(`${where}: launchUrl ${JSON.stringify(props.launchUrl)} must use https; set allowInsecureRedirectUris for local development only`);
    }
  } catch {
    problems.push(`${where}: launchUrl ${JSON.stringify(props.launchUrl)} is not an absolute URL; write it in full, e.g. https://app.example.com`);
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(props.slug)) {
    problems.push(`${where}: slug ${JSON.stringify(props.slug)} must be lowercase letters, digits and -, since it also names `
      + 'the Secret key and the worker variable; e.g. "grafana"');
  }
  return problems;
}
