import { Construct } from 'constructs';
import { ValidationError } from './errors';
import { HealthCheck } from './model/health-check';
import { checkCron, normalizeHealth, normalizeReplicas, normalizeRollingUpdate, WorkloadKind, WorkloadModel } from './model/workload';
import { AvailabilityOptions, normalizeCommon, WorkloadOptions } from './workload-options';
import { Workload } from './workload';
import { collect, show } from './_util';

const WORKER = Symbol.for('cdk8s-compose.Worker');

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
   * Health check of a continuous worker, usually a command.
   * @default - none
   */
  readonly healthCheck?: HealthCheck;
}

/**
 * A background process: a continuous worker (Deployment / Compose service), a
 * scheduled job (CronJob / a Compose service under the `scheduled` profile) or a
 * run-once job (Job / a Compose service with `restart: "no"` that dependants wait for).
 */
export class Worker extends Workload {
  /** Returns whether `x` is a Worker, also across copies of this package. */
  public static isWorker(x: unknown): x is Worker {
    return typeof x === 'object' && x !== null && WORKER in x;
  }

  constructor(scope: Construct, id: string, props: WorkerProps) {
    // CronJob names are limited to 52 characters (Kubernetes appends 11 to its Jobs).
    super(scope, id, props.name, props.schedule !== undefined ? 52 : 63);
    Object.defineProperty(this, WORKER, { value: true });
    const problems: string[] = [];
    const env = new Map();
    const common = normalizeCommon(props, problems, env);
    let kind: WorkloadKind = 'worker';
    if (props.schedule !== undefined && props.runOnce) {
      problems.push('schedule and runOnce are both set; a worker is either scheduled or run once, not both');
    }
    if (props.schedule !== undefined) {
      kind = 'scheduled';
      collect(problems, checkCron(props.schedule));
    } else if (props.runOnce) {
      kind = 'run-once';
    }
    if (kind !== 'worker' && props.replicas !== undefined) {
      problems.push(`replicas ${show(props.replicas)} is only allowed for continuous workers; a ${kind} job runs one pod at a time`);
    }
    if (kind !== 'worker' && props.healthCheck !== undefined) {
      problems.push(`healthCheck is only allowed for continuous workers; a ${kind} job is judged by its exit code`);
    }
    const backoffLimit = props.backoffLimit ?? 3;
    if (!Number.isInteger(backoffLimit) || backoffLimit < 0) {
      problems.push(`backoffLimit ${show(backoffLimit)} is invalid; allowed: a whole number of 0 or more`);
    }
    const replicas = normalizeReplicas(props.replicas, 1, problems);
    const health = normalizeHealth(props.healthCheck, [], problems);
    const rollingUpdate = normalizeRollingUpdate(props.rollingUpdate, problems);
    if (kind !== 'worker' && (props.rollingUpdate || props.disruptionBudget !== undefined || props.topologySpread !== undefined)) {
      problems.push(`rollingUpdate, disruptionBudget and topologySpread are only allowed for continuous workers; a ${kind} job has no rollout`);
    }
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    const model = new WorkloadModel(this.serviceName, kind, common.image, common.imagePullPolicy, [], common.resources, common.security, {
      command: props.command,
      args: props.args,
      health,
      replicas: kind === 'worker' ? replicas : 1,
      volumes: [],
      schedule: props.schedule,
      backoffLimit,
      allowExternalEgress: props.allowExternalEgress ?? false,
      configFiles: common.configFiles,
      rollingUpdate: kind === 'worker' ? rollingUpdate : undefined,
      disruptionBudget: props.disruptionBudget,
      topologySpread: props.topologySpread,
    });
    env.forEach((v, k) => model.env.set(k, v));
    if (kind === 'scheduled') {
      model.warnings.push(`Compose has no scheduler: the schedule '${props.schedule}' is not run; the job is a one-shot service under the 'scheduled' profile`);
    }
    this.initialize(model);
  }
}
