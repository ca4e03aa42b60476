import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importCompose } from '../../../lib/import/index';

const CORPUS = path.join(__dirname, '..', '..', 'import-corpus');

/** Imports a Compose file written into a fresh folder named `name` (with `dotenv` as its .env), with `env` as the shell's environment. */
function importText(text: string, name = 'shop', env: Record<string, string> = {}, dotenv?: string) {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-map-')), name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'compose.yaml'), text);
  if (dotenv !== undefined) {
    fs.writeFileSync(path.join(dir, '.env'), dotenv);
  }
  return importCompose(path.join(dir, 'compose.yaml'), { env, label: 'compose.yaml' });
}

describe('classification', () => {
  test('database images become Databases, services with ports WebServices, the rest Workers; run-once from the Compose file', () => {
    const r = importCompose(path.join(CORPUS, 'basic-migration', 'compose.yaml'), { env: {} });
    expect(r.kinds).toEqual({ api: 'WebService', migrate: 'run-once Worker', postgres: 'Database', worker: 'Worker' });
    expect(r.appName).toBe('ledger');
    expect(r.source).toContain(
      "const migrate = new Worker(chart, 'Migrate', {\n  name: 'migrate',\n  image: 'ghcr.io/acme/ledger-api:3.1.0',\n  runOnce: true,",
    );
    expect(r.source).toContain("args: ['node', 'dist/migrate.js', '--yes'],");
    expect(r.source).toContain('api.dependsOn(migrate);');
  });

  test('restart "no" alone makes a run-once Worker; a worker others wait healthy for stays continuous', () => {
    const r = importText(
      'services:\n  seed:\n    image: s:1\n    restart: "no"\n  poller:\n    image: p:1\n    restart: "no"\n    healthcheck: { test: ["CMD", "true"] }\n  web:\n    image: w:1\n    ports: ["80:80"]\n    depends_on: { poller: { condition: service_healthy } }\n',
    );
    expect(r.kinds).toMatchObject({ seed: 'run-once Worker', poller: 'Worker' });
    expect(r.warnings.map((w) => w.key)).toEqual(expect.arrayContaining(['services.poller.restart', 'services.web.depends_on']));
  });
});

describe('databases', () => {
  test('credentials become a Secret reference with the Compose password as development value; user and database carry over', () => {
    const r = importCompose(path.join(CORPUS, 'basic-web-postgres-redis', 'compose.yaml'), { env: {} });
    expect(r.source).toContain("engine: DatabaseEngine.postgres('16-alpine'),\n  databaseName: 'shop',\n  user: 'shop',");
    expect(r.source).toContain("credentials: DatabaseCredentials.fromExistingSecret('db-credentials', 'password', { developmentValue: 's3cret' }),");
    expect(r.source).toContain("engine: DatabaseEngine.redis('7.2-alpine'),\n  credentials: DatabaseCredentials.none(),");
  });

  test('a password a development value cannot hold is not written; Compose uses the placeholder', () => {
    const r = importText('services:\n  db:\n    image: postgres:16\n    environment: { POSTGRES_PASSWORD: "p@ss word" }\n');
    expect(r.source).not.toContain('p@ss word');
    expect(r.warnings).toEqual([{ key: 'services.db.environment', message: expect.stringMatching(/Compose uses the placeholder/), kind: 'not mapped' }]);
  });

  test("the postgres image's defaults: user postgres, database named after the user; published engine port", () => {
    const r = importText('services:\n  db:\n    image: postgres:16\n    ports: ["5433:5432"]\n    environment: { POSTGRES_PASSWORD: pw }\n');
    expect(r.source).toContain("databaseName: 'postgres',\n  user: 'postgres',");
    expect(r.source).toContain('publish: 5433,');
  });
});

