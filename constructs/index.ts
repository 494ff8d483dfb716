// The public API of blumeops-authentik: what main.ts (or any app) declares with. Modules not
// exported here are internals (serializer, checks, synth plumbing); tests import them directly.

// blueprint model: entries, tags, references
export * from './blueprint/tags';
export * from './blueprint/value';
export * from './blueprint/object-ref';
export * from './blueprint/blueprint-entry';
export * from './blueprint/blueprint';

// authentik: kinds, typed constructs, lookups, access
export * from './authentik/models';
export * from './authentik/authentik-entry';
export * from './authentik/env-secret';
export * from './authentik/redirect-uri';
export * from './authentik/group';
export * from './authentik/user';
export * from './authentik/service-account';
export * from './authentik/role';
export * from './authentik/token';
export * from './authentik/flow';
export * from './authentik/flow-stage-binding';
export * from './authentik/stage';
export * from './authentik/stages';
export * from './authentik/policy';
export * from './authentik/policies';
export * from './authentik/policy-binding';
export * from './authentik/scope-mapping';
export * from './authentik/mappings';
export * from './authentik/provider';
export * from './authentik/providers';
export * from './authentik/oauth2-provider';
export * from './authentik/application';
export * from './authentik/application-access';
export * from './authentik/outpost';
export * from './authentik/service-connection';
export * from './authentik/brand';
export * from './authentik/certificate-key-pair';
export * from './authentik/source';
export * from './authentik/notification-rule';
export * from './authentik/notification-transport';
export * from './authentik/blueprint-instance';
export * from './authentik/apply-blueprint';
export * from './authentik/model-entry';
export type * from './authentik/generated/model-types';
export { CfnEntry, type CfnEntryProps, type CfnSpec } from './authentik/cfn-entry';
export * from './authentik/generated/l1';

// the catalog: what each authentik release knows about its models
export * from './catalog/versions';
export { Catalog, catalogFor, versionsWithField, versionsWithModel, type CatalogField, type CatalogModel } from './catalog/catalog';

// Kubernetes
export * from './k8s/authentik-chart';
export * from './k8s/blueprints-config-map';
export * from './k8s/external-secret';
export * from './k8s/generated-secret';
export * from './k8s/worker-patch';
export * from './k8s/worker-secret';
export * from './k8s/kustomization';

// intents and consumers
export * from './oidc/oidc-client';
export * from './forward-auth';
export * from './consumers';

// synth
export * from './synth/generated-file';
export * from './synth/access-map';
export * from './synth/render-app';
export * from './synth/cli';
export type { IOidcClient } from './oidc/oidc-client-ref';
export { ApplicationIntent, type ApplicationIntentProps, type ApplicationIntentChecks } from './intents/application-intent';
export type {
  ApiChoice, GrantType, WebAuthnHint, CaptchaRequestContentType, SourceMatchFailure, FlowAuthentication, PromptType, EventAction, EventApp,
  EventModel, ApplicationReleaseProps, OAuth2ProviderReleaseProps, SamlProviderReleaseProps, BrandReleaseProps,
  NotificationTransportReleaseProps, FlowReleaseProps, EventMatcherPolicyReleaseProps, AuthenticatorValidateStageReleaseProps,
  AuthenticatorWebAuthnStageReleaseProps, CaptchaStageReleaseProps, SourceStageReleaseProps, PromptReleaseProps,
} from './authentik/release-props';
