/**
 * One command from clone to running app: every secret the Compose file reads has a
 * development placeholder (or is explicitly required from the developer), and none of it
 * reaches the Kubernetes output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { find, podSpecOf, synthApp } from '../../../support/synth';
import { AppChart, Database, DatabaseCredentials, DatabaseEngine, EnvValue, SecretsBackend, ValidationError, WebService } from '../../../../lib';

function shop(apiEnv: Record<string, EnvValue>, credentials?: DatabaseCredentials) {
  return synthApp((app) => {
    const chart = new AppChart(app, 'shop');
    const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16'), credentials });
    new WebService(chart, 'Api', { name: 'api', image: 'a:1', env: apiEnv }).connectTo(db);
  });
}

describe('development values of secrets', () => {
  test("a Secret whose name starts with a digit gets a variable Compose can interpolate ('_' in front)", () => {
    const out = shop({ TOKEN: EnvValue.fromSecret('1password', 'token') });
    const compose = out.compose['shop.compose.yml'];
    // `${1PASSWORD_TOKEN}` is not a variable for Compose: names start with a letter or '_'.
    expect(compose.services.api.environment.TOKEN).toBe('${_1PASSWORD_TOKEN:-dev-1password-token}');
    expect(out.files['shop.env.example']).toContain('\n_1PASSWORD_TOKEN=dev-1password-token\n');
  });

  test('by default a placeholder per key, shared by the database and its client; no env file needed', () => {
    const out = shop({ TOKEN: EnvValue.fromSecret('api', 'token') });
    const compose = out.compose['shop.compose.yml'];
    expect(compose.services.db.environment.POSTGRES_PASSWORD).toBe('${DB_CREDENTIALS_PASSWORD:-dev-db-credentials-password}');
    expect(compose.services.api.environment.DB_PASSWORD).toBe('${DB_CREDENTIALS_PASSWORD:-dev-db-credentials-password}');
    expect(compose.services.api.environment.TOKEN).toBe('${API_TOKEN:-dev-api-token}');
    const header = out.files['shop.compose.yml'].split('\n').slice(0, 3);
    expect(header[1]).toBe('# Run: docker compose -p shop -f shop.compose.yml up');
    expect(header[2]).toContain('development placeholders unless the environment or an --env-file sets them');
    // The env example lists the same placeholders, ready to copy and change.
    expect(out.files['shop.env.example']).toContain('# Kubernetes: key of Secret api/token\nAPI_TOKEN=dev-api-token\n');
    // Kubernetes reads the Secret; no placeholder anywhere in its output.
    const k8s = Object.values(out.files)
      .filter((_, i) => Object.keys(out.files)[i].endsWith('.k8s.yaml'))
      .join('\n');
    expect(k8s).not.toContain('dev-');
    expect(podSpecOf(find(out.objects, 'Deployment', 'api')).containers[0].env).toContainEqual({
      name: 'TOKEN',
      valueFrom: { secretKeyRef: { name: 'api', key: 'token' } },
    });
  });

  test('developmentValue and requiredInDevelopment choose the placeholder or stop Compose with a message naming the variable', () => {
    const out = shop(
      { STRIPE_KEY: EnvValue.fromSecret('stripe', 'key', { requiredInDevelopment: true }) },
      DatabaseCredentials.fromExistingSecret('db-credentials', 'password', { developmentValue: 'local-only' }),
    );
    const compose = out.compose['shop.compose.yml'];
    expect(compose.services.db.environment.POSTGRES_PASSWORD).toBe('${DB_CREDENTIALS_PASSWORD:-local-only}');
    expect(compose.services.api.environment.STRIPE_KEY).toBe(
      '${STRIPE_KEY:?set STRIPE_KEY (Secret stripe key key) in the environment or an --env-file: see shop.env.example}',
    );
    expect(out.files['shop.compose.yml'].split('\n')[1]).toBe(
      '# Run: docker compose -p shop -f shop.compose.yml --env-file <your env file> up   (the file sets STRIPE_KEY)',
    );
    expect(out.files['shop.env.example']).toContain('# Kubernetes: key of Secret stripe/key (required: no placeholder)\nSTRIPE_KEY=change-me\n');
    expect(out.files['shop.env.example']).toContain('DB_CREDENTIALS_PASSWORD=local-only\n');
    // Neither placeholder nor message reaches Kubernetes.
    const k8s = out.files['shop.k8s.yaml'];
    expect(k8s).not.toContain('local-only');
    expect(k8s).not.toContain('--env-file');
  });

  test('secret files get a placeholder file in the default secrets folder', () => {
    const out = synthApp((app) => {
      const chart = new AppChart(app, 'bank');
      new WebService(chart, 'Api', { name: 'api', image: 'a:1', secretFiles: [{ path: '/keys/jwt.pub', secretName: 'jwt-key', key: 'jwt.pub' }] });
    });
    expect(out.compose['bank.compose.yml'].services.api.volumes).toEqual(['${BANK_SECRETS_DIR:-./bank.secrets}/jwt-key/jwt.pub:/keys/jwt.pub:ro']);
    expect(fs.readFileSync(path.join(out.outdir, 'bank.secrets', 'jwt-key', 'jwt.pub'), 'utf8')).toBe('dev-jwt-key-jwt.pub');
  });

  test('no placeholder file for a YAML key (the cdk8s CLI would read it as a manifest): the env example says it is required', () => {
    const out = synthApp((app) => {
      const chart = new AppChart(app, 'bank');
      new WebService(chart, 'Api', { name: 'api', image: 'a:1', secretFiles: [{ path: '/etc/app/creds.yaml', secretName: 'creds', key: 'creds.yaml' }] });
    });
    expect(fs.existsSync(path.join(out.outdir, 'bank.secrets', 'creds', 'creds.yaml'))).toBe(false);
    expect(out.files['bank.env.example']).toContain('#   creds/creds.yaml (required: no placeholder)');
  });

  test('the env example lists variables sorted, whatever the order of use', () => {
    const out = shop({ ZED: EnvValue.fromSecret('zed', 'key'), ALPHA: EnvValue.fromSecret('alpha', 'key') });
    const names = [...out.files['shop.env.example'].matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(names).toEqual(['ALPHA_KEY', 'DB_CREDENTIALS_PASSWORD', 'ZED_KEY']);
  });

  test.each([
    [
      'both options',
      EnvValue.fromSecret('api', 'token', { developmentValue: 'x', requiredInDevelopment: true }),
      /secret key api\/token has both developmentValue and requiredInDevelopment; allowed: one of them/,
    ],
    [
      'a placeholder Compose would interpolate',
      EnvValue.fromSecret('api', 'token', { developmentValue: 'a$b}' }),
      /developmentValue 'a\$b}' of secret key api\/token is invalid; allowed: 1 to 256 letters, digits and '\._~-'/,
    ],
    [
      'a placeholder that breaks connection URLs',
      EnvValue.fromSecret('api', 'token', { developmentValue: 'p@ss' }),
      /developmentValue 'p@ss' of secret key api\/token is invalid/,
    ],
  ])('fails on %s, naming the construct', (_title, value, message) => {
    expect(() => shop({ TOKEN: value })).toThrow(ValidationError);
    expect(() => shop({ TOKEN: value })).toThrow(message);
    expect(() => shop({ TOKEN: value })).toThrow(/shop\/Api/);
  });

  test("the env example lists the percent-encoded password connection URLs read, with the password's placeholder", () => {
    const out = synthApp((app) => {
      const chart = new AppChart(app, 'shop', { secrets: SecretsBackend.externalSecrets({ storeName: 'vault' }) });
      const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      new WebService(chart, 'Api', { name: 'api', image: 'a:1' }).connectTo(db);
    });
    expect(out.files['shop.env.example']).toContain(
      [
        '# Kubernetes: key of Secret db-credentials/password',
        'DB_CREDENTIALS_PASSWORD=dev-db-credentials-password',
        '',
        '# Kubernetes: key of Secret db-credentials/password-urlencoded',
        '# DB_CREDENTIALS_PASSWORD, percent-encoded (connection URLs read it): set both',
        'DB_CREDENTIALS_PASSWORD_URLENCODED=dev-db-credentials-password',
      ].join('\n'),
    );
  });

  test('fails when two references give one key different development values', () => {
    expect(() =>
      synthApp((app) => {
        const chart = new AppChart(app, 'shop');
        new WebService(chart, 'Api', { name: 'api', image: 'a:1', env: { T: EnvValue.fromSecret('api', 'token', { developmentValue: 'one' }) } });
        new WebService(chart, 'Web', { name: 'web', image: 'a:1', env: { T: EnvValue.fromSecret('api', 'token', { requiredInDevelopment: true }) } });
      }),
    ).toThrow(/secret key api\/token has two development settings \(developmentValue 'one' and requiredInDevelopment\).*\(at shop\/Web\)/);
  });
});
