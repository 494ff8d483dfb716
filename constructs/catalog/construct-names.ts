/**
 * Hand-written facts the generator of the low-level constructs (`scripts/generate.ts`, `l1Constructs`)
 * needs about model names: which models' `name` is no natural key, and the class names of models
 * the API has no request schema for.
 */
import { ModelName } from './generated/model-names';

// models whose `name` is a label, not unique, so it is no natural key (the entry must say what authentik finds it by):
// an authenticator device's name (django_otp's `Device.name`, authentik/stages/authenticator/models.py), a RAC
// endpoint's (authentik/enterprise/providers/rac/models.py: `Endpoint.name = models.TextField()`), an application
// entitlement's (authentik/core/models.py: unique together with its application)
export const NAME_NOT_UNIQUE: readonly RegExp[] = [/^authentik_stages_authenticator_[a-z_]+\.[a-z]+device$/, /^authentik_providers_rac\.endpoint$/, /^authentik_core\.applicationentitlement$/];

// class names for models the API has no request schema for (their model names run the words together)
export const SCHEMALESS_NAMES: Readonly<Record<string, string>> = {
  [ModelName.AGENTDEVICEUSERBINDING]: 'AgentDeviceUserBinding',
  [ModelName.DATAEXPORT]: 'DataExport',
  [ModelName.GRANTREQUEST]: 'GrantRequest',
};
