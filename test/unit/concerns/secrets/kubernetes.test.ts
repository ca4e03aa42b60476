import { Chart, Testing } from 'cdk8s';
import { renderSecretSource } from '../../../../lib/concerns/secrets/kubernetes';
import { AppSettings, SecretsSpec } from '../../../../lib/model/app-model';

const EXTERNAL: SecretsSpec = {
  kind: 'external',
  apiVersion: 'external-secrets.io/v1',
  storeName: 'vault',
  storeKind: 'ClusterSecretStore',
  remoteKeyPrefix: 'shop/',
  refreshInterval: '1h',
};

/** The ExternalSecret rendered for `keys`, of which `encoded` maps the URL-encoded ones to their source key. */
function externalSecret(keys: string[], encoded: Record<string, string>): any {
  const chart = new Chart(Testing.app(), 'test');
  const settings = { appName: 'shop', namespace: 'shop', labels: {}, secrets: EXTERNAL } as unknown as AppSettings;
  renderSecretSource(chart, 'Secret', 'db-credentials', new Set(keys), (key) => encoded[key], settings);
  const [object] = chart.toJson();
  return object.spec;
}

describe('renderSecretSource (ExternalSecrets)', () => {
  test('renders a URL-encoded key with a v2 template and passes every read key through (the template replaces the data)', () => {
    const spec = externalSecret(['password', 'password-urlencoded', 'user'], { 'password-urlencoded': 'password' });
    expect(spec.target).toEqual({
      name: 'db-credentials',
      creationPolicy: 'Owner',
      template: {
        engineVersion: 'v2',
        data: {
          'password': '{{ index . "password" }}',
          'password-urlencoded': '{{ index . "password" | urlquery | replace "+" "%20" }}',
          'user': '{{ index . "user" }}',
        },
      },
    });
    expect(Object.keys(spec.target.template.data)).toEqual(['password', 'password-urlencoded', 'user']);
    expect(spec.data.map((d: any) => d.secretKey)).toEqual(['password', 'user']);
  });

  test('reads the source key even when only its encoded form is referenced (a client in another chart)', () => {
    const spec = externalSecret(['password-urlencoded'], { 'password-urlencoded': 'password' });
    expect(spec.data).toEqual([{ secretKey: 'password', remoteRef: { key: 'shop/db-credentials', property: 'password' } }]);
    expect(Object.keys(spec.target.template.data)).toEqual(['password', 'password-urlencoded']);
  });

  test('without an encoded key, no template: the output is what it was', () => {
    const spec = externalSecret(['password'], {});
    expect(spec.target).toEqual({ name: 'db-credentials', creationPolicy: 'Owner' });
  });
});
