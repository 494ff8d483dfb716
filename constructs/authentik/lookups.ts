import { LookupReference } from '../blueprint/blueprint-entry';

/** A flow, referred to by slug. */
export interface IFlow {
  /** `!Find` for the flow. */
  readonly flowRef: LookupReference;
}

/** Flows that live outside this app, such as authentik's packaged defaults. */
export class Flow {
  /** The flow with this slug, e.g. `default-provider-invalidation-flow`. */
  public static fromSlug(slug: string): IFlow {
    return { flowRef: new LookupReference('authentik_flows.flow', { slug }) };
  }

  private constructor() {}
}

/** A certificate-key pair, e.g. the signing key of an OAuth2 provider. */
export interface ICertificateKeyPair {
  /** `!Find` for the key pair. */
  readonly keyPairRef: LookupReference;
}

/** Certificate-key pairs that live outside this app. */
export class CertificateKeyPair {
  /** The key pair with this name, e.g. `authentik Self-signed Certificate`. */
  public static fromName(name: string): ICertificateKeyPair {
    return { keyPairRef: new LookupReference('authentik_crypto.certificatekeypair', { name }) };
  }

  private constructor() {}
}

/** An OAuth2 scope mapping. */
export interface IScopeMapping {
  /** `!Find` for the mapping. */
  readonly scopeMappingRef: LookupReference;
}

/** Scope mappings that live outside this app. */
export class ScopeMapping {
  /** The mapping for a scope name, e.g. `openid`, `email`, `profile`. */
  public static fromScopeName(scopeName: string): IScopeMapping {
    return { scopeMappingRef: new LookupReference('authentik_providers_oauth2.scopemapping', { scope_name: scopeName }) };
  }

  /** A packaged mapping by its `managed` id, e.g. `goauthentik.io/providers/oauth2/scope-openid`. */
  public static fromManaged(managed: string): IScopeMapping {
    return { scopeMappingRef: new LookupReference('authentik_providers_oauth2.scopemapping', { managed }) };
  }

  private constructor() {}
}
