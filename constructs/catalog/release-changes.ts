/**
 * What an authentik release changes for objects declared before it, beyond what a mechanical diff of
 * two catalogs shows (a field removed or added): renames, new fields whose default changes behaviour,
 * data migrations authentik runs on upgrade, and values the new release refuses. Hand-written from
 * authentik's release notes (goauthentik/authentik `website/docs/releases/2026/v2026.5.mdx`,
 * `v2026.8.mdx`) and the migrations they name; each entry cites its source. `npm run upgrade-check`
 * reads it; `test/upgrade-check.test.ts` has an app for every entry.
 */
import { compareVersions, type AuthentikVersion } from './versions';

/** A field a release renamed: declarations must use the new name from that release on. */
export interface FieldRename {
  readonly model: string;
  readonly from: string;
  readonly to: string;
  /** The release that renamed it. */
  readonly version: AuthentikVersion;
  readonly source: string;
}

/** A change of behaviour or data an upgrade brings to objects of a model. */
export interface ReleaseNote {
  readonly model: string;
  /** The release that brings it. */
  readonly version: AuthentikVersion;
  /** The field it concerns (wire name). */
  readonly field: string;
  readonly kind: 'default-changes-behaviour' | 'data-migration' | 'value-refused';
  /**
   * Whether it applies to a declared object, from its wire-form fields (identifiers merged in); a
   * tag or reference is opaque (authentik resolves it).
   */
  readonly appliesTo: (fields: Readonly<Record<string, unknown>>) => boolean;
  /** What happens, and what to do. */
  readonly text: string;
  /** Whether the declaration must be edited before the upgrade (otherwise it is a notice). */
  readonly editNeeded: boolean;
  readonly source: string;
}

const NOTES_2026_5 = 'goauthentik/authentik website/docs/releases/2026/v2026.5.mdx';
const NOTES_2026_8 = 'goauthentik/authentik website/docs/releases/2026/v2026.8.mdx';

/** Renames, oldest first. */
export const FIELD_RENAMES: readonly FieldRename[] = [
  {
    model: 'authentik_providers_saml.samlprovider', from: 'issuer', to: 'issuer_override', version: '2026.5',
    source: `${NOTES_2026_5}, "SAML provider issuer": authentik generates the issuer; issuer_override overrides it`,
  },
  {
    model: 'authentik_sources_saml.samlsource', from: 'issuer', to: 'issuer_override', version: '2026.8',
    source: `${NOTES_2026_8}, minor changes: "sources/saml: fix issuer generation" (the source's issuer became issuer_override)`,
  },
];

// RFC 6749 VSCHAR: %x20-7E
const VSCHAR = /^[\x20-\x7e]*$/;
const isLiteral = (v: unknown): v is string => typeof v === 'string';

