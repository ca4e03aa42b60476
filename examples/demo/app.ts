import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AppChart, AppChartProps, Database, DatabaseEngine, HealthCheck, InImageClient, WebService, Worker } from '../../lib';

/**
 * The demo the end-to-end test runs for real (examples/demo/app is its code): a Node.js
 * web service and a worker on Postgres and Redis, and a run-once migration that must
 * finish before either starts. Everything they know about each other comes from
 * `connectTo()`: host names, ports, database, user, password, URL.
 *
 * Local development: Compose builds the image from examples/demo/app (Kubernetes runs
 * the registry image), the web service runs the mounted source with `node --watch` so an
 * edit is served without a rebuild, and an optional `seed` service (profile `seed`) adds
 * demo data.
 */
export class DemoChart extends AppChart {
  constructor(scope: Construct, id: string, props: AppChartProps = {}) {
    super(scope, id, { appName: 'demo', namespace: 'demo', ...props });
    const image = 'ghcr.io/acme/demo-app:1.0.0';
    const build = { context: 'examples/demo/app' };

    const db = new Database(this, 'Db', { name: 'db', engine: DatabaseEngine.postgres('15'), databaseName: 'demo', user: 'demo' });
    const cache = new Database(this, 'Cache', { name: 'cache', engine: DatabaseEngine.redis('7.0') });

    const migrate = new Worker(this, 'Migrate', { name: 'migrate', image, build, runOnce: true, command: ['node', '/app/migrate.js'] });
    migrate.connectTo(db, { envPrefix: 'DB' });

    const web = new WebService(this, 'Web', {
      name: 'web',
      image,
      build,
      command: ['node', '/app/server.js'],
      // Compose only: the source in front of the developer, restarted on every change.
      dev: {
        command: ['node', '--watch', '/app/server.js'],
        mounts: [{ source: 'examples/demo/app', target: '/app', readOnly: true }],
      },
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

    const worker = new Worker(this, 'Worker', { name: 'worker', image, build, command: ['node', '/app/worker.js'] });
    worker.connectTo(db, { envPrefix: 'DB' });
    worker.connectTo(cache, { envPrefix: 'REDIS' });
    worker.dependsOn(migrate);

    // Demo data: `docker compose --profile seed up seed`. A profile is Compose-only: in
    // Kubernetes the seed is a Job like the migration.
    const seed = new Worker(this, 'Seed', { name: 'seed', image, build, runOnce: true, command: ['node', '/app/seed.js'], profiles: ['seed'] });
    seed.connectTo(db, { envPrefix: 'DB' });
    seed.dependsOn(migrate);
  }
}
