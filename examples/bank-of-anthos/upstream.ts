/**
 * Facts of Bank of Anthos' upstream deployment, transcribed from GoogleCloudPlatform/bank-of-anthos
 * at commit d0af04743a6d951665169ca6370d15725ec51252: kubernetes-manifests/*.yaml (v0.6.10),
 * with the ConfigMaps of config.yaml, accounts-db.yaml and ledger-db.yaml that the workloads read
 * through envFrom written out as the environment they produce. Upstream publishes no Compose
 * file. test/integration/examples-upstream.test.ts compares the synthesized output with them.
 */
import type { UpstreamProbe, UpstreamWorkload } from '../upstream-facts';

const REG = 'us-central1-docker.pkg.dev/bank-of-anthos-ci/bank-of-anthos';
const ready = (initialDelaySeconds: number): UpstreamProbe => ({
  kind: 'httpGet',
  path: '/ready',
  port: 8080,
  initialDelaySeconds,
  periodSeconds: 5,
  timeoutSeconds: 10,
});
const clusterIp = (port: number) => ({ type: 'ClusterIP', port, targetPort: port });
const res = (cpuReq: string, memReq: string, cpuLim: string, memLim: string) => ({
  requests: { cpu: cpuReq, memory: memReq },
  limits: { cpu: cpuLim, memory: memLim },
});

/** environment-config. */
const ENVIRONMENT = { LOCAL_ROUTING_NUM: '883745000', PUB_KEY_PATH: '/tmp/.ssh/publickey' };
/** service-api-config. */
const SERVICE_API = {
  TRANSACTIONS_API_ADDR: 'ledgerwriter:8080',
  BALANCES_API_ADDR: 'balancereader:8080',
  HISTORY_API_ADDR: 'transactionhistory:8080',
  CONTACTS_API_ADDR: 'contacts:8080',
  USERSERVICE_API_ADDR: 'userservice:8080',
};
/** demo-data-config. */
const DEMO = { USE_DEMO_DATA: 'True', DEMO_LOGIN_USERNAME: 'testuser', DEMO_LOGIN_PASSWORD: 'bankofanthos' };
/** accounts-db-config (passwords in a ConfigMap upstream). */
const ACCOUNTS_DB = {
  ACCOUNTS_DB_URI: 'postgresql://accounts-admin:accounts-pwd@accounts-db:5432/accounts-db',
  POSTGRES_DB: 'accounts-db',
  POSTGRES_PASSWORD: 'accounts-pwd',
  POSTGRES_USER: 'accounts-admin',
};
/** ledger-db-config. */
const LEDGER_DB = {
  POSTGRES_DB: 'postgresdb',
  POSTGRES_PASSWORD: 'password',
  POSTGRES_USER: 'admin',
  SPRING_DATASOURCE_PASSWORD: 'password',
  SPRING_DATASOURCE_URL: 'jdbc:postgresql://ledger-db:5432/postgresdb',
  SPRING_DATASOURCE_USERNAME: 'admin',
};
const SERVICE = { VERSION: 'v0.6.10', PORT: '8080', ENABLE_TRACING: 'true', LOG_LEVEL: 'info' };
const JAVA = {
  ...SERVICE,
  ENABLE_METRICS: 'true',
  JVM_OPTS: '-XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap -Xms256m -Xmx512m',
  NAMESPACE: '<fieldRef metadata.namespace>',
};
/** The six services: 1000:1000, read-only root, the shared ServiceAccount, a 5 s grace period. */
const APP = { runAsUser: 1000, readOnlyRootFilesystem: true, serviceAccount: 'bank-of-anthos', terminationGracePeriodSeconds: 5 };

