/** authentik's judgement of outposts. */
import { Model } from '../models';
import { describeObject, isKnown, referencedModel, show, type EntryRule } from './rule';
import { BaseModel } from '../../catalog/model-facts';
import { OUTPOST_PROVIDER_MODELS } from '../../catalog/outpost-facts';

const EMBEDDED_NAME = 'authentik Embedded Outpost';
const BASE_PROVIDER = BaseModel.PROVIDER;

/** The provider model each type of outpost serves (`validate_providers`' type map, from the catalog). */
const PROVIDER_BY_TYPE: Readonly<Record<string, string>> = OUTPOST_PROVIDER_MODELS;
const EMBEDDED_MANAGED = 'goauthentik.io/outposts/embedded';

/** The fields of `OutpostConfig` (a dataclass read with dacite) and the JSON types each takes. */
const CONFIG_TYPES: Readonly<Record<string, { types: readonly string[]; shown: string }>> = {
  authentik_host: { types: ['string'], shown: 'str' },
  authentik_host_insecure: { types: ['boolean'], shown: 'bool' },
  authentik_host_browser: { types: ['string'], shown: 'str' },
  log_level: { types: ['string'], shown: 'str' },
  object_naming_template: { types: ['string'], shown: 'str' },
  refresh_interval: { types: ['string'], shown: 'str' },
  container_image: { types: ['string', 'null'], shown: 'str | None' },
  docker_network: { types: ['string', 'null'], shown: 'str | None' },
  docker_map_ports: { types: ['boolean'], shown: 'bool' },
  docker_labels: { types: ['object', 'null'], shown: 'dict[str, str] | None' },
  kubernetes_replicas: { types: ['integer'], shown: 'int' },
  kubernetes_namespace: { types: ['string'], shown: 'str' },
  kubernetes_ingress_annotations: { types: ['object'], shown: 'dict[str, str]' },
  kubernetes_ingress_secret_name: { types: ['string'], shown: 'str' },
  kubernetes_ingress_class_name: { types: ['string', 'null'], shown: 'str | None' },
  kubernetes_ingress_path_type: { types: ['string', 'null'], shown: 'str | None' },
  kubernetes_httproute_annotations: { types: ['object'], shown: 'dict[str, str]' },
  kubernetes_httproute_parent_refs: { types: ['array'], shown: 'list[dict[str, str]]' },
  kubernetes_service_type: { types: ['string'], shown: 'str' },
  kubernetes_disabled_components: { types: ['array'], shown: 'list[str]' },
  kubernetes_image_pull_secrets: { types: ['array'], shown: 'list[str]' },
  kubernetes_json_patches: { types: ['object', 'null'], shown: 'dict[str, list[dict]] | None' },
};

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export const OUTPOST_RULES: readonly EntryRule[] = [
  {
    id: 'outpost-providers-match-its-type',
    source: 'authentik/outposts/api/outposts.py',
    models: [Model.OUTPOST],
    check: ({ path, fields }) => {
      const { type, providers } = fields;
      const served = typeof type === 'string' ? PROVIDER_BY_TYPE[type] : undefined;
      if (!served || !Array.isArray(providers)) return [];
      const problems: string[] = [];
      providers.forEach((provider, i) => {
        const model = referencedModel(provider);
        if (model === undefined || model === served || model === BASE_PROVIDER) return;
        problems.push(`${path}: providers[${i}]: a ${type} outpost serves ${served} providers only, not ${describeObject(provider)}; authentik `
          + `refuses it ("Outpost type ${type} can't be used with … providers"); give the provider an outpost of its own type`);
      });
      return problems;
    },
  },
  {
    id: 'outpost-has-providers',
    source: 'authentik/outposts/api/outposts.py',
    models: [Model.OUTPOST],
    check: ({ path, fields, updatesExisting }) => {
      const { providers, name, managed } = fields;
      if (name === EMBEDDED_NAME || managed === EMBEDDED_MANAGED) return [];
      if (providers !== undefined && !Array.isArray(providers)) return [];
      if (Array.isArray(providers) ? providers.length > 0 : updatesExisting) return [];
      return [`${path}.providers: ${show(providers ?? [])}: authentik refuses an outpost without providers ("This list may not be empty"; `
        + 'only the embedded outpost may have none); give the providers it serves'];
    },
  },
  {
    id: 'outpost-config-types',
    source: 'authentik/outposts/models.py',
    models: [Model.OUTPOST],
    check: ({ path, fields }) => {
      const config = fields.config;
      if (config === null || typeof config !== 'object' || Array.isArray(config) || !isKnown(config)) return [];
      const problems: string[] = [];
      for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
        const expected = CONFIG_TYPES[key];
        if (!expected || value === undefined || !isKnown(value)) continue;
        const type = jsonType(value);
        // dacite accepts a bool where an int is due (bool is an int in Python); not the other way
        if (expected.types.includes(type) || (type === 'boolean' && expected.types.includes('integer'))) continue;
        problems.push(`${path}.config.${key}: ${show(value)} is not a ${expected.shown}; authentik reads the config with dacite and refuses `
          + `it ("Failed to validate config: wrong value type for field \\"${key}\\""); write a ${expected.shown}`);
      }
      return problems;
    },
  },
];
