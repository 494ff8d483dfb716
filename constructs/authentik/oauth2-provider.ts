import type { OAuth2ProviderRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import type { BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import type { Reference } from '../blueprint/value';
import { AuthentikEntry } from './authentik-entry';
import type { IEnvSecret } from './env-secret';
import type { ICertificateKeyPair, IFlow, IScopeMapping } from './lookups';
import type { Attributes } from './model-schema';
import type { RedirectUri } from './redirect-uri';

/** A provider an application can use. */
export interface IProvider {
  /** A reference to the provider. */
  providerRef(): Reference;
}

type ReferenceFields = 'name' | 'clientSecret' | 'redirectUris' | 'authorizationFlow' | 'invalidationFlow'
  | 'authenticationFlow' | 'propertyMappings' | 'signingKey' | 'encryptionKey';

/** Props for `OAuth2Provider`. */
export interface OAuth2ProviderProps extends BlueprintEntryOptions, Attributes<Omit<OAuth2ProviderRequest, ReferenceFields>> {
  /** Provider name (unique in authentik), its identifier. */
  readonly name: string;
  /** Flow that authorizes a login, e.g. `default-provider-authorization-implicit-consent`. */
  readonly authorizationFlow: IFlow;
  /** Flow that ends the session, e.g. `default-provider-invalidation-flow`. */
  readonly invalidationFlow: IFlow;
  /**
   * Flow used when an unauthenticated user opens the application.
   * @default - authentik's brand default
   */
  readonly authenticationFlow?: IFlow;
  /** Allowed redirect URIs. */
  readonly redirectUris: readonly RedirectUri[];
  /**
   * The client secret, read from a worker environment variable; never a literal.
   * @default - none: only valid for `clientType: 'public'`
   */
  readonly clientSecret?: IEnvSecret;
  /**
   * Scope mappings.
   * @default - none
   */
  readonly propertyMappings?: readonly IScopeMapping[];
  /**
   * Key that signs tokens.
   * @default - none: tokens are signed HS256 with the client secret
   */
  readonly signingKey?: ICertificateKeyPair;
  /**
   * Key that encrypts tokens.
   * @default - tokens are not encrypted
   */
  readonly encryptionKey?: ICertificateKeyPair;
}

/** An `authentik_providers_oauth2.oauth2provider`. */
export class OAuth2Provider extends AuthentikEntry implements IProvider {
  /** Provider name. */
  public readonly name: string;
  /** The client secret, when there is one. */
  public readonly clientSecret?: IEnvSecret;
  private readonly _redirectUris: RedirectUri[];
  private readonly _propertyMappings: IScopeMapping[];
  private readonly _props: OAuth2ProviderProps;

  constructor(scope: Construct, id: string, props: OAuth2ProviderProps) {
    super(scope, id, 'authentik_providers_oauth2.oauth2provider', props);
    this.name = props.name;
    this.clientSecret = props.clientSecret;
    this._redirectUris = [...props.redirectUris];
    this._propertyMappings = [...(props.propertyMappings ?? [])];
    this._props = props;
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

  private validateProvider(): string[] {
    if (this.retired) return [];
    const problems = this._redirectUris.flatMap((u, i) => u.check(`${this.path}: redirectUris[${i}]`));
    const secret = this.clientSecret as unknown;
    if (secret !== undefined && (secret === null || typeof secret !== 'object' || typeof (secret as { envTag?: unknown }).envTag !== 'function')) {
      problems.push(`${this.path}: clientSecret must be a reference to a worker secret (new WorkerSecret(...)), never a literal; `
        + 'a secret written in the blueprint would be committed to Git');
    }
    if ((this._props.clientType ?? 'confidential') === 'confidential' && secret === undefined) {
      problems.push(`${this.path}: a confidential client needs clientSecret (a WorkerSecret); without one authentik would generate a secret `
        + 'nobody can hand to the application');
    }
    if (this._redirectUris.length === 0) problems.push(`${this.path}: redirectUris is empty, so no login can complete; list the application's callback URL`);
    return problems;
  }

  public providerRef(): Reference {
    return this.ref();
  }

  public override get orderRank(): number {
    return 30;
  }

  protected typedIdentifiers(): Record<string, unknown> {
    return { name: this.name };
  }

  protected typedAttributes(): Record<string, unknown> {
    const {
      name: _name, clientSecret: _secret, redirectUris: _uris, authorizationFlow, invalidationFlow, authenticationFlow,
      propertyMappings: _mappings, signingKey, encryptionKey, state: _state, conditions: _conditions, ...fields
    } = this._props;
    return {
      ...fields,
      authorizationFlow: authorizationFlow.flowRef,
      invalidationFlow: invalidationFlow.flowRef,
      authenticationFlow: authenticationFlow?.flowRef,
      // a non-reference secret is reported by validation, never written
      clientSecret: typeof this.clientSecret?.envTag === 'function' ? this.clientSecret.envTag() : undefined,
      redirectUris: this._redirectUris.map((u) => u.toAttributes()),
      propertyMappings: this._propertyMappings.length ? this._propertyMappings.map((m) => m.scopeMappingRef) : undefined,
      signingKey: signingKey?.keyPairRef,
      encryptionKey: encryptionKey?.keyPairRef,
    };
  }
}
