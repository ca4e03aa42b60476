import { invalid, isMapping } from '../../import/problems';

/** How a Compose service's `networks` become the `networks` prop (the names, without per-network settings), and why its DNS and host keys are kept out. */

/** Network keys with no prop, and why (host names are service names in both targets). */
export const NETWORK_KEYS_KEPT_OUT: Record<string, string> = {
  network_mode: 'each workload has its own network namespace (sidecars share one: see PodOptions.sidecars)',
  hostname: 'the host name is the service name in both targets',
  domainname: 'no equivalent prop',
  extra_hosts: 'no equivalent prop (Kubernetes: hostAliases)',
  dns: 'no equivalent prop',
  dns_search: 'no equivalent prop',
  dns_opt: 'no equivalent prop',
  mac_address: 'no equivalent prop',
  external_links: 'no equivalent prop',
};

/** The names of the service's networks (a list, or a mapping whose per-network settings are not mapped). */
export function networksOf(s: Record<string, unknown>, key: (k: string) => string, unmapped: Array<[string, string]>): string[] {
  const networks: string[] = [];
  if (Array.isArray(s.networks)) {
    networks.push(...s.networks.map(String));
  } else if (isMapping(s.networks)) {
    for (const [n, settings] of Object.entries(s.networks)) {
      networks.push(n);
      if (isMapping(settings)) {
        for (const detail of Object.keys(settings)) {
          unmapped.push([`networks.${n}.${detail}`, 'no equivalent prop (host names are service names)']);
        }
      }
    }
  } else if (s.networks !== undefined && s.networks !== null) {
    throw invalid(key('networks'), s.networks, 'a list of network names or a mapping');
  }
  return networks;
}

/** The `networks` prop: the named networks the service joins (not Compose's `default`), sorted. */
export function networksProp(networks: readonly string[]): string[] | undefined {
  return networks.length > 0 ? [...networks].sort() : undefined;
}