describe('connections', () => {
  test('URLs and addresses naming a service become its typed outputs in connectTo', () => {
    const r = importCompose(path.join(CORPUS, 'basic-web-postgres-redis', 'compose.yaml'), { env: {} });
    expect(r.source).toContain('web.connectTo(db, { env: { DATABASE_URL: db.connection.url } });');
    expect(r.source).toContain('web.connectTo(cache, { env: { REDIS_URL: cache.connection.url } });');
    expect(r.source).toContain("SESSION_SECRET: EnvValue.fromSecret('web-env', 'session-secret', { developmentValue: 'dev-session-secret' }),");
  });

  test('a database password in a client variable or a URL is the Secret, never a literal', () => {
    const r = importText(
      'services:\n  db:\n    image: postgres:16\n    environment: { POSTGRES_PASSWORD: pw1, POSTGRES_USER: u }\n  app:\n    image: a:1\n    environment:\n      PGPASSWORD: pw1\n      DSN: postgresql+asyncpg://u:pw1@db/u?ssl=off\n',
    );
    expect(r.source).toContain('PGPASSWORD: db.connection.password!');
    expect(r.source).toContain(
      "DSN: EnvValue.concat(EnvValue.fromValue('postgresql+asyncpg://u:'), db.connection.password!, EnvValue.fromValue('@db/u?ssl=off'))",
    );
    expect(r.source.split('\n').filter((l) => l.includes('pw1') && !l.includes('developmentValue'))).toEqual([]);
    // A connection found in an environment value adds the start order Compose did not have.
    expect(r.addedDependencies).toEqual([['app', 'db']]);
  });

  test('depends_on a WebService opens the connection; an address with the first port is connection.address', () => {
    const r = importText(
      'services:\n  api:\n    image: a:1\n    expose: ["7070"]\n  web:\n    image: w:1\n    ports: ["80:80"]\n    environment: { API_ADDR: "api:7070" }\n  gate:\n    image: g:1\n    depends_on: [api]\n',
    );
    expect(r.source).toContain('web.connectTo(api, { env: { API_ADDR: api.connection.address } });');
    expect(r.source).toContain('gate.connectTo(api, { env: {} });');
  });

  test('a renamed service keeps working: values that name it use the new host name', () => {
    const r = importText(
      'services:\n  my_api:\n    image: a:1\n    expose: ["80"]\n  web:\n    image: w:1\n    environment: { UPSTREAM: "http://my_api/v1" }\n',
    );
    expect(r.renamed).toEqual({ my_api: 'my-api' });
    expect(r.source).toContain("web.connectTo(myApi, { env: { UPSTREAM: EnvValue.fromValue('http://my-api/v1') } });");
  });
});

