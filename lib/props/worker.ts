import type { Duration } from 'cdk8s';
import type { HealthCheck } from '../concerns/health/health-check.model';
import { INT32_MAX, isCount } from '../shared/naming/limits';
import { SCHEDULED_PROFILE } from '../shared/naming/objects';
import type { WorkloadModel } from '../model/workload';
import { buildRunOnceModel, buildScheduledModel, buildWorkerModel } from '../model/workload';
import type { WorkloadOptions } from './common';
import { normalizeCommon } from './common';
import type { AvailabilityOptions } from '../concerns/scaling/props';
import { normalizeAvailability } from '../concerns/scaling/props';
import { normalizeReplicas } from '../concerns/ports/props';
import { checkCron } from '../concerns/jobs/cron.props';
import { optionalSeconds } from './duration';
import { normalizeHealth } from '../concerns/health/props';
import type { MetricsOptions } from '../concerns/observability/props';
import { normalizeMetrics } from '../concerns/observability/props';
import { collect } from '../shared/util';
import { show } from '../shared/parse/show';
import { bool, DURATION, num, obj, optional, text } from '../shared/shape';
import { WORKLOAD_FIELDS } from './common';
import { AVAILABILITY_FIELDS } from '../concerns/scaling/props';
import { HEALTH_CHECK } from '../concerns/health/props';
import { METRICS } from '../concerns/observability/props';

/** Props of a Worker. */
export interface WorkerProps extends WorkloadOptions, AvailabilityOptions {
  /**
   * Run on a cron schedule (Kubernetes CronJob). In Compose the job becomes a one-shot
   * service under the `scheduled` profile, run on demand with
   * `docker compose --profile scheduled run --rm <name>`: Compose has no scheduler.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
   * @default - not scheduled
   */
  readonly schedule?: string;

  /**
   * Run once to completion (Kubernetes Job), e.g. database migrations. Dependants wait
   * for it in Compose with `condition: service_completed_successfully`.
   * @default false
   */
  readonly runOnce?: boolean;

  /**
   * Number of processes of a continuous worker.
   * @default 1
   */
  readonly replicas?: number;

  /**
   * Retries of a failed run-once or scheduled job before it counts as failed.
   * @default 3
   */
  readonly backoffLimit?: number;

  /**
   * Longest a run-once or scheduled job may run, retries and waiting for connections included,
   * before Kubernetes stops it (`activeDeadlineSeconds`): a hung run then fails instead of
   * holding its Argo CD wave or Flux layer forever, or a scheduled job's next runs
   * (`concurrencyPolicy: Forbid`). A job that needs longer says so. Kubernetes only: Compose
   * runs the job to its end.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/job/#job-termination-and-cleanup
   * @default Duration.hours(1)
   */
  readonly activeDeadline?: Duration;

  /**
   * How late a scheduled run may still start (`startingDeadlineSeconds`), e.g. after the
   * controller was down or a `Forbid`-blocked run ended; later ones are skipped. Without it,
   * Kubernetes counts every missed start since the last run and stops scheduling after 100;
   * with it, only those within the deadline (at most 60 in an hour: cron schedules have
   * minutes). Scheduled workers only; Kubernetes only.
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation
   * @default Duration.hours(1)
   */
  readonly startingDeadline?: Duration;

  /**
   * Health check of a continuous worker, usually a command.
   * @default - none
   */
  readonly healthCheck?: HealthCheck;

  /**
   * A metrics endpoint of a continuous worker, scraped by Prometheus: its port is added to the
   * container as a port named `metrics`; a PodMonitor (or scrape annotations, the chart's
   * `monitoring.mode`) and a NetworkPolicy rule admitting the monitoring namespace on that
   * port; in Compose, Prometheus under the `observability` profile.
   * @default - no metrics endpoint
   */
  readonly metrics?: MetricsOptions;
}

/**
 * `activeDeadline` of run-once and scheduled jobs unless given: one hour. A migration waits
 * for its database on a fresh install (volume, image pulls: minutes) and then runs; a stuck one
 * fails within the hour (Argo CD: Degraded, the sync ends; Flux: the layer fails) instead of
 * holding every later wave. For a scheduled job it bounds how long `Forbid` can hold the next
 * runs back.
 */
const JOB_ACTIVE_DEADLINE_SECONDS = 3600;

/**
 * `startingDeadline` of scheduled jobs unless given: one hour. Kubernetes stops scheduling a
 * CronJob that missed more than 100 starts since its last run when it has no starting
 * deadline; with one, it counts only the starts within it, at most 60 in an hour. A run held back
 * by `Forbid` (at most `activeDeadline`) or by a controller outage still starts within the hour.
 */
const CRON_STARTING_DEADLINE_SECONDS = 3600;

