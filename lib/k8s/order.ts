import { compareStrings } from '../_util';

/** Kinds in the order a cluster should receive them (namespaces and policies first, routes last). */
const APPLY_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'SealedSecret',
  'ExternalSecret',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Service',
  'StatefulSet',
  'Deployment',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
];

const CLUSTER_SCOPED = new Set(['Namespace']);

/**
 * Orders objects by kind (apply order) and then by name, so the output does not depend
 * on the order in which constructs were declared; strips the namespace cdk8s puts on
 * cluster-scoped objects.
 */
export function sortKubernetesObjects(objects: any[]): any[] {
  const rank = (kind: string) => {
    const i = APPLY_ORDER.indexOf(kind);
    return i === -1 ? APPLY_ORDER.length : i;
  };
  for (const o of objects) {
    if (CLUSTER_SCOPED.has(o.kind) && o.metadata) {
      delete o.metadata.namespace;
    }
  }
  return [...objects].sort(
    (a, b) => rank(a.kind) - rank(b.kind) || compareStrings(a.kind, b.kind) || compareStrings(a.metadata?.name ?? '', b.metadata?.name ?? ''),
  );
}