describe('secrets in environment values', () => {
  test('a password in a URL to a host outside the file becomes a Secret key; Compose keeps the value', () => {
    // GIVEN a URL with user:password to a database the file does not run
    const r = importText('services:\n  api:\n    image: a:1\n    environment:\n      DATABASE_URL: postgres://app:s3cretpw@rds.example.com/app\n');
    // THEN the password is a Secret part, with the Compose file's value as development value
    expect(r.source).toContain(
      "DATABASE_URL: EnvValue.concat(EnvValue.fromValue('postgres://app:'), EnvValue.fromSecret('api-env', 'database-url-password', { developmentValue: 's3cretpw' }), EnvValue.fromValue('@rds.example.com/app')),",
    );
    expect(r.source.split('\n').filter((l) => l.includes('s3cretpw') && !l.includes('developmentValue'))).toEqual([]);
    expect(r.warnings).toEqual([
      {
        key: 'services.api.environment.DATABASE_URL',
        message:
          "the password in the URL now comes from the Secret 'api-env', key 'database-url-password'; Compose uses the Compose file's value as development value",
        kind: 'remark',
      },
    ]);
    expect(r.source).toContain(`// compose: environment.DATABASE_URL: ${r.warnings[0].message}\n`);
  });

  test('a token in a URL (scheme://token@host) and a variable named DSN become Secret keys', () => {
    const r = importText('services:\n  api:\n    image: a:1\n    environment:\n      ERRORS: https://key123@sentry.io/1\n      SENTRY_DSN: abc123\n');
    expect(r.source).toContain(
      "ERRORS: EnvValue.concat(EnvValue.fromValue('https://'), EnvValue.fromSecret('api-env', 'errors-token', { developmentValue: 'key123' }), EnvValue.fromValue('@sentry.io/1')),",
    );
    expect(r.source).toContain("SENTRY_DSN: EnvValue.fromSecret('api-env', 'sentry-dsn', { developmentValue: 'abc123' }),");
    expect(r.warnings.map((w) => [w.key, w.kind])).toEqual([
      ['services.api.environment.ERRORS', 'remark'],
      ['services.api.environment.SENTRY_DSN', 'remark'],
    ]);
    expect(r.warnings[1].message).toBe(
      "the value now comes from the Secret 'api-env', key 'sentry-dsn'; Compose uses the Compose file's value as development value",
    );
  });

  test('a user name alone before the host of a service of the file stays as written (it is not a credential)', () => {
    const r = importText(
      'services:\n  db:\n    image: postgres:16\n    environment: { POSTGRES_HOST_AUTH_METHOD: trust }\n  api:\n    image: a:1\n    environment: { DB: "postgresql://postgres@db/other" }\n',
    );
    expect(r.source).toContain("api.connectTo(db, { env: { DB: EnvValue.fromValue('postgresql://postgres@db/other') } });");
  });

  test('a secret-looking value taken from the shell is not written: Compose requires it at run time', () => {
    // GIVEN API_TOKEN exported in the shell, and read through interpolation and through `- NAME`
    const r = importText(
      'services:\n  api:\n    image: a:1\n    environment:\n      API_TOKEN: ${API_TOKEN}\n      LOCAL_URL: http://localhost\n  w:\n    image: w:1\n    environment: [API_TOKEN]\n',
      'shop',
      { API_TOKEN: 'supersecret123' },
    );
    // THEN the value appears nowhere in the code
    expect(r.source).not.toContain('supersecret123');
    expect(r.source).toContain("API_TOKEN: EnvValue.fromSecret('api-env', 'api-token', { requiredInDevelopment: true }),");
    expect(r.source).toContain("env: { API_TOKEN: EnvValue.fromSecret('w-env', 'api-token', { requiredInDevelopment: true }) },");
    expect(r.warnings).toContainEqual({
      key: 'services.api.environment.API_TOKEN',
      message:
        "the value now comes from the Secret 'api-env', key 'api-token'; Compose requires it from the environment: the value came from the shell's API_TOKEN, which the code does not write",
      kind: 'remark',
    });
  });

  test('a URL whose password came from the shell is a Secret as a whole, required in development', () => {
    const r = importText('services:\n  api:\n    image: a:1\n    environment:\n      DATABASE_URL: postgres://app:${PW}@rds.example.com/app\n', 'shop', {
      PW: 'fromshell9',
    });
    expect(r.source).not.toContain('fromshell9');
    expect(r.source).toContain("env: { DATABASE_URL: EnvValue.fromSecret('api-env', 'database-url', { requiredInDevelopment: true }) },");
  });

  test.each([
    ['the .env file', '${API_TOKEN}', 'API_TOKEN=fromdotenv\n'],
    ['a default', '${API_TOKEN:-fromdotenv}', undefined],
  ])('a secret-looking value from %s is the development value', (_from, value, dotenv) => {
    const r = importText(`services:\n  api:\n    image: a:1\n    environment:\n      API_TOKEN: ${value}\n`, 'shop', {}, dotenv);
    expect(r.source).toContain("env: { API_TOKEN: EnvValue.fromSecret('api-env', 'api-token', { developmentValue: 'fromdotenv' }) },");
  });

  test('a database password taken from the shell is not written: Compose requires it at run time', () => {
    const r = importText('services:\n  db:\n    image: postgres:16\n    environment: { POSTGRES_PASSWORD: "${DB_PASSWORD}" }\n', 'shop', {
      DB_PASSWORD: 'fromshell9',
    });
    expect(r.source).not.toContain('fromshell9');
    expect(r.source).toContain("credentials: DatabaseCredentials.fromExistingSecret('db-credentials', 'password', { requiredInDevelopment: true }),");
    expect(r.warnings).toEqual([
      {
        key: 'services.db.environment',
        message: "the password came from the shell's DB_PASSWORD, which the code does not write: Compose requires it from the environment",
        kind: 'remark',
      },
    ]);
  });
});

describe('order', () => {
  test('a cycle through environment values is cut there: every depends_on edge is kept', () => {
    const r = importText(
      'services:\n  api:\n    image: a:1\n    expose: ["8080"]\n    depends_on: { init: { condition: service_completed_successfully } }\n  init:\n    image: a:1\n    environment: { API_URL: "http://api:8080/x" }\n',
    );
    expect(r.source).toContain('api.dependsOn(init);');
    expect(r.warnings).toEqual([
      { key: 'services.init.environment', message: "API_URL name 'api' but are not a connection: it would close a dependency cycle", kind: 'not mapped' },
    ]);
  });

  test('a port that is not TCP says its protocol, and "not mapped" once', () => {
    const r = importText('services:\n  dns:\n    image: d:1\n    ports: ["5353:5353/udp"]\n');
    expect(r.warnings).toEqual([{ key: 'services.dns.ports', message: "'5353:5353/udp' is UDP: only TCP ports are supported", kind: 'not mapped' }]);
    expect(r.source).toContain("// compose: ports not mapped: '5353:5353/udp' is UDP: only TCP ports are supported\n");
  });

  test('a port range warns once, not once per port', () => {
    const r = importText('services:\n  turn:\n    image: t:1\n    ports: ["3478:3478", "49160-49200:49160-49200/udp"]\n');
    expect(r.warnings.map((w) => w.key)).toEqual(['services.turn.ports']);
  });
});

