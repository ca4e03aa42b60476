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
  HealthCheckOptions,
  InImageClient,
  Memory,
  ResourceOptions,
  ServiceType,
  WebService,
  WebServiceProps,
  Worker,
} from '../../lib';

/**
 * Online Boutique (GoogleCloudPlatform/microservices-demo, release manifests v0.10.6), written
 * as its users would write it with this library: eleven gRPC and HTTP services that read
 * `*_SERVICE_ADDR` variables, a Redis without a password, a load generator that checks the
 * frontend in an init container. See README.md for the upstream source and what differs.
 */

const REGISTRY = 'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo';
const VERSION = 'v0.10.6';

/** Every pod runs as 1000:1000 upstream. */
const SECURITY = { runAsUser: 1000, runAsGroup: 1000 };

/** Requests 100m / 64Mi, limits 200m / 128Mi: most services' resources upstream. */
const STANDARD: ResourceOptions = resources(100, 64, 200, 128);

function resources(cpuRequest: number, memoryRequest: number, cpuLimit: number, memoryLimit: number): ResourceOptions {
  return {
    cpuRequest: Cpu.millis(cpuRequest),
    memoryRequest: Memory.mebibytes(memoryRequest),
    cpuLimit: Cpu.millis(cpuLimit),
    memoryLimit: Memory.mebibytes(memoryLimit),
  };
}

/**
 * Upstream's probe timings: Kubernetes' defaults (1 s timeout, 3 failures) unless set, no
 * startup probe, liveness as tolerant as readiness.
 */
function timing(o: { initialDelay?: number; period?: number; livenessPeriod?: number } = {}): HealthCheckOptions {
  return {
    interval: Duration.seconds(o.period ?? 10),
    timeout: Duration.seconds(1),
    initialDelay: o.initialDelay === undefined ? undefined : Duration.seconds(o.initialDelay),
    startPeriod: Duration.seconds(0),
    liveness: { failureThreshold: 3, interval: o.livenessPeriod === undefined ? undefined : Duration.seconds(o.livenessPeriod) },
  };
}

/** The images are distroless or have no gRPC client: Compose cannot run the gRPC check. */
function grpcCheck(o: Parameters<typeof timing>[0] = {}): HealthCheck {
  return HealthCheck.grpc({ inImage: InImageClient.NONE, ...timing(o) });
}

