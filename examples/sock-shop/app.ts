import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppChart,
  AppChartProps,
  AppProtocol,
  Cpu,
  Database,
  DatabaseCredentials,
  DatabaseEngine,
  EnvValue,
  HealthCheck,
  InImageClient,
  Memory,
  ResourceOptions,
  SecurityOptions,
  ServiceType,
  WebService,
  WebServiceProps,
} from '../../lib';

/**
 * Sock Shop (microservices-demo/microservices-demo, deploy/kubernetes/complete-demo.yaml and
 * deploy/docker-compose/docker-compose.yml), written as its users would write it with this
 * library: Java, Go and Node.js services on port 80 without root (NET_BIND_SERVICE), MongoDB,
 * MySQL and Redis without passwords or with the images' own, RabbitMQ with a metrics sidecar,
 * a NodePort front end. The images find each other by their default host names, so the
 * connections inject no variables. See README.md for the upstream source and what differs.
 */

const JAVA_OPTS = EnvValue.fromValue('-Xms64m -Xmx128m -XX:+UseG1GC -Djava.security.egd=file:/dev/urandom -Dspring.zipkin.enabled=false');

/** Every upstream pod is pinned to Linux nodes. */
const LINUX = { 'beta.kubernetes.io/os': 'linux' };

/** The services listen on port 80 as uid 10001: only NET_BIND_SERVICE is added (still "restricted"). */
const PORT_80: SecurityOptions = { addCapabilities: ['NET_BIND_SERVICE'] };

/** The database and broker images start as root, chown their data and drop to their user. */
const CHOWN_AS_ROOT: SecurityOptions = { runAsUser: 0, addCapabilities: ['CHOWN', 'SETGID', 'SETUID'] };

function resources(cpuRequest: number, memoryRequest: number, cpuLimit: number, memoryLimit: number): ResourceOptions {
  return {
    cpuRequest: Cpu.millis(cpuRequest),
    memoryRequest: Memory.mebibytes(memoryRequest),
    cpuLimit: Cpu.millis(cpuLimit),
    memoryLimit: Memory.mebibytes(memoryLimit),
  };
}

/**
 * Upstream's HTTP probes: every 3 s, Kubernetes' 1 s timeout and 3 failures, readiness after
 * `ready` seconds, liveness after 300. The images are alpine-based: busybox wget runs the
 * check in Compose.
 */
function httpCheck(path: string, port: string, ready: number): HealthCheck {
  return HealthCheck.http(path, {
    port,
    inImage: InImageClient.WGET,
    interval: Duration.seconds(3),
    timeout: Duration.seconds(1),
    startPeriod: Duration.seconds(0),
    initialDelay: Duration.seconds(ready),
    liveness: { initialDelay: Duration.seconds(300), failureThreshold: 3 },
  });
}

