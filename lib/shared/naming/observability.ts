/** Metrics and monitoring: scrape annotations, Prometheus Operator kinds, and the development Prometheus and Grafana services. */

/** The pod annotations Prometheus' annotation-based discovery reads (`monitoring.mode` annotations). */
export const SCRAPE_ANNOTATION = {
  SCRAPE: 'prometheus.io/scrape',
  PORT: 'prometheus.io/port',
  PATH: 'prometheus.io/path',
} as const;

/** The name of a metrics port the library adds to a workload that declares no such port (a Worker's). */
export const METRICS_PORT_NAME = 'metrics';

/** The API version of the Prometheus Operator's ServiceMonitor and PodMonitor. */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

/** The Prometheus Operator kinds this library renders (CRDs: the schema check reads their schema from @kubernetes-models/prometheus-operator). */
export const MONITOR_KINDS = ['PodMonitor', 'ServiceMonitor'] as const;

/** The Compose profile of the Prometheus service (`docker compose --profile observability up`). */
export const OBSERVABILITY_PROFILE = 'observability';

/** The Compose service that scrapes the workloads' metrics in development. */
export const PROMETHEUS_SERVICE = 'prometheus';

/** The port Prometheus listens on in its container. */
export const PROMETHEUS_PORT = 9090;

/** Where the Prometheus image reads its configuration. */
export const PROMETHEUS_CONFIG_PATH = '/etc/prometheus/prometheus.yml';

/** Where the Prometheus image keeps its data (a tmpfs in Compose: development data is disposable). */
export const PROMETHEUS_DATA_PATH = '/prometheus';

/** The user of the Prometheus image (`nobody`). */
export const PROMETHEUS_USER = '65534:65534';

/** The Compose service that shows Prometheus' metrics in development (`monitoring.grafana`). */
export const GRAFANA_SERVICE = 'grafana';

/** The port Grafana listens on in its container. */
export const GRAFANA_PORT = 3000;

/** Where the Grafana image keeps its database and plugins (a tmpfs in Compose, like Prometheus' data). */
export const GRAFANA_DATA_PATH = '/var/lib/grafana';

/** Where the Grafana image reads the generated data source provisioning file. */
export const GRAFANA_DATASOURCES_PATH = '/etc/grafana/provisioning/datasources/prometheus.yml';

/** The user of the Grafana image (uid 472, group root, as the image sets). */
export const GRAFANA_USER = '472:0';

// Files
