/**
 * The application the benchmark synthesizes, defined three ways: with this library, with
 * hand-written cdk8s-plus-28 code (what a cdk8s user writes for the same Kubernetes
 * objects), and as plain objects (the lower bound).
 *
 * N services are mixed in groups of three: a WebService with Ingress and autoscaling, a
 * continuous Worker, and a Postgres Database that both connect to.
 */
import { ApiObject, App as Cdk8sApp, Chart, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { App, AppChart, Cpu, Database, DatabaseEngine, EnvValue, HealthCheck, InImageClient, Memory, WebService, Worker } from '../lib';

/**
 * Defines `n` services with this library, in one chart or one chart per service. Without
 * connections (and always with one chart per service, since connections stay inside a
 * chart) the web services and workers do not connect to the databases.
 */
export function defineWithLibrary(app: App, n: number, layout: { chartPerService?: boolean; connections?: boolean } = {}): void {
  const chartPerService = layout.chartPerService ?? false;
  const connections = (layout.connections ?? true) && !chartPerService;
  let chart: AppChart | undefined;
  const chartFor = (i: number) => {
    if (chartPerService) {
      // One app split into charts: one manifest per chart, one Compose file for the app.
      return new AppChart(app, `c${i}`, { namespace: 'bench', appName: 'bench', ingressClassName: 'nginx' });
    }
    chart ??= new AppChart(app, 'bench', { namespace: 'bench', ingressClassName: 'nginx' });
    return chart;
  };
  for (let g = 0; g * 3 < n; g++) {
    const dbChart = chartFor(g * 3);
    const db =
      g * 3 + 2 < n ? new Database(dbChart, `Db${g}`, { name: `db${g}`, engine: DatabaseEngine.postgres('16'), storage: Memory.gibibytes(5) }) : undefined;
    const webChart = chartFor(g * 3 + 1);
    const web = new WebService(webChart, `Web${g}`, {
      name: `web${g}`,
      image: `ghcr.io/acme/web${g}:1.0.0`,
      env: { LOG_LEVEL: EnvValue.fromValue('info'), FEATURE_FLAGS: EnvValue.fromValue('a,b,c') },
      resources: { cpuRequest: Cpu.millis(200), memoryLimit: Memory.mebibytes(512) },
      healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.CURL }),
      ingress: { host: `web${g}.example.com`, tlsSecretName: `web${g}-tls` },
      autoscaling: { minReplicas: 2, maxReplicas: 10 },
    });
    if (g * 3 + 1 >= n) {
      continue;
    }
    const worker = new Worker(chartFor(g * 3 + 2), `Worker${g}`, {
      name: `worker${g}`,
      image: `ghcr.io/acme/worker${g}:1.0.0`,
      command: ['node', 'worker.js'],
      env: { QUEUE: EnvValue.fromValue(`q${g}`) },
    });
    if (db && connections) {
      web.connectTo(db);
      worker.connectTo(db);
    }
  }
}

/** The same Kubernetes objects written by hand with cdk8s-plus-28, as a cdk8s user would. */
export function defineWithCdk8sPlus(app: Cdk8sApp, n: number): void {
  const chart = new Chart(app, 'bench', { namespace: 'bench', disableResourceNameHashes: true });
  const securityContext = { ensureNonRoot: true, readOnlyRootFilesystem: true, user: 10001, group: 10001, allowPrivilegeEscalation: false };
  for (let g = 0; g * 3 < n; g++) {
    const credentials = kplus.Secret.fromSecretName(chart, `Credentials${g}`, `db${g}-credentials`);
    const dbEnv = (prefix: string) => ({
      [`${prefix}_HOST`]: kplus.EnvValue.fromValue(`db${g}`),
      [`${prefix}_PORT`]: kplus.EnvValue.fromValue('5432'),
      [`${prefix}_NAME`]: kplus.EnvValue.fromValue('app'),
      [`${prefix}_USER`]: kplus.EnvValue.fromValue('app'),
      [`${prefix}_PASSWORD`]: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'password' }),
      [`${prefix}_URL`]: kplus.EnvValue.fromValue(`postgres://app:$(${prefix}_PASSWORD)@db${g}:5432/app`),
    });
    const web = new kplus.Deployment(chart, `Web${g}`, {
      metadata: { name: `web${g}` },
      securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
      automountServiceAccountToken: false,
      containers: [
        {
          name: `web${g}`,
          image: `ghcr.io/acme/web${g}:1.0.0`,
          portNumber: 8080,
          envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue('info'), FEATURE_FLAGS: kplus.EnvValue.fromValue('a,b,c'), ...dbEnv(`DB${g}`) },
          resources: {
            cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.millis(500) },
            memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
          },
          readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
          liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
          securityContext,
          volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, `tmp-web${g}`, 'tmp') }],
        },
      ],
    });
    const svc = web.exposeViaService({ name: `web${g}`, ports: [{ port: 8080, targetPort: 8080 }] });
    svc.exposeViaIngress('/');
    new kplus.HorizontalPodAutoscaler(chart, `Hpa${g}`, {
      metadata: { name: `web${g}` },
      target: web,
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
    });
    if (g * 3 + 1 >= n) {
      continue;
    }
    new kplus.Deployment(chart, `Worker${g}`, {
      metadata: { name: `worker${g}` },
      replicas: 1,
      securityContext: { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 },
      automountServiceAccountToken: false,
      containers: [
        {
          name: `worker${g}`,
          image: `ghcr.io/acme/worker${g}:1.0.0`,
          command: ['node', 'worker.js'],
          envVariables: { QUEUE: kplus.EnvValue.fromValue(`q${g}`), ...dbEnv(`DB${g}`) },
          resources: {
            cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
            memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
          },
          securityContext,
          volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, `tmp-worker${g}`, 'tmp') }],
        },
      ],
    });
    if (g * 3 + 2 >= n) {
      continue;
    }
    const sts = new kplus.StatefulSet(chart, `Db${g}`, {
      metadata: { name: `db${g}` },
      replicas: 1,
      securityContext: { ensureNonRoot: true, user: 999, group: 999, fsGroup: 999 },
      automountServiceAccountToken: false,
      containers: [
        {
          name: `db${g}`,
          image: 'postgres:16',
          portNumber: 5432,
          envVariables: {
            POSTGRES_USER: kplus.EnvValue.fromValue('app'),
            POSTGRES_DB: kplus.EnvValue.fromValue('app'),
            POSTGRES_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'password' }),
            PGDATA: kplus.EnvValue.fromValue('/var/lib/postgresql/data/pgdata'),
          },
          readiness: kplus.Probe.fromCommand(['pg_isready', '-h', '127.0.0.1']),
          securityContext: { ...securityContext, user: 999, group: 999 },
          volumeMounts: [
            { path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, `tmp-db${g}`, 'tmp') },
            { path: '/var/run/postgresql', volume: kplus.Volume.fromEmptyDir(chart, `run-db${g}`, 'run') },
          ],
        },
      ],
    });
    // cdk8s-plus-28 has no volumeClaimTemplates: the escape hatch, as its docs suggest.
    ApiObject.of(sts).addJsonPatch(
      JsonPatch.add('/spec/volumeClaimTemplates', [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
        },
      ]),
    );
    new kplus.Service(chart, `DbSvc${g}`, { metadata: { name: `db${g}` }, selector: sts, ports: [{ port: 5432 }] });
  }
}
