import { Duration } from 'cdk8s';
import { containerOf, find, podSpecOf, synthChart } from '../support/synth';
import { AppChart, EnvValue, HealthCheck, MonitoringMode, WebService, Worker, WorkerProps } from '../../lib';
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
    // Named by a hash of its template, nothing forced or replaced: Argo CD applies an unchanged
    // Job as it is (it does not run again), a changed template is a new Job (issue 23 point 1).
    expect(job.metadata.name).toMatch(/^migrate-[0-9a-f]{8}$/);
    expect(job.metadata.annotations).toBeUndefined();
    expect(job.metadata.labels['app.kubernetes.io/name']).toBe('migrate');
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(podSpecOf(job).restartPolicy).toBe('Never');
    expect(compose.services.migrate.restart).toBe('no');
    expect(compose.services.api.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
  });

  describe("a run-once worker's Job is named by a hash of its pod template (issue 23 point 1)", () => {
    /** The Job's name in a chart of a migration and an API, with props changed for one or the other. */
    function jobNameWith(migrate: Partial<WorkerProps>, apiImage = 'ghcr.io/acme/api:1.0.0', env: Record<string, string> = {}): string {
      const { objects } = synthChart((app) => {
        const chart = new AppChart(app, 'shop');
        const job = new Worker(chart, 'Migrate', { name: 'migrate', image: 'ghcr.io/acme/api:1.0.0', runOnce: true, ...migrate });
        const api = new WebService(chart, 'Api', { name: 'api', image: apiImage });
        api.dependsOn(job);
        // After construction: the name still follows what reaches the template.
        Object.entries(env).forEach(([k, v]) => job.addEnv(k, EnvValue.fromValue(v)));
        return chart;
      });
      return find(objects, 'Job', 'migrate').metadata.name;
    }
    const base = jobNameWith({});

    test('the same definition gives the same name', () => {
      expect(jobNameWith({})).toBe(base);
    });

    test("another workload's image bump leaves the Job alone", () => {
      expect(jobNameWith({}, 'ghcr.io/acme/api:1.0.1')).toBe(base);
    });

    test('fields outside the template (mutable: backoffLimit, activeDeadline) keep the name', () => {
      expect(jobNameWith({ backoffLimit: 5, activeDeadline: Duration.minutes(5) })).toBe(base);
    });

    test("a change of the Job's template is a new Job: image, command, env added after construction", () => {
      const changed = [jobNameWith({ image: 'ghcr.io/acme/api:1.0.1' }), jobNameWith({ command: ['migrate'] }), jobNameWith({}, undefined, { LEVEL: 'debug' })];
      changed.forEach((name) => expect(name).toMatch(/^migrate-[0-9a-f]{8}$/));
      expect(new Set([base, ...changed]).size).toBe(4);
    });

    test('parity maps the Job to its Compose service by its name label', () => {
      const { objects, compose } = synthChart((app) => {
        const chart = new AppChart(app, 'shop');
        new Worker(chart, 'Migrate', { name: 'migrate', image: 'ghcr.io/acme/api:1.0.0', runOnce: true });
        return chart;
      });
      expect(checkParity(objects, compose)).toEqual([]);
    });
  });

  test('deadlines: a hung run fails, a late scheduled run is skipped (Kubernetes only)', () => {
    const cron = chartWith({ schedule: '@hourly', activeDeadline: Duration.minutes(30), startingDeadline: Duration.minutes(5) });
    const spec = find(cron.objects, 'CronJob', 'jobs').spec;
    expect([spec.startingDeadlineSeconds, spec.jobTemplate.spec.activeDeadlineSeconds]).toEqual([300, 1800]);
    const once = chartWith({ runOnce: true, activeDeadline: Duration.minutes(10) });
    expect(find(once.objects, 'Job', 'jobs').spec.activeDeadlineSeconds).toBe(600);
    expect(JSON.stringify(once.compose)).not.toContain('600');
  });

  test('deadlines by default (issue 23 point 7): a run-once or scheduled run ends within an hour, a late scheduled run starts within an hour', () => {
    // A stuck migration fails (Argo CD: Degraded, the sync ends) instead of holding its wave forever.
    expect(find(chartWith({ runOnce: true }).objects, 'Job', 'jobs').spec.activeDeadlineSeconds).toBe(3600);
    // A hung scheduled run cannot hold `Forbid` forever; missed starts are counted within an hour only (never 100).
    const cron = find(chartWith({ schedule: '* * * * *' }).objects, 'CronJob', 'jobs').spec;
    expect([cron.concurrencyPolicy, cron.jobTemplate.spec.activeDeadlineSeconds, cron.startingDeadlineSeconds]).toEqual(['Forbid', 3600, 3600]);
    // A continuous worker has none.
    expect(find(chartWith({}).objects, 'Deployment', 'jobs').spec.activeDeadlineSeconds).toBeUndefined();
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
