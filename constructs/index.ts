// The public API of blumeops-authentik: what main.ts (or any app) declares with. Modules not
// exported here are internals (serializer, checks, synth plumbing); tests import them directly.

// blueprint model: entries, tags, references
export { type ConditionMode, Env, FileTag, Find, KeyOf, Tag, TAG_NAMES, type TagName, TagNodeKind } from './blueprint/tags';
export {
  asReference, type BlueprintScalar, type BlueprintValue, type IReferencedEntry, Reference, type ResolveContext,
} from './blueprint/value';
export { type IAuthentikObject, isAuthentikObject } from './blueprint/object-ref';
export {
  BlueprintEntry, type BlueprintEntryOptions, entriesUnder, EntryReference, EntryState, findByIdentifiers,
  LookupReference,
} from './blueprint/blueprint-entry';
export {
  Blueprint, type BlueprintProps, DESCRIPTION_LABEL, INSTANTIATE_LABEL, META_APPLY_BLUEPRINT, type RenderedBlueprint,
} from './blueprint/blueprint';

// authentik: kinds, typed constructs, lookups, access
export {
  BaseModel, type IApplication, type ICertificateKeyPair, type IFlow, type IFlowStageBinding, type INotificationTransport,
  type IOutpost, type IPolicy, type IPolicyBindingTarget, type IPrompt, type IPropertyMapping, type IProvider, type IRole,
  type IScopeMapping, type IServiceConnection, type ISource, type IStage, type IUser, Kind, Model, ModelName, type ModelNameValue,
  type ObjectKind, POLICY_BINDING_TARGET_MODELS, POLICY_MODELS, PROPERTY_MAPPING_MODELS, PROVIDER_MODELS, SERVICE_CONNECTION_MODELS,
  SOURCE_MODELS, STAGE_MODELS,
} from './authentik/models';
export { AuthentikEntry, type AuthentikEntrySpec } from './authentik/authentik-entry';
export { type IEnvSecret, isEnvSecret } from './authentik/env-secret';
export { MatchingMode, RedirectUri, type RedirectUriOptions } from './authentik/redirect-uri';
export { Group, type GroupProps, type IGroup } from './authentik/group';
export { isSecretReference, User, type UserProps } from './authentik/user';
export { ServiceAccount, type ServiceAccountOptions, type ServiceAccountProps } from './authentik/service-account';
export { Role, type RoleProps } from './authentik/role';
export { type IToken, Token, type TokenProps } from './authentik/token';
export { Flow, type FlowProps } from './authentik/flow';
export { FlowStageBinding, type FlowStageBindingProps } from './authentik/flow-stage-binding';
export { Stage } from './authentik/stage';
export {
  AuthenticatorDuoStage, type AuthenticatorDuoStageProps, AuthenticatorEmailStage, type AuthenticatorEmailStageProps,
  AuthenticatorSmsStage, type AuthenticatorSmsStageProps, AuthenticatorStaticStage, type AuthenticatorStaticStageProps,
  AuthenticatorTotpStage, type AuthenticatorTotpStageProps, AuthenticatorValidateStage, type AuthenticatorValidateStageProps,
  AuthenticatorWebAuthnStage, type AuthenticatorWebAuthnStageProps, CaptchaStage, type CaptchaStageProps, ConsentStage,
  type ConsentStageProps, DenyStage, type DenyStageProps, DummyStage, type DummyStageProps, EmailStage, type EmailStageProps,
  IdentificationStage, type IdentificationStageProps, type IInvitation, Invitation, type InvitationProps, InvitationStage,
  type InvitationStageProps, PasswordStage, type PasswordStageProps, Prompt, type PromptProps, PromptStage, type PromptStageProps,
  RedirectStage, type RedirectStageProps, type SecretValue, SourceStage, type SourceStageProps, UserDeleteStage,
  type UserDeleteStageProps, UserLoginStage, type UserLoginStageProps, UserLogoutStage, type UserLogoutStageProps, UserWriteStage,
  type UserWriteStageProps,
} from './authentik/stages';
export { Policy } from './authentik/policy';
export {
  DummyPolicy, type DummyPolicyProps, EventMatcherPolicy, type EventMatcherPolicyProps, ExpressionPolicy, type ExpressionPolicyProps,
  GeoIpPolicy, type GeoIpPolicyProps, type IDummyPolicy, type IEventMatcherPolicy, type IExpressionPolicy, type IGeoIpPolicy,
  type IPasswordExpiryPolicy, type IPasswordPolicy, type IReputationPolicy, type IUniquePasswordPolicy, PasswordExpiryPolicy,
  type PasswordExpiryPolicyProps, PasswordPolicy, type PasswordPolicyProps, ReputationPolicy, type ReputationPolicyProps,
  UniquePasswordPolicy, type UniquePasswordPolicyProps,
} from './authentik/policies';
export { BindingSubject, PolicyBinding, type PolicyBindingProps } from './authentik/policy-binding';
export { ScopeMapping, type ScopeMappingProps } from './authentik/scope-mapping';
export {
  PROPERTY_MAPPING_ENTRY_MODELS, PropertyMapping, type PropertyMappingModel, type PropertyMappingOptions, type PropertyMappingProps,
} from './authentik/mappings';
export { Provider } from './authentik/provider';
export {
  type ILdapProvider, type IProxyProvider, type ISamlProvider, LdapProvider, type LdapProviderProps, ProxyProvider,
  type ProxyProviderMode, type ProxyProviderOptions, type ProxyProviderProps, SamlProvider, type SamlProviderProps,
} from './authentik/providers';
export {
  grantsDefaultToNone, type IOAuth2Provider, isOAuth2Provider, missingGrantTypes, OAuth2Provider, type OAuth2ProviderProps,
} from './authentik/oauth2-provider';
export { Application, type ApplicationProps } from './authentik/application';
export {
  type AccessGrant, ApplicationAccess, type GrantAccessOptions, type OpenAccessOptions, writeAccessGrant,
} from './authentik/application-access';
export { EMBEDDED_OUTPOST_NAME, type EmbeddedOutpostProps, Outpost, type OutpostProps, type OutpostType } from './authentik/outpost';
export { ServiceConnection } from './authentik/service-connection';
export { Brand, type BrandOptions, type BrandProps, DEFAULT_BRAND_DOMAIN, type IBrand } from './authentik/brand';
export { CertificateKeyPair, type CertificateKeyPairProps } from './authentik/certificate-key-pair';
export { Source } from './authentik/source';
export { type INotificationRule, NotificationRule, type NotificationRuleProps } from './authentik/notification-rule';
export { NotificationTransport, type NotificationTransportProps } from './authentik/notification-transport';
export { BlueprintInstance, type IBlueprintInstance } from './authentik/blueprint-instance';
export { ApplyBlueprint, type ApplyBlueprintProps } from './authentik/apply-blueprint';
export { type BlueprintOnlyFields, ModelEntry, type ModelEntryProps, type ModelFields } from './authentik/model-entry';
export type * from './authentik/generated/model-types';
export { CfnEntry, type CfnEntryProps, type CfnSpec } from './authentik/cfn-entry';
export * from './authentik/generated/l1';

