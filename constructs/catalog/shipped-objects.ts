/**
 * The objects each authentik release creates itself beyond the vendored 2026.2 corpus: those its code
 * makes, and those the packaged blueprints of later releases add. Facts about models per release, so
 * they live in the catalog; `scripts/generate-rules-data.ts` folds them into the judgement facts
 * (`constructs/authentik/rules/generated/authentik-<version>.json`).
 */
import type { AuthentikVersion } from './versions';

/** The prefix of authentik's own `managed` keys: objects its packaged blueprints and its apps create and keep. */
export const AUTHENTIK_MANAGED_PREFIX = 'goauthentik.io/';

/** The embedded outpost authentik creates at start (authentik/outposts/apps.py: MANAGED_OUTPOST_NAME, MANAGED_OUTPOST). */
export const EMBEDDED_OUTPOST = { name: 'authentik Embedded Outpost', managed: `${AUTHENTIK_MANAGED_PREFIX}outposts/embedded` } as const;

// objects authentik's code creates, not its blueprints
export const CREATED_BY_CODE: Record<string, Record<string, string[]>> = {
  // authentik/crypto/apps.py: the self-signed certificate made at start-up
  'authentik_crypto.certificatekeypair': { name: ['authentik Self-signed Certificate'] },
  // authentik/outposts/apps.py: the embedded outpost (MANAGED_OUTPOST_NAME)
  'authentik_outposts.outpost': { name: [EMBEDDED_OUTPOST.name], managed: [EMBEDDED_OUTPOST.managed] },
  // authentik/brands/migrations: the default brand
  'authentik_brands.brand': { domain: ['authentik-default'] },
};

/** Objects of one packaged blueprint of a later release, as identifier values. */
export interface ReleaseBlueprint {
  /** The file in goauthentik/authentik and the commit its identifier values were read at. */
  readonly source: string;
  /** Why the file belongs to the release. */
  readonly release: string;
  /** `shipped` when authentik applies it unconditionally, `examples` when it exists only once applied or licensed. */
  readonly kind: 'shipped' | 'examples';
  /** model → field → values. */
  readonly objects: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /**
   * Custom permissions the file grants (`app_label.codename`) of a model the release adds: the catalog
   * knows only Django's four default permissions of a new model, and a default blueprint that granted a
   * permission the release lacked would fail to apply.
   */
  readonly permissions?: readonly string[];
}

/**
 * What a release adds to the blueprints of the release before it, read from goauthentik/authentik.
 * authentik's release tags could not be checked out here (its snapshot is past the fetch size limit),
 * so only what is tied to a release by its release notes and by a model that release adds is listed.
 */
export const RELEASE_BLUEPRINTS: Readonly<Record<AuthentikVersion, readonly ReleaseBlueprint[]>> = {
  '2026.2': [],
  '2026.5': [
    {
      source: 'goauthentik/authentik blueprints/example/flow-default-account-lockdown.yaml at 298ead58f4f7a50871a0ca6b3400167ddb344788 '
        + '(the same slugs and names as a later blueprints/default/flow-default-account-lockdown.yaml at 037984d0fe468776d4a77cadef4d029fdde43d15)',
      release: 'website/docs/releases/2026/v2026.5.mdx: "Account Lockdown … authentik includes a packaged blueprint"; goauthentik/authentik#22246 '
        + '(2026-05-12) edits "the example blueprint", and #24766 (2026-08-04) says "Nothing seeds a lockdown flow"; its stage model '
        + 'authentik_stages_account_lockdown.accountlockdownstage first exists in 2026.5 (constructs/catalog/generated/2026.5)',
      // an example (instantiate: false), and every entry has `conditions: [!Context …enterprise…]`: its objects exist once applied on a licensed install
      kind: 'examples',
      objects: {
        'authentik_flows.flow': { slug: ['default-account-lockdown', 'default-account-lockdown-complete'] },
        'authentik_stages_prompt.prompt': {
          name: ['default-account-lockdown-field-complete', 'default-account-lockdown-field-info', 'default-account-lockdown-field-reason',
            'default-account-lockdown-field-warning', 'default-account-lockdown-self-field-complete'],
        },
        'authentik_stages_prompt.promptstage': {
          name: ['default-account-lockdown-complete-prompt', 'default-account-lockdown-prompt', 'default-account-lockdown-self-complete-prompt'],
        },
        'authentik_stages_account_lockdown.accountlockdownstage': { name: ['default-account-lockdown-stage'] },
        'authentik_policies_expression.expressionpolicy': { name: ['default-account-lockdown-admin-policy'] },
      },
    },
  ],
  '2026.8': [
    {
      source: 'goauthentik/authentik blueprints/default/flow-default-request-flow.yaml at c2be4cf2bcfa1ee53388f7fbbc670295d986a358 (one unconditional entry)',
      release: 'website/docs/add-secure-apps/access-requests/index.mdx at 0afa07361a67ec83c437fbec2efad10cdc43a721 (authentik_version "2026.8"): '
        + '"authentik includes a `default-request` flow that is empty"; the access-request models (authentik_requests.*) first exist in 2026.8 '
        + '(constructs/catalog/generated/2026.8)',
      kind: 'shipped',
      objects: { 'authentik_flows.flow': { slug: ['default-request'], name: ['Request access'] } },
    },
    {
      source: 'goauthentik/authentik blueprints/default/rbac-role-agents.yaml at 053e368f38b6d66c3d2c1dae3e525014955d3718',
      release: 'website/docs/releases/2026/v2026.8.mdx: "Agent accounts … Users can optionally create agent accounts via the user interface"; '
        + 'the permission it grants is on authentik_agents.agent, which first exists in 2026.8 (constructs/catalog/generated/2026.8)',
      kind: 'shipped',
      objects: { 'authentik_rbac.role': { name: ['authentik Agent-Users'] }, 'authentik_core.group': { name: ['authentik Agent-Users'] } },
      permissions: ['authentik_agents.add_agent_self_service'],
    },
  ],
};

