import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { ExternalSecret, SecretStoreKind, validateApp, type ExternalSecretProps } from '../constructs';

const PROPS: ExternalSecretProps = { name: 'authentik-config', secretStoreName: 'onepassword', remoteKey: 'Authentik (test)' };

function secret(props: Partial<ExternalSecretProps> = {}): { chart: Chart; es: ExternalSecret } {
  const chart = new Chart(new App(), 'Test');
  return { chart, es: new ExternalSecret(chart, 'ExternalSecret', { ...PROPS, ...props }) };
}

describe('ExternalSecret', () => {
  it('writes an external-secrets.io/v1 object reading each key from the one remote item, keys sorted', () => {
    const { es } = secret({ secretStoreKind: SecretStoreKind.SECRET_STORE, refreshInterval: '30m' });
    es.addKey('zeta');
    es.addKey('alpha', { remoteProperty: 'Alpha Field' });
    expect(es.apiObject.toJson()).toEqual({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'authentik-config' },
      spec: {
        refreshInterval: '30m',
        secretStoreRef: { kind: 'SecretStore', name: 'onepassword' },
        target: { name: 'authentik-config', creationPolicy: 'Owner' },
        data: [
          { secretKey: 'alpha', remoteRef: { key: 'Authentik (test)', property: 'Alpha Field' } },
          { secretKey: 'zeta', remoteRef: { key: 'Authentik (test)', property: 'zeta' } },
        ],
      },
    });
  });

  it('writes a ClusterSecretStore reference refreshed hourly by default', () => {
    const { es } = secret();
    expect(es.apiObject.toJson().spec).toMatchObject({ refreshInterval: '1h', secretStoreRef: { kind: 'ClusterSecretStore' } });
  });

  it('fails when two constructs add the same key, naming both', () => {
    const { chart, es } = secret();
    es.addKey('grafana-client-secret', { addedBy: 'Test/Grafana' });
    es.addKey('grafana-client-secret', { addedBy: 'Test/Other' });
    expect(validateApp(chart)).toContain('Test/ExternalSecret: secret key "grafana-client-secret" is added by Test/Grafana and Test/Other; each key can hold one secret, so rename one');
  });

  it('fails when a key is not a valid Secret key, naming who added it', () => {
    const { chart, es } = secret();
    es.addKey('client secret!', { addedBy: 'Test/Zot' });
    expect(validateApp(chart).join('\n')).toContain('Test/Zot: secret key "client secret!" is not a valid Secret key');
  });

  it('fails when the name is not a Kubernetes name or the remote item is blank', () => {
    const { chart } = secret({ name: 'Authentik_Config', remoteKey: '  ' });
    const problems = validateApp(chart).join('\n');
    expect(problems).toContain('Test/ExternalSecret: name "Authentik_Config" is not a valid Kubernetes name');
    expect(problems).toContain('Test/ExternalSecret: remoteKey is empty; name the item in the secret store');
  });

  it('fails when the object breaks the v1 CRD schema, e.g. a store kind the operator does not know', () => {
    const { chart } = secret({ secretStoreKind: 'VaultStore' as SecretStoreKind });
    expect(validateApp(chart).join('\n')).toMatch(/Test\/ExternalSecret: ExternalSecret\.spec\.secretStoreRef\.kind .*\(external-secrets\.io\/v1 CRD schema\)/);
  });
});
