// the mappings of authentik 2026.2 as typed constructs
export {
  PROPERTY_MAPPING_ENTRY_MODELS, PropertyMapping, type PropertyMappingModel, type PropertyMappingOptions, type PropertyMappingProps,
} from './property-mapping';
