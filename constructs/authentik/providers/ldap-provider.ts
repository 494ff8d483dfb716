import type { LDAPProviderRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import { AuthentikEntry } from '../authentik-entry';
import { Model, type ICertificateKeyPair, type IFlow, type IPropertyMapping, type IProvider } from '../models';
import type { Attributes } from '../model-schema';
import { registerTypedEntry } from '../private/entry-registry';

type ObjectFields = 'name' | 'authorizationFlow' | 'invalidationFlow' | 'authenticationFlow' | 'propertyMappings' | 'certificate';

/** An LDAP provider. */
export type ILdapProvider = IProvider & { readonly model: typeof Model.LDAP_PROVIDER };

/** Props for `LdapProvider`. */
export interface LdapProviderProps extends BlueprintEntryOptions, Attributes<Omit<LDAPProviderRequest, ObjectFields>> {
  /** Provider name (unique in authentik), its identifier. */
  readonly name: string;
  /**
   * The bind flow: authenticates an LDAP bind, e.g. `Flow.fromSlug('default-authentication-flow')` (required on create).
   * @default - none: only valid with `updatesExisting`
   */
  readonly authorizationFlow?: IFlow;
  /**
   * The unbind flow, run when a client unbinds, e.g. `Flow.fromSlug('default-invalidation-flow')` (required on create).
   * @default - none: only valid with `updatesExisting`
   */
  readonly invalidationFlow?: IFlow;
  /**
   * Flow used when an unauthenticated user opens the application.
   * @default - the brand's authentication flow
   */
  readonly authenticationFlow?: IFlow;
  /**
   * Property mappings applied to the user and group entries served.
   * @default - none
   */
  readonly propertyMappings?: readonly IPropertyMapping[];
  /**
   * Certificate for LDAPS and StartTLS.
   * @default - none: plain LDAP only
   */
  readonly certificate?: ICertificateKeyPair;
}

const SPEC = registerTypedEntry(Model.LDAP_PROVIDER, 'LdapProvider', {
  orderRank: 30,
});

/**
 * An `authentik_providers_ldap.ldapprovider`: an LDAP server view of authentik's users and groups,
 * served by an LDAP outpost (`new Outpost(..., { type: 'ldap', providers: [provider] })`). Binds run the
 * bind flow (`authorizationFlow`); `searchMode`/`bindMode` `cached` trade freshness for speed.
 */
export class LdapProvider extends AuthentikEntry implements ILdapProvider {
  /** An LDAP provider that lives outside this app, by name. */
  public static fromName(name: string): ILdapProvider {
    return new LookupReference(Model.LDAP_PROVIDER, { name });
  }

  declare public readonly model: typeof Model.LDAP_PROVIDER;
  /** Provider name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: LdapProviderProps) {
    super(scope, id, Model.LDAP_PROVIDER, props, SPEC);
    this.name = props?.name;
    this.node.addValidation({ validate: () => this.checkLdap() });
  }

  private checkLdap(): string[] {
    const baseDn = this.props.baseDn;
    if (typeof baseDn === 'string' && !/^[A-Za-z][\w-]*=[^,]+(,\s*[A-Za-z][\w-]*=[^,]+)*$/.test(baseDn)) {
      return [`${this.path}: baseDn ${JSON.stringify(baseDn)} is not a distinguished name; write attribute=value pairs, e.g. "DC=ldap,DC=example,DC=com"`];
    }
    return [];
  }
}
