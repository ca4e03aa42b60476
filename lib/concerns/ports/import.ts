import type { Value } from '../../import/emit';
import { Code } from '../../import/emit';
import { isPortName } from '../../shared/naming/limits';
import { invalid, isMapping } from '../../import/problems';
import { listOf } from '../../import/syntax';

/**
 * How a Compose service's `ports` (short and long syntax, ranges) and `expose` are read and
 * become the `ports` prop (names, app protocols, published ports).
 */

/** A container port, published or not. */
export interface NormalizedPort {
  readonly target: number;
  /** The host port; undefined when not published, or published on a port Compose picks. */
  readonly published?: number;
  /** Whether Compose publishes it on a host port it picks (`- "80"`, a host range). */
  readonly ephemeral: boolean;
  readonly hostIp?: string;
  readonly protocol: string;
  /** Long syntax `name` and `app_protocol`. */
  readonly name?: string;
  readonly appProtocol?: string;
  /** The entry as written, for comments. */
  readonly text: string;
}

/** The service's `ports`, then its `expose` entries as ports published nowhere. */
export function normalizePorts(s: Record<string, unknown>, key: (k: string) => string): NormalizedPort[] {
  const ports = [
    ...listOf(s.ports, key('ports'))
      .map((p, i) => normalizePort(p, `${key('ports')}[${i}]`))
      .flat(),
  ];
  for (const [i, e] of listOf(s.expose, key('expose')).entries()) {
    for (const target of portRange(String(e).replace(/\/(tcp|udp)$/, ''), `${key('expose')}[${i}]`, e)) {
      ports.push({ target, ephemeral: false, protocol: String(e).endsWith('/udp') ? 'udp' : 'tcp', text: String(e) });
    }
  }
  return ports;
}

/** `8080`, `"8080:80"`, `"127.0.0.1:8080:80/tcp"`, `"[::1]:8080:80"`, `"8000-8002:8000-8002"`, or the long syntax. */
export function normalizePort(value: unknown, key: string): NormalizedPort[] {
  if (isMapping(value)) {
    const target = Number(value.target);
    if (!Number.isInteger(target) || target < 1 || target > 65535) {
      throw invalid(`${key}.target`, value.target, 'a container port from 1 to 65535');
    }
    const protocol = value.protocol === undefined ? 'tcp' : String(value.protocol);
    const published = value.published === undefined || value.published === null ? undefined : String(value.published);
    const hosts = published === undefined ? undefined : portRange(published, `${key}.published`, value.published);
    return [
      {
        target,
        published: hosts?.length === 1 ? hosts[0] : undefined,
        ephemeral: published === undefined ? false : hosts!.length !== 1,
        hostIp: value.host_ip === undefined ? undefined : String(value.host_ip),
        protocol,
        name: value.name === undefined ? undefined : String(value.name),
        appProtocol: value.app_protocol === undefined ? undefined : String(value.app_protocol),
        text: JSON.stringify(value),
      },
    ];
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw invalid(key, value, "a port such as 8080, '8080:80', '127.0.0.1:8080:80/tcp', or { target, published, host_ip, protocol }");
  }
  const text = String(value);
  let rest = text;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close < 0) {
      throw invalid(key, value, "'[IPv6]:host:container'");
    }
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (parts.length > 3 || (hostIp !== undefined && parts.length !== 2)) {
    throw invalid(key, value, "'[host_ip:][host:]container[/protocol]', e.g. '127.0.0.1:8080:80/tcp'");
  }
  if (parts.length === 3) {
    hostIp = parts.shift();
  }
  const containers = portRange(parts[parts.length - 1], key, value);
  if (parts.length === 1) {
    return containers.map((target) => ({ target, ephemeral: true, hostIp, protocol, text }));
  }
  const hosts = parts[0] === '' ? [] : portRange(parts[0], key, value);
  if (hosts.length === containers.length) {
    return containers.map((target, i) => ({ target, published: hosts[i], ephemeral: false, hostIp, protocol, text }));
  }
  return containers.map((target) => ({ target, ephemeral: true, hostIp, protocol, text }));
}

/** `8080` or `8000-8010`, as port numbers. */
function portRange(text: string, key: string, value: unknown): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  const from = m ? Number(m[1]) : NaN;
  const to = m?.[2] ? Number(m[2]) : from;
  if (!m || from < 1 || to > 65535 || to < from) {
    throw invalid(key, value, 'ports from 1 to 65535, a single one or a range such as 8000-8010');
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

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
