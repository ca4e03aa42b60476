import type { HealthCheck } from '../concerns/health/health-check.model';
import type { WebModel } from '../model/workload';
import { buildWebModel } from '../model/workload';
import { hasComposeHealthCheck } from '../concerns/health/model';
import type { WorkloadOptions } from './common';
import { normalizeCommon } from './common';
import type { ServicePort, ServiceType } from '../concerns/ports/props';
import { normalizePorts, normalizeReplicas, normalizeServiceType } from '../concerns/ports/props';
import { normalizeHealth, NO_COMPOSE_HEALTH_WARNING } from '../concerns/health/props';
import type { MetricsOptions } from '../concerns/observability/props';
import { normalizeMetrics } from '../concerns/observability/props';
import type { AutoscalingOptions, AvailabilityOptions } from '../concerns/scaling/props';
import { normalizeAutoscaling, normalizeAvailability } from '../concerns/scaling/props';
import type { IngressOptions } from '../concerns/traffic/props';
import { normalizeIngress } from '../concerns/traffic/props';
import { num, obj, optional } from '../shared/shape';
import { WORKLOAD_FIELDS } from './common';
import { SERVICE_PORTS, SERVICE_TYPE } from '../concerns/ports/props';
import { HEALTH_CHECK } from '../concerns/health/props';
import { METRICS } from '../concerns/observability/props';
import { AUTOSCALING, AVAILABILITY_FIELDS } from '../concerns/scaling/props';
import { INGRESS } from '../concerns/traffic/props';

/** Props of a WebService. */
export interface WebServiceProps extends WorkloadOptions, AvailabilityOptions {
  /**
   * Ports the service listens on.
   * @default [{ name: 'http', port: 8080 }]
   */
  readonly ports?: ServicePort[];

  /**
   * How the Kubernetes Service is exposed (Compose publishes ports with `publish` instead).
   * @default ServiceType.CLUSTER_IP
   */
  readonly serviceType?: ServiceType;

  /**
   * Number of pods (Kubernetes) and containers (Compose `deploy.replicas`).
   * Ignored in Kubernetes when `autoscaling` is set (the autoscaler owns it).
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Health check: Kubernetes probes and the Compose healthcheck.
   * @default - none (dependants only wait for the container to start)
   */
  readonly healthCheck?: HealthCheck;

  /**
   * An Ingress for outside traffic (Kubernetes only; Compose uses `publish`).
   * @default - no Ingress
   */
  readonly ingress?: IngressOptions;

  /**
   * CPU-based autoscaling (Kubernetes only; Compose runs `minReplicas`).
   * @default - a fixed number of replicas
   */
  readonly autoscaling?: AutoscalingOptions;

  /**
   * A metrics endpoint on one of `ports`, scraped by Prometheus: a ServiceMonitor (or scrape
   * annotations, the chart's `monitoring.mode`) and a NetworkPolicy rule admitting the
   * monitoring namespace on that port; in Compose, Prometheus under the `observability` profile.
   * @default - no metrics endpoint
   */
  readonly metrics?: MetricsOptions;
}

/** The model of a WebService, with every default applied; pushes each problem found. */
export function webServiceModel(name: string, path: string, props: WebServiceProps, problems: string[]): WebModel {
  const common = normalizeCommon(name, props, problems);
  const serviceType = normalizeServiceType(props.serviceType, problems);
  const ports = normalizePorts(props.ports ?? [{ name: 'http', port: 8080 }], problems, serviceType as ServiceType);
  if (ports.length === 0) {
    problems.push('ports is empty; a WebService needs at least one port');
  }
  const replicas = normalizeReplicas(props.replicas, 2, problems);
  const autoscaling = normalizeAutoscaling(props.autoscaling, problems);
  const health = normalizeHealth(props.healthCheck, ports, problems);
  const { metrics } = normalizeMetrics(props.metrics, ports, false, problems);
  return buildWebModel(common, {
    kind: 'web',
    name,
    path,
    ports,
    replicas: autoscaling?.minReplicas ?? replicas,
    warnings: [...common.warnings, ...(health && !hasComposeHealthCheck(health) ? [NO_COMPOSE_HEALTH_WARNING] : [])],
    health,
    serviceType,
    autoscaling,
    ingress: normalizeIngress(props.ingress, problems),
    availability: normalizeAvailability(props, problems),
    metrics,
  });
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const WEB_SERVICE_PROPS = obj<WebServiceProps>(
  {
    ...WORKLOAD_FIELDS,
    ...AVAILABILITY_FIELDS,
    ports: optional(SERVICE_PORTS),
    serviceType: optional(SERVICE_TYPE),
    replicas: optional(num),
    healthCheck: optional(HEALTH_CHECK),
    ingress: optional(INGRESS),
    autoscaling: optional(AUTOSCALING),
    metrics: optional(METRICS),
  },
  'the props of a WebService',
);
