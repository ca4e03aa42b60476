import { find, synthChart } from '../../../support/synth';
import { AppChart, Database, DatabaseEngine, EnvValue, SecretsBackend, WebService } from '../../../../lib';

function chartWith(secrets: SecretsBackend) {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop', { secrets });
    const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
    const api = new WebService(chart, 'Api', { name: 'api', image: 'a:1', env: { API_KEY: EnvValue.fromSecret('api-keys', 'stripe') } });
    api.connectTo(db);
    // A reference added after construction must still reach the generated resource.
    api.addEnv('SENTRY_DSN', EnvValue.fromSecret('api-keys', 'sentry'));
    return chart;
  });
}

describe('SecretsBackend', () => {
  test('existing() renders no Secret-creating resource, only references', () => {
    const { objects } = chartWith(SecretsBackend.existing());
    expect(objects.filter((o) => /Secret/.test(o.kind))).toEqual([]);
  });

  test('externalSecrets() renders one ExternalSecret per Secret, listing every referenced key', () => {
    const { objects } = chartWith(SecretsBackend.externalSecrets({ storeName: 'vault', remoteKeyPrefix: 'shop/' }));
    expect(objects.filter((o) => o.kind === 'ExternalSecret').map((o) => o.metadata.name)).toEqual(['api-keys', 'db-credentials']);
    expect(find(objects, 'ExternalSecret', 'api-keys')).toEqual({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      // Argo CD applies it before the workloads that read the Secret.
      metadata: {
        name: 'api-keys',
        namespace: 'shop',
        labels: { 'app.kubernetes.io/managed-by': 'cdk8s-compose', 'app.kubernetes.io/part-of': 'shop' },
        annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
      },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
        target: { name: 'api-keys', creationPolicy: 'Owner' },
        data: [
          { secretKey: 'sentry', remoteRef: { key: 'shop/api-keys', property: 'sentry' } },
          { secretKey: 'stripe', remoteRef: { key: 'shop/api-keys', property: 'stripe' } },
        ],
      },
    });
  });

  test('sealedSecrets() renders SealedSecrets with the given ciphertext', () => {
    const { objects } = chartWith(
      SecretsBackend.sealedSecrets({
        encryptedData: { 'api-keys': { stripe: 'AgA1', sentry: 'AgA2' }, 'db-credentials': { password: 'AgA3' } },
      }),
    );
    expect(find(objects, 'SealedSecret', 'api-keys').spec).toEqual({
      encryptedData: { sentry: 'AgA2', stripe: 'AgA1' },
      template: { metadata: { name: 'api-keys' }, type: 'Opaque' },
    });
    expect(find(objects, 'SealedSecret', 'db-credentials').spec.encryptedData).toEqual({ password: 'AgA3' });
    // The app's common labels, like every other object of the chart.
    expect(find(objects, 'SealedSecret', 'api-keys').metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'cdk8s-compose',
      'app.kubernetes.io/part-of': 'shop',
    });
  });

  test.each(['0', '1h30m', '1.5h', '90s', '500ms', '2h45m30s'])(
    'externalSecrets() accepts the Go duration %p as refreshInterval and writes it as given',
    (refreshInterval) => {
      const { objects } = chartWith(SecretsBackend.externalSecrets({ storeName: 'vault.platform', storeKind: 'SecretStore', refreshInterval }));
      const spec = find(objects, 'ExternalSecret', 'api-keys').spec;
      expect(spec.refreshInterval).toBe(refreshInterval);
      expect(spec.secretStoreRef).toEqual({ name: 'vault.platform', kind: 'SecretStore' });
    },
  );

  test('sealedSecrets() accepts padded base64 ciphertexts and Secret names and keys with dots', () => {
    const { objects } = chartWith(
      SecretsBackend.sealedSecrets({
        encryptedData: {
          'api-keys': { stripe: 'AgBy3i4O+/==', sentry: 'AgCf8kR=' },
          'db-credentials': { password: 'AgA3' },
          'tls.example.com': { 'tls.crt': 'AgA4' },
        },
      }),
    );
    expect(find(objects, 'SealedSecret', 'api-keys').spec.encryptedData).toEqual({ sentry: 'AgCf8kR=', stripe: 'AgBy3i4O+/==' });
  });

  test('fails when a referenced key has no sealed value, naming every missing key', () => {
    expect(() => chartWith(SecretsBackend.sealedSecrets({ encryptedData: { 'api-keys': { stripe: 'AgA1' } } }))).toThrow(
      /no encrypted value for api-keys\/sentry, db-credentials\/password; add them to encryptedData/,
    );
  });
});
