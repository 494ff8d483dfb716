/**
 * Relation fields of authentik's serializers (wire names) and the kind of object each holds: the
 * judgement the OpenAPI documents do not state (they type a relation as a bare primary key).
 */
import { Model, ModelName } from './model-facts';
import { Kind, type ObjectKind } from './object-kinds';

// relation fields of authentik 2026.2's serializers (wire names) and the kind of object each holds;
// the same name means the same relation on every model unless MODEL_FIELDS says otherwise
const FIELDS: Record<string, ObjectKind> = {
  authentication_flow: Kind.FLOW,
  authorization_flow: Kind.FLOW,
  invalidation_flow: Kind.FLOW,
  enrollment_flow: Kind.FLOW,
  recovery_flow: Kind.FLOW,
  unenrollment_flow: Kind.FLOW,
  pre_authentication_flow: Kind.FLOW,
  passwordless_flow: Kind.FLOW,
  configure_flow: Kind.FLOW,
  flow_authentication: Kind.FLOW,
  flow_invalidation: Kind.FLOW,
  flow_recovery: Kind.FLOW,
  flow_unenrollment: Kind.FLOW,
  flow_user_settings: Kind.FLOW,
  flow_device_code: Kind.FLOW,
  flow_lockdown: Kind.FLOW,
  stage: Kind.STAGE,
  configuration_stages: Kind.STAGE,
  password_stage: Kind.STAGE,
  captcha_stage: Kind.STAGE,
  webauthn_stage: Kind.STAGE,
  policy: Kind.POLICY,
  validation_policies: Kind.POLICY,
  group: Kind.GROUP,
  groups: Kind.GROUP,
  parents: Kind.GROUP,
  destination_group: Kind.GROUP,
  user: Kind.USER,
  users: Kind.USER,
  roles: Kind.ROLE,
  provider: Kind.PROVIDER,
  providers: Kind.PROVIDER,
  backchannel_providers: Kind.PROVIDER,
  default_application: Kind.APPLICATION,
  property_mappings: Kind.PROPERTY_MAPPING,
  property_mappings_group: Kind.PROPERTY_MAPPING,
  user_property_mappings: Kind.PROPERTY_MAPPING,
  group_property_mappings: Kind.PROPERTY_MAPPING,
  signing_key: Kind.CERTIFICATE_KEY_PAIR,
  encryption_key: Kind.CERTIFICATE_KEY_PAIR,
  verification_keys: Kind.CERTIFICATE_KEY_PAIR,
  verification_kp: Kind.CERTIFICATE_KEY_PAIR,
  signing_kp: Kind.CERTIFICATE_KEY_PAIR,
  encryption_kp: Kind.CERTIFICATE_KEY_PAIR,
  certificate: Kind.CERTIFICATE_KEY_PAIR,
  web_certificate: Kind.CERTIFICATE_KEY_PAIR,
  client_certificate: Kind.CERTIFICATE_KEY_PAIR,
  certificate_authorities: Kind.CERTIFICATE_KEY_PAIR,
  sources: Kind.SOURCE,
  source: Kind.SOURCE,
  service_connection: Kind.SERVICE_CONNECTION,
  transports: Kind.NOTIFICATION_TRANSPORT,
  // relations of the stage serializers (families-a: flows and stages)
  target_flow: Kind.FLOW,
  create_users_group: Kind.GROUP,
  mapping: Kind.PROPERTY_MAPPING,
  // SAMLProvider's ForeignKeys to SAMLPropertyMapping (authentik/providers/saml/models.py)
  name_id_mapping: Kind.PROPERTY_MAPPING,
  authn_context_class_ref_mapping: Kind.PROPERTY_MAPPING,
  // Brand's relations (authentik/brands/models.py): flows, and the CAs client certificates are checked against
  flow_request: Kind.FLOW,
  flow_user_switch: Kind.FLOW,
  client_certificates: Kind.CERTIFICATE_KEY_PAIR,
  // NotificationTransport's CA for the webhook's TLS (authentik/events/models.py)
  webhook_ca: Kind.CERTIFICATE_KEY_PAIR,
};

/**
 * The relation fields above that hold a list of objects (many-to-many); every other relation holds one.
 * The catalog's types agree (`test/typed-references.test.ts`).
 */
export const LIST_FIELDS: ReadonlySet<string> = new Set([
  'configuration_stages', 'validation_policies', 'groups', 'parents', 'users', 'roles', 'providers', 'backchannel_providers',
  'property_mappings', 'property_mappings_group', 'user_property_mappings', 'group_property_mappings', 'verification_keys',
  'certificate_authorities', 'sources', 'transports', 'fields', 'client_certificates', 'jwt_federation_sources',
  'jwt_federation_providers',
]);

// per model: a different kind for a name above, or null where the name is no relation on that model
const MODEL_FIELDS: Record<string, Record<string, ObjectKind | null>> = {
  [Model.FLOW_STAGE_BINDING]: { target: Kind.FLOW },
  [Model.POLICY_BINDING]: { target: Kind.POLICY_BINDING_TARGET },
  [Model.INVITATION]: { flow: Kind.FLOW, created_by: Kind.USER },
  [Model.TOKEN]: { user: Kind.USER },
  [Model.PROMPT_STAGE]: { fields: Kind.PROMPT },
  // the SMS gateway, a choice of `twilio` or `generic` (SMSProviders, authentik/stages/authenticator_sms/models.py)
  [ModelName.AUTHENTICATORSMSSTAGE]: { provider: null },
  // a free-text label the library groups applications under (Application.group, authentik/core/models.py)
  [Model.APPLICATION]: { group: null },
  // NotificationTransport.webhook_mapping_body/headers: ForeignKeys to NotificationWebhookMapping (authentik/events/models.py)
  [Model.NOTIFICATION_TRANSPORT]: { webhook_mapping_body: Kind.WEBHOOK_MAPPING, webhook_mapping_headers: Kind.WEBHOOK_MAPPING },
};

/** The kind of object a relation field of `model` holds, or undefined when it is not a known relation. */
export function referenceKind(model: string, wireField: string): ObjectKind | undefined {
  const own = MODEL_FIELDS[model];
  if (own && Object.prototype.hasOwnProperty.call(own, wireField)) return own[wireField] ?? undefined;
  return Object.prototype.hasOwnProperty.call(FIELDS, wireField) ? FIELDS[wireField] : undefined;
}

/**
 * Relations the table above leaves out (a blueprint's value there is not judged by kind), which a live
 * object holds as primary keys: the live importer turns them into lookups.
 */
export const LIVE_RELATIONS: Readonly<Record<string, ObjectKind>> = {
  jwt_federation_sources: Kind.SOURCE,
  jwt_federation_providers: Kind.PROVIDER,
};
