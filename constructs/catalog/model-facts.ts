/**
 * Hand-written facts about authentik's model names that no API document states: the base models a
 * `!Find` may search (they have no API of their own and are in no release's `ModelEnum`), the models
 * a policy binding may target, the friendly names constructs and users write (`Model.FLOW`), and the
 * concrete models of each family with their base. The names themselves are generated
 * (`./generated/model-names.ts`, from the catalogs); this file and the rest of `constructs/catalog/`
 * are the only places a model name is written (test/model-names-in-catalog.test.ts).
 */
import {
  CONCRETE_POLICY_MODELS, CONCRETE_PROPERTY_MAPPING_MODELS, CONCRETE_PROVIDER_MODELS, CONCRETE_SERVICE_CONNECTION_MODELS, CONCRETE_SOURCE_MODELS,
  CONCRETE_STAGE_MODELS, ModelName,
} from './generated/model-names';

export { ModelName, type ModelNameValue } from './generated/model-names';

/**
 * authentik's base models: a `!Find` in one finds an object of any of its concrete models
 * (django-model-utils' InheritanceManager, e.g. `Stage.objects.select_subclasses()` in
 * authentik/flows/models.py; the blueprint importer's `!Find` queries `model.objects`,
 * authentik/blueprints/v1/common.py `Find`).
 */
export const BaseModel = {
  /** authentik/flows/models.py `Stage` */
  STAGE: 'authentik_flows.stage',
  /** authentik/policies/models.py `Policy` */
  POLICY: 'authentik_policies.policy',
  /** authentik/core/models.py `Provider` */
  PROVIDER: 'authentik_core.provider',
  /** authentik/core/models.py `PropertyMapping` */
  PROPERTY_MAPPING: 'authentik_core.propertymapping',
  /** authentik/core/models.py `Source` */
  SOURCE: 'authentik_core.source',
  /** authentik/outposts/models.py `OutpostServiceConnection` */
  SERVICE_CONNECTION: 'authentik_outposts.outpostserviceconnection',
  /** authentik/policies/models.py `PolicyBindingModel`: what a policy binding's `target` points at */
  POLICY_BINDING_MODEL: 'authentik_policies.policybindingmodel',
} as const;

/**
 * The prefix of the meta models (`authentik_blueprints.metaapplyblueprint`, …), which the importer
 * runs instead of saving (authentik/blueprints/v1/meta/registry.py, `BaseMetaModel`): they hold no object.
 */
export const META_MODEL_PREFIX = 'authentik_blueprints.meta';

/** Whether `model` is a meta model (no object in authentik). */
export function isMetaModel(model: string): boolean {
  return model.startsWith(META_MODEL_PREFIX);
}

/**
 * Model names (`app_label.model_name`) that constructs and lookups refer to, by the names users write.
 * A kind spanning several models (a stage, a provider, a policy) includes the base model, which a
 * `!Find` may look objects up in.
 */
