import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppChart,
  AppChartProps,
  Cpu,
  Database,
  DatabaseCredentials,
  DatabaseEngine,
  EnvValue,
  HealthCheck,
  InImageClient,
  Memory,
  ResourceOptions,
  SecretFile,
  ServiceType,
  WebService,
  WebServiceProps,
  Worker,
} from '../../lib';

/**
 * Bank of Anthos (GoogleCloudPlatform/bank-of-anthos, kubernetes-manifests v0.6.10), written as
 * its users would write it with this library: Python and Java services that read their peers'
 * addresses and database URLs from the environment, JWT keys read from files, two Postgres
 * databases seeded by their images, a load generator. See README.md for the upstream source
 * and what differs.
 */

const REG = 'us-central1-docker.pkg.dev/bank-of-anthos-ci/bank-of-anthos';
const VERSION = 'v0.6.10';
/** Images pinned by tag and digest, as upstream does. */
const IMAGES: Record<string, string> = {
  'frontend': 'sha256:076294ce717309f711743fa3b72a9809c7f156edf1c4fa58505fd9f436d65345',
  'userservice': 'sha256:d8c4412edc46ab105000f721788b73301651cc43b19cee7e7302739f81882dcc',
  'contacts': 'sha256:90d47594270e64f8dafa6da52c89ff70c2483cca0821dff2cc38b1450ac7a6b9',
  'balancereader': 'sha256:feae443c650786c253bbfa3447d0902dd1689122c13962f97ccc37068d73733b',
  'ledgerwriter': 'sha256:eae37de0d9b28fec7534c1ea860868c87279b0a85b405f8fd66c3d7734e3e42f',
  'transactionhistory': 'sha256:109cdad9c29a46af2708574ac4635dd73afa30cc020a4fef0266abcde87db744',
  'loadgenerator': 'sha256:dd7e27f1b1bcbb9c85070eb900a6060d098d06d62ef03f98182424919895df83',
  'accounts-db': 'sha256:d95c4094c75f69069b915ef3adc99a8f95e43077885140cdeeb90d807ea74eff',
  'ledger-db': 'sha256:891cb7afe34f358ce7ed7002a1923b25e113b30bca44fecb10cc8b116d665a03',
};
const image = (name: string) => `${REG}/${name}:${VERSION}@${IMAGES[name]}`;

const v = (value: string) => EnvValue.fromValue(value);
/** environment-config: every service and database reads it. */
const ENVIRONMENT = { LOCAL_ROUTING_NUM: v('883745000'), PUB_KEY_PATH: v('/tmp/.ssh/publickey') };
/** The variables every service sets itself. */
const SERVICE = { VERSION: v(VERSION), PORT: v('8080'), ENABLE_TRACING: v('true'), LOG_LEVEL: v('info') };
/** The Java services' JVM options. */
const JVM_OPTS = v('-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap -Xms256m -Xmx512m');
/** demo-data-config: the demo accounts' login (a documented demo password, not a secret). */
const DEMO = { USE_DEMO_DATA: v('True'), DEMO_LOGIN_USERNAME: v('testuser'), DEMO_LOGIN_PASSWORD: v('bankofanthos') };

/** The public key every service verifies JWTs with; the user service also signs with the private key. */
const PUBLIC_KEY: SecretFile = { path: '/tmp/.ssh/publickey', secretName: 'jwt-key', key: 'jwtRS256.key.pub' };
const PRIVATE_KEY: SecretFile = { path: '/tmp/.ssh/privatekey', secretName: 'jwt-key', key: 'jwtRS256.key' };

function resources(cpuRequest: number, memoryRequest: number, cpuLimit: number, memoryLimit: number): ResourceOptions {
  return {
    cpuRequest: Cpu.millis(cpuRequest),
    memoryRequest: Memory.mebibytes(memoryRequest),
    cpuLimit: Cpu.millis(cpuLimit),
    memoryLimit: Memory.mebibytes(memoryLimit),
  };
}

/**
 * Upstream's probes: GET /ready every 5 s with a 10 s timeout after `ready` seconds; a liveness
 * probe with its own delay, period and timeout, or none. The Python images check themselves
 * with Python in Compose; the Java images are distroless (no client: Compose cannot run it).
 */
