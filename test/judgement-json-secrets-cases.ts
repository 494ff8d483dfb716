/**
 * The mistakes of the JSON-object secret rule (constructs/authentik/rules/json-secrets.ts): a Google
 * service-account key or a kubeconfig given from the environment, which gives text where authentik's
 * serializer takes only a dictionary. [rule id, the mistake, its declaration, the message expected],
 * declared through the generated typed constructs (`Cfn…`) and `ModelEntry`; judged alone and all at
 * once by test/judgement-json-secrets.test.ts, counted with the bad-input suite's own. The legitimate
 * declarations next to them are `JSON_SECRET_ACCEPTED`.
 */
import {
  Blueprint, CfnAuthenticatorEndpointGDTCStage, CfnGoogleWorkspaceProvider, CfnKubernetesServiceConnection, ModelEntry, Tag, WorkerSecret,
} from '../constructs';
import { ModelName } from '../constructs/catalog/model-facts';
import type { JudgementCase } from './judgement-harness';

const secret = (bp: Blueprint, name: string): WorkerSecret => new WorkerSecret(bp, 'Key', { envVar: `AUTHENTIK_${name.toUpperCase().replace(/-/g, '_')}`, secretKey: name });
const WORKSPACE = { name: 'Google Workspace', delegatedSubject: 'admin@example.com', defaultGroupEmailDomain: 'example.com' };

/** [rule id, the mistake, its declaration, the message expected]. */
export const JSON_SECRET_CASES: JudgementCase[] = [
  ['json-secret-field-is-an-object', 'a Google Workspace provider reads its service-account key from a worker secret',
    (bp) => new CfnGoogleWorkspaceProvider(bp, 'G', { ...WORKSPACE, credentials: secret(bp, 'google-sa-key') }),
    /\/G\.credentials: !Env "AUTHENTIK_GOOGLE_SA_KEY" is not a JSON object: !Env gives text .*JSONDictField, which refuses anything but a dictionary .*Credentials\.from_service_account_info .*set it once in authentik's admin interface .*updatesExisting: true/],
  ['json-secret-field-is-an-object', 'a Google Device Trust stage reads its service-account key from a file',
    (bp) => new CfnAuthenticatorEndpointGDTCStage(bp, 'D', { name: 'chrome-device-trust', credentials: Tag.file('/secrets/gdtc.json') }),
    /\/D\.credentials: !File "\/secrets\/gdtc\.json" is not a JSON object: !File gives text .*authenticator_endpoint_gdtc\/models\.py.*leave the field out and give updatesExisting: true/],
  ['json-secret-field-is-an-object', 'a Google Workspace provider (ModelEntry) reads its key from a worker secret',
    (bp) => new ModelEntry(bp, 'M', { model: ModelName.GOOGLEWORKSPACEPROVIDER, identifiers: { name: 'gw' },
      attributes: { delegatedSubject: 'admin@example.com', defaultGroupEmailDomain: 'example.com', credentials: secret(bp, 'gw-key') } }),
    /\/M\.credentials: !Env "AUTHENTIK_GW_KEY" is not a JSON object: !Env gives text \(authentik\/blueprints\/v1\/common\.py\), also when the text is JSON/],
  ['json-secret-field-is-an-object', 'a Kubernetes service connection reads its kubeconfig from a worker secret',
    (bp) => new CfnKubernetesServiceConnection(bp, 'K', { name: 'other-cluster', local: false, kubeconfig: secret(bp, 'kubeconfig') }),
    /\/K\.kubeconfig: !Env "AUTHENTIK_KUBECONFIG" is not a JSON object: .*load_kube_config_from_dict .*paste it once in authentik's admin interface .*or give local: true/],
  ['json-secret-field-is-an-object', 'a Kubernetes service connection (ModelEntry) reads its kubeconfig from a file',
    (bp) => new ModelEntry(bp, 'E', { model: ModelName.KUBERNETESSERVICECONNECTION, identifiers: { name: 'remote' }, attributes: { local: false, kubeconfig: Tag.file('/secrets/kubeconfig.yaml') } }),
    /\/E\.kubeconfig: !File "\/secrets\/kubeconfig\.yaml" is not a JSON object: .*"Value must be a dictionary, and not have any duplicate keys\."/],
];

/** [what, declaration]: legitimate declarations one step from the mistakes above, each must pass. */
export const JSON_SECRET_ACCEPTED: Array<[string, (bp: Blueprint) => void]> = [
  ['a Google Workspace provider created in the admin interface, its key left out of the update',
    (bp) => new CfnGoogleWorkspaceProvider(bp, 'G', { ...WORKSPACE, updatesExisting: true, excludeUsersServiceAccount: true })],
  ['a Google Device Trust stage created in the admin interface, its key left out of the update',
    (bp) => new CfnAuthenticatorEndpointGDTCStage(bp, 'D', { name: 'chrome-device-trust', updatesExisting: true, friendlyName: 'Chrome Device Trust' })],
  ['a local Kubernetes service connection without a kubeconfig',
    (bp) => new CfnKubernetesServiceConnection(bp, 'K', { name: 'Local Kubernetes Cluster', local: true })],
];