/** The kind of workload a Worker's props describe. */
export function workerKind(props: WorkerProps): 'worker' | 'scheduled' | 'run-once' {
  // Read before the props' shape is checked (the kind limits the name's length): tolerate anything.
  return props?.schedule !== undefined ? 'scheduled' : props?.runOnce === true ? 'run-once' : 'worker';
}

/** The model of a Worker, with every default applied; pushes each problem found. */
export function workerModel(name: string, path: string, props: WorkerProps, problems: string[]): WorkloadModel {
  const kind = workerKind(props);
  // A Job that fails while its database starts stays Failed after backoffLimit retries: on a
  // fresh install it waits for what it connects to instead (Deployments recover by themselves).
  const common = normalizeCommon(name, { ...props, waitForConnections: props.waitForConnections ?? kind === 'run-once' }, problems);
  if (props.schedule !== undefined && props.runOnce) {
    problems.push('schedule and runOnce are both set; a worker is either scheduled or run once, not both');
  }
  if (kind === 'scheduled') {
    collect(problems, checkCron(props.schedule!));
  }
  if (kind !== 'worker' && props.replicas !== undefined) {
    problems.push(`replicas ${show(props.replicas)} is only allowed for continuous workers; a ${kind} job runs one pod at a time`);
  }
  if (kind !== 'worker' && props.metrics !== undefined) {
    problems.push(`metrics is only allowed for continuous workers; a ${kind} job is not running most of the time, so nothing could scrape it`);
  }
  if (kind !== 'worker' && props.healthCheck !== undefined) {
    problems.push(`healthCheck is only allowed for continuous workers; a ${kind} job is judged by its exit code`);
  }
  const activeDeadlineSeconds = optionalSeconds('activeDeadline', props.activeDeadline, problems);
  const startingDeadlineSeconds = optionalSeconds('startingDeadline', props.startingDeadline, problems);
  if (kind === 'worker' && activeDeadlineSeconds !== undefined) {
    problems.push('activeDeadline is only allowed for run-once and scheduled jobs; a continuous worker has no end');
  }
  if (kind !== 'scheduled' && startingDeadlineSeconds !== undefined) {
    problems.push(`startingDeadline is only allowed for scheduled jobs; a ${kind} starts when it is applied`);
  }
  // The defaults apply after the checks above, which read what the user gave.
  const jobDeadline = activeDeadlineSeconds ?? JOB_ACTIVE_DEADLINE_SECONDS;
  const cronStartingDeadline = startingDeadlineSeconds ?? CRON_STARTING_DEADLINE_SECONDS;
  const backoffLimit = props.backoffLimit ?? 3;
  if (!isCount(backoffLimit, 0)) {
    problems.push(`backoffLimit ${show(backoffLimit)} is invalid; allowed: a whole number from 0 to ${INT32_MAX}`);
  }
  const replicas = normalizeReplicas(props.replicas, 1, problems);
  const health = normalizeHealth(props.healthCheck, [], problems);
  const availability = normalizeAvailability(props, problems);
  if (kind !== 'worker' && (props.rollingUpdate || props.disruptionBudget !== undefined || props.topologySpread !== undefined)) {
    problems.push(`rollingUpdate, disruptionBudget and topologySpread are only allowed for continuous workers; a ${kind} job has no rollout`);
  }
  const { metrics, ports } = normalizeMetrics(kind === 'worker' ? props.metrics : undefined, [], true, problems);
  switch (kind) {
    case 'worker':
      return buildWorkerModel(common, { name, path, ports, kind, replicas, warnings: common.warnings, health, availability, metrics });
    case 'scheduled':
      return buildScheduledModel(common, {
        name,
        path,
        ports,
        kind,
        replicas: 1,
        warnings: [...common.warnings, noSchedulerWarning(props.schedule!)],
        schedule: props.schedule!,
        backoffLimit,
        activeDeadlineSeconds: jobDeadline,
        startingDeadlineSeconds: cronStartingDeadline,
      });
    case 'run-once':
      return buildRunOnceModel(common, { name, path, ports, kind, replicas: 1, warnings: common.warnings, backoffLimit, activeDeadlineSeconds: jobDeadline });
  }
}

/** The warning of a scheduled Worker: Compose cannot run its schedule (a Compose-only warning). */
export function noSchedulerWarning(schedule: string): string {
  return `Compose has no scheduler: the schedule '${schedule}' is not run; the job is a one-shot service under the '${SCHEDULED_PROFILE}' profile`;
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const WORKER_PROPS = obj<WorkerProps>(
  {
    ...WORKLOAD_FIELDS,
    ...AVAILABILITY_FIELDS,
    replicas: optional(num),
    schedule: optional(text("a cron expression such as '0 3 * * *'")),
    runOnce: optional(bool),
    backoffLimit: optional(num),
    activeDeadline: optional(DURATION),
    startingDeadline: optional(DURATION),
    healthCheck: optional(HEALTH_CHECK),
    metrics: optional(METRICS),
  },
  'the props of a Worker',
);
