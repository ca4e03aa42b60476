import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AppChart, AppChartProps, Cpu, Database, DatabaseEngine, EnvValue, HealthCheck, InImageClient, Memory, WebService, Worker } from '../../lib';
import { ShopSettings } from './environments';

/** Image overrides, so tests can run the same definition with locally built images. */
export interface ShopImages {
  readonly web?: string;
  readonly api?: string;
  readonly worker?: string;
  readonly postgres?: string;
  readonly redis?: string;
}

/** Props of the shop. */
export interface ShopChartProps extends AppChartProps {
  /** The settings of the environment this chart describes. */
  readonly settings: ShopSettings;
  /** Image overrides. */
  readonly images?: ShopImages;
}

/**
 * A shop: a web frontend, an API, a background worker, a nightly report, Postgres,
 * Redis and a run-once migration job that must finish before the API starts.
 */
export class ShopChart extends AppChart {
  constructor(scope: Construct, id: string, props: ShopChartProps) {
    const settings = props.settings;
    super(scope, id, {
      appName: 'shop',
      namespace: settings.namespace,
      environment: settings.name,
      compose: settings.compose,
      secrets: settings.secrets,
      // The controller the NetworkPolicies admit (ingressFrom's default, ingress-nginx) serves the Ingress.
      ingressClassName: 'nginx',
      ...props,
    });
    const images = props.images ?? {};
    const apiImage = images.api ?? `ghcr.io/acme/shop-api:${settings.apiTag}`;

    const db = new Database(this, 'OrdersDb', {
      name: 'orders-db',
      engine: DatabaseEngine.postgres('16'),
      image: images.postgres,
      storage: settings.databaseStorage,
      databaseName: 'orders',
      user: 'shop',
    });

    const cache = new Database(this, 'Cache', {
      name: 'cache',
      engine: DatabaseEngine.redis('7.2'),
      image: images.redis,
    });

    const migrate = new Worker(this, 'Migrate', {
      name: 'migrate',
      image: apiImage,
      runOnce: true,
      command: ['node', 'dist/migrate.js'],
    });
    migrate.connectTo(db, { envPrefix: 'DB' });

    const api = new WebService(this, 'Api', {
      name: 'api',
      image: apiImage,
      ports: [{ name: 'http', port: 8080, publish: 8080 }],
      env: {
        LOG_LEVEL: EnvValue.fromValue(settings.logLevel),
        DATABASE_URL: db.connection.url,
      },
      resources: { cpuRequest: Cpu.millis(200), cpuLimit: Cpu.cores(1), memoryRequest: Memory.mebibytes(256), memoryLimit: Memory.mebibytes(512) },
      healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.NODE, startPeriod: Duration.seconds(20) }),
      replicas: settings.apiReplicas,
      autoscaling: settings.apiAutoscaling,
      dev: settings.apiDev,
    });
    api.connectTo(db, { envPrefix: 'DB' });
    api.connectTo(cache, { envPrefix: 'REDIS' });
    api.dependsOn(migrate);

    const web = new WebService(this, 'Web', {
      name: 'web',
      image: images.web ?? `ghcr.io/acme/shop-web:${settings.webTag}`,
      ports: [{ name: 'http', port: 3000, publish: 3000 }],
      replicas: settings.webReplicas,
      healthCheck: HealthCheck.http('/', { inImage: InImageClient.WGET }),
      ingress: { host: settings.host, tlsSecretName: `${settings.host.replace(/\./g, '-')}-tls` },
    });
    web.connectTo(api, { envPrefix: 'API' });

    const worker = new Worker(this, 'Worker', {
      name: 'order-worker',
      image: images.worker ?? apiImage,
      command: ['node', 'dist/worker.js'],
      replicas: 1,
    });
    worker.connectTo(db, { envPrefix: 'DB' });
    worker.connectTo(cache, { envPrefix: 'REDIS' });
    worker.dependsOn(migrate);

    const report = new Worker(this, 'NightlyReport', {
      name: 'nightly-report',
      image: images.worker ?? apiImage,
      command: ['node', 'dist/report.js'],
      schedule: '0 3 * * *',
    });
    report.connectTo(db, { envPrefix: 'DB' });
  }
}
