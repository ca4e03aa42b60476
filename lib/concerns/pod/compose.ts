import type { WorkloadModel } from '../../model/workload';

/** How long Compose waits after SIGTERM (Kubernetes `terminationGracePeriodSeconds`), when the workload sets it. */
export function composeStopGracePeriod(w: WorkloadModel): string | undefined {
  const grace = w.pod.terminationGracePeriodSeconds;
  return grace === undefined ? undefined : `${grace}s`;
}
