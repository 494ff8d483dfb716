/**
 * The kinds of object authentik expects in its relation fields: a name for messages, the models an
 * object of the kind may have, and how to get one (hand-written words; the models come from
 * `./model-facts.ts`).
 */
import {
  Model, ModelName, POLICY_BINDING_TARGET_MODELS, POLICY_MODELS, PROPERTY_MAPPING_MODELS, PROVIDER_MODELS, SERVICE_CONNECTION_MODELS, SOURCE_MODELS,
  STAGE_MODELS,
} from './model-facts';

/** A kind of object authentik expects in a relation field: a name for messages and its models. */
export interface ObjectKind {
  /** For messages, e.g. `a flow`. */
  readonly noun: string;
  /** The models an object of this kind may have. */
  readonly models: readonly string[];
  /** How to get one, for messages. */
  readonly hint: string;
}

function kind(noun: string, models: readonly string[], hint: string): ObjectKind {
  return { noun, models, hint };
}

/** The kinds of object relation fields expect. */
export const Kind = {
  FLOW: kind('a flow', [Model.FLOW], 'a Flow, Flow.fromSlug(...) or a ModelEntry of authentik_flows.flow'),
  STAGE: kind('a stage', STAGE_MODELS, 'a stage construct, Stage.fromName(...) or a ModelEntry of a stage model'),
  FLOW_STAGE_BINDING: kind('a flow-stage binding', [Model.FLOW_STAGE_BINDING], 'a FlowStageBinding'),
  POLICY: kind('a policy', POLICY_MODELS, 'a policy construct, Policy.fromName(...) or a ModelEntry of a policy model'),
  POLICY_BINDING_TARGET: kind('an application, flow or flow-stage binding (a policy binding target)', POLICY_BINDING_TARGET_MODELS,
    'an Application, Flow or FlowStageBinding, or their lookups'),
  GROUP: kind('a group', [Model.GROUP], 'a Group, Group.fromName(...) or a ModelEntry of authentik_core.group'),
  USER: kind('a user', [Model.USER], 'a ServiceAccount, User.fromUsername(...) or a ModelEntry of authentik_core.user'),
  ROLE: kind('a role', [Model.ROLE], 'a Role, Role.fromName(...) or a ModelEntry of authentik_rbac.role'),
  PROVIDER: kind('a provider', PROVIDER_MODELS, 'a provider construct, Provider.fromName(...) or a ModelEntry of a provider model'),
  APPLICATION: kind('an application', [Model.APPLICATION], 'an Application or Application.fromSlug(...)'),
  PROPERTY_MAPPING: kind('a property mapping', PROPERTY_MAPPING_MODELS,
    'a ScopeMapping or PropertyMapping, their lookups, or a ModelEntry of a mapping model'),
  CERTIFICATE_KEY_PAIR: kind('a certificate-key pair', [Model.CERTIFICATE_KEY_PAIR],
    'a CertificateKeyPair or CertificateKeyPair.fromName(...)'),
  SOURCE: kind('a source', SOURCE_MODELS, 'Source.fromSlug(...) or a ModelEntry of a source model'),
  PROMPT: kind('a prompt', [Model.PROMPT], 'a Prompt or Prompt.fromName(...)'),
  OUTPOST: kind('an outpost', [Model.OUTPOST], 'an Outpost or Outpost.fromName(...)'),
  SERVICE_CONNECTION: kind('an outpost service connection', SERVICE_CONNECTION_MODELS, 'ServiceConnection.fromName(...)'),
  NOTIFICATION_TRANSPORT: kind('a notification transport', [Model.NOTIFICATION_TRANSPORT], 'a ModelEntry of authentik_events.notificationtransport'),
  WEBHOOK_MAPPING: kind('a webhook mapping', [ModelName.NOTIFICATIONWEBHOOKMAPPING, Model.BASE_PROPERTY_MAPPING],
    `a PropertyMapping of model '${ModelName.NOTIFICATIONWEBHOOKMAPPING}', or PropertyMapping.fromName(...)`),
  BLUEPRINT_INSTANCE: kind('a blueprint instance', [Model.BLUEPRINT_INSTANCE], 'a Blueprint or BlueprintInstance.fromName(...)'),
} as const satisfies Record<string, ObjectKind>;
