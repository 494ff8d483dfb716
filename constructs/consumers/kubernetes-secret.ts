import { Construct } from 'constructs';
import { ExternalSecret, type ExternalSecretTemplate, type SecretStoreKind } from '../k8s/external-secret';
import type { ConsumerSecret } from './oidc-consumer';
import type { KubernetesDestination } from './kubernetes-destination';

/**
 * The consumer's ExternalSecret: the client secret copied from the same store item and field the
 * authentik side reads, into the consumer's namespace.
 * @internal shared by the Kubernetes consumers
 */
export function consumerExternalSecret(scope: Construct, destination: KubernetesDestination, secret: ConsumerSecret, options: {
  readonly name: string;
  readonly secretKey: string;
  readonly template?: ExternalSecretTemplate;
}): ExternalSecret {
  const externalSecret = new ExternalSecret(scope, 'ExternalSecret', {
    name: options.name,
    secretStoreName: destination.secretStoreName ?? secret.storeName,
    secretStoreKind: destination.secretStoreKind ?? (secret.storeKind as SecretStoreKind),
    remoteKey: secret.remoteKey,
    template: options.template,
  });
  externalSecret.addKey(options.secretKey, { remoteProperty: secret.property, addedBy: scope.node.path });
  return externalSecret;
}
