import type { k8s } from 'cdk8s-plus-28';
import { intOrString } from '../../render/kubernetes/json';
import type { AutoscalingSpec, AvailabilitySpec } from './model';
import type { WebModel, WorkloadModel } from '../../model/workload';
import type { PodCount } from './pod-count.model';

/** The Deployment's rolling update: how many pods may be added and missing during a rollout. */
export function rollingUpdate(a: AvailabilitySpec): k8s.DeploymentStrategy {
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge: podCount(a.maxSurge), maxUnavailable: podCount(a.maxUnavailable) } };
}

function podCount(c: PodCount): k8s.IntOrString {
  return c.isPercent ? intOrString(c.toString()) : intOrString(c.value);
}

/** At most one pod away during voluntary disruptions (node drains); only for two pods or more. */
export function disruptionBudgetSpec(selector: k8s.LabelSelector): k8s.PodDisruptionBudgetSpec {
  return { maxUnavailable: intOrString(1), selector };
}

/** A spread over nodes and zones: a preference that never blocks scheduling on small or zone-less clusters. */
export function topologySpread(selectorLabels: Record<string, string>): k8s.TopologySpreadConstraint[] {
  return ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => ({
    labelSelector: { matchLabels: selectorLabels },
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
  }));
}

/** CPU autoscaling of a WebService's Deployment between its bounds. */
export function autoscalerSpec(m: WebModel, a: AutoscalingSpec): k8s.HorizontalPodAutoscalerSpecV2 {
  return {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: m.name },
    minReplicas: a.minReplicas,
    maxReplicas: a.maxReplicas,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: a.cpuTargetPercent } } }],
  };
}

/** With an autoscaler, replicas belong to it: a GitOps controller would fight it over `spec.replicas` otherwise. */
export function deploymentReplicas(m: WorkloadModel): number | undefined {
  return m.kind === 'web' && m.autoscaling ? undefined : m.replicas;
}
