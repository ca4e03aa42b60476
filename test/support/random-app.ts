import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import {
  App,
  AppChart,
  AppProtocol,
  Cpu,
  Database,
  DatabaseCredentials,
  DatabaseEngine,
  EnvValue,
  HealthCheck,
  InImageClient,
  Memory,
  SecretsBackend,
  ServiceType,
  WebService,
  Worker,
} from '../../lib';

/**
 * Random valid applications for the property tests and the fast-path proof: a plain-data
 * description (so fast-check can shrink and print it) and the chart it builds.
 */

// ---------------------------------------------------------------------------------------
// A random application description (plain data, so fast-check can shrink and print it).
// ---------------------------------------------------------------------------------------

type Engine = 'postgres' | 'mysql' | 'redis';
interface DbSpec {
  engine: Engine;
  storageGi: number;
  /** No authentication (Redis and Postgres only) and an image tag variant. */
  noAuth: boolean;
}
interface WebSpec {
  replicas: number;
  autoscale: boolean;
  ingress: boolean;
  health: 'none' | 'http' | 'tcp' | 'command' | 'http-none' | 'grpc' | 'http-tuned';
  publish: boolean;
  ports: number;
  env: Array<[string, string]>;
  secretEnv: boolean;
  cpuMillis: number;
  memMi: number;
  configFile: boolean;
  /** Service ports 80+ in front of the container ports, a protocol, the Service type, the publish address. */
  exposure: {
    servicePorts: boolean;
    protocol: 'none' | 'grpc' | 'h2c' | 'tcp';
    serviceType: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
    anyAddress: boolean;
    mappedEnv: boolean;
  };
}
interface WorkerSpec {
  kind: 'continuous' | 'scheduled' | 'run-once';
  replicas: number;
  externalEgress: boolean;
  cron: string;
}
export interface AppSpec {
  dbs: DbSpec[];
  webs: WebSpec[];
  workers: WorkerSpec[];
  /** [from index, to index, kind] over the ordered list webs ++ workers; targets always come earlier, so no cycles. */
  edges: Array<[number, number]>;
  dbEdges: Array<[number, number]>;
  secrets: 'existing' | 'external' | 'sealed';
  networkPolicies: boolean;
}

const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/);
const envValue = fc.string({ maxLength: 24 }); // any text, including $, quotes, YAML-special words
const cron = fc.constantFrom('*/5 * * * *', '0 3 * * *', '@daily', '15 2 1 * mon', '0 */6 * * *');

export const appSpec: fc.Arbitrary<AppSpec> = fc.record({
  dbs: fc.array(
    fc.record({ engine: fc.constantFrom<Engine>('postgres', 'mysql', 'redis'), storageGi: fc.integer({ min: 1, max: 100 }), noAuth: fc.boolean() }),
    {
      maxLength: 3,
    },
  ),
  webs: fc.array(
    fc.record({
      replicas: fc.integer({ min: 0, max: 4 }),
      autoscale: fc.boolean(),
      ingress: fc.boolean(),
      health: fc.constantFrom<WebSpec['health']>('none', 'http', 'tcp', 'command', 'http-none', 'grpc', 'http-tuned'),
      publish: fc.boolean(),
      ports: fc.integer({ min: 1, max: 3 }),
      env: fc.uniqueArray(fc.tuple(envName, envValue), { maxLength: 4, selector: ([k]) => k }),
      secretEnv: fc.boolean(),
      cpuMillis: fc.integer({ min: 10, max: 2000 }),
      memMi: fc.integer({ min: 16, max: 4096 }),
      configFile: fc.boolean(),
      exposure: fc.record({
        servicePorts: fc.boolean(),
        protocol: fc.constantFrom<'none' | 'grpc' | 'h2c' | 'tcp'>('none', 'none', 'grpc', 'h2c', 'tcp'),
        serviceType: fc.constantFrom<'ClusterIP' | 'NodePort' | 'LoadBalancer'>('ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer'),
        anyAddress: fc.boolean(),
        mappedEnv: fc.boolean(),
      }),
    }),
    { maxLength: 4 },
  ),
  workers: fc.array(
    fc.record({
      kind: fc.constantFrom<WorkerSpec['kind']>('continuous', 'scheduled', 'run-once'),
      replicas: fc.integer({ min: 1, max: 3 }),
      externalEgress: fc.boolean(),
      cron,
    }),
    { maxLength: 3 },
  ),
  edges: fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 6 }),
  dbEdges: fc.array(fc.tuple(fc.nat(7), fc.nat(3)), { maxLength: 6 }),
  secrets: fc.constantFrom<AppSpec['secrets']>('existing', 'external', 'sealed'),
  networkPolicies: fc.boolean(),
});

let appCounter = 0;

