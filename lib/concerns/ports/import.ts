import type { Value } from '../../import/emit';
import { Code } from '../../import/emit';
import type { NormalizedPort } from '../../import/normalize';
import { isPortName } from '../../shared/naming/limits';

/** How a Compose service's `ports` and `expose` become the `ports` prop (names, app protocols, published ports). */

/** Ports that carry something else than HTTP: their Service port says `tcp`. */
const TCP_PORTS = new Set([
  21, 22, 25, 53, 110, 143, 389, 465, 587, 636, 993, 995, 1025, 1433, 1521, 1883, 2181, 2375, 2376, 3306, 4222, 4369, 5432, 5671, 5672, 6379, 6650, 7000, 7001,
  8883, 9042, 9092, 9093, 9300, 11211, 25565, 27017, 61613, 61616,
]);

/** Whether a container port is most likely not HTTP (mail, message brokers, databases, caches). */
export function isTcpPort(port: number): boolean {
  return TCP_PORTS.has(port);
}

/** The `ports` prop of a WebService; a Worker listens on no TCP port, so each of its ports is reported. */
export function portsProp(ports: readonly NormalizedPort[], webService: boolean, skip: (key: string, why: string) => void): Value[] | undefined {
  if (!webService) {
    for (const p of ports) {
      skip('ports', `'${p.text}' is ${p.protocol.toUpperCase()}: only TCP ports are supported`);
    }
    return undefined;
  }
  return portsOf(ports, skip);
}

function portsOf(ports: readonly NormalizedPort[], skip: (key: string, why: string) => void): Value[] {
  const byTarget = new Map<number, Record<string, Value | undefined>>();
  const tcp = ports.filter((p) => p.protocol === 'tcp');
  for (const p of ports) {
    if (p.protocol !== 'tcp') {
      skip('ports', `'${p.text}' is ${p.protocol.toUpperCase()}: only TCP ports are supported`);
    }
  }
  const distinct = new Set(tcp.map((p) => p.target)).size;
  const names = new Set<string>();
  for (const p of tcp) {
    const existing = byTarget.get(p.target);
    if (existing) {
      if (p.published !== undefined || p.ephemeral) {
        skip('ports', `'${p.text}': container port ${p.target} is published once (the first entry)`);
      }
      continue;
    }
    if (p.ephemeral) {
      skip('ports', `'${p.text}' is published on a host port Compose picks: not published (set publish)`);
    }
    const protocol =
      p.appProtocol === 'grpc'
        ? 'GRPC'
        : p.appProtocol === 'h2c'
          ? 'H2C'
          : p.appProtocol === 'tcp' || (p.appProtocol === undefined && isTcpPort(p.target))
            ? 'TCP'
            : undefined;
    const base = protocol === 'TCP' ? 'tcp' : protocol === 'GRPC' ? 'grpc' : 'http';
    let name = p.name && isPortName(p.name) ? p.name : distinct === 1 ? base : `${base}-${p.target}`;
    if (names.has(name)) {
      name = `${base}-${p.target}`;
    }
    names.add(name);
    let publishAddress: string | undefined;
    if (p.published !== undefined && p.hostIp !== undefined && p.hostIp !== '127.0.0.1') {
      if (/^[\d.]+$|:/.test(p.hostIp)) {
        publishAddress = p.hostIp;
      } else {
        skip('ports', `'${p.text}': host_ip '${p.hostIp}' is not an IP address; published on 127.0.0.1`);
      }
    }
    byTarget.set(p.target, {
      name,
      port: p.target,
      protocol: protocol ? new Code(`AppProtocol.${protocol}`, ['AppProtocol']) : undefined,
      publish: p.published,
      publishAddress,
    });
  }
  return [...byTarget.values()] as Value[];
}
