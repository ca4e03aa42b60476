import type { k8s } from 'cdk8s-plus-28';
import type { RunOnceModel, ScheduledModel } from '../../model/workload';

/** A run-once worker's Job. */
export function jobSpec(m: RunOnceModel | ScheduledModel, template: k8s.PodTemplateSpec): k8s.JobSpec {
  return { activeDeadlineSeconds: m.activeDeadlineSeconds, backoffLimit: m.backoffLimit, template };
}

/**
 * A scheduled worker's CronJob: UTC, never two runs at once, a short history. `Forbid` keeps
 * two runs of a job (a report, a cleanup) from overlapping; it is safe because every run has
 * an `activeDeadlineSeconds` (one hour by default): a hung run is stopped and the next one
 * starts, within `startingDeadlineSeconds`, instead of being held back forever.
 */
export function cronJobSpec(m: ScheduledModel, labels: Record<string, string>, template: k8s.PodTemplateSpec): k8s.CronJobSpec {
  return {
    schedule: m.schedule,
    timeZone: 'Etc/UTC',
    concurrencyPolicy: 'Forbid',
    startingDeadlineSeconds: m.startingDeadlineSeconds,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: { metadata: { labels }, spec: jobSpec(m, template) },
  };
}