function readyCheck(o: { ready: number; python: boolean; liveness?: { delay: number; period: number; timeout: number } }): HealthCheck {
  const url = 'http://127.0.0.1:8080/ready';
  return HealthCheck.http('/ready', {
    inImage: o.python ? InImageClient.command(['python', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=10)`]) : InImageClient.NONE,
    interval: Duration.seconds(5),
    timeout: Duration.seconds(10),
    startPeriod: Duration.seconds(0),
    initialDelay: Duration.seconds(o.ready),
    livenessProbe: o.liveness !== undefined,
    liveness: o.liveness && {
      initialDelay: Duration.seconds(o.liveness.delay),
      interval: Duration.seconds(o.liveness.period),
      timeout: Duration.seconds(o.liveness.timeout),
      failureThreshold: 3,
    },
  });
}

export class BankOfAnthosChart extends AppChart {
  constructor(scope: Construct, id: string, props: AppChartProps = {}) {
    super(scope, id, { namespace: 'bank-of-anthos', appName: 'bank-of-anthos', ...props });

    /** A service of the bank: port 8080 as 1000:1000, the shared ServiceAccount, the public key. */
    const service = (name: string, options: Partial<WebServiceProps>) =>
      new WebService(this, name, {
        name,
        image: image(name),
        replicas: 1,
        ports: [{ name: 'http', port: 8080 }],
        security: { runAsUser: 1000 },
        serviceAccount: { name: 'bank-of-anthos', create: false },
        terminationGracePeriod: Duration.seconds(5),
        podAnnotations: { 'proxy.istio.io/config': '{ "holdApplicationUntilProxyStarts": true }' },
        secretFiles: [PUBLIC_KEY],
        ...options,
      });
    /** A Postgres database built from postgres:16.14-alpine with its schema and demo data. */
    const postgres = (name: string, user: string, databaseName: string, memory: [number, number]) => {
      const db = new Database(this, name, {
        name,
        engine: DatabaseEngine.postgres('16.14-alpine'),
        image: image(name),
        user,
        databaseName,
        credentials: DatabaseCredentials.fromExistingSecret(`${name}-credentials`),
        resources: resources(100, memory[0], 250, memory[1]),
        serviceAccount: { name: 'default', create: false },
      });
      // The image's init scripts read these when they seed the demo data.
      for (const [key, value] of Object.entries({ ...ENVIRONMENT, ...DEMO })) {
        db.addEnv(key, value);
      }
      return db;
    };

    const accountsDb = postgres('accounts-db', 'accounts-admin', 'accounts-db', [128, 512]);
    const ledgerDb = postgres('ledger-db', 'admin', 'postgresdb', [512, 1024]);

    /** accounts-db-config as the Python services read it: SQLAlchemy wants postgresql://. */
    const accountsDbEnv = (db: Database) => ({
      ACCOUNTS_DB_URI: EnvValue.concat(v('postgresql://accounts-admin:'), db.connection.password!, v('@accounts-db:5432/accounts-db')),
      POSTGRES_DB: db.connection.databaseName,
      POSTGRES_USER: db.connection.user,
      POSTGRES_PASSWORD: db.connection.password!,
    });
    /** ledger-db-config as the Java services read it (Spring) and the database's own variables. */
    const ledgerDbEnv = (db: Database) => ({
      SPRING_DATASOURCE_URL: v('jdbc:postgresql://ledger-db:5432/postgresdb'),
      SPRING_DATASOURCE_USERNAME: db.connection.user,
      SPRING_DATASOURCE_PASSWORD: db.connection.password!,
      POSTGRES_DB: db.connection.databaseName,
      POSTGRES_USER: db.connection.user,
      POSTGRES_PASSWORD: db.connection.password!,
    });

    const userservice = service('userservice', {
      env: { ...SERVICE, ...ENVIRONMENT, TOKEN_EXPIRY_SECONDS: v('3600'), PRIV_KEY_PATH: v('/tmp/.ssh/privatekey') },
      secretFiles: [PRIVATE_KEY, PUBLIC_KEY],
      healthCheck: readyCheck({ ready: 10, python: true }),
      resources: resources(260, 128, 500, 256),
    });
    userservice.connectTo(accountsDb, { env: accountsDbEnv(accountsDb) });
    const contacts = service('contacts', {
      env: { ...SERVICE, ...ENVIRONMENT },
      healthCheck: readyCheck({ ready: 10, python: true }),
      resources: resources(100, 64, 250, 128),
    });
    contacts.connectTo(accountsDb, { env: accountsDbEnv(accountsDb) });

    /** A Java service of the ledger: metrics, polling, and the namespace it runs in. */
    const java = (name: string, env: Record<string, EnvValue>, liveness?: { delay: number; period: number; timeout: number }) => {
      const s = service(name, {
        env: { ...SERVICE, ...ENVIRONMENT, ENABLE_METRICS: v('true'), JVM_OPTS, NAMESPACE: v('bank-of-anthos'), ...env },
        healthCheck: readyCheck({ ready: 60, python: false, liveness }),
        resources: resources(100, 256, 500, 512),
      });
      s.connectTo(ledgerDb, { env: ledgerDbEnv(ledgerDb) });
      return s;
    };
    const balancereader = java('balancereader', { POLL_MS: v('100'), CACHE_SIZE: v('1000000') }, { delay: 120, period: 5, timeout: 10 });
    const transactionhistory = java(
      'transactionhistory',
      { POLL_MS: v('100'), CACHE_SIZE: v('1000'), CACHE_MINUTES: v('60'), HISTORY_LIMIT: v('100') },
      { delay: 120, period: 5, timeout: 10 },
    );
    // service-api-config holds every API address; the ledger writer only calls the balance reader.
    const ledgerwriter = java('ledgerwriter', {
      TRANSACTIONS_API_ADDR: v('ledgerwriter:8080'),
      HISTORY_API_ADDR: v('transactionhistory:8080'),
      CONTACTS_API_ADDR: v('contacts:8080'),
      USERSERVICE_API_ADDR: v('userservice:8080'),
    });
    ledgerwriter.connectTo(balancereader, { env: { BALANCES_API_ADDR: balancereader.connection.address } });

    const frontend = service('frontend', {
      // Upstream's one LoadBalancer Service: port 80 in front of the container's 8080.
      serviceType: ServiceType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 8080, servicePort: 80, publish: 8080 }],
      serviceAccount: {
        name: 'bank-of-anthos',
        annotations: { 'iam.gke.io/gcp-service-account': 'gke-workload-development@bank-of-anthos-ci.iam.gserviceaccount.com' },
      },
      env: {
        ...SERVICE,
        ...ENVIRONMENT,
        SCHEME: v('http'),
        DEFAULT_USERNAME: DEMO.DEMO_LOGIN_USERNAME,
        DEFAULT_PASSWORD: DEMO.DEMO_LOGIN_PASSWORD,
      },
      healthCheck: readyCheck({ ready: 10, python: true, liveness: { delay: 60, period: 15, timeout: 30 } }),
      resources: resources(100, 64, 250, 128),
    });
    for (const [variable, target] of [
      ['TRANSACTIONS_API_ADDR', ledgerwriter],
      ['BALANCES_API_ADDR', balancereader],
      ['HISTORY_API_ADDR', transactionhistory],
      ['CONTACTS_API_ADDR', contacts],
      ['USERSERVICE_API_ADDR', userservice],
    ] as const) {
      frontend.connectTo(target, { env: { [variable]: target.connection.address } });
    }

    new Worker(this, 'loadgenerator', {
      name: 'loadgenerator',
      image: image('loadgenerator'),
      security: { runAsUser: 1000 },
      serviceAccount: { name: 'default', create: false },
      terminationGracePeriod: Duration.seconds(5),
      podAnnotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' },
      env: { USERS: v('5'), LOG_LEVEL: v('error') },
      resources: resources(100, 512, 250, 1024),
    }).connectTo(frontend, { env: { FRONTEND_ADDR: frontend.connection.address } });
  }
}
