/**
 * Facts of Sock Shop's upstream deployment, transcribed from microservices-demo/microservices-demo
 * at commit 9dff06fae4981921caec6a62393a6ebfce4b3e3f: deploy/kubernetes/complete-demo.yaml
 * (UPSTREAM) and deploy/docker-compose/docker-compose.yml (UPSTREAM_COMPOSE).
 * test/integration/examples-upstream.test.ts compares the synthesized output with them.
 */
import type { UpstreamComposeService, UpstreamProbe, UpstreamWorkload } from '../upstream-facts';

const JAVA_OPTS = '-Xms64m -Xmx128m -XX:+UseG1GC -Djava.security.egd=file:/dev/urandom -Dspring.zipkin.enabled=false';
const http = (path: string, port: number, initialDelaySeconds: number): UpstreamProbe => ({
  kind: 'httpGet',
  path,
  port,
  initialDelaySeconds,
  periodSeconds: 3,
});
const clusterIp = (port: number) => ({ type: 'ClusterIP', port, targetPort: port });
const res = (cpuReq: string, memReq: string, cpuLim: string, memLim: string) => ({
  requests: { cpu: cpuReq, memory: memReq },
  limits: { cpu: cpuLim, memory: memLim },
});
/** An app container on port 80 as uid 10001 with NET_BIND_SERVICE. */
const port80 = { containerPorts: [80], runAsUser: 10001, readOnlyRootFilesystem: true, addCapabilities: ['NET_BIND_SERVICE'] };
/** A Mongo or Redis container: no runAsUser, so the image's root; CHOWN/SETGID/SETUID. */
const chown = { runAsUser: 0, readOnlyRootFilesystem: true, addCapabilities: ['CHOWN', 'SETGID', 'SETUID'] };

export const UPSTREAM: Record<string, UpstreamWorkload> = {
  'front-end': {
    kind: 'Deployment',
    image: 'weaveworksdemos/front-end:0.3.12',
    containerPorts: [8079],
    services: { 'front-end': { type: 'NodePort', port: 80, targetPort: 8079 } },
    env: { SESSION_REDIS: 'true' },
    readiness: http('/', 8079, 30),
    liveness: http('/', 8079, 300),
    resources: res('100m', '300Mi', '300m', '1000Mi'),
    runAsUser: 10001,
    readOnlyRootFilesystem: true,
    addCapabilities: [],
  },
  'catalogue': {
    kind: 'Deployment',
    image: 'weaveworksdemos/catalogue:0.3.5',
    services: { catalogue: clusterIp(80) },
    env: {},
    readiness: http('/health', 80, 180),
    liveness: http('/health', 80, 300),
    resources: res('100m', '100Mi', '200m', '200Mi'),
    ...port80,
  },
  'catalogue-db': {
    kind: 'Deployment',
    image: 'weaveworksdemos/catalogue-db:0.3.0',
    containerPorts: [3306],
    services: { 'catalogue-db': clusterIp(3306) },
    env: { MYSQL_ROOT_PASSWORD: 'fake_password', MYSQL_DATABASE: 'socksdb' },
    // No securityContext: the image's root.
    runAsUser: 0,
  },
  'carts': {
    kind: 'Deployment',
    image: 'weaveworksdemos/carts:0.4.8',
    services: { carts: clusterIp(80) },
    env: { JAVA_OPTS },
    resources: res('100m', '200Mi', '300m', '500Mi'),
    ...port80,
  },
  'carts-db': {
    kind: 'Deployment',
    image: 'mongo',
    containerPorts: [27017],
    services: { 'carts-db': clusterIp(27017) },
    env: {},
    ...chown,
  },
  'orders': {
    kind: 'Deployment',
    image: 'weaveworksdemos/orders:0.4.7',
    services: { orders: clusterIp(80) },
    env: { JAVA_OPTS },
    resources: res('100m', '300Mi', '500m', '500Mi'),
    ...port80,
  },
  'orders-db': {
    kind: 'Deployment',
    image: 'mongo',
    containerPorts: [27017],
    services: { 'orders-db': clusterIp(27017) },
    env: {},
    ...chown,
  },
  'payment': {
    kind: 'Deployment',
    image: 'weaveworksdemos/payment:0.4.3',
    services: { payment: clusterIp(80) },
    env: {},
    readiness: http('/health', 80, 180),
    liveness: http('/health', 80, 300),
    resources: res('99m', '100Mi', '200m', '200Mi'),
    ...port80,
  },
  'shipping': {
    kind: 'Deployment',
    image: 'weaveworksdemos/shipping:0.4.8',
    services: { shipping: clusterIp(80) },
    env: { ZIPKIN: 'zipkin.jaeger.svc.cluster.local', JAVA_OPTS },
    resources: res('100m', '300Mi', '300m', '500Mi'),
    ...port80,
  },
  'queue-master': {
    kind: 'Deployment',
    image: 'weaveworksdemos/queue-master:0.3.1',
    containerPorts: [80],
    services: { 'queue-master': clusterIp(80) },
    env: { JAVA_OPTS },
    resources: res('100m', '300Mi', '300m', '500Mi'),
    // No securityContext: the image's root.
    runAsUser: 0,
  },
  'rabbitmq': {
    kind: 'Deployment',
    image: 'rabbitmq:3.6.8-management',
    containerPorts: [15672, 5672],
    services: { rabbitmq: clusterIp(5672) },
    env: {},
    runAsUser: 0,
    readOnlyRootFilesystem: true,
    addCapabilities: ['CHOWN', 'SETGID', 'SETUID', 'DAC_OVERRIDE'],
  },
  'session-db': {
    kind: 'Deployment',
    image: 'redis:alpine',
    containerPorts: [6379],
    services: { 'session-db': clusterIp(6379) },
    env: {},
    ...chown,
  },
  'user': {
    kind: 'Deployment',
    image: 'weaveworksdemos/user:0.4.7',
    services: { user: clusterIp(80) },
    env: { mongo: 'user-db:27017' },
    readiness: http('/health', 80, 180),
    liveness: http('/health', 80, 300),
    resources: res('100m', '100Mi', '300m', '200Mi'),
    ...port80,
  },
  'user-db': {
    kind: 'Deployment',
    image: 'weaveworksdemos/user-db:0.3.0',
    containerPorts: [27017],
    services: { 'user-db': clusterIp(27017) },
    env: {},
    ...chown,
  },
};

