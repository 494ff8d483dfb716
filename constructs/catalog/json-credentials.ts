/**
 * Credentials authentik keeps as a JSON object, not text: model `JSONField`s, which authentik's
 * `ModelSerializer` takes as a `JSONDictField` (authentik/core/api/utils.py) and the OpenAPI document
 * types as an object. Which fields they are is the catalog's (`Catalog.jsonSecretFields`: a secret field
 * the release types `object`). Here, per such field, the words for it and where authentik reads it,
 * each citing a goauthentik/authentik file; `test/judgement-json-secrets.test.ts` fails when a field the
 * catalogs make a JSON-object secret has no entry here, or an entry names no such field.
 */
import { catalogFor } from './catalog';
import { ModelName } from './model-facts';
import { AUTHENTIK_VERSIONS } from './versions';

/** What a JSON-object credential is, and what in authentik needs it as an object. */
export interface JsonCredential {
  /** What the object is, e.g. `the Google service-account key`. */
  readonly what: string;
  /** Where authentik reads it, naming a goauthentik/authentik file. */
  readonly usedIn: string;
}

/** The JSON-object credentials of the catalogs, by model and wire field name. */
export const JSON_CREDENTIALS: Readonly<Record<string, Readonly<Record<string, JsonCredential>>>> = {
  [ModelName.GOOGLEWORKSPACEPROVIDER]: {
    credentials: {
      what: 'the Google service-account key',
      usedIn: 'GoogleWorkspaceProvider.google_credentials() passes it to Credentials.from_service_account_info '
        + '(authentik/enterprise/providers/google_workspace/models.py)',
    },
  },
  [ModelName.AUTHENTICATORENDPOINTGDTCSTAGE]: {
    credentials: {
      what: 'the Google service-account key',
      usedIn: 'AuthenticatorEndpointGDTCStage.google_credentials() passes it to Credentials.from_service_account_info '
        + '(authentik/enterprise/stages/authenticator_endpoint_gdtc/models.py)',
    },
  },
  [ModelName.GOOGLECHROMECONNECTOR]: {
    credentials: {
      what: 'the Google service-account key',
      usedIn: 'GoogleChromeConnector.google_credentials() passes it to Credentials.from_service_account_info '
        + '(authentik/enterprise/endpoints/connectors/google_chrome/models.py)',
    },
  },
  [ModelName.KUBERNETESSERVICECONNECTION]: {
    kubeconfig: {
      what: 'the kubeconfig',
      usedIn: 'validate_kubeconfig loads it with load_kube_config_from_dict (authentik/outposts/api/service_connections.py)',
    },
  },
};

let withJsonSecrets: readonly string[] | undefined;

/** Every model with a JSON-object secret field in some release this project knows, sorted; read on first use. */
export function modelsWithJsonSecrets(): readonly string[] {
  withJsonSecrets ??= Object.freeze([...new Set(AUTHENTIK_VERSIONS.flatMap((v) => catalogFor(v).modelsWithJsonSecrets()))].sort());
  return withJsonSecrets;
}

/** The words for a JSON-object credential; plain ones when the table above lacks it (its test fails then). */
export function jsonCredential(model: string, field: string): JsonCredential {
  return JSON_CREDENTIALS[model]?.[field] ?? { what: `a JSON object (${model} ${field})`, usedIn: `authentik reads ${model}'s ${field} as an object` };
}
