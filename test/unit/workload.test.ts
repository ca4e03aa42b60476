import { containerOf, find, podSpecOf, synthChart } from '../support/synth';
import { AppChart, Database, DatabaseEngine, EnvValue, HealthCheck, InImageClient, WebService, Worker } from '../../lib';

/** api -> db (postgres), api -> cache (redis), web -> api, migrate (run-once) -> db, api waits for migrate. */
function connectedChart() {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16'), user: 'shop', databaseName: 'orders' });
    const cache = new Database(chart, 'Cache', { name: 'cache', engine: DatabaseEngine.redis('7.2') });
    const migrate = new Worker(chart, 'Migrate', { name: 'migrate', image: 'a:1', runOnce: true });
    migrate.connectTo(db);
    const api = new WebService(chart, 'Api', {
      name: 'api',
      image: 'a:1',
      ports: [{ name: 'http', port: 8080 }],
      healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.CURL }),
      env: { DATABASE_URL: db.connection.url },
    });
    api.connectTo(db, { envPrefix: 'DB' });
    api.connectTo(cache);
    api.dependsOn(migrate);
    const web = new WebService(chart, 'Web', { name: 'web', image: 'w:1', ports: [{ name: 'http', port: 3000 }] });
    web.connectTo(api);
    return chart;
  });
}

