import type { ComposeService } from '../../render/compose/types';
import type { WorkloadModel } from '../../model/workload';

/** The pod options Compose has: how long it waits after SIGTERM (Kubernetes `terminationGracePeriodSeconds`). */
export function composePodOptions(w: WorkloadModel): Pick<ComposeService, 'stop_grace_period'> {
  const grace = w.pod.terminationGracePeriodSeconds;
  return { stop_grace_period: grace === undefined ? undefined : `${grace}s` };
}
