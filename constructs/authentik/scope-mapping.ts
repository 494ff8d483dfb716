import type { ScopeMappingRequest } from '@goauthentik/api';
import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../blueprint/blueprint-entry';
import { AuthentikEntry } from './authentik-entry';
import { registerTypedEntry } from './private/entry-registry';
import { checkIdentifyBy, specIdentifiedBy, type MappingIdentifier } from './private/identify-by';
import { Model, type IScopeMapping } from './models';
import type { Attributes } from './model-schema';

/** Props for `ScopeMapping`. */
export interface ScopeMappingProps extends BlueprintEntryOptions, Attributes<Omit<ScopeMappingRequest, 'name'>> {
  /**
   * Name, the identifier (required when the mapping is created).
   * @default - none: only valid with `identifyBy: 'managed'` and `updatesExisting`
   */
  readonly name?: string;
  /**
   * The field authentik matches the mapping by: its `name`, or `managed` for a packaged mapping
   * (authentik's own scope mappings are identified by `managed`).
   * @default 'name'
   */
  readonly identifyBy?: MappingIdentifier;
}


const SPEC = registerTypedEntry(Model.SCOPE_MAPPING, 'ScopeMapping', { orderRank: 25 });

/**
 * An `authentik_providers_oauth2.scopemapping`: a scope an OAuth2 provider offers and the Python
 * expression that fills its claims.
 */
export class ScopeMapping extends AuthentikEntry implements IScopeMapping {
  /** The mapping for a scope name, e.g. `openid`, `email`, `profile`. */
  public static fromScopeName(scopeName: string): IScopeMapping & { readonly scopeName: string } {
    return Object.assign(new LookupReference(Model.SCOPE_MAPPING, { scope_name: scopeName }), { scopeName });
  }

  /** A packaged mapping by its `managed` id, e.g. `goauthentik.io/providers/oauth2/scope-openid`. */
  public static fromManaged(managed: string): IScopeMapping {
    return new LookupReference(Model.SCOPE_MAPPING, { managed });
  }

  declare public readonly model: typeof Model.SCOPE_MAPPING;
  /** Name, when given. */
  public readonly name?: string;

  constructor(scope: Construct, id: string, props: ScopeMappingProps) {
    super(scope, id, Model.SCOPE_MAPPING, props, specIdentifiedBy(SPEC, props?.identifyBy));
    this.name = props?.name;
    this.node.addValidation({ validate: () => checkIdentifyBy(this.path, props?.identifyBy) });
  }

  /** The scope it serves. */
  public get scopeName(): string | undefined {
    return typeof this.props.scopeName === 'string' ? this.props.scopeName : undefined;
  }
}
