import type { IntendedDifference } from '../../validation/parity-pair';
import { GRAFANA_SERVICE, OBSERVABILITY_PROFILE, PROMETHEUS_SERVICE } from '../../shared/naming/observability';

/** What the targets may differ in about metrics. */
export const OBSERVABILITY_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  {
    feature:
      'ServiceMonitor and PodMonitor objects, the NetworkPolicy rule for the monitoring namespace; the `prometheus` Compose service and its `<app>.prometheus.yml`, the `grafana` Compose service and its `<app>.grafana-datasources.yml`',
    why: 'each target scrapes `metrics` its own way: the cluster has its own Prometheus (and Grafana), Compose runs them under the `observability` profile',
  },
];

/** Compose's Prometheus scrapes what Kubernetes' ServiceMonitors describe, and its Grafana shows it: no workload of their own. */
export function isObservabilityService(name: string, service: any): boolean {
  return (name === PROMETHEUS_SERVICE || name === GRAFANA_SERVICE) && service?.profiles?.includes(OBSERVABILITY_PROFILE) === true;
}