export class SockShopChart extends AppChart {
  constructor(scope: Construct, id: string, props: AppChartProps = {}) {
    super(scope, id, { namespace: 'sock-shop', appName: 'sock-shop', ...props });

    /** A service of the shop on port 80. */
    const service = (name: string, image: string, options: Partial<WebServiceProps>) =>
      new WebService(this, name, {
        name,
        image,
        replicas: 1,
        ports: [{ name: 'http', port: 80 }],
        nodeSelector: LINUX,
        security: PORT_80,
        ...options,
      });
    /** A database of the shop: no password, or the image's own. */
    const mongo = (name: string, image?: string) =>
      new Database(this, name, {
        name,
        engine: DatabaseEngine.mongo('3.4'),
        image,
        databaseName: 'data',
        credentials: DatabaseCredentials.none(),
        nodeSelector: LINUX,
        security: CHOWN_AS_ROOT,
      });

    const cartsDb = mongo('carts-db');
    const ordersDb = mongo('orders-db');
    const userDb = mongo('user-db', 'weaveworksdemos/user-db:0.3.0');
    const catalogueDb = new Database(this, 'catalogue-db', {
      name: 'catalogue-db',
      engine: DatabaseEngine.mysql('5.7'),
      // MySQL 5.7 with the catalogue's tables and user (catalogue_user) loaded at first start.
      image: 'weaveworksdemos/catalogue-db:0.3.0',
      databaseName: 'socksdb',
      user: 'catalogue_user',
      nodeSelector: LINUX,
    });
    const sessionDb = new Database(this, 'session-db', {
      name: 'session-db',
      engine: DatabaseEngine.redis('alpine'),
      credentials: DatabaseCredentials.none(),
      nodeSelector: LINUX,
      security: CHOWN_AS_ROOT,
      podAnnotations: { 'prometheus.io.scrape': 'false' },
    });

    const rabbitmq = new WebService(this, 'rabbitmq', {
      name: 'rabbitmq',
      image: 'rabbitmq:3.6.8-management',
      replicas: 1,
      ports: [
        { name: 'rabbitmq', port: 5672, protocol: AppProtocol.TCP },
        { name: 'management', port: 15672 },
      ],
      nodeSelector: LINUX,
      security: { runAsUser: 0, addCapabilities: ['CHOWN', 'SETGID', 'SETUID', 'DAC_OVERRIDE'] },
      podAnnotations: { 'prometheus.io/scrape': 'false' },
      sidecars: [{ name: 'rabbitmq-exporter', image: 'kbudde/rabbitmq-exporter', ports: [{ name: 'exporter', port: 9090 }] }],
    });

    const catalogue = service('catalogue', 'weaveworksdemos/catalogue:0.3.5', {
      command: ['/app'],
      args: ['-port=80'],
      healthCheck: httpCheck('/health', 'http', 180),
      resources: resources(100, 100, 200, 200),
    });
    const carts = service('carts', 'weaveworksdemos/carts:0.4.8', { env: { JAVA_OPTS }, resources: resources(100, 200, 300, 500) });
    const payment = service('payment', 'weaveworksdemos/payment:0.4.3', {
      healthCheck: httpCheck('/health', 'http', 180),
      resources: resources(99, 100, 200, 200),
    });
    const shipping = service('shipping', 'weaveworksdemos/shipping:0.4.8', {
      env: { ZIPKIN: EnvValue.fromValue('zipkin.jaeger.svc.cluster.local'), JAVA_OPTS },
      resources: resources(100, 300, 300, 500),
    });
    const queueMaster = service('queue-master', 'weaveworksdemos/queue-master:0.3.1', { env: { JAVA_OPTS }, resources: resources(100, 300, 300, 500) });
    const user = service('user', 'weaveworksdemos/user:0.4.7', {
      healthCheck: httpCheck('/health', 'http', 180),
      resources: resources(100, 100, 300, 200),
    });
    const orders = service('orders', 'weaveworksdemos/orders:0.4.7', { env: { JAVA_OPTS }, resources: resources(100, 300, 500, 500) });
    const frontEnd = service('front-end', 'weaveworksdemos/front-end:0.3.12', {
      // A NodePort in front of the Node.js server: http://<node>:30001, or localhost:8079 in Compose.
      serviceType: ServiceType.NODE_PORT,
      ports: [{ name: 'http', port: 8079, servicePort: 80, nodePort: 30001, publish: 8079 }],
      security: {},
      env: { SESSION_REDIS: EnvValue.fromValue('true') },
      healthCheck: httpCheck('/', 'http', 30),
      resources: resources(100, 300, 300, 1000),
    });

    // The images reach each other by their default host names: connect without variables.
    const none = { env: {} };
    catalogue.connectTo(catalogueDb, none);
    carts.connectTo(cartsDb, none);
    orders.connectTo(ordersDb, none);
    for (const target of [payment, shipping, user, carts]) {
      orders.connectTo(target, none);
    }
    shipping.connectTo(rabbitmq, none);
    queueMaster.connectTo(rabbitmq, none);
    // The user service reads MONGO_HOST (the Kubernetes manifest's lowercase `mongo` is read by nothing).
    user.connectTo(userDb, { env: { MONGO_HOST: userDb.connection.address } });
    for (const target of [catalogue, carts, orders, user]) {
      frontEnd.connectTo(target, none);
    }
    frontEnd.connectTo(sessionDb, none);
  }
}
