import type { IAuthentikObject } from '../blueprint/object-ref';
import type {
  Model, POLICY_BINDING_TARGET_MODELS, POLICY_MODELS, PROPERTY_MAPPING_MODELS, PROVIDER_MODELS, SERVICE_CONNECTION_MODELS, SOURCE_MODELS,
  STAGE_MODELS,
} from '../catalog/model-facts';

/**
 * Model names and kinds of object, as constructs and users write them. The facts live in the catalog
 * (`constructs/catalog/`: the generated `ModelName`, the hand-written base models, families and kinds);
 * this module re-exports them under their public names and types the references (`IFlow`, `IStage`, …).
 */
export {
  BaseModel, Model, ModelName, POLICY_BINDING_TARGET_MODELS, POLICY_MODELS, PROPERTY_MAPPING_MODELS, PROVIDER_MODELS, SERVICE_CONNECTION_MODELS,
  SOURCE_MODELS, STAGE_MODELS, type ModelNameValue,
} from '../catalog/model-facts';
export { Kind, type ObjectKind } from '../catalog/object-kinds';

/** A flow. */
export type IFlow = IAuthentikObject<typeof Model.FLOW>;
/** A stage of any kind. */
export type IStage = IAuthentikObject<typeof STAGE_MODELS[number]>;
/** A flow-stage binding. */
export type IFlowStageBinding = IAuthentikObject<typeof Model.FLOW_STAGE_BINDING>;
/** A policy of any kind. */
export type IPolicy = IAuthentikObject<typeof POLICY_MODELS[number]>;
/** Something policies, groups and users can be bound to: an application, a flow, a flow-stage binding, … */
export type IPolicyBindingTarget = IAuthentikObject<typeof POLICY_BINDING_TARGET_MODELS[number]>;
/** A user (a service account included). */
export type IUser = IAuthentikObject<typeof Model.USER>;
/** An RBAC role. */
export type IRole = IAuthentikObject<typeof Model.ROLE>;
/** A provider of any kind. */
export type IProvider = IAuthentikObject<typeof PROVIDER_MODELS[number]>;
/** An application. */
export type IApplication = IAuthentikObject<typeof Model.APPLICATION>;
/** A property mapping of any kind, scope mappings included. */
export type IPropertyMapping = IAuthentikObject<typeof PROPERTY_MAPPING_MODELS[number]>;
/** An OAuth2 scope mapping, or a lookup in the base property-mapping model. */
export type IScopeMapping = IAuthentikObject<typeof Model.SCOPE_MAPPING | typeof Model.BASE_PROPERTY_MAPPING>;
/** A certificate-key pair. */
export type ICertificateKeyPair = IAuthentikObject<typeof Model.CERTIFICATE_KEY_PAIR>;
/** A source of any kind. */
export type ISource = IAuthentikObject<typeof SOURCE_MODELS[number]>;
/** A prompt field. */
export type IPrompt = IAuthentikObject<typeof Model.PROMPT>;
/** An outpost. */
export type IOutpost = IAuthentikObject<typeof Model.OUTPOST>;
/** An outpost service connection. */
export type IServiceConnection = IAuthentikObject<typeof SERVICE_CONNECTION_MODELS[number]>;
/** A notification transport. */
export type INotificationTransport = IAuthentikObject<typeof Model.NOTIFICATION_TRANSPORT>;
