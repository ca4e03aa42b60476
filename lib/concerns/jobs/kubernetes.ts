import type { k8s } from 'cdk8s-plus-28';
import type { RunOnceModel, ScheduledModel } from '../../model/workload';

/** A run-once worker's Job. */
export function jobSpec(m: RunOnceModel | ScheduledModel, template: k8s.PodTemplateSpec): k8s.JobSpec {
  return { activeDeadlineSeconds: m.activeDeadlineSeconds, backoffLimit: m.backoffLimit, template };
}

/** A scheduled worker's CronJob: UTC, never two runs at once, a short history. */
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
