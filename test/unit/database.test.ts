import { Duration } from 'cdk8s';
import { esoSecretData, expandKubernetesEnv, goQueryEscape, interpolateCompose } from '../support/secret-values';
import { containerOf, find, podSpecOf, synthChart } from '../support/synth';
import {
  AppChart,
  Cpu,
  Database,
  DatabaseCredentials,
  DatabaseEngine,
  DatabaseProps,
  Memory,
  RedisEvictionPolicy,
  SecretsBackend,
  WebService,
} from '../../lib';
import { checkParity } from '../../lib/validation';

function chartWith(props: Partial<DatabaseProps> = {}) {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16'), ...props });
    return chart;
  });
}

describe('Database', () => {
  test('postgres: a StatefulSet with a PVC template, headless and client Services, pg_isready, writable run dir', () => {
    const { objects, compose } = chartWith({ storage: Memory.gibibytes(5), storageClassName: 'ssd', databaseName: 'orders', user: 'shop' });
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/shop',
      'NetworkPolicy/db',
      'Service/db',
      'Service/db-headless',
      'StatefulSet/db',
    ]);
    const sts = find(objects, 'StatefulSet', 'db');
    expect(sts.spec.serviceName).toBe('db-headless');
    // Deleting or pruning the StatefulSet keeps the claims (and the data).
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    // A whole PersistentVolumeClaim, as the API server returns it: no server-side apply drift (argo-cd#11143).
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', labels: { 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'db' } },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'ssd', resources: { requests: { storage: '5Gi' } } },
      },
    ]);
    expect(find(objects, 'Service', 'db-headless').spec.clusterIP).toBe('None');
    const c = containerOf(sts);
    expect(c.readinessProbe.exec.command).toEqual(['pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', 'shop', '-d', 'orders']);
    expect(c.securityContext).toMatchObject({ runAsUser: 999, runAsGroup: 999, readOnlyRootFilesystem: true });
    // The volume is chowned to the fsGroup once, not walked on every start.
    expect(podSpecOf(sts).securityContext).toMatchObject({ fsGroup: 999, fsGroupChangePolicy: 'OnRootMismatch' });
    expect(c.volumeMounts).toEqual([
      { name: 'shared-memory', mountPath: '/dev/shm' },
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'data', mountPath: '/var/lib/postgresql/data' },
      { name: 'var-run-postgresql', mountPath: '/var/run/postgresql' },
    ]);
    expect(podSpecOf(sts).volumes).toEqual([
      { name: 'tmp', emptyDir: {} },
      { name: 'var-run-postgresql', emptyDir: {} },
      { name: 'shared-memory', emptyDir: { medium: 'Memory', sizeLimit: '128Mi' } },
    ]);
    expect(c.env).toEqual([
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
      { name: 'POSTGRES_DB', value: 'orders' },
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
      { name: 'POSTGRES_USER', value: 'shop' },
    ]);

    const svc = compose.services.db;
    expect(svc.volumes).toEqual(['db-data:/var/lib/postgresql/data']);
    expect(compose.volumes).toEqual({ 'db-data': {} });
    expect(svc.healthcheck.test).toEqual(['CMD', 'pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', 'shop', '-d', 'orders']);
    expect(svc.tmpfs).toEqual(['/tmp', '/var/run/postgresql']);
    expect(svc.user).toBe('999:999');
    expect(svc.environment.POSTGRES_PASSWORD).toBe('${DB_CREDENTIALS_PASSWORD:-dev-db-credentials-password}');
    expect(svc.networks).toEqual(['db-net']);
    expect(compose.networks['db-net']).toEqual({ internal: true });
    expect({ objects, compose }).toMatchSnapshot();
  });

  test('mysql: random root password, mysqladmin ping, its run dir', () => {
    const { objects, compose } = chartWith({ engine: DatabaseEngine.mysql('8.4'), credentials: DatabaseCredentials.fromExistingSecret('mysql-creds', 'pw') });
    const c = containerOf(find(objects, 'StatefulSet', 'db'));
    expect(c.readinessProbe.exec.command).toEqual(['mysqladmin', 'ping', '-h', '127.0.0.1', '--silent']);
    expect(c.env).toContainEqual({ name: 'MYSQL_RANDOM_ROOT_PASSWORD', value: 'yes' });
    expect(c.env).toContainEqual({ name: 'MYSQL_PASSWORD', valueFrom: { secretKeyRef: { name: 'mysql-creds', key: 'pw' } } });
    expect(compose.services.db.tmpfs).toEqual(['/tmp', '/var/run/mysqld']);
    expect(compose.services.db.image).toBe('mysql:8.4');
    expect({ objects, compose }).toMatchSnapshot();
  });

  test('redis: requirepass from the secret on standard input (never on a command line), maxmemory at 3/4 of the limit', () => {
    const { objects, compose } = chartWith({ engine: DatabaseEngine.redis('7.2') });
    const c = containerOf(find(objects, 'StatefulSet', 'db'));
    const flags = ['--appendonly', 'yes', '--maxmemory', `${0.75 * 512 * 1024 ** 2}`, '--maxmemory-policy', 'noeviction'];
    // A shell reads the password from the variable and hands redis-server its config on stdin;
    // `$$(` is Kubernetes' escape for a literal `$(`.
    expect(c.args).toEqual([
      'sh',
      '-c',
      `exec redis-server - "$@" <<EOF\nrequirepass "$$(printf '%s' "$REDISCLI_AUTH" | sed 's/[\\\\"]/\\\\&/g')"\nEOF`,
      'redis-server',
      ...flags,
    ]);
    expect(c.args.join(' ')).not.toMatch(/\$\(REDISCLI_AUTH\)|--requirepass/);
    expect(c.env).toEqual([{ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }]);
    // Compose runs the same script (both read `$$` as a literal `$`); the password is only in the environment.
    const unescaped = (s: string) => s.replace(/\$\$/g, '$');
    expect(unescaped(compose.services.db.command[2])).toBe(unescaped(c.args[2]));
    expect(unescaped(c.args[2])).toContain(`requirepass "$(printf '%s' "$REDISCLI_AUTH" |`);
    expect(compose.services.db.command.slice(3)).toEqual(['redis-server', ...flags]);
    expect(compose.services.db.environment.REDISCLI_AUTH).toBe('${DB_CREDENTIALS_PASSWORD:-dev-db-credentials-password}');
    expect(compose.services.db.healthcheck.test).toEqual(['CMD', 'sh', '-c', 'redis-cli ping | grep -q PONG']);
    expect(checkParity(objects, compose)).toEqual([]);
  });

  test('redis: maxmemory follows the memory limit; the eviction policy is an option (allkeys-lru for a cache)', () => {
    const { objects, compose } = chartWith({
      engine: DatabaseEngine.redis('7.2', { evictionPolicy: RedisEvictionPolicy.ALLKEYS_LRU }),
      credentials: DatabaseCredentials.none(),
      resources: { memoryLimit: Memory.gibibytes(2) },
    });
    const args = containerOf(find(objects, 'StatefulSet', 'db')).args;
    expect(args).toEqual(['--appendonly', 'yes', '--maxmemory', '1610612736', '--maxmemory-policy', 'allkeys-lru']);
    expect(compose.services.db.command).toEqual(args);
  });

  test('a startup budget of 5 minutes by default (first-start initialization on a slow volume), configurable; Compose waits as long', () => {
    const probe = (o: ReturnType<typeof chartWith>) => containerOf(find(o.objects, 'StatefulSet', 'db')).startupProbe;
    const byDefault = chartWith();
    // 300 s of start period in 10 s periods, then Compose's 3 retries: 33 x 10 s.
    expect(probe(byDefault)).toMatchObject({ periodSeconds: 10, failureThreshold: 33 });
    expect(byDefault.compose.services.db.healthcheck).toMatchObject({ start_period: '300s', interval: '10s', retries: 3 });
    const longer = chartWith({ startupTimeout: Duration.minutes(15) });
    expect(probe(longer).failureThreshold).toBe(93);
    expect(longer.compose.services.db.healthcheck.start_period).toBe('900s');
    expect(checkParity(longer.objects, longer.compose)).toEqual([]);
  });

  test('Guaranteed resources by default (requests equal limits); a request or limit given alone stands for both', () => {
    const resources = (o: ReturnType<typeof chartWith>) => containerOf(find(o.objects, 'StatefulSet', 'db')).resources;
    const byDefault = chartWith();
    expect(resources(byDefault)).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(byDefault.compose.services.db.deploy.resources).toEqual({ limits: { cpus: '0.5', memory: '512m' }, reservations: { cpus: '0.5', memory: '512m' } });
    const sized = chartWith({ resources: { memoryLimit: Memory.gibibytes(2), cpuRequest: Cpu.millis(250) } });
    expect(resources(sized)).toEqual({ requests: { cpu: '250m', memory: '2Gi' }, limits: { cpu: '250m', memory: '2Gi' } });
    // Both given: the user's choice, even Burstable.
    const burstable = chartWith({ resources: { memoryRequest: Memory.mebibytes(256), memoryLimit: Memory.mebibytes(512) } });
    expect(resources(burstable).requests.memory).toBe('256Mi');
  });

  test('postgres: a memory-backed /dev/shm of a quarter of the memory limit (Docker gives 64Mi); Compose shm_size', () => {
    const big = chartWith({ resources: { memoryLimit: Memory.gibibytes(2) } });
    const sts = find(big.objects, 'StatefulSet', 'db');
    expect(containerOf(sts).volumeMounts).toContainEqual({ name: 'shared-memory', mountPath: '/dev/shm' });
    expect(podSpecOf(sts).volumes).toContainEqual({ name: 'shared-memory', emptyDir: { medium: 'Memory', sizeLimit: '512Mi' } });
    expect(big.compose.services.db.shm_size).toBe('512m');
    expect(checkParity(big.objects, big.compose)).toEqual([]);
    // Never below Docker's default.
    expect(chartWith({ resources: { memoryLimit: Memory.mebibytes(128) } }).compose.services.db.shm_size).toBe('64m');
    // Only engines that use it.
    const redis = chartWith({ engine: DatabaseEngine.redis('7.2') });
    expect(podSpecOf(find(redis.objects, 'StatefulSet', 'db')).volumes.map((v: any) => v.name)).not.toContain('shared-memory');
    expect(redis.compose.services.db.shm_size).toBeUndefined();
  });

  test('Secret names with dots (valid Kubernetes names) for credentials and TLS', () => {
    const { objects } = chartWith({ credentials: DatabaseCredentials.fromExistingSecret('db.credentials.v2') });
    expect(containerOf(find(objects, 'StatefulSet', 'db')).env).toContainEqual({
      name: 'POSTGRES_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'db.credentials.v2', key: 'password' } },
    });
    const tls = synthChart((app) => {
      const chart = new AppChart(app, 'shop', { ingressClassName: 'nginx' });
      new WebService(chart, 'Api', { name: 'api', image: 'a:1', ingress: { host: 'shop.example.com', tlsSecretName: 'shop.example.com-tls' } });
      return chart;
    });
    expect(find(tls.objects, 'Ingress', 'api').spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop.example.com-tls' }]);
  });

  test('a published port keeps its network non-internal (Docker publishes no ports of internal-only containers)', () => {
    const { compose } = chartWith({ publish: 15432 });
    expect(compose.services.db.ports).toEqual(['127.0.0.1:15432:5432']);
    expect(compose.networks['db-net']).toEqual({});
  });

  describe('fails when', () => {
    const cases: Array<[string, Partial<DatabaseProps>, RegExp]> = [
      [
        'the version is not an image tag',
        { engine: DatabaseEngine.postgres('latest!') },
        /postgres version 'latest!' is not an image tag; allowed: a tag of the 'postgres' image/,
      ],
      [
        'the startup timeout is not whole seconds',
        { startupTimeout: Duration.millis(1500) },
        /startupTimeout Duration .* is invalid; allowed: a Duration of whole seconds, from 1 s/,
      ],
      ['the storage size does not parse', { storage: Memory.parse('ten gigs') }, /storage 'ten gigs' is not a valid memory quantity/],
      ['the database name is invalid', { databaseName: '-db' }, /databaseName '-db' is invalid; allowed: letters, digits, '_' and '-'/],
      ['the published port is out of range', { publish: 99999 }, /published host port 99999 \(postgres\) is out of range/],
      [
        'MySQL is asked to run without authentication',
        { engine: DatabaseEngine.mysql('8.4'), credentials: DatabaseCredentials.none() },
        /credentials DatabaseCredentials.none\(\) is not supported by mysql; allowed: DatabaseCredentials.fromExistingSecret/,
      ],
    ];
    test.each(cases)('%s', (_title, props, message) => {
      expect(() => chartWith(props)).toThrow(message);
    });
  });

  describe('without authentication (DatabaseCredentials.none())', () => {
    /** A database without a password and a client connected to it. */
    function withClient(engine: DatabaseEngine) {
      const out = synthChart((app) => {
        const chart = new AppChart(app, 'shop');
        const cache = new Database(chart, 'Cache', { name: 'cache', engine, credentials: DatabaseCredentials.none() });
        new WebService(chart, 'Api', { name: 'api', image: 'a:1' }).connectTo(cache);
        return chart;
      });
      const client = containerOf(find(out.objects, 'Deployment', 'api'));
      return { ...out, server: containerOf(find(out.objects, 'StatefulSet', 'cache')), client, parity: checkParity(out.objects, out.compose) };
    }

    test('redis: no requirepass, no password variable, a URL without credentials, and a warning', () => {
      const { chart, server, client, compose, objects, parity } = withClient(DatabaseEngine.redis('7-alpine'));
      expect(server.image).toBe('redis:7-alpine');
      const flags = ['--appendonly', 'yes', '--maxmemory', '402653184', '--maxmemory-policy', 'noeviction'];
      expect(server.args).toEqual(flags);
      expect(server.env).toBeUndefined();
      expect(compose.services.cache.command).toEqual(flags);
      expect(client.env).toEqual([
        { name: 'CACHE_HOST', value: 'cache' },
        { name: 'CACHE_PORT', value: '6379' },
        { name: 'CACHE_URL', value: 'redis://cache:6379/0' },
      ]);
      expect(chart.warnings).toEqual([
        expect.stringMatching(/^shop\/Cache: no authentication \(DatabaseCredentials.none\(\)\): any client that reaches port 6379/),
      ]);
      // The NetworkPolicy still admits only the declared client.
      expect(find(objects, 'NetworkPolicy', 'cache').spec.ingress[0].from).toEqual([
        { podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'api' } } },
      ]);
      expect(parity).toEqual([]);
    });

    test('postgres: trust authentication, a URL with the user and no password', () => {
      const { server, client, parity } = withClient(DatabaseEngine.postgres('15-alpine'));
      expect(server.env).toEqual(expect.arrayContaining([{ name: 'POSTGRES_HOST_AUTH_METHOD', value: 'trust' }]));
      expect(server.env.map((e: any) => e.name)).not.toContain('POSTGRES_PASSWORD');
      expect(client.env).toEqual(expect.arrayContaining([{ name: 'CACHE_URL', value: 'postgres://app@cache:5432/app' }]));
      expect(client.env.map((e: any) => e.name)).not.toContain('CACHE_PASSWORD');
      expect(parity).toEqual([]);
    });
  });

  test('engine versions may be any tag of the image: variants such as alpine', () => {
    expect(DatabaseEngine.redis('alpine').image).toBe('redis:alpine');
    const { objects } = chartWith({ engine: DatabaseEngine.postgres('16.4-bookworm') });
    expect(containerOf(find(objects, 'StatefulSet', 'db')).image).toBe('postgres:16.4-bookworm');
  });

  test('mongo: port 27017, /data/db on the volume, a ping check that works with mongosh and the old mongo shell', () => {
    const { objects, compose } = chartWith({ engine: DatabaseEngine.mongo('7.0'), databaseName: 'carts', user: 'shop' });
    const c = containerOf(find(objects, 'StatefulSet', 'db'));
    expect(c.image).toBe('mongo:7.0');
    expect(c.ports).toEqual([{ name: 'mongo', containerPort: 27017, protocol: 'TCP' }]);
    expect(c.volumeMounts).toEqual(expect.arrayContaining([{ name: 'data', mountPath: '/data/db' }]));
    expect(c.env).toEqual([
      { name: 'MONGO_INITDB_DATABASE', value: 'carts' },
      { name: 'MONGO_INITDB_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
      { name: 'MONGO_INITDB_ROOT_USERNAME', value: 'shop' },
    ]);
    expect(c.readinessProbe.exec.command).toEqual([
      'sh',
      '-c',
      "mongosh --quiet --eval 'db.adminCommand({ ping: 1 })' || mongo --quiet --eval 'db.adminCommand({ ping: 1 })'",
    ]);
    expect(compose.services.db.healthcheck.test).toEqual(['CMD', ...c.readinessProbe.exec.command]);
  });

  test('mongo connection URLs name the admin database as the authentication source; without credentials, no user at all', () => {
    const url = (credentials?: DatabaseCredentials) =>
      synthChart((app) => {
        const chart = new AppChart(app, 'shop');
        const db = new Database(chart, 'Db', { name: 'carts-db', engine: DatabaseEngine.mongo('3.4'), databaseName: 'data', credentials });
        new WebService(chart, 'Api', { name: 'api', image: 'a:1', env: { MONGO_URL: db.connection.url } });
        return chart;
      }).compose.services.api.environment.MONGO_URL;
    expect(url()).toBe('mongodb://app:${CARTS_DB_CREDENTIALS_PASSWORD:-dev-carts-db-credentials-password}@carts-db:27017/data?authSource=admin');
    expect(url(DatabaseCredentials.none())).toBe('mongodb://app@carts-db:27017/data');
  });

  test('security: an image that must start as root with the capabilities to chown its data', () => {
    const { chart, objects } = chartWith({ engine: DatabaseEngine.mongo('3.4'), security: { runAsUser: 0, addCapabilities: ['CHOWN', 'SETGID', 'SETUID'] } });
    expect(containerOf(find(objects, 'StatefulSet', 'db')).securityContext).toEqual(
      expect.objectContaining({ runAsUser: 0, runAsNonRoot: false, capabilities: { drop: ['ALL'], add: ['CHOWN', 'SETGID', 'SETUID'] } }),
    );
    expect(chart.warnings).toEqual([expect.stringMatching(/^shop\/Db: lowers Pod Security to "baseline"/)]);
  });
});

