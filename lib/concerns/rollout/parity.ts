import type { IntendedDifference, KubernetesWorkload } from '../../validation/parity-pair';
import { LABEL } from '../../shared/naming/labels';

/** What the targets may differ in about start order. */
export const ROLLOUT_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  {
    feature: 'wait-for init containers (`waitForConnections`)',
    why: 'Kubernetes has no start order: they wait until each dependency accepts connections, which Compose does with depends_on',
  },
  { feature: 'start order on run-once jobs', why: 'Kubernetes has no start order; dependants rely on readiness and retries, Compose waits for completion' },
];

/**
 * Dependencies: every network edge (NetworkPolicy egress) is a depends_on entry, and every
 * depends_on entry is a network edge or a wait for a run-once job, with the condition its
 * target allows.
 */
export function dependsOnParity(
  objects: any[],
  services: Record<string, any>,
  workloads: ReadonlyMap<string, KubernetesWorkload>,
  names: readonly string[],
  diff: (service: string, aspect: string, kubernetes: unknown, compose: unknown) => void,
): void {
  for (const name of names) {
    const s = services[name];
    // Extra containers follow their workload: checked with it.
    if (!s || !workloads.has(name) || workloads.get(name)!.owner) {
      continue;
    }
    const edges = egressTargets(objects, name);
    const dependsOn = Object.keys(s.depends_on ?? {}).sort();
    for (const target of edges) {
      if (!dependsOn.includes(target)) {
        diff(name, `depends_on.${target}`, 'a network connection', 'no depends_on');
      }
    }
    for (const target of dependsOn) {
      const own = workloads.get(target)?.owner === name;
      const isJob = workloads.get(target)?.kind === 'Job' || own;
      if (!edges.includes(target) && !isJob) {
        // Not a network connection and not a job to wait for.
        diff(name, `depends_on.${target}`, 'no network connection', 'depends_on');
      }
      const expected = isJob ? 'service_completed_successfully' : services[target]?.healthcheck ? 'service_healthy' : 'service_started';
      if (s.depends_on[target]?.condition !== expected) {
        diff(name, `depends_on.${target}.condition`, expected, s.depends_on[target]?.condition);
      }
    }
  }
}

/** The workloads a workload's NetworkPolicy lets it reach (DNS aside). */
function egressTargets(objects: any[], name: string): string[] {
  const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.spec?.podSelector?.matchLabels?.[LABEL.NAME] === name);
  const targets = (policy?.spec?.egress ?? []).flatMap((rule: any) => (rule.to ?? []).map((peer: any) => peer.podSelector?.matchLabels?.[LABEL.NAME]));
  return [...new Set<string>(targets.filter((t: unknown): t is string => typeof t === 'string'))].sort();
}
