import type { IAuthentikObject } from '../blueprint/object-ref';

/**
 * Model names (`app_label.model_name`) of authentik 2026.2 that constructs and lookups refer to, and
 * the kinds of object authentik expects in its relation fields. A kind spanning several models (a
 * stage, a provider, a policy) includes the base model, which a `!Find` may look objects up in.
 */
export const Model = {
  APPLICATION: 'authentik_core.application',
  GROUP: 'authentik_core.group',
  USER: 'authentik_core.user',
  TOKEN: 'authentik_core.token',
  BRAND: 'authentik_brands.brand',
  CERTIFICATE_KEY_PAIR: 'authentik_crypto.certificatekeypair',
  FLOW: 'authentik_flows.flow',
  FLOW_STAGE_BINDING: 'authentik_flows.flowstagebinding',
  POLICY_BINDING: 'authentik_policies.policybinding',
  OUTPOST: 'authentik_outposts.outpost',
  ROLE: 'authentik_rbac.role',
  BLUEPRINT_INSTANCE: 'authentik_blueprints.blueprintinstance',
  META_APPLY_BLUEPRINT: 'authentik_blueprints.metaapplyblueprint',
  NOTIFICATION_RULE: 'authentik_events.notificationrule',
  NOTIFICATION_TRANSPORT: 'authentik_events.notificationtransport',
  PROMPT: 'authentik_stages_prompt.prompt',
  INVITATION: 'authentik_stages_invitation.invitation',
  // providers
  OAUTH2_PROVIDER: 'authentik_providers_oauth2.oauth2provider',
  PROXY_PROVIDER: 'authentik_providers_proxy.proxyprovider',
  LDAP_PROVIDER: 'authentik_providers_ldap.ldapprovider',
  // property mappings
  SCOPE_MAPPING: 'authentik_providers_oauth2.scopemapping',
  // policies
  EXPRESSION_POLICY: 'authentik_policies_expression.expressionpolicy',
  PASSWORD_POLICY: 'authentik_policies_password.passwordpolicy',
  REPUTATION_POLICY: 'authentik_policies_reputation.reputationpolicy',
  EVENT_MATCHER_POLICY: 'authentik_policies_event_matcher.eventmatcherpolicy',
  // stages
  IDENTIFICATION_STAGE: 'authentik_stages_identification.identificationstage',
  PASSWORD_STAGE: 'authentik_stages_password.passwordstage',
  AUTHENTICATOR_VALIDATE_STAGE: 'authentik_stages_authenticator_validate.authenticatorvalidatestage',
  USER_LOGIN_STAGE: 'authentik_stages_user_login.userloginstage',
  USER_LOGOUT_STAGE: 'authentik_stages_user_logout.userlogoutstage',
  USER_WRITE_STAGE: 'authentik_stages_user_write.userwritestage',
  PROMPT_STAGE: 'authentik_stages_prompt.promptstage',
  CONSENT_STAGE: 'authentik_stages_consent.consentstage',
  CAPTCHA_STAGE: 'authentik_stages_captcha.captchastage',
  EMAIL_STAGE: 'authentik_stages_email.emailstage',
  INVITATION_STAGE: 'authentik_stages_invitation.invitationstage',
  // base models: a `!Find` in them finds an object of any of their concrete models
  BASE_STAGE: 'authentik_flows.stage',
  BASE_POLICY: 'authentik_policies.policy',
  BASE_PROVIDER: 'authentik_core.provider',
  BASE_PROPERTY_MAPPING: 'authentik_core.propertymapping',
  BASE_SOURCE: 'authentik_core.source',
  BASE_SERVICE_CONNECTION: 'authentik_outposts.outpostserviceconnection',
} as const;

/** Every stage model, the base model included. */
export const STAGE_MODELS = [
  Model.BASE_STAGE,
  'authentik_endpoints.endpointstage',
  'authentik_stages_authenticator_duo.authenticatorduostage',
  'authentik_stages_authenticator_email.authenticatoremailstage',
  'authentik_stages_authenticator_endpoint_gdtc.authenticatorendpointgdtcstage',
  'authentik_stages_authenticator_sms.authenticatorsmsstage',
  'authentik_stages_authenticator_static.authenticatorstaticstage',
  'authentik_stages_authenticator_totp.authenticatortotpstage',
  'authentik_stages_authenticator_validate.authenticatorvalidatestage',
  'authentik_stages_authenticator_webauthn.authenticatorwebauthnstage',
  'authentik_stages_captcha.captchastage',
  'authentik_stages_consent.consentstage',
  'authentik_stages_deny.denystage',
  'authentik_stages_dummy.dummystage',
  'authentik_stages_email.emailstage',
  'authentik_stages_identification.identificationstage',
  'authentik_stages_invitation.invitationstage',
  'authentik_stages_mtls.mutualtlsstage',
  'authentik_stages_password.passwordstage',
  'authentik_stages_prompt.promptstage',
  'authentik_stages_redirect.redirectstage',
  'authentik_stages_source.sourcestage',
  'authentik_stages_user_delete.userdeletestage',
  'authentik_stages_user_login.userloginstage',
  'authentik_stages_user_logout.userlogoutstage',
  'authentik_stages_user_write.userwritestage',
] as const;

