import { Duration } from 'cdk8s';
import type { MonitoringSpec } from '../../model/app-model';
import { isPort, PORT_RANGE } from '../../shared/naming/limits';
import { METRICS_PORT_NAME } from '../../shared/naming/observability';
import { Cpu, Memory } from '../container/quantity.model';
import type { MetricsSpec } from './model';
import type { PortSpec } from '../ports/model';
import type { ResourcesSpec } from '../container/model';
import { normalizeImage } from '../container/props';
import { optionalSeconds } from '../../props/duration';
import { DEFAULT_PUBLISH_ADDRESS } from '../ports/props';
import { checkLabels } from '../pod/labels.props';
import { checkDnsLabel, collect, sortBy } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { bool, DURATION, enumOf, IMAGE, num, obj, optional, required, str, stringMap } from '../../shared/shape';

/**
 * A metrics endpoint of a workload, scraped by Prometheus: a ServiceMonitor (a PodMonitor for a
 * Worker, which has no Service) or scrape annotations in Kubernetes, a `prometheus` service under
 * the `observability` profile in Compose.
 */
export interface MetricsOptions {
  /**
   * The container port the metrics are served on. A WebService must declare it in `ports` (the
   * ServiceMonitor names the Service port); a Worker declares no ports, so the library adds it to
   * the container as a port named `metrics`.
   */
  readonly port: number;

  /**
   * The HTTP path of the metrics, starting with `/`.
   * @default '/metrics'
   */
  readonly path?: string;

  /**
   * How often Prometheus scrapes the endpoint, in whole seconds.
   * @see https://prometheus.io/docs/prometheus/latest/configuration/configuration/#scrape_config
   * @default Duration.seconds(30)
   */
  readonly interval?: Duration;
}

/** How Kubernetes tells Prometheus what to scrape. */
export enum MonitoringMode {
  /** A Prometheus Operator ServiceMonitor per WebService and PodMonitor per Worker (`monitoring.coreos.com/v1`). */
  SERVICE_MONITOR = 'service-monitor',
  /** `prometheus.io/scrape`, `prometheus.io/port` and `prometheus.io/path` annotations on the pods. */
  ANNOTATIONS = 'annotations',
}

/** How the workloads' metrics endpoints are scraped (used only when a workload declares `metrics`). */
export interface MonitoringOptions {
  /**
   * How Kubernetes tells Prometheus what to scrape.
   * @default MonitoringMode.SERVICE_MONITOR
   */
  readonly mode?: MonitoringMode;

  /**
   * The namespace Prometheus runs in: each NetworkPolicy admits it on the metrics port only.
   * @default 'monitoring'
   */
  readonly namespace?: string;

  /**
   * Labels of the Prometheus pods, to admit only them (not every pod of the namespace) through
   * the NetworkPolicies, e.g. `{ 'app.kubernetes.io/name': 'prometheus' }`.
   * @default - any pod of the monitoring namespace
   */
  readonly podLabels?: Record<string, string>;

  /**
   * Extra labels on each ServiceMonitor and PodMonitor, for the Prometheus resource's selector,
   * e.g. `{ release: 'kube-prometheus-stack' }`.
   * @default - none (only the app.kubernetes.io labels)
   */
  readonly serviceMonitorLabels?: Record<string, string>;

  /**
   * The image of the Compose file's `prometheus` service.
   * @default 'prom/prometheus:v2.54.1'
   */
  readonly prometheusImage?: string;

  /**
   * The host port (on 127.0.0.1) the Compose file publishes Prometheus on.
   * @default 9090
   */
  readonly prometheusHostPort?: number;

  /**
   * Whether the Compose file also runs Grafana under the `observability` profile, with
   * Prometheus as its provisioned data source (development only: anonymous viewers, bound to
   * 127.0.0.1). Kubernetes renders nothing for it: the cluster has its own Grafana.
   * @default false
   */
  readonly grafana?: boolean;

  /**
   * The image of the Compose file's `grafana` service (with `grafana: true`).
   * @default 'grafana/grafana:11.2.0'
   */
  readonly grafanaImage?: string;

  /**
   * The host port (on 127.0.0.1) the Compose file publishes Grafana on (with `grafana: true`).
   * @default 3000
   */
  readonly grafanaHostPort?: number;
}

/** The Prometheus image of the Compose file, pinned: a GitOps diff shows every upgrade. */
const PROMETHEUS_IMAGE = 'prom/prometheus:v2.54.1';

/** The Grafana image of the Compose file, pinned like Prometheus'. */
const GRAFANA_IMAGE = 'grafana/grafana:11.2.0';

/** What the development Grafana may use (one user, a few dashboards). */
const GRAFANA_RESOURCES: ResourcesSpec = {
  cpuRequest: Cpu.millis(100),
  cpuLimit: Cpu.millis(500),
  memoryRequest: Memory.mebibytes(128),
  memoryLimit: Memory.mebibytes(512),
};

/** What the development Prometheus may use (a few workloads' series at a 30 s interval fit well within). */
const PROMETHEUS_RESOURCES: ResourcesSpec = {
  cpuRequest: Cpu.millis(100),
  cpuLimit: Cpu.millis(500),
  memoryRequest: Memory.mebibytes(128),
  memoryLimit: Memory.mebibytes(512),
};