// the catalog: what each authentik release knows about its models
export {
  API_PACKAGES, AUTHENTIK_VERSIONS, type AuthentikVersion, compareVersions, isAuthentikVersion, nextVersion, versionOfImageTag,
} from './catalog/versions';
export { Catalog, catalogFor, versionsWithField, versionsWithModel, type CatalogField, type CatalogModel } from './catalog/catalog';

// Kubernetes
export { AuthentikChart, type AuthentikChartProps } from './k8s/authentik-chart';
export {
  ANNOTATIONS_LIMIT_BYTES, BlueprintsConfigMap, type BlueprintsConfigMapProps, CONFIG_MAP_JSON_BUDGET_BYTES, type IBlueprintConfigMaps,
  type IPrepareForSynth, needsPrepare,
} from './k8s/blueprints-config-map';
export {
  type AddKeyOptions, ExternalSecret, type ExternalSecretKey, type ExternalSecretProps, type ExternalSecretTemplate, SecretStoreKind,
} from './k8s/external-secret';
export {
  checkAgainstSchema, checkEsoVersion, checkEsoVersionForGeneration, esoModels, FIRST_ESO_RELEASE_WITH_IF_NOT_EXISTS,
  type GeneratedField, GeneratedSecrets, type GeneratedSecretsProps, PASSWORD_SPEC, type SchemaModel, SYNC_WAVE, SYNC_WAVE_ANNOTATION,
} from './k8s/generated-secret';
export { checkBlueprintsMount, WorkerPatch, type WorkerPatchProps, type WorkerSecretEnv } from './k8s/worker-patch';
export { WorkerSecret, type WorkerSecretProps } from './k8s/worker-secret';
export { Kustomization, type KustomizationProps } from './k8s/kustomization';

// intents and consumers
export { OidcClient, type OidcClientProps, type OidcServiceAccountOptions } from './oidc/oidc-client';
export { ForwardAuthApplication, type ForwardAuthApplicationProps, type ForwardAuthMode } from './forward-auth';
export {
  AnsibleConsumer, type AnsibleConsumerProps, AnsibleHost, type AnsibleHostProps, ArgoCdConsumer, type ArgoCdConsumerProps,
  type ConsumerSecret, type ConsumerSettings, GrafanaConsumer, type GrafanaConsumerProps, type GrafanaRole, groupNameOf, type GroupRole,
  type IOidcConsumer, KubernetesDestination, type KubernetesDestinationProps, OidcConsumer, type OidcConsumerOptions, roleGroupsOf,
  rolesOf, scopeFor, type ZotAccessControl, type ZotAction, ZotConsumer, type ZotConsumerProps, type ZotGroupPolicy,
  type ZotRepositoryAccess,
} from './consumers';

// synth
export { GeneratedFile, type GeneratedFileProps } from './synth/generated-file';
export { ACCESS_MAP_MARKER, AccessMap, type AccessMapProps, type ConsumerRole, consumerRoles, renderAccessMap } from './synth/access-map';
export { MANIFEST_OPTIONS, prepareApp, renderApp, renderManifests, validateApp, ValidationError } from './synth/render-app';
export { ExitCode, SYNTH_USAGE, synthCommand, type SynthCommandOptions } from './synth/cli';
export type { IOidcClient } from './oidc/oidc-client-ref';
export { ApplicationIntent, type ApplicationIntentProps, type ApplicationIntentChecks } from './intents/application-intent';
export type {
  ApiChoice, GrantType, WebAuthnHint, CaptchaRequestContentType, SourceMatchFailure, FlowAuthentication, PromptType, EventAction, EventApp,
  EventModel, ApplicationReleaseProps, OAuth2ProviderReleaseProps, SamlProviderReleaseProps, BrandReleaseProps,
  NotificationTransportReleaseProps, FlowReleaseProps, EventMatcherPolicyReleaseProps, AuthenticatorValidateStageReleaseProps,
  AuthenticatorWebAuthnStageReleaseProps, CaptchaStageReleaseProps, SourceStageReleaseProps, PromptReleaseProps,
} from './authentik/release-props';