/** Builds the chart an AppSpec describes. */
export function build(app: App, spec: AppSpec, id = `app${appCounter++}`): AppChart {
  const secrets =
    spec.secrets === 'existing'
      ? SecretsBackend.existing()
      : spec.secrets === 'external'
        ? SecretsBackend.externalSecrets({ storeName: 'vault' })
        : SecretsBackend.sealedSecrets({
            encryptedData: new Proxy({}, { get: (_t, name) => new Proxy({}, { get: (_u, key) => `AgB${String(name)}${String(key)}` }) }),
          });
  const chart = new AppChart(app, id, { secrets, networkPolicies: spec.networkPolicies });
  let hostPort = 20000;
  const dbs = spec.dbs.map(
    (d, i) =>
      new Database(chart, `Db${i}`, {
        name: `db${i}`,
        engine:
          d.engine === 'postgres'
            ? DatabaseEngine.postgres(d.noAuth ? '16-alpine' : '16')
            : d.engine === 'mysql'
              ? DatabaseEngine.mysql('8.4')
              : DatabaseEngine.redis(d.noAuth ? 'alpine' : '7.2'),
        storage: Memory.gibibytes(d.storageGi),
        credentials: d.noAuth && d.engine !== 'mysql' ? DatabaseCredentials.none() : undefined,
      }),
  );
  const ordered: Array<WebService | Worker> = [];
  spec.webs.forEach((w, i) => {
    const x = w.exposure;
    const ports = Array.from({ length: w.ports }, (_, p) => ({
      name: `p${p}`,
      port: 8080 + p,
      servicePort: x.servicePorts ? 80 + p : undefined,
      protocol: x.protocol === 'none' ? undefined : (x.protocol as AppProtocol),
      publish: w.publish ? (hostPort += 10) : undefined,
      publishAddress: x.anyAddress ? '0.0.0.0' : undefined,
    }));
    const health =
      w.health === 'none'
        ? undefined
        : w.health === 'http'
          ? HealthCheck.http('/healthz', { inImage: InImageClient.CURL, interval: Duration.seconds(5) })
          : w.health === 'http-none'
            ? HealthCheck.http('/', { inImage: InImageClient.NONE })
            : w.health === 'tcp'
              ? HealthCheck.tcp({ port: `p${w.ports - 1}` })
              : w.health === 'grpc'
                ? HealthCheck.grpc({ inImage: InImageClient.GRPC_HEALTH_PROBE, service: i % 2 ? 'svc' : undefined })
                : w.health === 'http-tuned'
                  ? HealthCheck.http('/ready', {
                      inImage: i % 2 ? InImageClient.WGET : InImageClient.NODE,
                      headers: { 'X-Probe': 'yes' },
                      initialDelay: Duration.seconds(5 * i),
                      startPeriod: Duration.seconds(i % 3 ? 20 : 0),
                      liveness: i % 2 && i !== 3 ? { failureThreshold: 10, interval: Duration.seconds(15) } : undefined,
                      livenessProbe: i === 3 ? false : undefined,
                    })
                  : HealthCheck.command(['/bin/check', '--quick']);
    const env: Record<string, EnvValue> = Object.fromEntries(w.env.map(([k, v]) => [k, EnvValue.fromValue(v)]));
    if (w.secretEnv) {
      env.API_TOKEN = EnvValue.fromSecret(`web${i}-keys`, 'token');
    }
    ordered.push(
      new WebService(chart, `Web${i}`, {
        serviceType: x.serviceType as ServiceType,
        name: `web${i}`,
        image: `ghcr.io/acme/web${i}:1.${i}.0`,
        ports,
        replicas: w.replicas,
        autoscaling: w.autoscale ? { minReplicas: Math.max(1, w.replicas), maxReplicas: Math.max(1, w.replicas) + 3 } : undefined,
        ingress: w.ingress ? { host: `web${i}.example.com`, tlsSecretName: `web${i}-tls` } : undefined,
        healthCheck: health,
        env,
        resources: {
          cpuRequest: Cpu.millis(Math.min(w.cpuMillis, 100)),
          cpuLimit: Cpu.millis(w.cpuMillis),
          memoryRequest: Memory.mebibytes(Math.min(w.memMi, 64)),
          memoryLimit: Memory.mebibytes(w.memMi),
        },
        configFiles: w.configFile ? [{ path: `/etc/web${i}/app.yaml`, content: `name: web${i}\n` }] : undefined,
      }),
    );
  });
  spec.workers.forEach((w, i) => {
    ordered.push(
      new Worker(chart, `Worker${i}`, {
        name: `worker${i}`,
        image: `ghcr.io/acme/worker:${i}.0.0`,
        schedule: w.kind === 'scheduled' ? w.cron : undefined,
        runOnce: w.kind === 'run-once',
        replicas: w.kind === 'continuous' ? w.replicas : undefined,
        allowExternalEgress: w.externalEgress,
        args: ['--queue', `q${i}`],
      }),
    );
  });
  // Edges only from a later workload to an earlier one: a DAG by construction.
  for (const [a, b] of spec.edges) {
    const from = ordered[a % Math.max(1, ordered.length)];
    const to = ordered[b % Math.max(1, ordered.length)];
    if (!from || !to || ordered.indexOf(from) <= ordered.indexOf(to)) {
      continue;
    }
    if (WebService.isWebService(to)) {
      from.connectTo(to, spec.webs[ordered.indexOf(to)]?.exposure.mappedEnv ? { env: { [`UP_${ordered.indexOf(to)}_ADDR`]: to.connection.address } } : {});
    } else if (to._model.kind === 'run-once') {
      from.dependsOn(to);
    }
  }
  for (const [a, d] of spec.dbEdges) {
    const from = ordered[a % Math.max(1, ordered.length)];
    const db = dbs[d % Math.max(1, dbs.length)];
    if (from && db) {
      from.connectTo(db, { envPrefix: `DB_${db.serviceName.toUpperCase()}` });
    }
  }
  return chart;
}
