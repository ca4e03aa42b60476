import { compareStrings } from '../../shared/util';

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

const RANK = new Map(APPLY_ORDER.map((kind, i) => [kind, i]));

const CLUSTER_SCOPED = new Set(['Namespace']);

/**
 * Orders objects by kind (apply order) and then by name, so the output does not depend
 * on the order in which constructs were declared; strips the namespace cdk8s puts on
 * cluster-scoped objects.
 */
export function sortKubernetesObjects(objects: any[]): any[] {
  for (const o of objects) {
    if (CLUSTER_SCOPED.has(o.kind) && o.metadata) {
      delete o.metadata.namespace;
    }
  }
  // Each object's rank and name read once, not once per comparison.
  const keyed = objects.map((o) => ({ o, rank: RANK.get(o.kind) ?? APPLY_ORDER.length, kind: o.kind, name: o.metadata?.name ?? '' }));
  keyed.sort((a, b) => a.rank - b.rank || compareStrings(a.kind, b.kind) || compareStrings(a.name, b.name));
  return keyed.map((k) => k.o);
}
