import { synthApp, synthChart, find, podSpecOf } from '../../../support/synth';
import { AppChart, SecretsBackend, WebService } from '../../../../lib';
import type { SecretFile } from '../../../../lib';
import { checkParity } from '../../../../lib/validation';

// Secret files (lib/concerns/storage/props.ts): a Secret's keys mounted read-only as files, in
// both targets.

/** A web service `api` with these secret files, rendered in both targets. */
function withSecretFiles(secretFiles: SecretFile[]) {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0', replicas: 1, secretFiles });
    return chart;
  });
}

describe('secret files', () => {
  test('a Secret key as a read-only file: a Secret volume in Kubernetes, a bind from the secrets folder in Compose', () => {
    const out = synthApp((app) => {
      const chart = new AppChart(app, 'bank', { secrets: SecretsBackend.externalSecrets({ storeName: 'vault' }) });
      new WebService(chart, 'Api', {
        name: 'api',
        image: 'a:1',
        secretFiles: [
          { path: '/tmp/.ssh/publickey', secretName: 'jwt-key', key: 'jwtRS256.key.pub' },
          { path: '/tmp/.ssh/privatekey', secretName: 'jwt-key', key: 'jwtRS256.key' },
        ],
      });
    });
    const spec = podSpecOf(find(out.objects, 'Deployment', 'api'));
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'secret-jwt-key', mountPath: '/tmp/.ssh/privatekey', subPath: 'jwtRS256.key', readOnly: true },
      { name: 'secret-jwt-key', mountPath: '/tmp/.ssh/publickey', subPath: 'jwtRS256.key.pub', readOnly: true },
    ]);
    expect(spec.volumes).toEqual([
      { name: 'tmp', emptyDir: {} },
      { name: 'secret-jwt-key', secret: { secretName: 'jwt-key' } },
    ]);
    // The secrets backend creates the Secret with both keys.
    expect(find(out.objects, 'ExternalSecret', 'jwt-key').spec.data.map((d: any) => d.secretKey)).toEqual(['jwtRS256.key', 'jwtRS256.key.pub']);
    const compose = out.compose['bank.compose.yml'];
    expect(compose.services.api.volumes).toEqual([
      '${BANK_SECRETS_DIR:-./bank.secrets}/jwt-key/jwtRS256.key:/tmp/.ssh/privatekey:ro',
      '${BANK_SECRETS_DIR:-./bank.secrets}/jwt-key/jwtRS256.key.pub:/tmp/.ssh/publickey:ro',
    ]);
    expect(out.files['bank.env.example']).toContain('# BANK_SECRETS_DIR=./bank.secrets');
    expect(out.files['bank.env.example']).toContain('#   jwt-key/jwtRS256.key.pub');
    expect(checkParity(out.objects, compose)).toEqual([]);
  });

  test.each([
    ['a relative path', [{ path: 'key', secretName: 'k', key: 'v' }], /secretFiles path 'key' is invalid; allowed: an absolute file path/],
    ['a key with a slash', [{ path: '/k', secretName: 'k', key: 'a/b' }], /secretFiles \/k: secret key 'a\/b' \(of Secret 'k'\) is invalid/],
    [
      'the same path twice',
      [
        { path: '/k', secretName: 'k', key: 'a' },
        { path: '/k', secretName: 'k', key: 'b' },
      ],
      /secretFiles path '\/k' is declared twice/,
    ],
  ])('fails when a secret file has %s', (_title, secretFiles, message) => {
    expect(() => withSecretFiles(secretFiles as never)).toThrow(message);
  });
});