export const Model = {
  APPLICATION: ModelName.APPLICATION,
  GROUP: ModelName.GROUP,
  USER: ModelName.USER,
  TOKEN: ModelName.TOKEN,
  BRAND: ModelName.BRAND,
  CERTIFICATE_KEY_PAIR: ModelName.CERTIFICATEKEYPAIR,
  FLOW: ModelName.FLOW,
  FLOW_STAGE_BINDING: ModelName.FLOWSTAGEBINDING,
  POLICY_BINDING: ModelName.POLICYBINDING,
  OUTPOST: ModelName.OUTPOST,
  ROLE: ModelName.ROLE,
  BLUEPRINT_INSTANCE: ModelName.BLUEPRINTINSTANCE,
  META_APPLY_BLUEPRINT: ModelName.METAAPPLYBLUEPRINT,
  NOTIFICATION_RULE: ModelName.NOTIFICATIONRULE,
  NOTIFICATION_TRANSPORT: ModelName.NOTIFICATIONTRANSPORT,
  PROMPT: ModelName.PROMPT,
  INVITATION: ModelName.INVITATION,
  // providers
  OAUTH2_PROVIDER: ModelName.OAUTH2PROVIDER,
  PROXY_PROVIDER: ModelName.PROXYPROVIDER,
  LDAP_PROVIDER: ModelName.LDAPPROVIDER,
  // property mappings
  SCOPE_MAPPING: ModelName.SCOPEMAPPING,
  // policies
  EXPRESSION_POLICY: ModelName.EXPRESSIONPOLICY,
  PASSWORD_POLICY: ModelName.PASSWORDPOLICY,
  REPUTATION_POLICY: ModelName.REPUTATIONPOLICY,
  EVENT_MATCHER_POLICY: ModelName.EVENTMATCHERPOLICY,
  // stages
  IDENTIFICATION_STAGE: ModelName.IDENTIFICATIONSTAGE,
  PASSWORD_STAGE: ModelName.PASSWORDSTAGE,
  AUTHENTICATOR_VALIDATE_STAGE: ModelName.AUTHENTICATORVALIDATESTAGE,
  USER_LOGIN_STAGE: ModelName.USERLOGINSTAGE,
  USER_LOGOUT_STAGE: ModelName.USERLOGOUTSTAGE,
  USER_WRITE_STAGE: ModelName.USERWRITESTAGE,
  PROMPT_STAGE: ModelName.PROMPTSTAGE,
  CONSENT_STAGE: ModelName.CONSENTSTAGE,
  CAPTCHA_STAGE: ModelName.CAPTCHASTAGE,
  EMAIL_STAGE: ModelName.EMAILSTAGE,
  INVITATION_STAGE: ModelName.INVITATIONSTAGE,
  // base models: a `!Find` in them finds an object of any of their concrete models
  BASE_STAGE: BaseModel.STAGE,
  BASE_POLICY: BaseModel.POLICY,
  BASE_PROVIDER: BaseModel.PROVIDER,
  BASE_PROPERTY_MAPPING: BaseModel.PROPERTY_MAPPING,
  BASE_SOURCE: BaseModel.SOURCE,
  BASE_SERVICE_CONNECTION: BaseModel.SERVICE_CONNECTION,
} as const;

/** Every stage model, the base model included. */
export const STAGE_MODELS = [BaseModel.STAGE, ...CONCRETE_STAGE_MODELS] as const;

/** Every policy model, the base model included. */
export const POLICY_MODELS = [BaseModel.POLICY, ...CONCRETE_POLICY_MODELS] as const;

/** Every provider model, the base model included. */
export const PROVIDER_MODELS = [BaseModel.PROVIDER, ...CONCRETE_PROVIDER_MODELS] as const;

/** Every property mapping model (scope mappings included), the base model included. */
export const PROPERTY_MAPPING_MODELS = [BaseModel.PROPERTY_MAPPING, ...CONCRETE_PROPERTY_MAPPING_MODELS] as const;

/** Every source model, the base model included. */
export const SOURCE_MODELS = [BaseModel.SOURCE, ...CONCRETE_SOURCE_MODELS] as const;

/** Outpost service connections (Docker, Kubernetes), the base model included. */
export const SERVICE_CONNECTION_MODELS = [BaseModel.SERVICE_CONNECTION, ...CONCRETE_SERVICE_CONNECTION_MODELS] as const;

/**
 * Models a policy, group or user can be bound to: subclasses of authentik's `PolicyBindingModel`
 * (authentik/policies/models.py; Application, Flow, FlowStageBinding, NotificationRule, Source,
 * DeviceAccessGroup).
 */
export const POLICY_BINDING_TARGET_MODELS = [
  ModelName.APPLICATION,
  ModelName.FLOW,
  ModelName.FLOWSTAGEBINDING,
  ModelName.NOTIFICATIONRULE,
  ModelName.DEVICEACCESSGROUP,
  BaseModel.POLICY_BINDING_MODEL,
  ...SOURCE_MODELS,
] as const;

/** The base model of each base, and the concrete models a `!Find` in it may find. */
export const BASE_MODEL_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  [BaseModel.STAGE]: CONCRETE_STAGE_MODELS,
  [BaseModel.POLICY]: CONCRETE_POLICY_MODELS,
  [BaseModel.PROVIDER]: CONCRETE_PROVIDER_MODELS,
  [BaseModel.PROPERTY_MAPPING]: CONCRETE_PROPERTY_MAPPING_MODELS,
  [BaseModel.SOURCE]: CONCRETE_SOURCE_MODELS,
  [BaseModel.SERVICE_CONNECTION]: CONCRETE_SERVICE_CONNECTION_MODELS,
};