/** Checks the chart's monitoring options and fills in the defaults; pushes each problem found. */
export function monitoringSpec(o: MonitoringOptions | undefined, problems: string[]): MonitoringSpec {
  const options = o ?? {};
  const mode = options.mode ?? MonitoringMode.SERVICE_MONITOR;
  if (!Object.values(MonitoringMode).includes(mode)) {
    problems.push(`monitoring.mode ${show(mode)} is invalid; allowed: ${Object.values(MonitoringMode).join(', ')}`);
  }
  const namespace = options.namespace ?? 'monitoring';
  collect(problems, checkDnsLabel('monitoring.namespace', namespace));
  const podLabels = options.podLabels ?? {};
  checkLabels('monitoring.podLabels', podLabels, problems);
  const serviceMonitorLabels = options.serviceMonitorLabels ?? {};
  checkLabels('monitoring.serviceMonitorLabels', serviceMonitorLabels, problems);
  const prometheusImage = normalizeImage(options.prometheusImage ?? PROMETHEUS_IMAGE, problems, 'monitoring.prometheusImage');
  const prometheusHostPort = options.prometheusHostPort ?? 9090;
  if (!isPort(prometheusHostPort)) {
    problems.push(
      `monitoring.prometheusHostPort ${show(prometheusHostPort)} is out of range; allowed: a whole number from ${PORT_RANGE.min} to ${PORT_RANGE.max}`,
    );
  }
  const grafana = options.grafana ?? false;
  if (typeof grafana !== 'boolean') {
    problems.push(`monitoring.grafana ${show(grafana)} is invalid; allowed: true or false`);
  }
  const grafanaImage = normalizeImage(options.grafanaImage ?? GRAFANA_IMAGE, problems, 'monitoring.grafanaImage');
  const grafanaHostPort = options.grafanaHostPort ?? 3000;
  if (!isPort(grafanaHostPort)) {
    problems.push(`monitoring.grafanaHostPort ${show(grafanaHostPort)} is out of range; allowed: a whole number from ${PORT_RANGE.min} to ${PORT_RANGE.max}`);
  } else if (grafana === true && grafanaHostPort === prometheusHostPort) {
    problems.push(
      `monitoring.grafanaHostPort ${grafanaHostPort} is also monitoring.prometheusHostPort; allowed: another host port than Prometheus' (default 3000)`,
    );
  }
  return {
    mode,
    namespace,
    podLabels: sorted(podLabels),
    serviceMonitorLabels: sorted(serviceMonitorLabels),
    prometheusImage,
    prometheusHostPort,
    prometheusResources: PROMETHEUS_RESOURCES,
    grafana: grafana === true,
    grafanaImage,
    grafanaHostPort,
    grafanaResources: GRAFANA_RESOURCES,
  };
}

/**
 * Checks a workload's metrics endpoint against its ports; pushes each problem found. Returns the
 * endpoint and the workload's ports: a WebService's unchanged (the port must be one of them), a
 * Worker's (`addPort`) with the metrics port added.
 */
export function normalizeMetrics(
  m: MetricsOptions | undefined,
  ports: PortSpec[],
  addPort: boolean,
  problems: string[],
): { metrics?: MetricsSpec; ports: PortSpec[] } {
  if (m === undefined) {
    return { ports };
  }
  if (typeof m !== 'object' || m === null) {
    problems.push(`metrics ${show(m)} is invalid; allowed: { port: 9100, path?: '/metrics', interval?: Duration.seconds(30) }`);
    return { ports };
  }
  const before = problems.length;
  const path = m.path ?? '/metrics';
  if (typeof path !== 'string' || !path.startsWith('/') || /[\s?#]/.test(path)) {
    problems.push(`metrics.path ${show(path)} is invalid; allowed: a URL path starting with '/', without spaces, '?' or '#', e.g. '/metrics'`);
  }
  const intervalSeconds = optionalSeconds('metrics.interval', m.interval ?? Duration.seconds(30), problems) ?? NaN;
  let port: PortSpec | undefined;
  if (!isPort(m.port)) {
    problems.push(`metrics.port ${show(m.port)} is out of range; allowed: a whole number from ${PORT_RANGE.min} to ${PORT_RANGE.max}`);
  } else if (addPort) {
    port = { name: METRICS_PORT_NAME, port: m.port, servicePort: m.port, protocol: 'http', publishAddress: DEFAULT_PUBLISH_ADDRESS };
  } else {
    port = ports.find((p) => p.port === m.port);
    if (!port) {
      const declared = ports.map((p) => `${p.name} ${p.port}`).join(', ') || 'none';
      problems.push(
        `metrics.port ${m.port} is not a declared port; declared: ${declared}; allowed: one of them, or declare it in ports, e.g. { name: '${METRICS_PORT_NAME}', port: ${m.port} }`,
      );
    }
  }
  if (problems.length > before || !port) {
    return { ports };
  }
  return { metrics: { port, path, intervalSeconds }, ports: addPort ? [...ports, port] : ports };
}

function sorted(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(sortBy(Object.entries(labels), ([k]) => k));
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const METRICS = obj<MetricsOptions>({ port: required(num), path: optional(str), interval: optional(DURATION) });

export const MONITORING = obj<MonitoringOptions>({
  mode: optional(enumOf('a MonitoringMode', MonitoringMode)),
  namespace: optional(str),
  podLabels: optional(stringMap),
  serviceMonitorLabels: optional(stringMap),
  grafana: optional(bool),
  prometheusHostPort: optional(num),
  grafanaHostPort: optional(num),
  prometheusImage: optional(IMAGE),
  grafanaImage: optional(IMAGE),
});
