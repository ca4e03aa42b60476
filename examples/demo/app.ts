import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AppChart, AppChartProps, Database, DatabaseEngine, HealthCheck, InImageClient, WebService, Worker } from '../../lib';

/**
 * The demo the end-to-end test runs for real (examples/demo/app is its code): a Node.js
 * web service and a worker on Postgres and Redis, and a run-once migration that must
 * finish before either starts. Everything they know about each other comes from
 * `connectTo()`: host names, ports, database, user, password, URL.
 */
export class DemoChart extends AppChart {
  constructor(scope: Construct, id: string, props: AppChartProps = {}) {
    super(scope, id, { appName: 'demo', namespace: 'demo', ...props });
    const image = 'ghcr.io/acme/demo-app:1.0.0';

    const db = new Database(this, 'Db', { name: 'db', engine: DatabaseEngine.postgres('15'), databaseName: 'demo', user: 'demo' });
    const cache = new Database(this, 'Cache', { name: 'cache', engine: DatabaseEngine.redis('7.0') });

    const migrate = new Worker(this, 'Migrate', { name: 'migrate', image, runOnce: true, command: ['node', '/app/migrate.js'] });
    migrate.connectTo(db, { envPrefix: 'DB' });

    const web = new WebService(this, 'Web', {
      name: 'web',
      image,
      command: ['node', '/app/server.js'],
      ports: [{ name: 'http', port: 8080, publish: 8080 }],
      replicas: 1,
      healthCheck: HealthCheck.http('/healthz', {
        inImage: InImageClient.NODE,
        interval: Duration.seconds(2),
        timeout: Duration.seconds(2),
        startPeriod: Duration.seconds(10),
      }),
    });
    web.connectTo(db, { envPrefix: 'DB' });
    web.connectTo(cache, { envPrefix: 'REDIS' });
    web.dependsOn(migrate);

    const worker = new Worker(this, 'Worker', { name: 'worker', image, command: ['node', '/app/worker.js'] });
    worker.connectTo(db, { envPrefix: 'DB' });
    worker.connectTo(cache, { envPrefix: 'REDIS' });
    worker.dependsOn(migrate);
  }
}
