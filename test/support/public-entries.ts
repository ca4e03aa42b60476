import { Duration } from 'cdk8s';
import {
  App,
  AppChart,
  AppProtocol,
  Cpu,
  Database,
  DatabaseCredentials,
  DatabaseEngine,
  EnvValue,
  Grant,
  HealthCheck,
  ImagePullPolicy,
  InImageClient,
  IngressPeer,
  Memory,
  MonitoringMode,
  NodeLabelOperator,
  PodCount,
  RedisEvictionPolicy,
  SecretsBackend,
  ServiceType,
  TaintEffect,
  TolerationOperator,
  ValidationError,
  Verb,
  WebService,
  Worker,
  Workload,
} from '../../lib';

/**
 * Every public entry of the library (constructors, static factories, methods), each with a
 * complete, valid call: the property test `test/integration/robustness.test.ts` replaces one
 * value at a time, anywhere in the arguments, with an arbitrary JavaScript value and expects either a
 * `ValidationError` or output that passes every output check.
 *
 * Arguments are a tree of plain values, arrays, objects and {@link Call}s: a call is a
 * factory evaluated when the arguments are built, so the factories' own arguments are
 * replaced too (`Cpu.parse(<anything>)`), and so is the factory's result (a plain object
 * where a `Cpu` is expected).
 */
export class Call {
  constructor(
    public readonly label: string,
    public readonly fn: (...args: any[]) => unknown,
    public readonly args: unknown[],
    /** A factory of another package (cdk8s's `Duration`): its result is replaced, not its arguments. */
    public readonly foreign = false,
  ) {}
}

const call = (label: string, fn: (...args: any[]) => unknown, ...args: unknown[]) => new Call(label, fn, args);

/** A node of an argument tree, and how to reach it: `['props', 'resources', 'cpuLimit']`. */
export interface Slot {
  readonly path: string[];
  readonly value: unknown;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Every slot of an argument tree, depth first (the root arguments included). */
export function slotsOf(args: unknown[]): Slot[] {
  const slots: Slot[] = [];
  const walk = (value: unknown, path: string[]) => {
    slots.push({ path, value });
    if (value instanceof Call) {
      if (!value.foreign) {
        value.args.forEach((a, i) => walk(a, [...path, `${value.label}(#${i})`]));
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, String(i)]));
    } else if (isPlain(value)) {
      for (const [k, v] of Object.entries(value)) {
        walk(v, [...path, k]);
      }
    }
  };
  args.forEach((a, i) => walk(a, [`#${i}`]));
  return slots;
}

/** A copy of `args` with the slot at `path` replaced by `replacement`. */
export function replaceAt(args: unknown[], path: string[], replacement: unknown): unknown[] {
  const at = (value: unknown, rest: string[]): unknown => {
    if (rest.length === 0) {
      return replacement;
    }
    const [head, ...tail] = rest;
    if (value instanceof Call) {
      const i = Number(/#(\d+)\)$/.exec(head)![1]);
      return new Call(
        value.label,
        value.fn,
        value.args.map((a, j) => (j === i ? at(a, tail) : a)),
      );
    }
    if (Array.isArray(value)) {
      return value.map((v, j) => (String(j) === head ? at(v, tail) : v));
    }
    return { ...(value as object), [head]: at((value as Record<string, unknown>)[head], tail) };
  };
  const [first, ...tail] = path;
  const i = Number(first.slice(1));
  return args.map((a, j) => (j === i ? at(a, tail) : a));
}

/** Evaluates the calls of an argument tree: the values a user's code would pass. */
export function materialize(value: unknown): unknown {
  if (value instanceof Call) {
    return value.fn(...value.args.map(materialize));
  }
  if (Array.isArray(value)) {
    return value.map(materialize);
  }
  if (isPlain(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v)]));
  }
  return value;
}

/** One public entry: its baseline arguments and how to call it inside a fresh chart. */
export interface Entry {
  readonly name: string;
  readonly args: unknown[];
  readonly run: (chart: AppChart, args: any[]) => void;
}

const seconds = (s: number) => new Call('Duration.seconds', Duration.seconds, [s], true);
const cpu = (m: number) => call('Cpu.millis', Cpu.millis, m);
const mem = (mib: number) => call('Memory.mebibytes', Memory.mebibytes, mib);
const secret = (name: string, key: string) => call('EnvValue.fromSecret', EnvValue.fromSecret, name, key, { developmentValue: 'dev' });
const value = (v: string) => call('EnvValue.fromValue', EnvValue.fromValue, v);

