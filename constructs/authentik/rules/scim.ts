/**
 * authentik's judgement of SCIM providers: the credential each authentication mode reads, which the
 * model lets be blank (authentik/providers/scim/models.py) and the sync then sends as it is.
 */
import { ModelName } from '../../catalog/model-facts';
import { isKnown, show, type EntryRule } from './rule';

/** The models these rules judge, by the catalog's names. */
const MODEL = {
  SCIM_PROVIDER: ModelName.SCIMPROVIDER,
} as const;

export const SCIM_RULES: readonly EntryRule[] = [
  {
    id: 'scim-provider-auth-mode-has-its-credential',
    source: 'authentik/providers/scim/models.py',
    models: [MODEL.SCIM_PROVIDER],
    check: ({ path, fields, updatesExisting, refusedSecrets = [] }) => {
      const { auth_mode: given, token, auth_oauth: source } = fields;
      if (refusedSecrets.includes('token')) return [];
      // the model's default mode is "token"; an update keeps the stored one
      const mode = given === undefined && !updatesExisting ? 'token' : given;
      if (typeof mode !== 'string' || !isKnown(mode)) return [];
      if (mode === 'token' && (token === '' || token === null || (token === undefined && !updatesExisting))) {
        return [`${path}.token: ${show(token ?? null)} in auth mode "token"${given === undefined ? ' (the model\'s default)' : ''}: authentik saves it (the `
          + 'field may be blank), but every SCIM request then carries "Authorization: Bearer " with nothing after it (SCIMTokenAuth in '
          + 'authentik/providers/scim/clients/auth.py), which the application refuses; pass the application\'s SCIM token from a '
          + 'WorkerSecret, e.g. token: new WorkerSecret(scope, \'ScimToken\', { envVar: \'AUTHENTIK_SCIM_TOKEN\', secretKey: \'scim-token\' })'];
      }
      if (mode.startsWith('oauth') && (source === null || (source === undefined && !updatesExisting))) {
        return [`${path}.auth_oauth: ${show(source ?? null)} in auth mode ${show(mode)}: authentik saves it (the field is nullable), but the `
          + 'sync reads the OAuth source it names to fetch a token (authentik/enterprise/providers/scim/auth_oauth2.py) and fails on every '
          + 'run without one; give authOauth, the OAuth source to fetch tokens from, or use authMode "token" with a token'];
      }
      return [];
    },
  },
];
