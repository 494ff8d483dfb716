/** authentik's judgement of property mappings, and of the mappings a provider or source is given. */
import { PROPERTY_MAPPING_MODELS } from '../models';
import { expressionProblems } from './policies';
import { referencedModel, show, type EntryRule } from './rule';
import { MAPPING_FAMILIES as PROVIDER_FAMILIES } from '../../catalog/mapping-families';

const BASE_MAPPING = PROPERTY_MAPPING_MODELS[0];
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