/** Options every workload kind takes, all set. */
const workloadOptions = () => ({
  image: 'ghcr.io/acme/app:1.2.3',
  imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
  command: ['/app/server'],
  args: ['--verbose'],
  env: { LOG_LEVEL: value('info'), API_KEY: secret('api-keys', 'key'), JOINED: call('EnvValue.concat', EnvValue.concat, value('a'), value('b')) },
  resources: {
    cpuRequest: call('Cpu.parse', Cpu.parse, '250m'),
    cpuLimit: cpu(500),
    memoryRequest: call('Memory.parse', Memory.parse, '256Mi'),
    memoryLimit: mem(512),
  },
  security: { runAsUser: 10001, runAsGroup: 10001, readOnlyRootFilesystem: true, writablePaths: ['/tmp'], addCapabilities: ['NET_BIND_SERVICE'] },
  configFiles: [{ path: '/etc/app/config.yaml', content: 'a: 1\n' }],
  secretFiles: [{ path: '/etc/app/key.pem', secretName: 'api-keys', key: 'pem' }],
  allowExternalEgress: false,
  allowEgressTo: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'], ports: [443] }],
  build: { context: 'examples', dockerfile: 'Dockerfile', target: 'dev', args: { NODE_ENV: 'development' } },
  profiles: ['full'],
  networks: ['backend'],
  dev: {
    command: ['npm', 'run', 'dev'],
    args: ['--watch'],
    env: { DEBUG: value('1') },
    mounts: [{ source: './src', target: '/app/src', readOnly: true }],
    ports: [{ name: 'debug', port: 9229, publish: 9230 }],
  },
  initContainers: [{ name: 'init-config', image: 'busybox:1.36', command: ['sh', '-c', 'true'], env: { A: value('1') } }],
  sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', ports: [{ name: 'admin', port: 9901 }], resources: { cpuLimit: cpu(100) } }],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  nodeAffinity: {
    required: [{ key: 'topology.kubernetes.io/zone', operator: NodeLabelOperator.IN, values: ['eu-west-1a'] }],
    preferred: [{ weight: 50, expression: { key: 'node-type', operator: NodeLabelOperator.EXISTS } }],
  },
  tolerations: [{ key: 'dedicated', operator: TolerationOperator.EQUAL, value: 'app', effect: TaintEffect.NO_SCHEDULE }],
  podLabels: { team: 'payments' },
  podAnnotations: { 'example.com/owner': 'payments' },
  serviceAccount: {
    name: 'app-sa',
    create: true,
    annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/app' },
    grants: [
      call('Grant.read', Grant.read, ['configmaps'], { resourceNames: ['app-config'] }),
      call('Grant.of', Grant.of, { resources: ['leases'], apiGroup: 'coordination.k8s.io', verbs: [Verb.GET, Verb.UPDATE] }),
    ],
  },
  terminationGracePeriod: seconds(30),
  waitForConnections: true,
  waitImage: 'busybox:1.36',
});

const availability = () => ({
  disruptionBudget: true,
  topologySpread: true,
  rollingUpdate: { maxSurge: call('PodCount.of', PodCount.of, 1), maxUnavailable: call('PodCount.percent', PodCount.percent, 25) },
});

const httpHealth = () =>
  call('HealthCheck.http', HealthCheck.http, '/healthz', {
    inImage: call('InImageClient.command', InImageClient.command, ['curl', '-fsS']),
    port: 'http',
    headers: { 'X-Probe': '1' },
    interval: seconds(10),
    timeout: seconds(2),
    startPeriod: seconds(20),
    initialDelay: seconds(1),
    failureThreshold: 3,
    liveness: { interval: seconds(20), failureThreshold: 5 },
  });

const webServiceProps = () => ({
  ...workloadOptions(),
  ...availability(),
  ports: [
    { name: 'http', port: 8080, publish: 8080, publishAddress: '127.0.0.1', servicePort: 80 },
    { name: 'grpc', port: 9090, protocol: AppProtocol.GRPC },
  ],
  serviceType: ServiceType.CLUSTER_IP,
  replicas: 2,
  healthCheck: httpHealth(),
  ingress: {
    host: 'shop.example.com',
    path: '/',
    tlsSecretName: 'shop-tls',
    className: 'nginx',
    annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
  },
  autoscaling: { minReplicas: 2, maxReplicas: 5, cpuTargetPercent: 70 },
  metrics: { port: 8080, path: '/metrics', interval: seconds(30) },
});

