import { Duration } from 'cdk8s';
import { containerOf, find, podSpecOf, synthChart } from '../support/synth';
import { AppChart, HealthCheck, MonitoringMode, WebService, Worker, WorkerProps } from '../../lib';
import { checkParity } from '../../lib/validation';

function chartWith(props: Partial<WorkerProps> = {}) {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    new Worker(chart, 'Jobs', { name: 'jobs', image: 'ghcr.io/acme/jobs:1.0.0', ...props });
    return chart;
  });
}

describe('Worker', () => {
  test('a continuous worker is a Deployment without a Service, and a restarting Compose service', () => {
    const { objects, compose } = chartWith({ command: ['node', 'worker.js'], healthCheck: HealthCheck.command(['test', '-f', '/tmp/alive']) });
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/shop', 'NetworkPolicy/jobs', 'Deployment/jobs']);
    const d = find(objects, 'Deployment', 'jobs');
    expect(d.spec.replicas).toBe(1);
    expect(containerOf(d).readinessProbe.exec).toEqual({ command: ['test', '-f', '/tmp/alive'] });
    expect(containerOf(d).ports).toBeUndefined();
    expect(compose.services.jobs.restart).toBe('unless-stopped');
    expect(compose.services.jobs.entrypoint).toEqual(['node', 'worker.js']);
    expect(compose.services.jobs.healthcheck.test).toEqual(['CMD', 'test', '-f', '/tmp/alive']);
    expect({ objects, compose }).toMatchSnapshot();
  });

  test('a scheduled worker is a CronJob in UTC, and a one-shot Compose service under the scheduled profile', () => {
    const { objects, compose } = chartWith({ schedule: '*/5 * * * *', backoffLimit: 1 });
    const cron = find(objects, 'CronJob', 'jobs');
    expect(cron.spec).toMatchObject({ schedule: '*/5 * * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
    expect(cron.spec.jobTemplate.spec.backoffLimit).toBe(1);
    expect(podSpecOf(cron).restartPolicy).toBe('Never');
    expect(compose.services.jobs).toMatchObject({ restart: 'no', profiles: ['scheduled'] });
    expect({ objects, compose }).toMatchSnapshot();
  });

  test('a run-once worker is a Job; dependants wait for it to complete successfully', () => {
    const { objects, compose } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const migrate = new Worker(chart, 'Migrate', { name: 'migrate', image: 'ghcr.io/acme/api:1.0.0', runOnce: true });
      const api = new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0' });
      api.dependsOn(migrate);
      return chart;
    });
    const job = find(objects, 'Job', 'migrate');
    expect(job.spec.backoffLimit).toBe(3);
    // The template is immutable: GitOps controllers are told to replace the Job on change.
    expect(job.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true', 'kustomize.toolkit.fluxcd.io/force': 'enabled' });
    expect(podSpecOf(job).restartPolicy).toBe('Never');
    expect(compose.services.migrate.restart).toBe('no');
    expect(compose.services.api.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
  });

  test('deadlines: a hung run fails, a late scheduled run is skipped (Kubernetes only)', () => {
    const cron = chartWith({ schedule: '@hourly', activeDeadline: Duration.minutes(30), startingDeadline: Duration.minutes(5) });
    const spec = find(cron.objects, 'CronJob', 'jobs').spec;
    expect([spec.startingDeadlineSeconds, spec.jobTemplate.spec.activeDeadlineSeconds]).toEqual([300, 1800]);
    const once = chartWith({ runOnce: true, activeDeadline: Duration.minutes(10) });
    expect(find(once.objects, 'Job', 'jobs').spec.activeDeadlineSeconds).toBe(600);
    expect(JSON.stringify(once.compose)).not.toContain('600');
    // Without them, no field at all.
    const plain = find(chartWith({ runOnce: true }).objects, 'Job', 'jobs').spec;
    expect(Object.keys(plain)).not.toContain('activeDeadlineSeconds');
  });

  describe('fails when', () => {
    const cases: Array<[string, Partial<WorkerProps>, RegExp]> = [
      ['a continuous worker has an active deadline', { activeDeadline: Duration.minutes(1) }, /activeDeadline is only allowed for run-once and scheduled jobs/],
      [
        'a run-once job has a starting deadline',
        { runOnce: true, startingDeadline: Duration.minutes(1) },
        /startingDeadline is only allowed for scheduled jobs/,
      ],
      [
        'a deadline is under a second',
        { runOnce: true, activeDeadline: Duration.millis(500) },
        /activeDeadline Duration 500 millis is invalid; allowed: a Duration of whole seconds, from 1 s to 2147483647 s/,
      ],
      ['the cron schedule has four fields', { schedule: '* * * *' }, /schedule '\* \* \* \*' has 4 fields; allowed: five fields/],
      ['the cron schedule has an out-of-range minute', { schedule: '61 * * * *' }, /61 in field 1 is out of range 0-59/],
      ['the cron schedule has garbage', { schedule: 'every day' }, /schedule 'every day' has 2 fields/],
      ['both schedule and runOnce are set', { schedule: '@daily', runOnce: true }, /schedule and runOnce are both set/],
      ['a job has replicas', { runOnce: true, replicas: 2 }, /replicas 2 is only allowed for continuous workers/],
      ['backoffLimit is negative', { runOnce: true, backoffLimit: -1 }, /backoffLimit -1 is invalid/],
      ['a CronJob name is longer than 52 characters', { name: 'a'.repeat(53), schedule: '@daily' }, /is 53 characters long; at most 52/],
    ];
    test.each(cases)('%s', (_title, props, message) => {
      expect(() => chartWith(props)).toThrow(message);
    });

    test('something depends on a scheduled job', () => {
      expect(() =>
        synthChart((app) => {
          const chart = new AppChart(app, 'shop');
          const report = new Worker(chart, 'Report', { name: 'report', image: 'a:1', schedule: '@daily' });
          new WebService(chart, 'Api', { name: 'api', image: 'a:1' }).dependsOn(report);
          return chart;
        }),
      ).toThrow(/cannot depend on 'report': it is a scheduled job/);
    });
  });
});

describe('Worker metrics', () => {
  test('a continuous worker gets its metrics port as a container port and a PodMonitor (it has no Service)', () => {
    // GIVEN / WHEN
    const { objects, compose } = chartWith({ metrics: { port: 9464 } });

    // THEN
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/shop', 'NetworkPolicy/jobs', 'Deployment/jobs', 'PodMonitor/jobs']);
    const d = find(objects, 'Deployment', 'jobs');
    expect(containerOf(d).ports).toEqual([{ name: 'metrics', containerPort: 9464, protocol: 'TCP' }]);
    const monitor = find(objects, 'PodMonitor', 'jobs');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.spec).toEqual({
      selector: { matchLabels: d.spec.selector.matchLabels },
      podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '30s', scheme: 'http' }],
    });
    expect(find(objects, 'NetworkPolicy', 'jobs').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9464, protocol: 'TCP' }] },
    ]);
    expect(compose.services.jobs.expose).toEqual(['9464']);
    expect(checkParity(objects, compose)).toEqual([]);
  });

  test("annotations mode: the worker's pods carry the scrape annotations", () => {
    const { objects } = synthChart((app) => {
      const chart = new AppChart(app, 'shop', { monitoring: { mode: MonitoringMode.ANNOTATIONS } });
      new Worker(chart, 'Jobs', { name: 'jobs', image: 'j:1', metrics: { port: 9464, path: '/m' } });
      return chart;
    });
    expect(objects.some((o) => o.kind === 'PodMonitor')).toBe(false);
    expect(find(objects, 'Deployment', 'jobs').spec.template.metadata.annotations).toEqual({
      'prometheus.io/path': '/m',
      'prometheus.io/port': '9464',
      'prometheus.io/scrape': 'true',
    });
  });

  test('fails when a run-once job declares metrics', () => {
    expect(() => chartWith({ runOnce: true, metrics: { port: 9464 } })).toThrow(/metrics is only allowed for continuous workers; a run-once job/);
  });
});
