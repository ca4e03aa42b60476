import { synthChart } from '../../support/synth';
import { AppChart, Database, DatabaseEngine, WebService, Worker } from '../../../lib';

describe('AppChart.toMermaid', () => {
  test('draws every workload with its kind, Ingress hosts, connections with ports and start-order edges', () => {
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      const db = new Database(c, 'Db', { name: 'orders-db', engine: DatabaseEngine.postgres('16') });
      const migrate = new Worker(c, 'Migrate', { name: 'migrate', image: 'a:1', runOnce: true });
      const api = new WebService(c, 'Api', { name: 'api', image: 'a:1', ingress: { host: 'shop.example.com', tlsSecretName: 'tls' } });
      new Worker(c, 'Report', { name: 'report', image: 'a:1', schedule: '@daily' }).connectTo(db);
      api.connectTo(db);
      api.dependsOn(migrate);
      return c;
    });
    const diagram = chart.toMermaid();
    expect(diagram.split('\n')).toEqual([
      'flowchart LR',
      '  api["api<br/><small>WebService :8080</small>"]',
      '  migrate[["migrate<br/><small>run-once Job</small>"]]',
      '  orders_db[("orders-db<br/><small>postgres:16 :5432</small>")]',
      '  report{{"report<br/><small>CronJob @daily</small>"}}',
      '  ingress_api(["https://shop.example.com/"]) --> api',
      '  api -.->|after| migrate',
      '  api -->|5432| orders_db',
      '  report -->|5432| orders_db',
      '',
    ]);
  });
});
