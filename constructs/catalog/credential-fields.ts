/**
 * Which fields are secrets, beyond what the OpenAPI documents mark write-only. authentik's API returns
 * some credentials to administrators (so they are not write-only there), yet a literal in a blueprint
 * would sit in Git and in a ConfigMap anyone in the namespace reads. The catalog's `secret` flag is
 * "write-only in the API, or listed here, and not listed as public".
 */

/** Credentials the API returns (not write-only) in some release, by model, with why they are secrets. */
export const CREDENTIAL_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'authentik_providers_oauth2.oauth2provider': { client_secret: 'the OAuth2 client secret (RFC 6749 section 2.3.1)' },
  'authentik_providers_microsoft_entra.microsoftentraprovider': { client_secret: 'the Entra application\'s client secret' },
  'authentik_providers_google_workspace.googleworkspaceprovider': { credentials: 'the Google service account key (JSON)' },
  'authentik_providers_radius.radiusprovider': { shared_secret: 'the RADIUS shared secret (RFC 2865)' },
  'authentik_providers_scim.scimprovider': { token: 'the bearer token for the SCIM endpoint' },
  'authentik_outposts.kubernetesserviceconnection': { kubeconfig: 'a kubeconfig with the cluster\'s credentials' },
  'authentik_sources_plex.plexsource': { plex_token: 'the Plex account token' },
  'authentik_stages_authenticator_email.authenticatoremailstage': { password: 'the SMTP password' },
  'authentik_stages_authenticator_endpoint_gdtc.authenticatorendpointgdtcstage': { credentials: 'the Google service account key (JSON)' },
  // authentik/enterprise/endpoints/connectors/google_chrome/models.py (at 053e368f38b6d66c3d2c1dae3e525014955d3718): `credentials =
  // models.JSONField()`, passed to Credentials.from_service_account_info; its serializer (api.py) lists it in `secret_fields`
  'authentik_endpoints_connectors_google_chrome.googlechromeconnector': { credentials: 'the Google service account key (JSON)' },
  'authentik_stages_authenticator_sms.authenticatorsmsstage': { auth: 'the SMS provider\'s account SID or token', auth_password: 'the SMS provider\'s password' },
};

/** Write-only fields that hold no secret, by model. */
export const PUBLIC_WRITE_ONLY_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'authentik_crypto.certificatekeypair': { certificate_data: 'a certificate is public; only key_data, its private key, is secret' },
};
