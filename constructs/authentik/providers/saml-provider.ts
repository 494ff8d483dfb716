import type { SAMLProviderRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import { AuthentikEntry } from '../authentik-entry';
import { type ICertificateKeyPair, type IFlow, type IPropertyMapping, type IProvider } from '../models';
import type { Attributes } from '../model-schema';
import type { SamlProviderReleaseProps } from '../release-props';
import type { Tag } from '../../blueprint/tags';
import { ModelName } from '../../catalog/model-facts';
import { registerTypedEntry } from '../private/entry-registry';

const MODEL = ModelName.SAMLPROVIDER;

type ObjectFields = 'name' | 'authorizationFlow' | 'invalidationFlow' | 'authenticationFlow' | 'propertyMappings' | 'signingKp'
  | 'verificationKp' | 'encryptionKp' | 'nameIdMapping' | 'authnContextClassRefMapping';

/** A SAML provider. */
export type ISamlProvider = IProvider & { readonly model: typeof MODEL };

/** Props for `SamlProvider`. */
export interface SamlProviderProps extends BlueprintEntryOptions, SamlProviderReleaseProps, Attributes<Omit<SAMLProviderRequest, ObjectFields>> {
  /** Provider name (unique in authentik), its identifier. */
  readonly name: string;
  /**
   * The issuer (EntityID) the provider writes (authentik 2026.2 only: 2026.5 generates the issuer and
   * renamed this field `issuer_override`, so from 2026.5 write `issuerOverride`).
   * @default - authentik's default issuer
   */
  readonly issuer?: string | Tag;
  /**
   * Flow that authorizes a login (required on create).
   * @default - none: only valid with `updatesExisting`
   */
  readonly authorizationFlow?: IFlow;
  /**
   * Flow that ends the session (required on create).
   * @default - none: only valid with `updatesExisting`
   */
  readonly invalidationFlow?: IFlow;
  /**
   * Flow used when an unauthenticated user opens the application.
   * @default - the brand's authentication flow
   */
  readonly authenticationFlow?: IFlow;
  /**
   * SAML property mappings that fill the assertion's attributes.
   * @default - none
   */
  readonly propertyMappings?: readonly IPropertyMapping[];
  /**
   * Mapping whose result becomes the NameID.
   * @default - by the NameID policy the request asks for
   */
  readonly nameIdMapping?: IPropertyMapping;
  /**
   * Mapping whose result becomes the AuthnContextClassRef.
   * @default - derived from the login's authentication methods
   */
  readonly authnContextClassRefMapping?: IPropertyMapping;
  /**
   * Key that signs assertions and responses.
   * @default - nothing is signed
   */
  readonly signingKp?: ICertificateKeyPair;
  /**
   * Certificate that verifies the service provider's signed requests.
   * @default - request signatures are not checked
   */
  readonly verificationKp?: ICertificateKeyPair;
  /**
   * Certificate whose key encrypts assertions.
   * @default - assertions are not encrypted
   */
  readonly encryptionKp?: ICertificateKeyPair;
}

const SPEC = registerTypedEntry(MODEL, 'SamlProvider', {
  orderRank: 30,
});

/** An `authentik_providers_saml.samlprovider`: authentik as SAML identity provider for one service provider (`acsUrl`). */
export class SamlProvider extends AuthentikEntry implements ISamlProvider {
  /** A SAML provider that lives outside this app, by name. */
  public static fromName(name: string): ISamlProvider {
    return new LookupReference(MODEL, { name });
  }

  declare public readonly model: typeof MODEL;
  /** Provider name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: SamlProviderProps) {
    super(scope, id, MODEL, props, SPEC);
    this.name = props?.name;
    this.node.addValidation({ validate: () => this.checkSaml() });
  }

  private checkSaml(): string[] {
    const problems: string[] = [];
    // acsUrl and slsUrl are acs_url and sls_url, judged by the URL rule (rules/urls.ts) as authentik's validator does
    const signs = this.props.signAssertion === true || this.props.signResponse === true;
    if (signs && this.props.signingKp === undefined && !this.updatesExisting) {
      problems.push(`${this.path}: signAssertion/signResponse ask for signatures but no signingKp is given; pass signingKp (e.g. CertificateKeyPair.fromName(...))`);
    }
    return problems;
  }
}
