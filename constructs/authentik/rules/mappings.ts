/** authentik's judgement of property mappings, and of the mappings a provider or source is given. */
import { PROPERTY_MAPPING_MODELS, SOURCE_MODELS } from '../models';
import { expressionProblems } from './policies';
import { referencedModel, show, type EntryRule } from './rule';
import { ModelName } from '../../catalog/model-facts';

const BASE_MAPPING = PROPERTY_MAPPING_MODELS[0];
const SCOPE = ModelName.SCOPEMAPPING;
const SAML = ModelName.SAMLPROPERTYMAPPING;

/** Provider model → mapping fields → the one mapping model authentik reads there. */
const PROVIDER_FAMILIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
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
for (const source of SOURCE_MODELS.slice(1)) {
  const mapping = `${source}propertymapping`;
  if ((PROPERTY_MAPPING_MODELS as readonly string[]).includes(mapping)) {
    (PROVIDER_FAMILIES as Record<string, Record<string, string>>)[source] = { user_property_mappings: mapping, group_property_mappings: mapping };
  }
}

export const MAPPING_RULES: readonly EntryRule[] = [
  {
    id: 'property-mapping-expression-compiles',
    source: 'authentik/core/api/property_mappings.py',
    models: PROPERTY_MAPPING_MODELS.slice(1),
    check: ({ path, fields }) => expressionProblems(path, fields.expression, 'property mapping'),
  },
  {
    id: 'mappings-of-the-provider-family',
    source: 'authentik/core/models.py',
    models: Object.keys(PROVIDER_FAMILIES),
    check: ({ path, model, fields }) => {
      const problems: string[] = [];
      for (const [field, family] of Object.entries(PROVIDER_FAMILIES[model] ?? {})) {
        const value = fields[field];
        const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
        items.forEach((item, i) => {
          const got = referencedModel(item);
          if (got === undefined || got === family || got === BASE_MAPPING) return;
          problems.push(`${path}.${field}${Array.isArray(value) ? `[${i}]` : ''}: ${show(item)} is a ${got}, but ${model} reads only ${family} `
            + `there; authentik stores the link and silently ignores the mapping, so its claims or attributes never appear; use a mapping of that family`);
        });
      }
      return problems;
    },
  },
];
