import { PodCount } from './pod-count.model';
import type { AutoscalingSpec, AvailabilitySpec } from './model';
import { BRAND } from '../../shared/brands';
import { INT32_MAX, isCount } from '../../shared/naming/limits';
import { collect } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { arg, bool, made, num, obj, optional, required } from '../../shared/shape';
import type { FactoryArguments, Fields } from '../../shared/shape';

/**
 * The props of scaling and availability (rolling updates, disruption budget, topology spread,
 * the autoscaler): their shapes, defaults and checks.
 */

/** How a Deployment replaces pods during a rollout. */
export interface RollingUpdateOptions {
  /**
   * Pods created above the desired count during a rollout.
   * @default PodCount.percent(25)
   */
  readonly maxSurge?: PodCount;
  /**
   * Pods that may be unavailable during a rollout.
   * @default PodCount.of(0)
   */
  readonly maxUnavailable?: PodCount;
}

/** Availability of workloads with replicas (WebService, continuous Worker). */
export interface AvailabilityOptions {
  /**
   * How a rollout replaces pods.
   * @default - maxSurge 25%, maxUnavailable 0 (never below the desired count)
   */
  readonly rollingUpdate?: RollingUpdateOptions;

  /**
   * Render a PodDisruptionBudget (maxUnavailable 1) when the workload runs at least two
   * pods. Never rendered for one pod: it would block node drains forever.
   * @default true
   */
  readonly disruptionBudget?: boolean;

  /**
   * Spread pods over nodes and zones (`ScheduleAnyway`: a preference that never blocks
   * scheduling) when the workload runs at least two pods.
   * @default true
   */
  readonly topologySpread?: boolean;
}

/** Horizontal pod autoscaling on CPU. */
export interface AutoscalingOptions {
  /** Fewest replicas. */
  readonly minReplicas: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /**
   * Average CPU use, in percent of the request, that the autoscaler aims for.
   * @default 70
   */
  readonly cpuTargetPercent?: number;
}

/** Checks the availability options of a replicated workload and fills in the defaults. */
export function normalizeAvailability(input: AvailabilityOptions, problems: string[]): AvailabilitySpec {
  const maxSurge = input.rollingUpdate?.maxSurge ?? PodCount.percent(25);
  const maxUnavailable = input.rollingUpdate?.maxUnavailable ?? PodCount.of(0);
  collect(problems, maxSurge._problem('rollingUpdate.maxSurge'), maxUnavailable._problem('rollingUpdate.maxUnavailable'));
  if (maxSurge.value === 0 && maxUnavailable.value === 0) {
    problems.push('rollingUpdate.maxSurge and rollingUpdate.maxUnavailable are both 0; a rollout could never make progress');
  }
  return { maxSurge, maxUnavailable, disruptionBudget: input.disruptionBudget !== false, topologySpread: input.topologySpread !== false };
}

/** Checks the autoscaling options and fills in the default CPU target. */
export function normalizeAutoscaling(a: AutoscalingOptions | undefined, problems: string[]): AutoscalingSpec | undefined {
  if (!a) {
    return undefined;
  }
  const target = a.cpuTargetPercent ?? 70;
  const before = problems.length;
  if (!isCount(a.minReplicas, 1)) {
    problems.push(`autoscaling.minReplicas ${show(a.minReplicas)} is invalid; allowed: a whole number from 1 to ${INT32_MAX}`);
  }
  if (!isCount(a.maxReplicas, 1)) {
    problems.push(`autoscaling.maxReplicas ${show(a.maxReplicas)} is invalid; allowed: a whole number from 1 to ${INT32_MAX}`);
  }
  if (problems.length === before && a.minReplicas > a.maxReplicas) {
    problems.push(`autoscaling.minReplicas ${a.minReplicas} is greater than autoscaling.maxReplicas ${a.maxReplicas}; min must not exceed max`);
  }
  if (!Number.isInteger(target) || target < 1 || target > 100) {
    problems.push(`autoscaling.cpuTargetPercent ${show(target)} is invalid; allowed: a whole number from 1 to 100`);
  }
  return { minReplicas: a.minReplicas, maxReplicas: a.maxReplicas, cpuTargetPercent: target };
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

/** The argument shapes of the PodCount factories. */
export const POD_COUNT_ARGUMENTS: FactoryArguments<'PodCount.of' | 'PodCount.percent'> = {
  'PodCount.of': [arg(num)],
  'PodCount.percent': [arg(num)],
};
export const POD_COUNT = made('PodCount', BRAND.POD_COUNT, 'PodCount.of(1), PodCount.percent(25)', POD_COUNT_ARGUMENTS);

export const AVAILABILITY_FIELDS: Fields<AvailabilityOptions> = {
  disruptionBudget: optional(bool),
  topologySpread: optional(bool),
  rollingUpdate: optional(obj<RollingUpdateOptions>({ maxSurge: optional(POD_COUNT), maxUnavailable: optional(POD_COUNT) })),
};

export const AUTOSCALING = obj<AutoscalingOptions>({ minReplicas: required(num), maxReplicas: required(num), cpuTargetPercent: optional(num) });