describe('connections', () => {
  test('a subclass that overrides addEnv sees the variables connectTo sets', () => {
    // GIVEN
    const seen: string[] = [];
    class LoggedService extends WebService {
      public addEnv(name: string, value: EnvValue): void {
        seen.push(name);
        super.addEnv(name, value);
      }
    }
    // WHEN
    const { objects } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      new LoggedService(chart, 'Api', { name: 'api', image: 'a:1' }).connectTo(db);
      return chart;
    });
    // THEN
    expect(seen.sort()).toEqual(['DB_HOST', 'DB_NAME', 'DB_PASSWORD', 'DB_PORT', 'DB_URL', 'DB_USER']);
    expect(containerOf(find(objects, 'Deployment', 'api')).env.map((e: any) => e.name)).toEqual(expect.arrayContaining(seen));
  });

  test('connectTo(database) injects host, port, name, user, password ref and a URL built with $(VAR) after its secret var', () => {
    const { objects } = connectedChart();
    const env = containerOf(find(objects, 'Deployment', 'api')).env;
    expect(env).toEqual([
      { name: 'CACHE_HOST', value: 'cache' },
      { name: 'CACHE_PASSWORD', valueFrom: { secretKeyRef: { name: 'cache-credentials', key: 'password' } } },
      { name: 'CACHE_PORT', value: '6379' },
      { name: 'DB_HOST', value: 'db' },
      { name: 'DB_NAME', value: 'orders' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
      { name: 'DB_PORT', value: '5432' },
      { name: 'DB_USER', value: 'shop' },
      { name: 'CACHE_URL', value: 'redis://:$(CACHE_PASSWORD)@cache:6379/0' },
      { name: 'DATABASE_URL', value: 'postgres://shop:$(DB_PASSWORD)@db:5432/orders' },
      { name: 'DB_URL', value: 'postgres://shop:$(DB_PASSWORD)@db:5432/orders' },
    ]);
    // Every $(VAR) refers to a variable defined earlier in the list.
    env.forEach((e: any, i: number) => {
      for (const [, ref] of String(e.value ?? '').matchAll(/\$\(([A-Z_]+)\)/g)) {
        expect(env.slice(0, i).map((x: any) => x.name)).toContain(ref);
      }
    });
  });

  test('a URL with a secret but no plain password variable gets a helper variable defined first', () => {
    const { objects, compose } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      new WebService(chart, 'Api', { name: 'api', image: 'a:1', env: { DATABASE_URL: db.connection.url } });
      return chart;
    });
    expect(containerOf(find(objects, 'Deployment', 'api')).env).toEqual([
      { name: 'DB_CREDENTIALS_PASSWORD_SECRET', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
      { name: 'DATABASE_URL', value: 'postgres://app:$(DB_CREDENTIALS_PASSWORD_SECRET)@db:5432/app' },
    ]);
    expect(compose.services.api.environment).toEqual({
      DATABASE_URL: 'postgres://app:${DB_CREDENTIALS_PASSWORD:-dev-db-credentials-password}@db:5432/app',
    });
  });

  test('connectTo(webService) injects HOST, PORT and URL with the service name as host in both targets', () => {
    const { objects, compose } = connectedChart();
    expect(containerOf(find(objects, 'Deployment', 'web')).env).toEqual([
      { name: 'API_HOST', value: 'api' },
      { name: 'API_PORT', value: '8080' },
      { name: 'API_URL', value: 'http://api:8080' },
    ]);
    expect(compose.services.web.environment).toEqual({ API_HOST: 'api', API_PORT: '8080', API_URL: 'http://api:8080' });
  });

  test('Compose depends_on waits for health (or completion) of every dependency', () => {
    const { compose } = connectedChart();
    expect(compose.services.api.depends_on).toEqual({
      cache: { condition: 'service_healthy' },
      db: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
    expect(compose.services.web.depends_on).toEqual({ api: { condition: 'service_healthy' } });
    expect(compose.services.migrate.depends_on).toEqual({ db: { condition: 'service_healthy' } });
  });

  test('a dependency without a Compose health check is waited for as started, with a recorded warning', () => {
    const { compose, chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      const api = new WebService(c, 'Api', { name: 'api', image: 'a:1', healthCheck: HealthCheck.http('/h', { inImage: InImageClient.NONE }) });
      new WebService(c, 'Web', { name: 'web', image: 'a:1' }).connectTo(api);
      return c;
    });
    expect(compose.services.web.depends_on).toEqual({ api: { condition: 'service_started' } });
    expect(compose.services.api.healthcheck).toBeUndefined();
    expect(chart._model.workloads.find((w) => w.name === 'api')!.warnings).toEqual([expect.stringMatching(/no in-image command/)]);
  });

  test('NetworkPolicies allow exactly the declared edges, on the target ports, plus DNS', () => {
    const { objects } = connectedChart();
    const policy = (name: string) => find(objects, 'NetworkPolicy', name).spec;
    const sel = (name: string) => ({ podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': name } } });
    const dns = {
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    };
    expect(policy('db')).toEqual({
      ...sel('db'),
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [sel('api'), sel('migrate')], ports: [{ port: 5432, protocol: 'TCP' }] }],
      egress: [dns],
    });
    expect(policy('api').ingress).toEqual([{ from: [sel('web')], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(policy('api').egress).toEqual([
      dns,
      { to: [sel('cache')], ports: [{ port: 6379, protocol: 'TCP' }] },
      { to: [sel('db')], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
    // migrate is a dependency of api without a network edge: no ingress to migrate.
    expect(policy('migrate').ingress).toBeUndefined();
    expect(policy('web').ingress).toBeUndefined();
  });

  test('Argo CD sync waves follow the dependency graph: database 0, migration 1, the app waiting for it 2, its client 3', () => {
    const { objects } = connectedChart();
    const wave = (kind: string, name: string) => find(objects, kind, name).metadata.annotations?.['argocd.argoproj.io/sync-wave'];
    // Wave 0 is Argo CD's default: no annotation.
    expect([wave('StatefulSet', 'db'), wave('Service', 'db'), wave('StatefulSet', 'cache')]).toEqual([undefined, undefined, undefined]);
    expect(wave('Job', 'migrate')).toBe('1');
    // Every object of a workload is in its wave; the Job is neither forced nor replaced (issue 23 point 1).
    expect(find(objects, 'Job', 'migrate').metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '1' });
    expect(['Deployment', 'Service', 'NetworkPolicy', 'PodDisruptionBudget'].map((k) => wave(k, 'api'))).toEqual(['2', '2', '2', '2']);
    expect(wave('Deployment', 'web')).toBe('3');
    // The Namespace comes first (a namespaced SecretStore can join its wave, before the ExternalSecrets at -1).
    expect(wave('Namespace', 'shop')).toBe('-2');
  });

  test('a run-once job waits for what it connects to (a fresh install must not burn its retries); continuous workloads do not by default', () => {
    const { objects } = connectedChart();
    const init = (kind: string, name: string) => podSpecOf(find(objects, kind, name)).initContainers?.map((c: any) => [c.name, c.command[2]]);
    expect(init('Job', 'migrate')).toEqual([['wait-for-db', expect.stringContaining('until nc -z -w 2 db 5432')]]);
    expect(init('Deployment', 'api')).toBeUndefined();
    const optedOut = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      new Worker(chart, 'Migrate', { name: 'migrate', image: 'a:1', runOnce: true, waitForConnections: false }).connectTo(db);
      return chart;
    });
    expect(podSpecOf(find(optedOut.objects, 'Job', 'migrate')).initContainers).toBeUndefined();
  });

  test('Compose puts each database on its own network, shared only with its clients', () => {
    const { compose } = connectedChart();
    expect(compose.services.db.networks).toEqual(['db-net']);
    expect(compose.services.api.networks).toEqual(['cache-net', 'db-net', 'default']);
    expect(compose.services.web.networks).toEqual(['default']);
    expect(compose.networks).toEqual({ 'cache-net': { internal: true }, 'db-net': { internal: true }, 'default': {} });
  });

  test('allowExternalEgress adds an egress rule to public IPv4 and IPv6 addresses: never private, link-local or metadata ranges', () => {
    const { objects } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      new Worker(c, 'W', { name: 'w', image: 'a:1', allowExternalEgress: true });
      return c;
    });
    expect(find(objects, 'NetworkPolicy', 'w').spec.egress[1]).toEqual({
      to: [
        { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'] } },
        { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10'] } },
      ],
    });
    const except = find(objects, 'NetworkPolicy', 'w').spec.egress[1].to.flatMap((t: any) => t.ipBlock.except);
    // The metadata endpoints of AWS, GCP, Azure (169.254.169.254) and AWS over IPv6 (fd00:ec2::254).
    expect(except).toEqual(expect.arrayContaining(['169.254.0.0/16', 'fc00::/7']));
  });

  describe('fails when', () => {
    function attempt(wire: (x: { chart: AppChart; db: Database; api: WebService; web: WebService; job: Worker; worker: Worker }) => void) {
      return () =>
        synthChart((app) => {
          const chart = new AppChart(app, 'shop');
          const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
          const api = new WebService(chart, 'Api', { name: 'api', image: 'a:1' });
          const web = new WebService(chart, 'Web', { name: 'web', image: 'a:1' });
          const job = new Worker(chart, 'Job', { name: 'job', image: 'a:1', runOnce: true });
          const worker = new Worker(chart, 'Worker', { name: 'worker', image: 'a:1' });
          wire({ chart, db, api, web, job, worker });
          return chart;
        });
    }
    test('a service connects to itself', () => {
      expect(attempt(({ api }) => api.connectTo(api))).toThrow(/'api' cannot depend on or connect to itself \(at shop\/Api\)/);
    });
    test('connections form a cycle A -> B -> A', () => {
      expect(
        attempt(({ api, web }) => {
          web.connectTo(api);
          api.connectTo(web);
        }),
      ).toThrow(/would create a dependency cycle: api -> web -> api/);
    });
    test('a cycle goes through a run-once job', () => {
      expect(
        attempt(({ api, job }) => {
          api.dependsOn(job);
          job.connectTo(api);
        }),
      ).toThrow(/would create a dependency cycle: job -> api -> job/);
    });
    test('a database has no connectTo: databases are only connected to', () => {
      attempt(({ db }) => {
        expect((db as any).connectTo).toBeUndefined();
      })();
    });
    test('a service connects to a worker', () => {
      // @ts-expect-error a Worker listens on no port: it is not IConnectable, so this does not compile
      expect(() => attempt(({ api, worker }) => api.connectTo(worker))).not.toThrow();
      // JavaScript callers get a clear error at run time.
      expect(attempt(({ api, worker }) => api.connectTo(worker as any))).toThrow(
        /cannot connect to 'worker': it is a continuous worker and listens on no port; use dependsOn\(\)/,
      );
    });
    test('the env prefix is invalid', () => {
      expect(attempt(({ api, db }) => api.connectTo(db, { envPrefix: 'db-' }))).toThrow(/envPrefix 'db-' is invalid/);
    });
    test('two connections inject the same variable with different values', () => {
      expect(
        attempt(({ api, web, db }) => {
          web.connectTo(db, { envPrefix: 'X' });
          web.addEnv('X_HOST', EnvValue.fromValue('elsewhere'));
          void api;
        }),
      ).toThrow(/environment variable X_HOST is already set to 'db'/);
    });
  });
});
