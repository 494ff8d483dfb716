/**
 * What a blueprint may write beyond authentik's API request schemas. authentik publishes its blueprint
 * schema (`blueprints/schema.json`) per release; only 2026.2's is vendored (`../authentik/specs/`), so the
 * catalogs of later releases are derived from their OpenAPI documents plus this list. For 2026.2 the
 * generator checks that the list says exactly what the vendored schema says
 * (`test/catalog.test.ts`), so a list gone stale fails there first.
 *
 * Each entry cites the goauthentik/authentik file that makes it so.
 */

/** One blueprint-only field: its wire name, JSON type and the source that adds it. */
export interface BlueprintOnlyField {
  readonly field: string;
  readonly type: 'string' | 'array' | 'object' | 'boolean';
  /** A secret: the API never returns it. */
  readonly secret?: boolean;
  /** The model it refers to, for a relation. */
  readonly references?: readonly string[];
  /** The model field the serializer stores it in, where the API returns it under that name. */
  readonly storedAs?: string;
  readonly source: string;
}

/**
 * Fields the blueprint serializer adds when `SERIALIZER_CONTEXT_BLUEPRINT` is in its context, by model.
 */
export const BLUEPRINT_ONLY_FIELDS: Readonly<Record<string, readonly BlueprintOnlyField[]>> = {
  'authentik_core.application': [
    { field: 'icon', type: 'string', storedAs: 'meta_icon', source: 'authentik/core/api/applications.py (ApplicationSerializer.__init__: icon = CharField(source="meta_icon"))' },
  ],
  'authentik_core.token': [
    { field: 'key', type: 'string', secret: true, source: 'authentik/core/api/tokens.py (TokenSerializer.__init__: key = CharField)' },
  ],
  'authentik_core.user': [
    { field: 'password', type: 'string', secret: true, source: 'authentik/core/api/users.py (UserSerializer.__init__: password = CharField)' },
    { field: 'permissions', type: 'array', source: 'authentik/core/api/users.py (UserSerializer.__init__: permissions = ListField of permission choices)' },
  ],
  'authentik_endpoints_connectors_agent.enrollmenttoken': [
    { field: 'key', type: 'string', secret: true, source: 'the vendored 2026.2 blueprint schema (authentik_endpoints_connectors_agent.enrollmenttoken attrs: key), added in blueprint context as TokenSerializer does in authentik/core/api/tokens.py' },
  ],
  'authentik_rbac.role': [
    { field: 'permissions', type: 'array', source: 'authentik/rbac/api/roles.py (RoleSerializer.__init__: permissions = ListField(ChoiceField(get_permission_choices())))' },
  ],
  'authentik_stages_invitation.invitation': [
    { field: 'created_by', type: 'string', references: ['authentik_core.user'], source: 'authentik/stages/invitation/api.py (InvitationSerializer.__init__: created_by = PrimaryKeyRelatedField(User))' },
  ],
};

/** API request fields the blueprint serializer leaves out, by model. */
export const API_ONLY_FIELDS: Readonly<Record<string, readonly { field: string; source: string }[]>> = {
  'authentik_endpoints.deviceuserbinding': [
    { field: 'is_primary', source: 'the vendored 2026.2 blueprint schema lists no is_primary in this model\'s attrs' },
  ],
};

/**
 * Models only blueprints know: they have no API and are not in the OpenAPI `ModelEnum`.
 */
export const BLUEPRINT_ONLY_MODELS: Readonly<Record<string, { fields: readonly BlueprintOnlyField[]; source: string }>> = {
  'authentik_blueprints.metaapplyblueprint': {
    source: 'authentik/blueprints/v1/meta/apply_blueprint.py (ApplyBlueprintMetaSerializer: identifiers, required)',
    fields: [
      { field: 'identifiers', type: 'object', source: 'authentik/blueprints/v1/meta/apply_blueprint.py' },
      { field: 'required', type: 'boolean', source: 'authentik/blueprints/v1/meta/apply_blueprint.py' },
    ],
  },
};

/**
 * The Django permissions every model has (`default_permissions`), which an entry's `permissions` may
 * grant on a model whose release has no vendored blueprint schema; models with custom permissions
 * in 2026.2 keep them in later releases.
 */
export const DEFAULT_PERMISSION_ACTIONS = ['add', 'change', 'delete', 'view'] as const;
