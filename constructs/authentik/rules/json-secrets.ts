/**
 * authentik's judgement of secret fields that hold a JSON object, not text: a Google service-account
 * key (Google Workspace provider, Google Device Trust stage) and a kubeconfig (Kubernetes service
 * connection). authentik's `ModelSerializer` turns every model `JSONField` into a `JSONDictField`,
 * whose `is_dict` validator refuses anything but a dictionary (authentik/core/api/utils.py). A secret
 * reaches a blueprint only through `!Env` or `!File`, and both give text (`getenv`, `file.read()` in
 * authentik/blueprints/v1/common.py); `!ParseJSON` parses only the literal written after it, so it
 * cannot wrap them. Such a field given from the environment makes the whole blueprint fail to apply.
 */
import { ModelName } from '../../catalog/model-facts';
import { Tag } from '../../blueprint/tags';
import { show, type EntryRule } from './rule';

/** The models these rules judge, by the catalog's names. */
const MODEL = {
  GOOGLE_WORKSPACE_PROVIDER: ModelName.GOOGLEWORKSPACEPROVIDER,
  GDTC_STAGE: ModelName.AUTHENTICATORENDPOINTGDTCSTAGE,
  GOOGLE_CHROME_CONNECTOR: ModelName.GOOGLECHROMECONNECTOR,
  KUBERNETES_SERVICE_CONNECTION: ModelName.KUBERNETESSERVICECONNECTION,
} as const;

/** A secret field whose value authentik only takes as a JSON object, with how to give it instead. */
interface JsonSecretField {
  /** Wire name of the field. */
  readonly field: string;
  /** What the object is. */
  readonly what: string;
  /** Where authentik reads it, a goauthentik/authentik file. */
  readonly usedIn: string;
  /** How to give it without writing it into the blueprint. */
  readonly fix: string;
}

const SET_ONCE = 'set it once in authentik\'s admin interface (it is stored in authentik\'s database, never in Git) and declare the object '
  + 'without it, as an update of the object created there: leave the field out and give updatesExisting: true';

/** Secret fields authentik takes only as a JSON object, by model. */
export const JSON_SECRET_FIELDS: Readonly<Record<string, JsonSecretField>> = {
  [MODEL.GOOGLE_WORKSPACE_PROVIDER]: {
    field: 'credentials',
    what: 'the Google service-account key',
    usedIn: 'GoogleWorkspaceProvider.google_credentials() passes it to Credentials.from_service_account_info '
      + '(authentik/enterprise/providers/google_workspace/models.py)',
    fix: SET_ONCE,
  },
  [MODEL.GDTC_STAGE]: {
    field: 'credentials',
    what: 'the Google service-account key',
    usedIn: 'AuthenticatorEndpointGDTCStage.google_credentials() passes it to Credentials.from_service_account_info '
      + '(authentik/enterprise/stages/authenticator_endpoint_gdtc/models.py)',
    fix: SET_ONCE,
  },
  [MODEL.GOOGLE_CHROME_CONNECTOR]: {
    field: 'credentials',
    what: 'the Google service-account key',
    usedIn: 'GoogleChromeConnector.google_credentials() passes it to Credentials.from_service_account_info '
      + '(authentik/enterprise/endpoints/connectors/google_chrome/models.py)',
    fix: SET_ONCE,
  },
  [MODEL.KUBERNETES_SERVICE_CONNECTION]: {
    field: 'kubeconfig',
    what: 'the kubeconfig',
    usedIn: 'validate_kubeconfig loads it with load_kube_config_from_dict (authentik/outposts/api/service_connections.py)',
    fix: 'leave kubeconfig out and paste it once in authentik\'s admin interface (it is stored in authentik\'s database, never in Git), '
      + 'or give local: true for the cluster authentik itself runs in',
  },
};

/** How to give a JSON-object secret field of `model` without writing it into the blueprint; undefined for other fields. */
export function jsonSecretFix(model: string, field: string): string | undefined {
  const known = JSON_SECRET_FIELDS[model];
  return known?.field === field ? `${field} is ${known.what}, a JSON object that !Env and !File cannot give (they give text): ${known.fix}` : undefined;
}

// what the secret check lets through and authentik resolves to text: `!Env`, `!File` (a literal string
// is refused by the request schema, which asks for an object, and by the secret check)
function readsText(value: unknown): value is Tag {
  return value instanceof Tag && (value.name === '!Env' || value.name === '!File');
}

export const JSON_SECRET_RULES: readonly EntryRule[] = [
  {
    id: 'json-secret-field-is-an-object',
    source: 'authentik/core/api/utils.py',
    models: Object.keys(JSON_SECRET_FIELDS),
    check: ({ path, model, fields, refusedSecrets = [] }) => {
      const known = JSON_SECRET_FIELDS[model];
      if (!known || refusedSecrets.includes(known.field)) return [];
      const value = fields[known.field];
      if (!readsText(value)) return [];
      return [`${path}.${known.field}: ${show(value)} is not a JSON object: ${value.name} gives text (authentik/blueprints/v1/common.py), also `
        + 'when the text is JSON, and !ParseJSON parses only the literal written after it, so it cannot wrap it; authentik\'s serializer takes the model\'s JSONField as a '
        + 'JSONDictField, which refuses anything but a dictionary ("Value must be a dictionary, and not have any duplicate keys.", '
        + `authentik/core/api/utils.py), so the whole blueprint fails to apply (and ${known.usedIn}, which needs the object); `
        + `${known.field} is ${known.what}: ${known.fix}`];
    },
  },
];
