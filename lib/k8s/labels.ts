import { AppSettings } from '../model/app-model';
import { WorkloadModel } from '../model/workload';

const COMPONENT: Record<WorkloadModel['kind'], string> = {
  'web': 'web',
  'worker': 'worker',
  'scheduled': 'scheduled-job',
  'run-once': 'job',
  'database': 'database',
};

/**
 * The labels pods are selected by. Only these two, both derived from names the user
 * chose: selectors are immutable, so they must never change when code moves around.
 */
export function selectorLabels(m: WorkloadModel, s: AppSettings): Record<string, string> {
  return {
    'app.kubernetes.io/instance': s.appName,
    'app.kubernetes.io/name': m.name,
  };
}

/** The recommended labels on every object of a workload. */
export function workloadLabels(m: WorkloadModel, s: AppSettings): Record<string, string> {
  return {
    ...s.labels,
    ...selectorLabels(m, s),
    'app.kubernetes.io/component': COMPONENT[m.kind],
    'app.kubernetes.io/managed-by': 'cdk8s-compose',
    'app.kubernetes.io/part-of': s.appName,
  };
}
