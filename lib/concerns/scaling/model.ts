import type { PodCount } from './pod-count.model';

// The model of scaling and availability: autoscaling bounds, rollout and disruption settings.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** Autoscaling bounds. */
export interface AutoscalingSpec {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuTargetPercent: number;
}

/** How a replicated workload rolls out and stays available. */
export interface AvailabilitySpec {
  readonly maxSurge: PodCount;
  readonly maxUnavailable: PodCount;
  /** Whether a PodDisruptionBudget is wanted (rendered only with two pods or more). */
  readonly disruptionBudget: boolean;
  /** Whether pods are spread over nodes and zones (only with two pods or more). */
  readonly topologySpread: boolean;
}
