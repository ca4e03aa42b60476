import { find, synthChart } from '../../../support/synth';
import { AppChart, Database, DatabaseEngine, WebService, Worker } from '../../../../lib';

/**
 * db (wave 0) <- migrate (run-once, 1) <- api (dependsOn migrate, 2) <- web (3): the last
 * workload wave is 3, so what goes after every workload is in wave 4.
 */
function chart() {
  return synthChart((app) => {
    const c = new AppChart(app, 'shop');
    const db = new Database(c, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
    const migrate = new Worker(c, 'Migrate', { name: 'migrate', image: 'ghcr.io/acme/api:1.0.0', runOnce: true });
    migrate.connectTo(db);
    const api = new WebService(c, 'Api', {
      name: 'api',
      image: 'ghcr.io/acme/api:1.0.0',
      autoscaling: { minReplicas: 2, maxReplicas: 5 },
      metrics: { port: 8080 },
      ingress: { host: 'shop.example.com', className: 'nginx' },
    });
    api.connectTo(db);
    api.dependsOn(migrate);
    new WebService(c, 'Web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0' }).connectTo(api);
    new Worker(c, 'Report', { name: 'report', image: 'ghcr.io/acme/api:1.0.0', schedule: '@daily' }).connectTo(db);
    new Worker(c, 'Jobs', { name: 'jobs', image: 'ghcr.io/acme/jobs:1.0.0', metrics: { port: 9464 } });
    return c;
  });
}

const WAVE = 'argocd.argoproj.io/sync-wave';

describe('Argo CD waves of the objects whose health depends on the cluster', () => {
  test('the HorizontalPodAutoscaler is in the last wave, after every workload (Degraded without metrics-server must not hold a later wave)', () => {
    const { objects } = chart();
    const wave = (kind: string, name: string) => find(objects, kind, name).metadata.annotations?.[WAVE];
    expect(wave('Deployment', 'api')).toBe('2');
    expect(wave('Deployment', 'web')).toBe('3');
    expect(wave('HorizontalPodAutoscaler', 'api')).toBe('4');
    // With the Ingress, which was already last.
    expect(wave('Ingress', 'api')).toBe('4');
  });

  test('a CronJob is in the last wave (Argo CD calls it Degraded once a run failed); its NetworkPolicy stays in its own wave', () => {
    const { objects } = chart();
    const wave = (kind: string, name: string) => find(objects, kind, name).metadata.annotations?.[WAVE];
    expect(wave('CronJob', 'report')).toBe('4');
    expect(wave('NetworkPolicy', 'report')).toBe('1');
  });

  test('ServiceMonitor and PodMonitor are in the last wave and skip the dry-run when their CRD is missing (only their own apply fails)', () => {
    const { objects } = chart();
    const expected = { [WAVE]: '4', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' };
    expect(find(objects, 'ServiceMonitor', 'api').metadata.annotations).toEqual(expected);
    expect(find(objects, 'PodMonitor', 'jobs').metadata.annotations).toEqual(expected);
    // The workloads they watch keep their own waves.
    expect(find(objects, 'Deployment', 'jobs').metadata.annotations?.[WAVE]).toBeUndefined();
  });
});
