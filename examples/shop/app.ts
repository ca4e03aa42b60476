import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppChart, AppChartProps, Cpu, Database, DatabaseEngine, EnvValue, HealthCheck, InImageClient, Memory, WebService, Worker,
} from '../../lib';

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
  /** Image overrides. */
  readonly images?: ShopImages;
}

/**
 * A shop: a web frontend, an API, a background worker, a nightly report, Postgres,
 * Redis and a run-once migration job that must finish before the API starts.
 */
export class ShopChart extends AppChart {
  constructor(scope: Construct, id: string, props: ShopChartProps = {}) {
    super(scope, id, { namespace: 'shop', ...props });
    const images = props.images ?? {};

    const db = new Database(this, 'OrdersDb', {
      name: 'orders-db',
      engine: DatabaseEngine.postgres('16'),
      image: images.postgres,
      storage: Memory.gibibytes(10),
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
      image: images.api ?? 'ghcr.io/acme/shop-api:1.4.2',
      runOnce: true,
      command: ['node', 'dist/migrate.js'],
    });
    migrate.connectTo(db, { envPrefix: 'DB' });

    const api = new WebService(this, 'Api', {
      name: 'api',
      image: images.api ?? 'ghcr.io/acme/shop-api:1.4.2',
      ports: [{ name: 'http', port: 8080, publish: 8080 }],
      replicas: 2,
      env: {
        LOG_LEVEL: EnvValue.fromValue('info'),
        DATABASE_URL: db.connection.url,
      },
      resources: { cpuRequest: Cpu.millis(200), cpuLimit: Cpu.cores(1), memoryRequest: Memory.mebibytes(256), memoryLimit: Memory.mebibytes(512) },
      healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.NODE, startPeriod: Duration.seconds(20) }),
      autoscaling: { minReplicas: 2, maxReplicas: 6, cpuTargetPercent: 75 },
    });
    api.connectTo(db, { envPrefix: 'DB' });
    api.connectTo(cache, { envPrefix: 'REDIS' });
    api.dependsOn(migrate);

    const web = new WebService(this, 'Web', {
      name: 'web',
      image: images.web ?? 'ghcr.io/acme/shop-web:2.0.1',
      ports: [{ name: 'http', port: 3000, publish: 3000 }],
      replicas: 2,
      healthCheck: HealthCheck.http('/', { inImage: InImageClient.WGET }),
      ingress: { host: 'shop.example.com', tlsSecretName: 'shop-example-com-tls' },
    });
    web.connectTo(api, { envPrefix: 'API' });

    const worker = new Worker(this, 'Worker', {
      name: 'order-worker',
      image: images.worker ?? 'ghcr.io/acme/shop-api:1.4.2',
      command: ['node', 'dist/worker.js'],
      replicas: 1,
    });
    worker.connectTo(db, { envPrefix: 'DB' });
    worker.connectTo(cache, { envPrefix: 'REDIS' });
    worker.dependsOn(migrate);

    const report = new Worker(this, 'NightlyReport', {
      name: 'nightly-report',
      image: images.worker ?? 'ghcr.io/acme/shop-api:1.4.2',
      command: ['node', 'dist/report.js'],
      schedule: '0 3 * * *',
    });
    report.connectTo(db, { envPrefix: 'DB' });
  }
}
