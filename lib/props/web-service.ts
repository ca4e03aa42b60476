import type { HealthCheck } from '../concerns/health/health-check.model';
import { INT32_MAX, isCount } from '../shared/naming/limits';
import type { AutoscalingSpec } from '../concerns/scaling/model';
import type { WebModel } from '../model/workload';
import { buildWebModel } from '../model/workload';
import { hasComposeHealthCheck } from '../concerns/health/model';
import type { IngressSpec } from '../concerns/traffic/model';
import type { AvailabilityOptions, WorkloadOptions } from './common';
import { normalizeAvailability, normalizeCommon } from './common';
import type { ServicePort, ServiceType } from '../concerns/ports/props';
import { normalizePorts, normalizeReplicas, normalizeServiceType } from '../concerns/ports/props';
import { normalizeHealth, NO_COMPOSE_HEALTH_WARNING } from '../concerns/health/props';
import { checkLabels } from '../concerns/pod/labels.props';
import type { MetricsOptions } from '../concerns/observability/props';
import { normalizeMetrics } from '../concerns/observability/props';
import { checkDnsSubdomain, checkHostName, collect, sortBy } from '../shared/util';
import { show } from '../shared/parse/show';
import { num, obj, optional, required, str, stringMap, text } from '../shared/shape';
import { AVAILABILITY_FIELDS, WORKLOAD_FIELDS } from './common';
import { SERVICE_PORTS, SERVICE_TYPE } from '../concerns/ports/props';
import { HEALTH_CHECK } from '../concerns/health/props';
import { METRICS } from '../concerns/observability/props';

/** An Ingress in front of the service. */
export interface IngressOptions {
  /** Host name, e.g. `shop.example.com`. */
  readonly host: string;
  /**
   * Path prefix routed to the service.
   * @default '/'
   */
  readonly path?: string;
  /**
   * Name of a `kubernetes.io/tls` Secret holding the certificate for `host`.
   * @default - no TLS
   */
  readonly tlsSecretName?: string;
  /**
   * IngressClass name.
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * Annotations of the Ingress, read by its controller or by cert-manager, e.g.
   * `{ 'cert-manager.io/cluster-issuer': 'letsencrypt', 'alb.ingress.kubernetes.io/target-type': 'ip' }`.
   * Kubernetes only, like the Ingress.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
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

function normalizeAutoscaling(a: AutoscalingOptions | undefined, problems: string[]): AutoscalingSpec | undefined {
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

function normalizeIngress(input: IngressOptions | undefined, problems: string[]): IngressSpec | undefined {
  if (!input) {
    return undefined;
  }
  const annotations = input.annotations ?? {};
  checkLabels('ingress.annotations', annotations, problems, true);
  const ingress = {
    host: input.host,
    path: input.path ?? '/',
    tlsSecretName: input.tlsSecretName,
    className: input.className,
    annotations: Object.fromEntries(sortBy(Object.entries(annotations), ([k]) => k)),
  };
  if (typeof ingress.host !== 'string' || typeof ingress.path !== 'string') {
    problems.push(
      `ingress ${show(ingress)} is invalid; allowed: { host: 'shop.example.com', path?: '/', tlsSecretName?: string, className?: string, annotations?: { [key]: string } }`,
    );
    return undefined;
  }
  collect(
    problems,
    checkHostName('ingress.host', ingress.host),
    ingress.className === undefined ? undefined : checkDnsSubdomain('ingress.className', ingress.className),
  );
  if (!ingress.path.startsWith('/')) {
    problems.push(`ingress.path '${ingress.path}' must start with '/'`);
  }
  if (ingress.tlsSecretName !== undefined) {
    collect(problems, checkDnsSubdomain('ingress.tlsSecretName', ingress.tlsSecretName));
  }
  return ingress;
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
    ingress: optional(
      obj<IngressOptions>({
        host: required(text("a host name such as 'shop.example.com'")),
        path: optional(str),
        tlsSecretName: optional(str),
        className: optional(str),
        annotations: optional(stringMap),
      }),
    ),
    autoscaling: optional(obj<AutoscalingOptions>({ minReplicas: required(num), maxReplicas: required(num), cpuTargetPercent: optional(num) })),
    metrics: optional(METRICS),
  },
  'the props of a WebService',
);
