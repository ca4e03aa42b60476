import type { IntendedDifference, ParityPair } from '../../validation/parity-pair';

/** What the targets may differ in about scaling. */
export const SCALING_DIFFERENCES: ReadonlyArray<IntendedDifference> = [{ feature: 'autoscaling bounds', why: 'Compose runs minReplicas' }];

/** The same number of pods (an autoscaler's minimum in Kubernetes). */
export function replicasParity(p: ParityPair): void {
  p.eq('replicas', p.kubernetes.replicas, p.compose.deploy?.replicas ?? 1);
}
