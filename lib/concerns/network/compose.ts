import type { ComposeNetwork, ComposeService } from '../../render/compose/types';
import { databaseNetworkName } from '../../shared/naming/objects';
import type { WorkloadModel } from '../../model/workload';

/**
 * The Compose networks of a chart: `default` for every workload but databases, and one network
 * per database shared only with its declared clients (Compose's counterpart of the
 * NetworkPolicies), plus the named networks workloads join.
 */
export function composeNetworkDefinitions(workloads: readonly WorkloadModel[]): Record<string, ComposeNetwork> {
  const networks: Record<string, ComposeNetwork> = {};
  if (workloads.some((w) => w.kind !== 'database')) {
    networks.default = {};
  }
  for (const db of workloads.filter((w) => w.kind === 'database')) {
    // Internal: no route outside. Docker does not publish ports of internal-only containers.
    networks[databaseNetworkName(db.name)] = db.ports.some((p) => p.publish !== undefined) ? {} : { internal: true };
  }
  for (const w of workloads) {
    for (const n of w.compose.networks) {
      networks[n] ??= {};
    }
  }
  return networks;
}

/** The networks one service joins: a database its own; others `default` and their databases' networks. */
export function composeNetworks(w: WorkloadModel): Pick<ComposeService, 'networks'> {
  const derived =
    w.kind === 'database'
      ? [databaseNetworkName(w.name)]
      : ['default', ...w.dependencies.filter((d) => d.target.kind === 'database').map((d) => databaseNetworkName(d.target.name))];
  return { networks: [...new Set([...derived, ...w.compose.networks])].sort() };
}
