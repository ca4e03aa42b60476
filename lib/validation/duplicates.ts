// Objects two charts both render: one object in the cluster, so the last applied would win.
import { canonicalJson } from '../shared/util';

/** A chart's rendered objects, for {@link conflictingObjects}. */
export interface RenderedChart {
  /** The chart's construct path, for messages. */
  readonly path: string;
  /** Its Kubernetes objects as rendered. */
  readonly objects: readonly any[];
}

/**
 * The problems of charts written to one folder (one cluster) that render the same object
 * (API group, kind, namespace and name) with different content: two apps in one namespace
 * defining the same service, for instance. The same object rendered identically by two
 * charts (a Secret source both read) is one object and no problem. Each problem names both
 * charts and the object.
 */
export function conflictingObjects(charts: readonly RenderedChart[]): string[] {
  // One chart cannot conflict with itself: nothing to compare, nothing to pay on synthesis.
  if (charts.length < 2) {
    return [];
  }
  const first = new Map<string, { path: string; object: unknown }>();
  const problems: string[] = [];
  for (const chart of charts) {
    for (const o of chart.objects) {
      const group = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/')[0] : '';
      const id = `${o.kind}${group ? `.${group}` : ''} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
      const seen = first.get(id);
      if (seen === undefined) {
        first.set(id, { path: chart.path, object: o });
        // Key order aside: a plain cdk8s chart may write the same object's keys in another order.
      } else if (seen.path !== chart.path && canonicalJson(seen.object) !== canonicalJson(o)) {
        problems.push(
          `charts '${seen.path}' and '${chart.path}' both define ${id} with different content; in one namespace each object must come from one chart (give one of them another namespace, or rename the service)`,
        );
      }
    }
  }
  return problems;
}