describe('Database names', () => {
  test('a user and database with dashes, as the official images accept (they quote them)', () => {
    const { objects } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new Database(chart, 'Db', { name: 'accounts-db', engine: DatabaseEngine.postgres('16'), user: 'accounts-admin', databaseName: 'accounts-db' });
      return chart;
    });
    expect(containerOf(find(objects, 'StatefulSet', 'accounts-db')).env).toEqual(
      expect.arrayContaining([
        { name: 'POSTGRES_USER', value: 'accounts-admin' },
        { name: 'POSTGRES_DB', value: 'accounts-db' },
      ]),
    );
  });
});

describe('Database connection URLs and reserved characters in passwords', () => {
  /** A Postgres and a Redis with a client reading their URLs and passwords. */
  function clientOf(secrets: SecretsBackend, credentials?: DatabaseCredentials) {
    const out = synthChart((app) => {
      const chart = new AppChart(app, 'shop', { secrets });
      const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16'), credentials });
      const cache = new Database(chart, 'Cache', { name: 'cache', engine: DatabaseEngine.redis('7.2') });
      const api = new WebService(chart, 'Api', { name: 'api', image: 'a:1' });
      api.connectTo(db);
      api.connectTo(cache);
      return chart;
    });
    return { ...out, k8sEnv: containerOf(find(out.objects, 'Deployment', 'api')).env, composeEnv: out.compose.services.api.environment };
  }
  const external = SecretsBackend.externalSecrets({ storeName: 'vault' });

  test('ExternalSecrets: the URL reads the percent-encoded key the ExternalSecret renders; the password and the database read the password', () => {
    const { objects, k8sEnv, composeEnv } = clientOf(external);
    expect(k8sEnv).toEqual(
      expect.arrayContaining([
        { name: 'DB_CREDENTIALS_PASSWORD_URLENCODED_SECRET', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password-urlencoded' } } },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
        { name: 'DB_URL', value: 'postgres://app:$(DB_CREDENTIALS_PASSWORD_URLENCODED_SECRET)@db:5432/app' },
        { name: 'CACHE_URL', value: 'redis://:$(CACHE_CREDENTIALS_PASSWORD_URLENCODED_SECRET)@cache:6379/0' },
      ]),
    );
    expect(containerOf(find(objects, 'StatefulSet', 'db')).env).toContainEqual({
      name: 'POSTGRES_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } },
    });
    // Compose: the URL reads its own variable, with the password's (URL-safe) placeholder.
    expect(composeEnv.DB_URL).toBe('postgres://app:${DB_CREDENTIALS_PASSWORD_URLENCODED:-dev-db-credentials-password}@db:5432/app');
    expect(composeEnv.DB_PASSWORD).toBe('${DB_CREDENTIALS_PASSWORD:-dev-db-credentials-password}');
  });

  test('existing Secrets: the URL embeds the password key, as before, unless urlEncodedKey names the encoded key', () => {
    expect(clientOf(SecretsBackend.existing()).k8sEnv).toContainEqual({ name: 'DB_URL', value: 'postgres://app:$(DB_PASSWORD)@db:5432/app' });
    const named = clientOf(
      SecretsBackend.existing(),
      DatabaseCredentials.fromExistingSecret('db-credentials', 'password', { urlEncodedKey: 'password-url', developmentValue: 'local-only' }),
    );
    expect(named.k8sEnv).toEqual(
      expect.arrayContaining([
        { name: 'DB_CREDENTIALS_PASSWORD_URL_SECRET', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password-url' } } },
        { name: 'DB_URL', value: 'postgres://app:$(DB_CREDENTIALS_PASSWORD_URL_SECRET)@db:5432/app' },
      ]),
    );
    expect(named.objects.filter((o) => /Secret/.test(o.kind))).toEqual([]);
    // The password's development value holds for its encoded variable too.
    expect(named.composeEnv.DB_URL).toBe('postgres://app:${DB_CREDENTIALS_PASSWORD_URL:-local-only}@db:5432/app');
    expect(named.composeEnv.DB_PASSWORD).toBe('${DB_CREDENTIALS_PASSWORD:-local-only}');
  });

  test('ExternalSecrets: urlEncodedKey set to the password key declares it URL-safe: no template, the URL embeds it', () => {
    const { objects, k8sEnv } = clientOf(external, DatabaseCredentials.fromExistingSecret('db-credentials', 'password', { urlEncodedKey: 'password' }));
    expect(k8sEnv).toContainEqual({ name: 'DB_URL', value: 'postgres://app:$(DB_PASSWORD)@db:5432/app' });
    expect(find(objects, 'ExternalSecret', 'db-credentials').spec.target).toEqual({ name: 'db-credentials', creationPolicy: 'Owner' });
  });

  test('requiredInDevelopment on the password makes its encoded variable required too', () => {
    const { composeEnv } = clientOf(external, DatabaseCredentials.fromExistingSecret('db-credentials', 'password', { requiredInDevelopment: true }));
    expect(composeEnv.DB_URL).toMatch(/^postgres:\/\/app:\$\{DB_CREDENTIALS_PASSWORD_URLENCODED:\?set DB_CREDENTIALS_PASSWORD_URLENCODED /);
  });

  test("the reference QueryEscape behaves as Go's", () => {
    // url.QueryEscape("p@ss:w/rd#?%+ x") and url.QueryEscape("é€") in Go.
    expect(goQueryEscape('p@ss:w/rd#?%+ x')).toBe('p%40ss%3Aw%2Frd%23%3F%25%2B+x');
    expect(goQueryEscape('\u00e9\u20ac')).toBe('%C3%A9%E2%82%AC');
    expect(goQueryEscape('AZaz09-_.~')).toBe('AZaz09-_.~');
  });

  const PASSWORDS = ['p@ss:w/rd#?%+ x', '%41%', 'a+b c', "!$&'()*,;=[]", '\u00e9\u20ac\u{1F511}', 'plain-Pass_1.~'];

  test.each(PASSWORDS)('Kubernetes: the URL parses back to the password %p (store -> ExternalSecret -> Secret -> env)', (password) => {
    const { objects, k8sEnv } = clientOf(external);
    const secrets = {
      'db-credentials': esoSecretData(find(objects, 'ExternalSecret', 'db-credentials'), { password }),
      'cache-credentials': esoSecretData(find(objects, 'ExternalSecret', 'cache-credentials'), { password }),
    };
    expect(secrets['db-credentials'].password).toBe(password);
    const env = expandKubernetesEnv(k8sEnv, secrets);
    expect(env.DB_PASSWORD).toBe(password);
    const url = new URL(env.DB_URL);
    expect([url.protocol, url.hostname, url.port, url.pathname]).toEqual(['postgres:', 'db', '5432', '/app']);
    expect([decodeURIComponent(url.username), decodeURIComponent(url.password)]).toEqual(['app', password]);
    const redis = new URL(env.CACHE_URL);
    expect([redis.hostname, redis.port, decodeURIComponent(redis.password)]).toEqual(['cache', '6379', password]);
  });

  test.each(PASSWORDS)('Compose: the URL parses back to the password %p when the env file sets both variables', (password) => {
    const { composeEnv } = clientOf(external);
    const vars = {
      DB_CREDENTIALS_PASSWORD: password,
      DB_CREDENTIALS_PASSWORD_URLENCODED: encodeURIComponent(password),
    };
    expect(interpolateCompose(composeEnv.DB_PASSWORD, vars)).toBe(password);
    const url = new URL(interpolateCompose(composeEnv.DB_URL, vars));
    expect([url.hostname, url.port, decodeURIComponent(url.username), decodeURIComponent(url.password)]).toEqual(['db', '5432', 'app', password]);
    // Without an env file, both read the same placeholder.
    const dev = new URL(interpolateCompose(composeEnv.DB_URL, {}));
    expect(decodeURIComponent(dev.password)).toBe(interpolateCompose(composeEnv.DB_PASSWORD, {}));
  });

  test('the password embedded as is (what the URL did before) breaks on reserved characters', () => {
    const raw = 'p@ss:w/rd#?%+ x';
    const { k8sEnv } = clientOf(SecretsBackend.existing());
    const env = expandKubernetesEnv(k8sEnv, { 'db-credentials': { password: raw }, 'cache-credentials': { password: raw } });
    const parsed = (() => {
      try {
        const u = new URL(env.DB_URL);
        return { host: u.hostname, password: decodeURIComponent(u.password) };
      } catch {
        return 'invalid URL';
      }
    })();
    expect(parsed).not.toEqual({ host: 'db', password: raw });
  });

  test('parity holds between the targets with the encoded key', () => {
    const { objects, compose } = clientOf(external);
    expect(checkParity(objects, compose)).toEqual([]);
  });
});
