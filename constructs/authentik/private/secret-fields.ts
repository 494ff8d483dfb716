import { Env, Tag } from '../../blueprint/tags';
import { Model } from '../models';

// fields authentik treats as secrets (write-only in its API, or credentials by nature), by model;
// a literal here would be committed to Git and synced into a ConfigMap anyone in the namespace reads
const SECRET_FIELDS: Record<string, readonly string[]> = {
  [Model.USER]: ['password'],
  [Model.TOKEN]: ['key'],
  [Model.CERTIFICATE_KEY_PAIR]: ['key_data'],
  [Model.OAUTH2_PROVIDER]: ['client_secret'],
  'authentik_providers_microsoft_entra.microsoftentraprovider': ['client_secret'],
  'authentik_providers_google_workspace.googleworkspaceprovider': ['credentials'],
  'authentik_providers_radius.radiusprovider': ['shared_secret'],
  'authentik_providers_scim.scimprovider': ['token'],
  'authentik_outposts.kubernetesserviceconnection': ['kubeconfig'],
  'authentik_endpoints_connectors_fleet.fleetconnector': ['token'],
  'authentik_endpoints_connectors_agent.enrollmenttoken': ['key'],
  'authentik_sources_kerberos.kerberossource': ['sync_password', 'sync_keytab', 'spnego_keytab'],
  'authentik_sources_ldap.ldapsource': ['bind_password'],
  'authentik_sources_oauth.oauthsource': ['consumer_secret'],
  'authentik_sources_oauth.useroauthsourceconnection': ['access_token'],
  'authentik_sources_plex.plexsource': ['plex_token'],
  'authentik_sources_plex.userplexsourceconnection': ['plex_token'],
  'authentik_sources_telegram.telegramsource': ['bot_token'],
  'authentik_stages_authenticator_duo.authenticatorduostage': ['client_secret', 'admin_secret_key'],
  'authentik_stages_authenticator_email.authenticatoremailstage': ['password'],
  'authentik_stages_authenticator_endpoint_gdtc.authenticatorendpointgdtcstage': ['credentials'],
  'authentik_stages_authenticator_sms.authenticatorsmsstage': ['auth', 'auth_password'],
  'authentik_stages_captcha.captchastage': ['private_key'],
  'authentik_stages_email.emailstage': ['password'],
};

/** The secret fields (wire names) of a model. */
export function secretFields(model: string): readonly string[] {
  return SECRET_FIELDS[model] ?? [];
}

/**
 * Problems with secret fields of wire-form attributes: anything but `!Env`, `!File`, `!Context` (whose
 * value `contextValue` must itself not be a literal), `null` or an empty string (an unusable password)
 * would put the secret into Git.
 */
export function checkSecretFields(
  model: string,
  attrs: Readonly<Record<string, unknown>>,
  where: string,
  contextValue: (key: string) => unknown,
): string[] {
  const problems: string[] = [];
  for (const field of secretFields(model)) {
    const value = attrs[field];
    if (value === undefined || value === null || value === '') continue;
    if (isReadAtRunTime(value)) continue;
    if (value instanceof Tag && value.name === '!Context' && typeof value.value === 'string') {
      const held = contextValue(value.value);
      if (held === undefined || held === null || held === '' || isReadAtRunTime(held)) continue;
      problems.push(`${where}: ${field} reads !Context ${value.value}, whose value in the blueprint's context is a literal; `
        + 'a secret must come from !Env or !File there too (e.g. context: { token: Tag.env(\'X\') })');
      continue;
    }
    const shown = typeof value === 'string' ? 'a literal string' : value instanceof Tag ? `a ${value.name} tag` : `a literal ${typeof value}`;
    problems.push(`${where}: ${field} is a secret, but was given ${shown}; a secret must never be written into the blueprint (it would be `
      + 'committed to Git): pass a WorkerSecret (wired from the ExternalSecret through the worker\'s environment to !Env) or a !File tag');
  }
  return problems;
}

// `!Env` / `!File`, also when written with Tag.scalar or Tag.sequence (e.g. `!Env [NAME, null]`)
function isReadAtRunTime(value: unknown): boolean {
  return value instanceof Env || (value instanceof Tag && (value.name === '!Env' || value.name === '!File'));
}
