import { containerOf, find, podSpecOf, synthChart } from './support/synth';
import { AppChart, Database, DatabaseCredentials, DatabaseEngine, DatabaseProps, Memory } from '../lib';

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
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data', labels: { 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'db' } },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'ssd', resources: { requests: { storage: '5Gi' } } },
      },
    ]);
    expect(find(objects, 'Service', 'db-headless').spec.clusterIP).toBe('None');
    const c = containerOf(sts);
    expect(c.readinessProbe.exec.command).toEqual(['pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', 'shop', '-d', 'orders']);
    expect(c.securityContext).toMatchObject({ runAsUser: 999, runAsGroup: 999, readOnlyRootFilesystem: true });
    expect(c.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'data', mountPath: '/var/lib/postgresql/data' },
      { name: 'var-run-postgresql', mountPath: '/var/run/postgresql' },
    ]);
    expect(podSpecOf(sts).volumes).toEqual([
      { name: 'tmp', emptyDir: {} },
      { name: 'var-run-postgresql', emptyDir: {} },
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
    expect(svc.environment.POSTGRES_PASSWORD).toBe('${DB_CREDENTIALS_PASSWORD:?missing: see shop.env.example}');
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

  test('redis: requirepass from the secret via $(VAR) in Kubernetes and interpolation in Compose', () => {
    const { objects, compose } = chartWith({ engine: DatabaseEngine.redis('7.2') });
    const c = containerOf(find(objects, 'StatefulSet', 'db'));
    expect(c.args).toEqual(['--appendonly', 'yes', '--requirepass', '$(REDISCLI_AUTH)']);
    expect(c.env).toEqual([{ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }]);
    expect(compose.services.db.command).toEqual(['--appendonly', 'yes', '--requirepass', '${DB_CREDENTIALS_PASSWORD:?missing: see shop.env.example}']);
    expect(compose.services.db.healthcheck.test).toEqual(['CMD', 'sh', '-c', 'redis-cli ping | grep -q PONG']);
  });

  test('a published port keeps its network non-internal (Docker publishes no ports of internal-only containers)', () => {
    const { compose } = chartWith({ publish: 15432 });
    expect(compose.services.db.ports).toEqual(['127.0.0.1:15432:5432']);
    expect(compose.networks['db-net']).toEqual({});
  });

  describe('fails when', () => {
    const cases: Array<[string, Partial<DatabaseProps>, RegExp]> = [
      ['the version is not a version', { engine: DatabaseEngine.postgres('latest!') }, /postgres version 'latest!' is not a valid version; allowed: 'MAJOR'/],
      ['the storage size does not parse', { storage: Memory.parse('ten gigs') }, /storage 'ten gigs' is not a valid memory quantity/],
      ['the database name is invalid', { databaseName: 'my-db' }, /databaseName 'my-db' is invalid/],
      ['the published port is out of range', { publish: 99999 }, /published host port 99999 \(postgres\) is out of range/],
    ];
    test.each(cases)('%s', (_title, props, message) => {
      expect(() => chartWith(props)).toThrow(message);
    });
  });
});
