/**
 * The mapping model each provider and source reads in its mapping fields; a mapping of another family
 * is stored and ignored (authentik/core/models.py). Hand-written; read by the rule
 * `mappings-of-the-provider-family` (constructs/authentik/rules/mappings.ts).
 */
import { CONCRETE_PROPERTY_MAPPING_MODELS, CONCRETE_SOURCE_MODELS, ModelName } from './generated/model-names';

const SCOPE = ModelName.SCOPEMAPPING;
const SAML = ModelName.SAMLPROPERTYMAPPING;

/** Provider or source model → mapping fields → the one mapping model authentik reads there. */
export const MAPPING_FAMILIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [ModelName.OAUTH2PROVIDER]: { property_mappings: SCOPE },
  [ModelName.PROXYPROVIDER]: { property_mappings: SCOPE },
  [ModelName.SAMLPROVIDER]: { property_mappings: SAML, name_id_mapping: SAML, authn_context_class_ref_mapping: SAML },
  [ModelName.SCIMPROVIDER]: { property_mappings: ModelName.SCIMMAPPING, property_mappings_group: ModelName.SCIMMAPPING },
  [ModelName.RACPROVIDER]: { property_mappings: ModelName.RACPROPERTYMAPPING },
  [ModelName.RADIUSPROVIDER]: { property_mappings: ModelName.RADIUSPROVIDERPROPERTYMAPPING },
  [ModelName.GOOGLEWORKSPACEPROVIDER]: {
    property_mappings: ModelName.GOOGLEWORKSPACEPROVIDERMAPPING,
    property_mappings_group: ModelName.GOOGLEWORKSPACEPROVIDERMAPPING,
  },
  [ModelName.MICROSOFTENTRAPROVIDER]: {
    property_mappings: ModelName.MICROSOFTENTRAPROVIDERMAPPING,
    property_mappings_group: ModelName.MICROSOFTENTRAPROVIDERMAPPING,
  },
};

// a source of authentik_sources_x.xsource reads authentik_sources_x.xsourcepropertymapping
for (const source of CONCRETE_SOURCE_MODELS) {
  const mapping = `${source}propertymapping`;
  if ((CONCRETE_PROPERTY_MAPPING_MODELS as readonly string[]).includes(mapping)) {
    (MAPPING_FAMILIES as Record<string, Record<string, string>>)[source] = { user_property_mappings: mapping, group_property_mappings: mapping };
  }
}