/** Every policy model, the base model included. */
export const POLICY_MODELS = [
  Model.BASE_POLICY,
  'authentik_policies_dummy.dummypolicy',
  'authentik_policies_event_matcher.eventmatcherpolicy',
  'authentik_policies_expiry.passwordexpirypolicy',
  'authentik_policies_expression.expressionpolicy',
  'authentik_policies_geoip.geoippolicy',
  'authentik_policies_password.passwordpolicy',
  'authentik_policies_reputation.reputationpolicy',
  'authentik_policies_unique_password.uniquepasswordpolicy',
] as const;

/** Every provider model, the base model included. */
export const PROVIDER_MODELS = [
  Model.BASE_PROVIDER,
  'authentik_providers_google_workspace.googleworkspaceprovider',
  'authentik_providers_ldap.ldapprovider',
  'authentik_providers_microsoft_entra.microsoftentraprovider',
  'authentik_providers_oauth2.oauth2provider',
  'authentik_providers_proxy.proxyprovider',
  'authentik_providers_rac.racprovider',
  'authentik_providers_radius.radiusprovider',
  'authentik_providers_saml.samlprovider',
  'authentik_providers_scim.scimprovider',
  'authentik_providers_ssf.ssfprovider',
  'authentik_providers_ws_federation.wsfederationprovider',
] as const;

/** Every property mapping model (scope mappings included), the base model included. */
export const PROPERTY_MAPPING_MODELS = [
  Model.BASE_PROPERTY_MAPPING,
  'authentik_events.notificationwebhookmapping',
  'authentik_providers_google_workspace.googleworkspaceprovidermapping',
  'authentik_providers_microsoft_entra.microsoftentraprovidermapping',
  'authentik_providers_oauth2.scopemapping',
  'authentik_providers_rac.racpropertymapping',
  'authentik_providers_radius.radiusproviderpropertymapping',
  'authentik_providers_saml.samlpropertymapping',
  'authentik_providers_scim.scimmapping',
  'authentik_sources_kerberos.kerberossourcepropertymapping',
  'authentik_sources_ldap.ldapsourcepropertymapping',
  'authentik_sources_oauth.oauthsourcepropertymapping',
  'authentik_sources_plex.plexsourcepropertymapping',
  'authentik_sources_saml.samlsourcepropertymapping',
  'authentik_sources_scim.scimsourcepropertymapping',
  'authentik_sources_telegram.telegramsourcepropertymapping',
] as const;

/** Every source model, the base model included. */
export const SOURCE_MODELS = [
  Model.BASE_SOURCE,
  'authentik_sources_kerberos.kerberossource',
  'authentik_sources_ldap.ldapsource',
  'authentik_sources_oauth.oauthsource',
  'authentik_sources_plex.plexsource',
  'authentik_sources_saml.samlsource',
  'authentik_sources_scim.scimsource',
  'authentik_sources_telegram.telegramsource',
] as const;

/** Models a policy, group or user can be bound to (subclasses of authentik's `PolicyBindingModel`). */
export const POLICY_BINDING_TARGET_MODELS = [
  Model.APPLICATION,
  Model.FLOW,
  Model.FLOW_STAGE_BINDING,
  Model.NOTIFICATION_RULE,
  'authentik_endpoints.deviceaccessgroup',
  'authentik_policies.policybindingmodel',
  ...SOURCE_MODELS,
] as const;

/** Outpost service connections (Docker, Kubernetes), the base model included. */
export const SERVICE_CONNECTION_MODELS = [
  Model.BASE_SERVICE_CONNECTION,
  'authentik_outposts.dockerserviceconnection',
  'authentik_outposts.kubernetesserviceconnection',
] as const;

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
  BLUEPRINT_INSTANCE: kind('a blueprint instance', [Model.BLUEPRINT_INSTANCE], 'a Blueprint or BlueprintInstance.fromName(...)'),
} as const satisfies Record<string, ObjectKind>;

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