export const UPSTREAM: Record<string, UpstreamWorkload> = {
  'frontend': {
    kind: 'Deployment',
    image: `${REG}/frontend:v0.6.10@sha256:076294ce717309f711743fa3b72a9809c7f156edf1c4fa58505fd9f436d65345`,
    containerPorts: [],
    services: { frontend: { type: 'LoadBalancer', port: 80, targetPort: 8080 } },
    env: { ...SERVICE, ...ENVIRONMENT, ...SERVICE_API, SCHEME: 'http', DEFAULT_USERNAME: 'testuser', DEFAULT_PASSWORD: 'bankofanthos' },
    readiness: ready(10),
    liveness: { kind: 'httpGet', path: '/ready', port: 8080, initialDelaySeconds: 60, periodSeconds: 15, timeoutSeconds: 30 },
    resources: res('100m', '64Mi', '250m', '128Mi'),
    ...APP,
  },
  'userservice': {
    kind: 'Deployment',
    image: `${REG}/userservice:v0.6.10@sha256:d8c4412edc46ab105000f721788b73301651cc43b19cee7e7302739f81882dcc`,
    containerPorts: [8080],
    services: { userservice: clusterIp(8080) },
    env: { ...SERVICE, ...ENVIRONMENT, ...ACCOUNTS_DB, TOKEN_EXPIRY_SECONDS: '3600', PRIV_KEY_PATH: '/tmp/.ssh/privatekey' },
    readiness: ready(10),
    resources: res('260m', '128Mi', '500m', '256Mi'),
    ...APP,
  },
  'contacts': {
    kind: 'Deployment',
    image: `${REG}/contacts:v0.6.10@sha256:90d47594270e64f8dafa6da52c89ff70c2483cca0821dff2cc38b1450ac7a6b9`,
    containerPorts: [],
    services: { contacts: clusterIp(8080) },
    env: { ...SERVICE, ...ENVIRONMENT, ...ACCOUNTS_DB },
    readiness: ready(10),
    resources: res('100m', '64Mi', '250m', '128Mi'),
    ...APP,
  },
  'balancereader': {
    kind: 'Deployment',
    image: `${REG}/balancereader:v0.6.10@sha256:feae443c650786c253bbfa3447d0902dd1689122c13962f97ccc37068d73733b`,
    containerPorts: [],
    services: { balancereader: clusterIp(8080) },
    env: { ...JAVA, ...ENVIRONMENT, ...LEDGER_DB, POLL_MS: '100', CACHE_SIZE: '1000000' },
    readiness: ready(60),
    liveness: { kind: 'httpGet', path: '/healthy', port: 8080, initialDelaySeconds: 120, periodSeconds: 5, timeoutSeconds: 10 },
    resources: res('100m', '256Mi', '500m', '512Mi'),
    ...APP,
  },
  'ledgerwriter': {
    kind: 'Deployment',
    image: `${REG}/ledgerwriter:v0.6.10@sha256:eae37de0d9b28fec7534c1ea860868c87279b0a85b405f8fd66c3d7734e3e42f`,
    containerPorts: [],
    services: { ledgerwriter: clusterIp(8080) },
    env: { ...JAVA, ...ENVIRONMENT, ...SERVICE_API, ...LEDGER_DB },
    readiness: ready(60),
    resources: res('100m', '256Mi', '500m', '512Mi'),
    ...APP,
  },
  'transactionhistory': {
    kind: 'Deployment',
    image: `${REG}/transactionhistory:v0.6.10@sha256:109cdad9c29a46af2708574ac4635dd73afa30cc020a4fef0266abcde87db744`,
    containerPorts: [],
    services: { transactionhistory: clusterIp(8080) },
    env: { ...JAVA, ...ENVIRONMENT, ...LEDGER_DB, POLL_MS: '100', CACHE_SIZE: '1000', CACHE_MINUTES: '60', HISTORY_LIMIT: '100' },
    readiness: ready(60),
    liveness: { kind: 'httpGet', path: '/healthy', port: 8080, initialDelaySeconds: 120, periodSeconds: 5, timeoutSeconds: 10 },
    resources: res('100m', '256Mi', '500m', '512Mi'),
    ...APP,
  },
  'loadgenerator': {
    kind: 'Deployment',
    image: `${REG}/loadgenerator:v0.6.10@sha256:dd7e27f1b1bcbb9c85070eb900a6060d098d06d62ef03f98182424919895df83`,
    containerPorts: [],
    env: { FRONTEND_ADDR: 'frontend:80', USERS: '5', LOG_LEVEL: 'error' },
    resources: res('100m', '512Mi', '250m', '1Gi'),
    runAsUser: 1000,
    readOnlyRootFilesystem: true,
    serviceAccount: 'default',
    terminationGracePeriodSeconds: 5,
  },
  'accounts-db': {
    kind: 'StatefulSet',
    image: `${REG}/accounts-db:v0.6.10@sha256:d95c4094c75f69069b915ef3adc99a8f95e43077885140cdeeb90d807ea74eff`,
    containerPorts: [5432],
    services: { 'accounts-db': clusterIp(5432) },
    env: { ...ENVIRONMENT, ...ACCOUNTS_DB, ...DEMO },
    resources: res('100m', '128Mi', '250m', '512Mi'),
    // No securityContext: the postgres image's root, which drops to postgres itself.
    runAsUser: 0,
    serviceAccount: 'default',
  },
  'ledger-db': {
    kind: 'StatefulSet',
    image: `${REG}/ledger-db:v0.6.10@sha256:891cb7afe34f358ce7ed7002a1923b25e113b30bca44fecb10cc8b116d665a03`,
    containerPorts: [5432],
    services: { 'ledger-db': clusterIp(5432) },
    env: { ...ENVIRONMENT, ...LEDGER_DB, ...DEMO },
    resources: res('100m', '512Mi', '250m', '1Gi'),
    runAsUser: 0,
    serviceAccount: 'default',
  },
};
