import type { Construct } from 'constructs';
import { selectorLabels, waveAnnotation, workloadLabels } from '../../render/kubernetes/labels';
import { RenderedObject } from '../../render/kubernetes/object';
import type { AppSettings } from '../../model/app-model';
import { MONITORING_API_VERSION, SCRAPE_ANNOTATION } from '../../shared/naming/observability';
import { SKIP_DRY_RUN_ANNOTATIONS } from '../../shared/naming/gitops';
import type { WorkloadModel } from '../../model/workload';
import { metricsOf } from '../../model/workload';

/**
 * The Prometheus Operator object of a workload's metrics endpoint (`monitoring.mode`
 * service-monitor): a ServiceMonitor for a workload with a Service (it selects the Service and
 * names its port), a PodMonitor for a Worker (no Service: it selects the pods and names the
 * container port). Nothing without a metrics endpoint or in annotations mode.
 *
 * Its CRD may be missing from the cluster: it is in Argo CD's last wave (`lastWave`, after every
 * workload) and skips the dry-run when its kind is unknown, so a cluster without the Prometheus
 * Operator fails only the monitor's own apply, after everything else is applied.
 */
export function renderMonitor(scope: Construct, m: WorkloadModel, s: AppSettings, lastWave: () => number): void {
  const metrics = metricsOf(m);
  if (!metrics || s.monitoring.mode !== 'service-monitor') {
    return;
  }
  const endpoint = { port: metrics.port.name, path: metrics.path, interval: `${metrics.intervalSeconds}s`, scheme: 'http' };
  const service = m.kind === 'web';
  new RenderedObject(scope, service ? 'ServiceMonitor' : 'PodMonitor', {
    apiVersion: MONITORING_API_VERSION,
    kind: service ? 'ServiceMonitor' : 'PodMonitor',
    // The library's labels win over the selector labels a Prometheus resource asks for.
    metadata: { name: m.name, labels: { ...s.monitoring.serviceMonitorLabels, ...workloadLabels(m, s) }, annotations: SKIP_DRY_RUN_ANNOTATIONS },
    lateAnnotations: () => waveAnnotation(lastWave()),
    bodyKeys: ['spec'],
    body: () => ({
      spec: {
        selector: { matchLabels: selectorLabels(m, s) },
        ...(service ? { endpoints: [endpoint] } : { podMetricsEndpoints: [endpoint] }),
      },
    }),
  });
}

/** The scrape annotations of a workload's pods (`monitoring.mode` annotations), or none. */
export function scrapeAnnotations(m: WorkloadModel, s: AppSettings): Record<string, string> {
  const metrics = metricsOf(m);
  if (!metrics || s.monitoring.mode !== 'annotations') {
    return {};
  }
  return {
    [SCRAPE_ANNOTATION.PATH]: metrics.path,
    [SCRAPE_ANNOTATION.PORT]: `${metrics.port.port}`,
    [SCRAPE_ANNOTATION.SCRAPE]: 'true',
  };
}