/** Behaviour changes, data migrations and newly refused values, oldest first. */
export const RELEASE_NOTES: readonly ReleaseNote[] = [
  {
    model: 'authentik_providers_oauth2.oauth2provider', version: '2026.5', field: 'grant_types', kind: 'default-changes-behaviour',
    appliesTo: (f) => !('grant_types' in f),
    text: 'authentik 2026.5 adds grant_types: existing providers keep every grant type enabled (authorization code, implicit, hybrid, '
      + 'refresh token, client credentials, password, device code), new ones get the model\'s default; this provider does not say, so '
      + 'it allows whatever the release defaults to. After upgrading, state the grants the client uses with grantTypes on the '
      + 'OidcClient or OAuth2Provider (grant_types on a ModelEntry), e.g. [\'authorization_code\', \'refresh_token\'], which also turns off '
      + 'implicit and password',
    editNeeded: false,
    source: `${NOTES_2026_5}, "OAuth2 configurable grant types"; authentik/providers/oauth2/migrations/0032_oauth2provider_grant_types.py`,
  },
  {
    model: 'authentik_core.application', version: '2026.5', field: 'meta_launch_url', kind: 'data-migration',
    appliesTo: (f) => f.meta_launch_url === 'blank://blank',
    text: 'authentik 2026.5 migrates an application whose launch URL is blank://blank to the new "Hide from Application Dashboard" '
      + 'option (meta_hide: true); after the upgrade, declare metaHide: true and drop metaLaunchUrl: \'blank://blank\', which no longer hides anything',
    editNeeded: false,
    source: `${NOTES_2026_5}, "Application Dashboard" (info box)`,
  },
  {
    model: 'authentik_stages_authenticator_webauthn.authenticatorwebauthnstage', version: '2026.5', field: 'prevent_duplicate_devices',
    kind: 'default-changes-behaviour',
    appliesTo: (f) => !('prevent_duplicate_devices' in f),
    text: 'authentik 2026.5 adds prevent_duplicate_devices, which compares attestation certificates (disabled by default from 2026.5.4); '
      + 'leave it off: 2026.8 removes it again',
    editNeeded: false,
    source: `${NOTES_2026_8}, breaking change "Prevent duplicate device in WebAuthn setup stage removed"`,
  },
  {
    model: 'authentik_providers_oauth2.oauth2provider', version: '2026.8', field: 'grant_types', kind: 'default-changes-behaviour',
    appliesTo: (f) => !('grant_types' in f),
    text: 'authentik 2026.8 changes the default of grant_types (to an empty list) and adds the token-exchange grant; a provider created '
      + 'without grant_types no longer gets the former default, and one updated keeps what it has. Under 2026.8 an OidcClient that '
      + 'does not state grantTypes writes [\'authorization_code\', \'refresh_token\'] (and client_credentials when service accounts log in '
      + 'with it): applying it narrows the grants a provider kept from 2026.5 (every grant: implicit, hybrid, password and device code stop '
      + 'working), and an OAuth2Provider or ModelEntry without grantTypes is refused unless it updates an existing provider. State the '
      + 'grants the client uses with grantTypes',
    editNeeded: false,
    source: `${NOTES_2026_8}, "Token exchange"; authentik/providers/oauth2/migrations/0033_alter_oauth2provider_grant_types.py (default=list)`,
  },
  {
    model: 'authentik_providers_oauth2.oauth2provider', version: '2026.8', field: 'client_id', kind: 'value-refused',
    appliesTo: (f) => isLiteral(f.client_id) && !VSCHAR.test(f.client_id),
    text: 'authentik 2026.8 accepts only printable ASCII (RFC 6749 VSCHAR, characters 0x20 to 0x7E) in client ids; write the client id '
      + 'in those characters (and tell the client)',
    editNeeded: true,
    source: `${NOTES_2026_8}, minor changes: "providers/oauth2: enforce VSCHAR for client_id and client_secret (#23760)"`,
  },
  {
    model: 'authentik_providers_oauth2.oauth2provider', version: '2026.8', field: 'client_secret', kind: 'value-refused',
    appliesTo: (f) => 'client_secret' in f && (!isLiteral(f.client_secret) || !VSCHAR.test(f.client_secret)),
    text: 'authentik 2026.8 accepts only printable ASCII (RFC 6749 VSCHAR, characters 0x20 to 0x7E) in client secrets, and this one is read '
      + 'when the blueprint is applied (!Env), so it cannot be checked here: make sure the secret in the store is printable ASCII '
      + '(a generated one is) before upgrading, or authentik refuses the provider',
    editNeeded: false,
    source: `${NOTES_2026_8}, minor changes: "providers/oauth2: enforce VSCHAR for client_id and client_secret (#23760)"`,
  },
];

/** The rename of `field` of `model` in effect at `version`, if a release up to it renamed the field. */
export function renamedField(model: string, field: string, version: AuthentikVersion): FieldRename | undefined {
  return FIELD_RENAMES.find((r) => r.model === model && r.from === field && compareVersions(r.version, version) <= 0);
}
