import type { k8s } from 'cdk8s-plus-28';
import { isJob } from '../../shared/naming/kinds';
import { waitContainerName } from '../../shared/naming/objects';
import { sortedDependencies } from '../../model/workload';
import type { ContainerSpec, NodeExpressionSpec, PodSpecModel } from './model';
import type { WorkloadModel } from '../../model/workload';

/**
 * The pod options of a workload's pod spec: ServiceAccount and its token, restart policy,
 * termination grace period and scheduling (node selector, tolerations, node affinity).
 */
export function podOptions(
  m: WorkloadModel,
): Pick<
  k8s.PodSpec,
  | 'serviceAccountName'
  | 'automountServiceAccountToken'
  | 'enableServiceLinks'
  | 'restartPolicy'
  | 'terminationGracePeriodSeconds'
  | 'nodeSelector'
  | 'tolerations'
  | 'affinity'
> {
  const pod = m.pod;
  return {
    serviceAccountName: pod.serviceAccount?.name,
    // Tokens are mounted per pod, never by default.
    automountServiceAccountToken: pod.serviceAccount?.mountToken ?? false,
    enableServiceLinks: false,
    restartPolicy: isJob(m.kind) ? 'Never' : undefined,
    terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds,
    nodeSelector: Object.keys(pod.nodeSelector).length > 0 ? pod.nodeSelector : undefined,
    tolerations: pod.tolerations.length > 0 ? pod.tolerations.map((t) => ({ key: t.key, operator: t.operator, value: t.value, effect: t.effect })) : undefined,
    affinity: pod.nodeAffinity ? { nodeAffinity: renderNodeAffinity(pod.nodeAffinity) } : undefined,
  };
}

function renderNodeAffinity(a: NonNullable<PodSpecModel['nodeAffinity']>): k8s.NodeAffinity {
  const expression = (e: NodeExpressionSpec): k8s.NodeSelectorRequirement => ({ key: e.key, operator: e.operator, values: e.values });
  return {
    requiredDuringSchedulingIgnoredDuringExecution:
      a.required.length > 0 ? { nodeSelectorTerms: [{ matchExpressions: a.required.map(expression) }] } : undefined,
    preferredDuringSchedulingIgnoredDuringExecution:
      a.preferred.length > 0 ? a.preferred.map((p) => ({ weight: p.weight, preference: { matchExpressions: [expression(p.expression)] } })) : undefined,
  };
}

/** The ServiceAccount the workload creates: its token is mounted per pod (`mountToken`), never by default. */
export function serviceAccountBody(): { automountServiceAccountToken: boolean } {
  return { automountServiceAccountToken: false };
}

/**
 * One init container per network dependency, in dependency order, that loops until the
 * target's Service accepts TCP connections: the Kubernetes counterpart of Compose's
 * depends_on, so that a plain `kubectl apply` converges without crash loops.
 */
export function waitContainers(m: WorkloadModel): ContainerSpec[] {
  const wait = m.pod.waitFor;
  if (!wait) {
    return [];
  }
  return sortedDependencies(m)
    .filter((d) => d.ports.length > 0)
    .map((d) => {
      const target = `${d.target.name} ${d.ports[0].servicePort}`;
      return {
        ...wait,
        name: waitContainerName(d.target.name),
        command: ['sh', '-c', `until nc -z -w 2 ${target}; do echo "waiting for ${target}"; sleep 2; done`],
      };
    });
}
