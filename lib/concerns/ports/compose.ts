import type { ComposeService } from '../../render/compose/types';
import type { PortSpec } from './model';
import { publishedHostPorts } from '../../shared/naming/limits';
import { orUndefined } from '../../shared/util';

/**
 * The ports of a Compose service: the container ports, as in Kubernetes (other services reach
 * them on shared networks), and the published ones on the given host address.
 */
export function composePorts(ports: readonly PortSpec[], replicas: number): Pick<ComposeService, 'expose' | 'ports'> {
  const published = ports
    .filter((p) => p.publish !== undefined)
    .map((p) => {
      // An IPv6 address is written in brackets: `[::1]:8080:80`.
      const address = p.publishAddress.includes(':') ? `[${p.publishAddress}]` : p.publishAddress;
      return `${address}:${hostPortRange(p.publish!, replicas)}:${p.port}`;
    });
  return { expose: orUndefined(ports.map((p) => `${p.port}`)), ports: orUndefined(published) };
}

/** The host port, or the range of host ports (one per replica), a published port takes. */
export function hostPortRange(publish: number, replicas: number): string {
  const hostPorts = publishedHostPorts(publish, replicas);
  return hostPorts.length > 1 ? `${hostPorts[0]}-${hostPorts[hostPorts.length - 1]}` : `${hostPorts[0]}`;
}