export class OnlineBoutiqueChart extends AppChart {
  constructor(scope: Construct, id: string, props: AppChartProps = {}) {
    super(scope, id, { namespace: 'online-boutique', appName: 'online-boutique', ...props });

    /** A gRPC service: one port, a ServiceAccount of its own, PORT and the profiler switch. */
    const grpc = (name: string, port: number, options: Partial<WebServiceProps> & { servicePort?: number } = {}) =>
      new WebService(this, name, {
        name,
        image: `${REGISTRY}/${name}:${VERSION}`,
        replicas: 1,
        ports: [{ name: 'grpc', port, servicePort: options.servicePort, protocol: AppProtocol.GRPC }],
        healthCheck: grpcCheck(),
        serviceAccount: {},
        terminationGracePeriod: Duration.seconds(5),
        resources: STANDARD,
        security: SECURITY,
        ...options,
        env: { PORT: EnvValue.fromValue(`${port}`), ...options.env },
      });
    const profilerOff = { DISABLE_PROFILER: EnvValue.fromValue('1') };

    const redis = new Database(this, 'redis-cart', {
      name: 'redis-cart',
      engine: DatabaseEngine.redis('alpine'),
      credentials: DatabaseCredentials.none(),
      resources: resources(70, 200, 125, 256),
    });

    const productCatalog = grpc('productcatalogservice', 3550, { env: profilerOff });
    const currency = grpc('currencyservice', 7000, { env: profilerOff });
    const payment = grpc('paymentservice', 50051, { env: profilerOff });
    const shipping = grpc('shippingservice', 50051, {
      env: profilerOff,
      healthCheck: grpcCheck({ period: 5, livenessPeriod: 10 }),
      terminationGracePeriod: undefined,
    });
    const email = grpc('emailservice', 8080, { servicePort: 5000, env: profilerOff, healthCheck: grpcCheck({ period: 5 }) });
    const ads = grpc('adservice', 9555, { healthCheck: grpcCheck({ initialDelay: 20, period: 15 }), resources: resources(200, 180, 300, 300) });
    const recommendation = grpc('recommendationservice', 8080, {
      env: profilerOff,
      healthCheck: grpcCheck({ period: 5 }),
      resources: resources(100, 220, 200, 450),
    });
    const cart = new WebService(this, 'cartservice', {
      name: 'cartservice',
      image: `${REGISTRY}/cartservice:${VERSION}`,
      replicas: 1,
      // No PORT variable: the image listens on 7070 (ASPNETCORE_HTTP_PORTS).
      ports: [{ name: 'grpc', port: 7070, protocol: AppProtocol.GRPC }],
      healthCheck: grpcCheck({ initialDelay: 15 }),
      serviceAccount: {},
      terminationGracePeriod: Duration.seconds(5),
      resources: resources(200, 64, 300, 128),
      security: SECURITY,
    });
    const checkout = new WebService(this, 'checkoutservice', {
      name: 'checkoutservice',
      image: `${REGISTRY}/checkoutservice:${VERSION}`,
      replicas: 1,
      ports: [{ name: 'grpc', port: 5050, protocol: AppProtocol.GRPC }],
      healthCheck: grpcCheck(),
      serviceAccount: {},
      resources: STANDARD,
      security: SECURITY,
      env: { PORT: EnvValue.fromValue('5050') },
    });
    const frontend = new WebService(this, 'frontend', {
      name: 'frontend',
      image: `${REGISTRY}/frontend:${VERSION}`,
      replicas: 1,
      // Upstream also has a ClusterIP Service `frontend`; here the LoadBalancer is that Service.
      serviceType: ServiceType.LOAD_BALANCER,
      ports: [{ name: 'http', port: 8080, servicePort: 80, publish: 8080 }],
      healthCheck: HealthCheck.http('/_healthz', {
        inImage: InImageClient.NONE, // distroless: no shell, no HTTP client
        headers: { Cookie: 'shop_session-id=x-readiness-probe' },
        ...timing({ initialDelay: 10 }),
      }),
      serviceAccount: {},
      podAnnotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' },
      resources: STANDARD,
      security: SECURITY,
      env: {
        PORT: EnvValue.fromValue('8080'),
        // Optional upstream component, not deployed by the release manifests.
        SHOPPING_ASSISTANT_SERVICE_ADDR: EnvValue.fromValue('shoppingassistantservice:80'),
        ENABLE_PROFILER: EnvValue.fromValue('0'),
      },
    });

    // The images read `<NAME>_SERVICE_ADDR=host:port`: map the typed address to those names.
    const address = (target: WebService) => target.connection.address;
    recommendation.connectTo(productCatalog, { env: { PRODUCT_CATALOG_SERVICE_ADDR: address(productCatalog) } });
    cart.connectTo(redis, { env: { REDIS_ADDR: redis.connection.address } });
    checkout.connectTo(productCatalog, { env: { PRODUCT_CATALOG_SERVICE_ADDR: address(productCatalog) } });
    checkout.connectTo(shipping, { env: { SHIPPING_SERVICE_ADDR: address(shipping) } });
    checkout.connectTo(payment, { env: { PAYMENT_SERVICE_ADDR: address(payment) } });
    checkout.connectTo(email, { env: { EMAIL_SERVICE_ADDR: address(email) } });
    checkout.connectTo(currency, { env: { CURRENCY_SERVICE_ADDR: address(currency) } });
    checkout.connectTo(cart, { env: { CART_SERVICE_ADDR: address(cart) } });
    for (const [variable, target] of [
      ['PRODUCT_CATALOG_SERVICE_ADDR', productCatalog],
      ['CURRENCY_SERVICE_ADDR', currency],
      ['CART_SERVICE_ADDR', cart],
      ['RECOMMENDATION_SERVICE_ADDR', recommendation],
      ['SHIPPING_SERVICE_ADDR', shipping],
      ['CHECKOUT_SERVICE_ADDR', checkout],
      ['AD_SERVICE_ADDR', ads],
    ] as const) {
      frontend.connectTo(target, { env: { [variable]: address(target) } });
    }

    const frontendAddr = address(frontend);
    const loadgenerator = new Worker(this, 'loadgenerator', {
      name: 'loadgenerator',
      image: `${REGISTRY}/loadgenerator:${VERSION}`,
      serviceAccount: {},
      terminationGracePeriod: Duration.seconds(5),
      podAnnotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'true' },
      resources: resources(300, 256, 500, 512),
      security: SECURITY,
      env: { USERS: EnvValue.fromValue('10'), RATE: EnvValue.fromValue('1') },
      initContainers: [
        {
          name: 'frontend-check',
          image: 'busybox:1.38.0@sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d',
          env: { FRONTEND_ADDR: frontendAddr },
          // Up to 12 attempts, 10 s apart: the load starts once the shop answers 200.
          command: ['/bin/sh', '-exc', FRONTEND_CHECK],
        },
      ],
    });
    loadgenerator.connectTo(frontend, { env: { FRONTEND_ADDR: frontendAddr } });
  }
}

/** The load generator's frontend check (the upstream script's logic). */
const FRONTEND_CHECK = [
  'MAX_RETRIES=12',
  'RETRY_INTERVAL=10',
  'for i in $(seq 1 $MAX_RETRIES); do',
  '  echo "Attempt $i: Pinging frontend: ${FRONTEND_ADDR}..."',
  "  STATUSCODE=$(wget --server-response http://${FRONTEND_ADDR} 2>&1 | awk '/^  HTTP/{print $2}')",
  '  if [ $STATUSCODE -eq 200 ]; then',
  '      echo "Frontend is reachable."',
  '      exit 0',
  '  fi',
  '  echo "Error: Could not reach frontend - Status code: ${STATUSCODE}"',
  '  sleep $RETRY_INTERVAL',
  'done',
  'echo "Failed to reach frontend after $MAX_RETRIES attempts."',
  'exit 1',
  '',
].join('\n');