describe('emitted code', () => {
  test('is the same for the same file (stable order), and names each kept-out key in a comment', () => {
    const file = path.join(CORPUS, 'basic-unmappable', 'compose.yaml');
    const a = importCompose(file, { env: {} });
    expect(importCompose(file, { env: {} }).source).toBe(a.source);
    for (const w of a.warnings) {
      const key = w.key.startsWith('services.') ? w.key.split('.').slice(2).join('.') || 'service' : w.key;
      expect(a.source).toContain(`// compose: ${key}`);
    }
  });

  test('imports exactly the names the code uses, not names a comment mentions', () => {
    // GIVEN a comment that says 'Database' (a volume "belongs in a Database") and no Database
    const r = importCompose(path.join(CORPUS, 'basic-unmappable', 'compose.yaml'), { env: {} });
    expect(r.source).toContain('persistent data belongs in a Database');
    // THEN the import list has no Database (noUnusedLocals would refuse it)
    expect(r.source).toContain("import { App, AppChart, Worker } from 'cdk8s-compose';");
    // AND Duration comes from cdk8s only when a health check uses it
    const h = importText('services:\n  w:\n    image: w:1\n    healthcheck: { test: ["CMD", "true"], interval: 5s }\n');
    expect(h.source).toContain("import { Duration } from 'cdk8s';\nimport { App, AppChart, HealthCheck, Worker } from 'cdk8s-compose';");
  });

  test.each([
    ['nginx', "'nginx' has no tag"],
    ['nginx:latest', "'nginx:latest' has the tag latest"],
  ])('image %s: the remark says whether the tag is missing or latest', (image, message) => {
    const r = importText(`services:\n  w:\n    image: ${image}\n`);
    expect(r.warnings).toEqual([
      { key: 'services.w.image', message: `${message}: Kubernetes pulls it on every start (Always); pin a version`, kind: 'remark' },
    ]);
  });

  test('top-level settings the library does not carry: the header line gives the reason stderr gives', () => {
    const r = importText(
      'services:\n  w:\n    image: w:1\nvolumes:\n  state:\n    driver: local\nnetworks:\n  back:\n    driver: bridge\n    internal: true\n',
    );
    expect(r.warnings).toEqual([
      { key: 'networks.back', message: 'driver, internal: the library declares its networks itself', kind: 'not mapped' },
      { key: 'volumes.state', message: 'driver: the library declares its volumes itself', kind: 'not mapped' },
    ]);
    expect(r.source).toContain('// compose: networks.back not mapped: driver, internal: the library declares its networks itself\n');
    expect(r.source).toContain('// compose: volumes.state not mapped: driver: the library declares its volumes itself\n');
  });

  test('every note is both a warning and a comment: engine notes, replaced and rounded health checks, source mounts, secret files', () => {
    const r = importText(
      [
        'services:',
        '  db:',
        '    image: mariadb:10.11',
        '    environment: { MYSQL_USER: app, MYSQL_PASSWORD: pw, MYSQL_DATABASE: app }',
        '    healthcheck: { test: ["CMD", "true"] }',
        '  web:',
        '    image: w:1',
        '    healthcheck: { test: ["CMD", "true"], interval: 1500ms }',
        '    volumes: ["./src:/src"]',
        '    secrets: [token]',
        '    environment: { DB_HOST: db }',
        'secrets:',
        '  token: { file: ./token.txt }',
      ].join('\n'),
    );
    expect(r.warnings.map((w) => [w.key, w.kind])).toEqual([
      ['services.db.image', 'remark'],
      ['services.db.healthcheck', 'remark'],
      ['services.web.healthcheck.interval', 'remark'],
      ['services.web.volumes', 'remark'],
      ['services.web.volumes', 'remark'],
      ['services.web.secrets', 'remark'],
      ['services.web.secrets', 'remark'],
      ['services.web.environment', 'remark'],
    ]);
    const comments = r.source.split('\n').filter((l) => l.startsWith('// compose:'));
    expect(comments).toHaveLength(r.warnings.length);
    expect(comments).toEqual(expect.arrayContaining(['// compose: healthcheck.interval: 1.5s rounded up to 2s (probes count whole seconds)']));
  });

  test('health checks, ports, resources, bind mounts, tmpfs and profiles carry over', () => {
    const r = importText(
      [
        'services:',
        '  web:',
        '    image: w:1',
        '    ports: ["0.0.0.0:8080:80", "9090"]',
        '    healthcheck: { test: "curl -f localhost", interval: 15s, retries: 4, start_period: 1m }',
        '    deploy: { resources: { limits: { cpus: "0.05", memory: 64m } } }',
        '    volumes: ["./src:/app/src:ro"]',
        '    tmpfs: [/run]',
        '    profiles: [debug]',
        '    user: "20000:20000"',
      ].join('\n'),
    );
    expect(r.source).toContain(
      "ports: [\n    { name: 'http-80', port: 80, publish: 8080, publishAddress: '0.0.0.0' },\n    { name: 'http-9090', port: 9090 },\n  ],",
    );
    expect(r.source).toContain(
      "healthCheck: HealthCheck.command(['sh', '-c', 'curl -f localhost'], { interval: Duration.seconds(15), failureThreshold: 4, startPeriod: Duration.seconds(60) }),",
    );
    expect(r.source).toContain(
      'cpuRequest: Cpu.millis(50),\n    cpuLimit: Cpu.millis(50),\n    memoryRequest: Memory.mebibytes(64),\n    memoryLimit: Memory.mebibytes(64),',
    );
    expect(r.source).toContain("dev: { mounts: [{ source: 'src', target: '/app/src', readOnly: true }] },");
    expect(r.source).toContain("// compose: volumes: './src:/app/src:ro': the source is not here; the mount is carried over as written");
    expect(r.source).toContain("security: { runAsUser: 20000, runAsGroup: 20000, writablePaths: ['/run'] },");
    expect(r.source).toContain("profiles: ['debug'],");
    expect(r.warnings).toEqual([
      { key: 'services.web.ports', message: expect.stringMatching(/'9090' is published on a host port Compose picks/), kind: 'not mapped' },
      { key: 'services.web.volumes', message: expect.stringMatching(/the source is not here/), kind: 'remark' },
      { key: 'services.web.volumes', message: expect.stringMatching(/is a source mount, in Compose only/), kind: 'remark' },
    ]);
  });

  test.each([
    ['1000', /'1000': ids below 10000 \(root included\) fail the output checks/],
    ['root', /'root' is not numeric \(root and ids below 10000/],
    ['node', /'node' is not numeric \(names cannot be checked/],
    ['50000:0', /group 0 of '50000:0': ids below 10000/],
  ])('user %s is not carried where the output checks would refuse it', (user, message) => {
    const r = importText(`services:\n  w:\n    image: w:1\n    user: "${user}"\n`);
    expect(r.warnings).toEqual([{ key: 'services.w.user', message: expect.stringMatching(message), kind: 'not mapped' }]);
    expect(r.source).toContain(user === '50000:0' ? 'security: { runAsUser: 50000 }' : "name: 'w',\n  image: 'w:1',\n});");
  });

  test('remarks: an image without a tag, a secret whose value cannot be a development value, a database user the library refuses', () => {
    const r = importText(
      'services:\n  db:\n    image: postgres:16\n    environment: { POSTGRES_USER: my.user, POSTGRES_PASSWORD: pw }\n  web:\n    image: nginx\n    ports: ["80:80"]\n    environment: { API_TOKEN: "a b!" }\n    depends_on: [db]\n',
    );
    expect(r.warnings).toEqual([
      { key: 'services.web.image', message: expect.stringMatching(/^'nginx' has no tag: /), kind: 'remark' },
      {
        key: 'services.db.environment',
        message: expect.stringMatching(/user 'my.user' is invalid; allowed: .*: the library's default 'app' is used/),
        kind: 'not mapped',
      },
      { key: 'services.db.environment', message: expect.stringMatching(/databaseName 'my.user' is invalid/), kind: 'not mapped' },
      { key: 'services.web.environment.API_TOKEN', message: expect.stringMatching(/Compose uses the placeholder/), kind: 'remark' },
    ]);
    expect(r.source).toContain("// compose: image: 'nginx' has no tag");
    expect(r.source).toContain("API_TOKEN: EnvValue.fromSecret('web-env', 'api-token')");
    expect(r.source).not.toContain('a b!');
    // depends_on a database, with no variable naming it: the database's standard variables.
    expect(r.source).toContain('web.connectTo(db);');
  });
});
