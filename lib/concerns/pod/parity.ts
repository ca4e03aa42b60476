import type { IntendedDifference, ParityPair } from '../../validation/parity-pair';
import { seconds } from '../../validation/parity-pair';

/** What the targets may differ in about pods. */
export const POD_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  {
    feature:
      'topology spread, rolling update strategy, automountServiceAccountToken, enableServiceLinks, ServiceAccounts, Roles and RoleBindings (`grants`), node selectors, tolerations, node affinity, pod annotations',
    why: 'scheduling and API-server concerns that do not exist in Compose',
  },
  {
    feature: 'replicas of sidecars',
    why: 'a Compose sidecar shares the network of one container of its main service (`network_mode: service:<main>`), so it runs once',
  },
];

/** A workload's grace period after SIGTERM; a sidecar's network namespace is its main service's. */
export function podParity(p: ParityPair): void {
  const w = p.kubernetes;
  if (!w.owner) {
    const grace = w.pod.terminationGracePeriodSeconds;
    p.eq('stop_grace_period', grace === undefined ? undefined : grace, seconds(p.compose.stop_grace_period));
  } else {
    p.eq('network_mode', w.kind === 'Sidecar' ? `service:${w.owner}` : undefined, p.compose.network_mode);
  }
}