const postgres = () => ({
  engine: call('DatabaseEngine.postgres', DatabaseEngine.postgres, '16.4'),
  name: 'db',
  databaseName: 'shop',
  user: 'shop',
  credentials: call('DatabaseCredentials.fromExistingSecret', DatabaseCredentials.fromExistingSecret, 'db-credentials', 'password', {
    developmentValue: 'dev-password',
    urlEncodedKey: 'password-urlencoded',
  }),
  storage: call('Memory.gibibytes', Memory.gibibytes, 5),
  storageClassName: 'gp3',
  publish: 5432,
  startupTimeout: new Call('Duration.minutes', Duration.minutes, [5], true),
  resources: { cpuLimit: cpu(1000), memoryLimit: mem(1024) },
  profiles: ['full'],
  podLabels: { tier: 'data' },
});

/** The entries, each called inside a fresh chart of a fresh app. */
export const ENTRIES: Entry[] = [
  {
    name: 'new App(props)',
    args: [{ outdir: '/tmp/cdk8s-compose-robustness', printSummary: false }],
    run: (_chart, [props]) => void new App(props),
  },
  {
    name: 'new AppChart(scope, id, props)',
    args: [
      'shop',
      {
        appName: 'shop',
        namespace: 'shop',
        createNamespace: true,
        environment: 'production',
        labels: { team: 'payments' },
        networkPolicies: true,
        ingressClassName: 'nginx',
        ingressFrom: [
          call('IngressPeer.namespace', IngressPeer.namespace, 'ingress-nginx', { podLabels: { app: 'ingress-nginx' } }),
          call('IngressPeer.cidr', IngressPeer.cidr, '10.0.0.0/8', { except: ['10.1.0.0/16'] }),
        ],
        nodeLocalDns: ['169.254.20.10'],
        apiServer: [{ cidr: '10.0.0.1/32', ports: [443] }],
        monitoring: {
          mode: MonitoringMode.SERVICE_MONITOR,
          namespace: 'monitoring',
          podLabels: { 'app.kubernetes.io/name': 'prometheus' },
          serviceMonitorLabels: { release: 'kube-prometheus-stack' },
          grafana: true,
          prometheusHostPort: 9090,
          grafanaHostPort: 3000,
          prometheusImage: 'prom/prometheus:v2.54.1',
          grafanaImage: 'grafana/grafana:11.2.0',
        },
        flux: { path: './clusters/prod', sourceRef: { kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' }, interval: seconds(600) },
        overrides: { web: { image: 'ghcr.io/acme/web:2.0.0', replicas: 3, publish: { http: 8081 }, imagePullPolicy: ImagePullPolicy.ALWAYS } },
        secrets: call('SecretsBackend.externalSecrets', SecretsBackend.externalSecrets, {
          storeName: 'vault',
          storeKind: 'ClusterSecretStore',
          refreshInterval: '1h',
          remoteKeyPrefix: 'shop/',
          apiVersion: 'external-secrets.io/v1',
        }),
        compose: true,
      },
    ],
    run: (chart, [id, props]) => {
      const other = new AppChart(chart.node.scope!, id, props);
      new WebService(other, 'web', { image: 'ghcr.io/acme/web:1.0.0' });
    },
  },
  {
    name: 'new AppChart(scope, id, { secrets: sealedSecrets })',
    args: [
      'sealed',
      { secrets: call('SecretsBackend.sealedSecrets', SecretsBackend.sealedSecrets, { encryptedData: { 'api-keys': { key: 'AgBy3i4OJSWK+PiTySYZZA==' } } }) },
    ],
    run: (chart, [id, props]) => {
      const other = new AppChart(chart.node.scope!, id, props);
      new WebService(other, 'web', { image: 'ghcr.io/acme/web:1.0.0', env: { KEY: EnvValue.fromSecret('api-keys', 'key') } });
    },
  },
  {
    name: 'new WebService(scope, id, props)',
    args: ['web', webServiceProps()],
    run: (chart, [id, props]) => void new WebService(chart, id, props),
  },
  {
    name: 'new WebService(scope, id, { healthCheck: grpc/tcp/command/forProtocol })',
    args: [
      [
        call('HealthCheck.grpc', HealthCheck.grpc, {
          inImage: call('InImageClient.command', InImageClient.command, ['grpc_health_probe', '-addr=:9090']),
          port: 'grpc',
          service: 'shop',
        }),
        call('HealthCheck.tcp', HealthCheck.tcp, { port: 'http', interval: seconds(5) }),
        call('HealthCheck.command', HealthCheck.command, ['/bin/check'], { timeout: seconds(3) }),
        call('HealthCheck.forProtocol', HealthCheck.forProtocol, {
          inImage: call('InImageClient.command', InImageClient.command, ['wget', '-q', '-O-']),
          path: '/ready',
        }),
      ],
    ],
    run: (chart, [checks]) => {
      (Array.isArray(checks) ? checks : [checks]).forEach(
        (healthCheck: HealthCheck, i) =>
          new WebService(chart, `web${i}`, {
            image: 'ghcr.io/acme/web:1.0.0',
            ports: [
              { name: 'http', port: 8080 },
              { name: 'grpc', port: 9090, protocol: AppProtocol.GRPC },
            ],
            healthCheck,
          }),
      );
    },
  },
  {
    name: 'new Worker(scope, id, props)',
    args: [
      'worker',
      {
        ...workloadOptions(),
        ...availability(),
        replicas: 2,
        metrics: { port: 9100 },
        healthCheck: call('HealthCheck.command', HealthCheck.command, ['/bin/alive']),
      },
    ],
    run: (chart, [id, props]) => void new Worker(chart, id, props),
  },
  {
    name: 'new Worker(scope, id, { schedule })',
    args: [
      'report',
      { image: 'ghcr.io/acme/report:1.0.0', schedule: '0 3 * * *', activeDeadline: seconds(600), startingDeadline: seconds(120), backoffLimit: 2 },
    ],
    run: (chart, [id, props]) => void new Worker(chart, id, props),
  },
  {
    name: 'new Worker(scope, id, { runOnce })',
    args: ['migrate', { image: 'ghcr.io/acme/migrate:1.0.0', runOnce: true, backoffLimit: 3, activeDeadline: seconds(300), waitForConnections: true }],
    run: (chart, [id, props]) => void new Worker(chart, id, props),
  },
  {
    name: 'new Database(scope, id, props)',
    args: ['db', postgres()],
    run: (chart, [id, props]) => void new Database(chart, id, props),
  },
  {
    name: 'new Database(scope, id, { engine: redis/mysql/mongo })',
    args: [
      [
        call('DatabaseEngine.redis', DatabaseEngine.redis, '7.4', { evictionPolicy: RedisEvictionPolicy.ALLKEYS_LRU }),
        call('DatabaseEngine.mysql', DatabaseEngine.mysql, '8.4'),
        call('DatabaseEngine.mongo', DatabaseEngine.mongo, '7.0'),
      ],
      call('DatabaseCredentials.none', DatabaseCredentials.none),
    ],
    run: (chart, [engines, credentials]) => {
      (Array.isArray(engines) ? engines : [engines]).forEach(
        (engine: DatabaseEngine, i) => new Database(chart, `db${i}`, { engine, credentials: i === 0 ? credentials : undefined }),
      );
    },
  },
  {
    name: 'AppChart.of(construct)',
    args: ['web'],
    run: (chart, [target]) => {
      const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0' });
      AppChart.of(target === 'web' ? web : target);
    },
  },
  {
    name: 'new ValidationError(problems, scope)',
    args: [['a problem'], 'chart'],
    run: (chart, [problems, scope]) => {
      // Constructing the error must not fail, whatever it is given.
      const error = new ValidationError(problems, scope === 'chart' ? chart : scope);
      if (!error.message.includes('(at ')) {
        throw new Error(`a ValidationError without a path: ${error.message}`);
      }
    },
  },
  {
    name: 'workload.connectTo(target, options) / dependsOn(target) / addEnv(name, value)',
    args: [{ envPrefix: 'DB_' }, 'db', 'FEATURE_FLAGS', value('on')],
    run: (chart, [options, target, envName, envValue]) => {
      const db = new Database(chart, 'db', { engine: DatabaseEngine.postgres('16.4') });
      const migrate = new Worker(chart, 'migrate', { image: 'ghcr.io/acme/migrate:1.0.0', runOnce: true });
      const api = new WebService(chart, 'api', { image: 'ghcr.io/acme/api:1.0.0' });
      const targets: Record<string, Workload> = { db, migrate, api };
      api.connectTo(typeof target === 'string' && target in targets ? (targets[target] as Database) : target, options);
      api.dependsOn(typeof target === 'string' && target in targets ? migrate : target);
      api.addEnv(envName, envValue);
    },
  },
];
