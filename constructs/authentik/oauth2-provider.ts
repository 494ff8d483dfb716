import type { OAuth2ProviderRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { isAuthentikObject } from '../blueprint/object-ref';
import type { BlueprintValue } from '../blueprint/value';
import { describeGiven } from '../private/prop-checks';
import { AuthentikEntry } from './authentik-entry';
import { registerTypedEntry } from './private/entry-registry';
import { isEnvSecret, type IEnvSecret } from './env-secret';
import { Model, type ICertificateKeyPair, type IFlow, type IPropertyMapping, type IProvider, type ISource } from './models';
import type { Attributes } from './model-schema';
import type { RedirectUri } from './redirect-uri';
import type { OAuth2ProviderReleaseProps } from './release-props';
import { authentikVersionOf } from '../catalog/construct-version';
import { compareVersions, type AuthentikVersion } from '../catalog/versions';

/**
 * Whether authentik `version` creates an OAuth2 provider that is given no `grant_types` with none at all:
 * from 2026.8 the field's default is an empty list (goauthentik/authentik
 * authentik/providers/oauth2/migrations/0033_alter_oauth2provider_grant_types.py, `default=list`), and
 * the authorize and token views refuse a grant the provider does not list
 * (authentik/providers/oauth2/views/authorize.py `check_grant`, views/token.py `grant_type_not_configured`).
 */
export function grantsDefaultToNone(version: AuthentikVersion): boolean {
  return compareVersions(version, '2026.8') >= 0;
}

/**
 * The problem with an OAuth2 provider entry that states no grant types where `version` would create it
 * with none (see `grantsDefaultToNone`); none for an entry that only updates an existing provider
 * (which keeps its grants) or deletes it.
 * @param prop how the declaration names the field, e.g. `grantTypes` or `attributes.grantTypes`
 */
export function missingGrantTypes(path: string, version: AuthentikVersion, entry: { stated: boolean; updatesExisting: boolean; retired: boolean }, prop: string): string[] {
  if (entry.stated || entry.updatesExisting || entry.retired || !grantsDefaultToNone(version)) return [];
  return [`${path}: ${prop} is not given, and authentik ${version} creates a provider without grant_types with none `
    + '(its default is an empty list since migration 0033_alter_oauth2provider_grant_types), so every login would be refused; '
    + `state the grants the client uses, e.g. ${prop}: ['authorization_code', 'refresh_token'] (or updatesExisting: true for a provider that exists)`];
}

type ObjectFields = 'name' | 'clientSecret' | 'clientId' | 'redirectUris' | 'authorizationFlow' | 'invalidationFlow'
  | 'authenticationFlow' | 'propertyMappings' | 'signingKey' | 'encryptionKey' | 'jwtFederationSources' | 'jwtFederationProviders';

/** An OAuth2/OpenID provider. */
export type IOAuth2Provider = IProvider & { readonly model: typeof Model.OAUTH2_PROVIDER };

/** Props for `OAuth2Provider`. */
export interface OAuth2ProviderProps extends BlueprintEntryOptions, OAuth2ProviderReleaseProps, Attributes<Omit<OAuth2ProviderRequest, ObjectFields>> {
  /** Provider name (unique in authentik), its identifier. */
  readonly name: string;
  /** Flow that authorizes a login, e.g. `Flow.fromSlug('default-provider-authorization-implicit-consent')`. */
  readonly authorizationFlow: IFlow;
  /** Flow that ends the session, e.g. `Flow.fromSlug('default-provider-invalidation-flow')`. */
  readonly invalidationFlow: IFlow;
  /**
   * Flow used when an unauthenticated user opens the application.
   * @default - authentik's brand default
   */
  readonly authenticationFlow?: IFlow;
  /**
   * Allowed redirect URIs.
   * @default - none: valid only for clients that never redirect (e.g. machine-to-machine)
   */
  readonly redirectUris?: readonly RedirectUri[];
  /**
   * The client id: a literal, or read from the worker's environment (`!Env`) like a secret.
   * @default - authentik generates one
   */
  readonly clientId?: string | IEnvSecret;
  /**
   * The client secret, read from a worker environment variable; never a literal.
   * @default - none: only valid for `clientType: 'public'`
   */
  readonly clientSecret?: IEnvSecret;
  /**
   * Scope mappings (and other property mappings) the provider offers.
   * @default - none
   */
  readonly propertyMappings?: readonly IPropertyMapping[];
  /**
   * Key that signs tokens. Leaving it out makes authentik sign ID tokens with HS256 and the client
   * secret, so it must be asked for with `unsignedTokens: true`.
   * @default - none
   */
  readonly signingKey?: ICertificateKeyPair;
  /**
   * Sign ID tokens with the client secret (HS256) instead of a key pair: say so explicitly.
   * @default false
   */
  readonly unsignedTokens?: boolean;
  /**
   * Key that encrypts tokens.
   * @default - tokens are not encrypted
   */
  readonly encryptionKey?: ICertificateKeyPair;
  /**
   * Sources whose JWTs are accepted (machine-to-machine federation).
   * @default - none
   */
  readonly jwtFederationSources?: readonly ISource[];
  /**
   * Providers whose JWTs are accepted.
   * @default - none
   */
  readonly jwtFederationProviders?: readonly IProvider[];
}


const SPEC = registerTypedEntry(Model.OAUTH2_PROVIDER, 'OAuth2Provider', {
  ownProps: ['redirectUris', 'clientSecret', 'clientId', 'unsignedTokens'],
  orderRank: 30,
});

/** An `authentik_providers_oauth2.oauth2provider`: confidential or public, client id literal or from `!Env`. */
export class OAuth2Provider extends AuthentikEntry implements IOAuth2Provider {
  /** A provider that lives outside this app, by name. */
  public static fromName(name: string): IOAuth2Provider {
    return new LookupReference(Model.OAUTH2_PROVIDER, { name });
  }

  declare public readonly model: typeof Model.OAUTH2_PROVIDER;
  /** Provider name. */
  public readonly name: string;
  /** The client secret, when there is one. */
  public readonly clientSecret?: IEnvSecret;
  private readonly _redirectUris: RedirectUri[];

  constructor(scope: Construct, id: string, props: OAuth2ProviderProps) {
    super(scope, id, Model.OAUTH2_PROVIDER, props, SPEC);
    this.name = props?.name;
    this.clientSecret = props?.clientSecret;
    this._redirectUris = Array.isArray(props?.redirectUris) ? [...props.redirectUris] : [];
    this.node.addValidation({ validate: () => this.validateProvider() });
  }

  /** Allows one more redirect URI. */
  public addRedirectUri(uri: RedirectUri): void {
    this._redirectUris.push(uri);
  }

  /** The allowed redirect URIs. */
  public get redirectUris(): RedirectUri[] {
    return [...this._redirectUris];
  }

  /** The client id as declared: a literal, or the worker secret it is read from. */
  public get clientId(): string | IEnvSecret | undefined {
    return this.props.clientId as string | IEnvSecret | undefined;
  }

  /** `confidential` or `public`. */
  public get clientType(): string {
    return typeof this.props.clientType === 'string' ? this.props.clientType : 'confidential';
  }

  /** The scope names of the scope mappings offered, where they are known. */
  public get scopeNames(): string[] {
    const mappings = Array.isArray(this.props.propertyMappings) ? this.props.propertyMappings : [];
    return mappings.map((m) => (m as { scopeName?: unknown }).scopeName).filter((s): s is string => typeof s === 'string');
  }

  private validateProvider(): string[] {
    if (this.retired) return [];
    const problems: string[] = [];
    if (this.props.redirectUris !== undefined && !Array.isArray(this.props.redirectUris)) {
      problems.push(`${this.path}: redirectUris must be a list of RedirectUri.strict(...)/.regex(...); got ${describeGiven(this.props.redirectUris)}`);
    }
    this._redirectUris.forEach((u, i) => {
      if (u === null || typeof u !== 'object' || typeof (u as RedirectUri).check !== 'function') {
        problems.push(`${this.path}: redirectUris[${i}] must be RedirectUri.strict(url) or RedirectUri.regex(pattern); got ${describeGiven(u)}`);
      } else problems.push(...u.check(`${this.path}: redirectUris[${i}]`));
    });
    const secret = this.props.clientSecret;
    if (secret !== undefined && !isEnvSecret(secret)) {
      problems.push(`${this.path}: clientSecret must be a reference to a worker secret (new WorkerSecret(...)), never a literal `
        + `(got ${describeGiven(secret).replace(/".*"/, '"…"')}); a secret written in the blueprint would be committed to Git`);
    }
    const clientId = this.props.clientId;
    if (clientId !== undefined && typeof clientId !== 'string' && !isEnvSecret(clientId)) {
      problems.push(`${this.path}: clientId must be a string or a worker secret (its !Env); got ${describeGiven(clientId)}`);
    }
    const clientType = this.props.clientType ?? 'confidential';
    if (clientType === 'confidential' && secret === undefined && !this.updatesExisting) {
      problems.push(`${this.path}: a confidential client needs clientSecret (a WorkerSecret); without one authentik would generate a secret `
        + 'nobody can hand to the application; or set clientType: \'public\'');
    }
    if (clientType === 'public' && secret !== undefined) {
      problems.push(`${this.path}: a public client has no secret, so authentik ignores clientSecret; drop it or make the client confidential`);
    }
    const unsigned = this.props.unsignedTokens;
    if (unsigned !== undefined && typeof unsigned !== 'boolean') {
      problems.push(`${this.path}: unsignedTokens must be true or false; got ${describeGiven(unsigned)}`);
    }
    if (this.props.signingKey !== undefined && unsigned === true) {
      problems.push(`${this.path}: unsignedTokens is true but a signingKey is given; keep one`);
    }
    problems.push(...missingGrantTypes(this.path, authentikVersionOf(this),
      { stated: this.props.grantTypes !== undefined, updatesExisting: this.updatesExisting, retired: this.retired }, 'grantTypes'));
    return problems;
  }

  protected override typedAttributes(): Record<string, unknown> {
    const clientId = this.props.clientId;
    const secret = this.props.clientSecret;
    // a fresh record each call: set on it, not spread (a spread costs per-entry code several times more)
    const attrs = super.typedAttributes();
    // a non-reference secret is reported by validation, never written
    attrs.clientSecret = isEnvSecret(secret) ? secret.envTag() : undefined;
    attrs.clientId = isEnvSecret(clientId) ? clientId.envTag() : typeof clientId === 'string' ? clientId : undefined;
    if (!(this.updatesExisting && this.props.redirectUris === undefined)) {
      attrs.redirectUris = this._redirectUris
        .filter((u): u is RedirectUri => u !== null && typeof u === 'object' && typeof u.toAttributes === 'function')
        .map((u) => u.toAttributes() as unknown as BlueprintValue);
    }
    return attrs;
  }
}

/** Whether `x` is an OAuth2 provider (declared or looked up). */
export function isOAuth2Provider(x: unknown): x is IOAuth2Provider {
  return isAuthentikObject(x) && x.model === Model.OAUTH2_PROVIDER;
}
