import type { Construct } from 'constructs';
import { LookupReference, type BlueprintEntryOptions } from '../../blueprint/blueprint-entry';
import type { IAuthentikObject } from '../../blueprint/object-ref';
import { closest, describeGiven } from '../../private/prop-checks';
import { AuthentikEntry, type AuthentikEntrySpec } from '../authentik-entry';
import type { ModelRequestTypes } from '../generated/model-types';
import { Model, PROPERTY_MAPPING_MODELS, type IPropertyMapping } from '../models';
import type { Attributes } from '../model-schema';
import { registerTypedEntry } from '../private/entry-registry';
import { checkIdentifyBy, specIdentifiedBy, type MappingIdentifier } from '../private/identify-by';

/** Every property mapping model `PropertyMapping` writes: all but the base model and scope mappings (`ScopeMapping`). */
export const PROPERTY_MAPPING_ENTRY_MODELS = PROPERTY_MAPPING_MODELS.filter(
  (m): m is Exclude<typeof PROPERTY_MAPPING_MODELS[number], typeof Model.BASE_PROPERTY_MAPPING | typeof Model.SCOPE_MAPPING> =>
    m !== Model.BASE_PROPERTY_MAPPING && m !== Model.SCOPE_MAPPING,
);

/** A property mapping model `PropertyMapping` writes, e.g. `authentik_sources_ldap.ldapsourcepropertymapping`. */
export type PropertyMappingModel = typeof PROPERTY_MAPPING_ENTRY_MODELS[number];

/** Options of every `PropertyMapping`, whatever its model. */
export interface PropertyMappingOptions<M extends PropertyMappingModel> extends BlueprintEntryOptions {
  /** The mapping model, e.g. `authentik_sources_ldap.ldapsourcepropertymapping`; it types the other props. */
  readonly model: M;
  /**
   * Name, unique among all property mappings (required when the mapping is created).
   * @default - none: only valid with `identifyBy: 'managed'` and `updatesExisting`
   */
  readonly name?: string;
  /**
   * The field authentik matches the mapping by: its `name`, or `managed` for a packaged mapping
   * (authentik's own blueprints identify theirs by `managed`, so renaming them stays possible).
   * @default 'name'
   */
  readonly identifyBy?: MappingIdentifier;
}

/** Props for `PropertyMapping`: the common options plus the fields of the model's API request type. */
export type PropertyMappingProps<M extends PropertyMappingModel> = PropertyMappingOptions<M>
  & Attributes<Omit<ModelRequestTypes[M], 'name'>>;

const SPEC = { ownProps: ['model', 'identifyBy'], orderRank: 25 } as const;
// one class for every mapping model: the importer finds it by any of them (and passes `model`); an
// instance uses its model's spec, whose reference props come from the catalog (and, for a model no
// mapping has, which is reported, a spec without them)
const SPECS = new Map<string, AuthentikEntrySpec>(PROPERTY_MAPPING_ENTRY_MODELS.map((model) => [model, registerTypedEntry(model, 'PropertyMapping', SPEC)]));
const UNKNOWN_MODEL_SPEC: AuthentikEntrySpec = { ...SPEC, identifiers: ['name'] };

/**
 * A property mapping of any model but scope mappings (`ScopeMapping` writes those): LDAP, SAML,
 * SCIM, RAC, RADIUS, Kerberos, OAuth, Plex, Telegram source and provider mappings, webhook mappings.
 * Its props are typed by `model`.
 *
 * @example
 * new PropertyMapping(bp, 'LdapName', {
 *   model: 'authentik_sources_ldap.ldapsourcepropertymapping',
 *   name: 'LDAP name', expression: 'return {"name": ldap.get("cn")}',
 * });
 */
export class PropertyMapping<M extends PropertyMappingModel = PropertyMappingModel> extends AuthentikEntry implements IAuthentikObject<M> {
  /** The property mapping with this name, of any mapping model, living outside this app. */
  public static fromName(name: string): IPropertyMapping {
    return new LookupReference(Model.BASE_PROPERTY_MAPPING, { name });
  }

  /** A packaged mapping by its `managed` id, e.g. `goauthentik.io/sources/ldap/default-name`. */
  public static fromManaged(managed: string): IPropertyMapping {
    return new LookupReference(Model.BASE_PROPERTY_MAPPING, { managed });
  }

  declare public readonly model: M;
  /** Name, when given. */
  public readonly name?: string;

  constructor(scope: Construct, id: string, props: PropertyMappingProps<M>) {
    const given = (props ?? {}) as PropertyMappingOptions<M>;
    const model = typeof given.model === 'string' ? given.model : String(given.model);
    super(scope, id, model, props, specIdentifiedBy(SPECS.get(model) ?? UNKNOWN_MODEL_SPEC, given.identifyBy));
    this.name = given.name;
    this.node.addValidation({ validate: () => [...checkModel(this.path, given.model), ...checkIdentifyBy(this.path, given.identifyBy)] });
  }
}

function checkModel(where: string, model: unknown): string[] {
  if (typeof model === 'string' && (PROPERTY_MAPPING_ENTRY_MODELS as readonly string[]).includes(model)) return [];
  if (model === Model.SCOPE_MAPPING) {
    return [`${where}: model ${model} is written by ScopeMapping (it has a scope name); use new ScopeMapping(...) instead`];
  }
  const suggestion = typeof model === 'string' ? closest(model, PROPERTY_MAPPING_ENTRY_MODELS) : undefined;
  return [`${where}: model ${describeGiven(model)} is not a property mapping model${suggestion ? `; did you mean "${suggestion}"?` : ''} `
    + `(property mapping models: ${PROPERTY_MAPPING_ENTRY_MODELS.join(', ')})`];
}