const JAVA = { environment: { JAVA_OPTS }, read_only: true, cap_add: ['NET_BIND_SERVICE'] };
const MONGO = { read_only: true, cap_add: ['CHOWN', 'SETGID', 'SETUID'] };

export const UPSTREAM_COMPOSE: Record<string, UpstreamComposeService> = {
  'front-end': { image: 'weaveworksdemos/front-end:0.3.12', read_only: true, cap_add: [] },
  'edge-router': {
    image: 'weaveworksdemos/edge-router:0.1.1',
    ports: ['80:80', '8080:8080'],
    read_only: true,
    cap_add: ['NET_BIND_SERVICE', 'CHOWN', 'SETGID', 'SETUID', 'DAC_OVERRIDE'],
  },
  'catalogue': { image: 'weaveworksdemos/catalogue:0.3.5', read_only: true, cap_add: ['NET_BIND_SERVICE'] },
  'catalogue-db': {
    image: 'weaveworksdemos/catalogue-db:0.3.0',
    environment: { MYSQL_ROOT_PASSWORD: '${MYSQL_ROOT_PASSWORD}', MYSQL_ALLOW_EMPTY_PASSWORD: 'true', MYSQL_DATABASE: 'socksdb' },
  },
  'carts': { image: 'weaveworksdemos/carts:0.4.8', ...JAVA },
  'carts-db': { image: 'mongo:3.4', ...MONGO },
  'orders': { image: 'weaveworksdemos/orders:0.4.7', ...JAVA },
  'orders-db': { image: 'mongo:3.4', ...MONGO },
  'shipping': { image: 'weaveworksdemos/shipping:0.4.8', ...JAVA },
  'queue-master': { image: 'weaveworksdemos/queue-master:0.3.1', read_only: true, cap_add: ['NET_BIND_SERVICE'] },
  'rabbitmq': { image: 'rabbitmq:3.6.8', read_only: true, cap_add: ['CHOWN', 'SETGID', 'SETUID', 'DAC_OVERRIDE'] },
  'payment': { image: 'weaveworksdemos/payment:0.4.3', read_only: true, cap_add: ['NET_BIND_SERVICE'] },
  'user': { image: 'weaveworksdemos/user:0.4.4', environment: { MONGO_HOST: 'user-db:27017' }, read_only: true, cap_add: ['NET_BIND_SERVICE'] },
  'user-db': { image: 'weaveworksdemos/user-db:0.4.0', ...MONGO },
  'user-sim': { image: 'weaveworksdemos/load-test:0.1.1', read_only: true },
};
