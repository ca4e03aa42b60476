import { INT32_MAX, isCount, isPort, isPortName, PORT_NAME_MAX_LENGTH, PORT_RANGE } from '../../shared/naming/limits';
import type { AppProtocolName } from '../../shared/naming/kinds';
import type { PortSpec, ServiceTypeName } from './model';
import { checkDnsLabel } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { enumOf, listOf, num, obj, optional, required, str } from '../../shared/shape';

/**
 * The application protocol a port speaks. It sets the Kubernetes Service port's
 * `appProtocol` (read by service meshes, Gateway API and cloud load balancers) and the scheme
 * of the URLs clients receive (`connection.url`).
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#application-protocol
 */
export enum AppProtocol {
  /** HTTP/1.1 (and HTTP/2 with TLS): `appProtocol: http`, URLs `http://`. */
  HTTP = 'http',
  /** HTTP/2 without TLS: `appProtocol: kubernetes.io/h2c`, URLs `http://`. */
  H2C = 'h2c',
  /** gRPC: `appProtocol: grpc`, URLs `grpc://`. */
  GRPC = 'grpc',
  /** Plain TCP: `appProtocol: tcp`, URLs `tcp://`. */
  TCP = 'tcp',
}

/**
 * How the Kubernetes Service of a WebService is exposed. The values are Kubernetes' own (the
 * same strings as cdk8s-plus-28's `ServiceType`, so either enum can be passed).
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export enum ServiceType {
  /** Reachable inside the cluster only. */
  CLUSTER_IP = 'ClusterIP',
  /** Also on a port of every node (`nodePort`). */
  NODE_PORT = 'NodePort',
  /** Also through the cloud's load balancer. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** A port a WebService listens on. */
export interface ServicePort {
  /** Port name (IANA style, at most 15 characters), e.g. `http`. */
  readonly name: string;
  /** Container port: what the process listens on. */
  readonly port: number;
  /**
   * The Kubernetes Service's port, which clients in the cluster connect to (e.g. 80 in front
   * of a container on 8080). Compose has no Service: clients there connect to the container
   * port, and the connection outputs (`connection.port`, `.address`, `.url`) carry the right
   * number in each target.
   * @default - the container port
   */
  readonly servicePort?: number;
  /**
   * The application protocol: Service `appProtocol` and the scheme of connection URLs.
   * @default - HTTP, with no `appProtocol` written
   */
  readonly protocol?: AppProtocol;
  /**
   * Publish the port on the developer's machine in Compose, at this host port (on
   * `publishAddress`). Kubernetes is unaffected (use `ingress` or `serviceType` there).
   * @default - not published
   */
  readonly publish?: number;
  /**
   * The host address Compose publishes on, e.g. `0.0.0.0` to reach the port from other
   * machines.
   * @default '127.0.0.1'
   */
  readonly publishAddress?: string;
  /**
   * A fixed node port (30000-32767) for a `NODE_PORT` or `LOAD_BALANCER` Service.
   * @default - Kubernetes picks one
   */
  readonly nodePort?: number;
}

/** The appProtocol Kubernetes expects for each protocol. */
const APP_PROTOCOL: Record<AppProtocol, string> = {
  [AppProtocol.HTTP]: 'http',
  [AppProtocol.H2C]: 'kubernetes.io/h2c',
  [AppProtocol.GRPC]: 'grpc',
  [AppProtocol.TCP]: 'tcp',
};

/** Where Compose publishes a port unless told otherwise: the developer's machine only. */
export const DEFAULT_PUBLISH_ADDRESS = '127.0.0.1';

/** Kubernetes' default node port range (`--service-node-port-range`). */
const NODE_PORT_RANGE = { min: 30000, max: 32767 };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;

/**
 * Checks a list of ports: names, numbers, uniqueness, Service and node ports, protocols and
 * published host ports; fills in the defaults.
 */
export function normalizePorts(ports: readonly ServicePort[], problems: string[], serviceType: ServiceType = ServiceType.CLUSTER_IP): PortSpec[] {
  const names = new Set<string>();
  const numbers = new Set<number>();
  const servicePorts = new Set<number>();
  if (!Array.isArray(ports)) {
    problems.push(`ports ${show(ports)} is invalid; allowed: a list of { name, port, publish? }`);
    return [];
  }
  const published = new Set<number>();
  const range = `a whole number from ${PORT_RANGE.min} to ${PORT_RANGE.max}`;
  const out: PortSpec[] = [];
  for (const p of ports) {
    if (typeof p?.name !== 'string') {
      problems.push(`port ${show(p)} has no name; allowed: { name: 'http', port: 8080 }`);
      continue;
    }
    // isPortName is the rule; the DNS-label check first only words the message.
    const nameProblem = checkDnsLabel('port name', p.name, PORT_NAME_MAX_LENGTH);
    if (nameProblem) {
      problems.push(nameProblem);
    } else if (!isPortName(p.name)) {
      problems.push(`port name '${p.name}' is invalid; allowed: at least one letter and no '--' (an IANA service name)`);
    }
    if (names.has(p.name)) {
      problems.push(`port name '${p.name}' is used twice; each port needs its own name`);
    }
    names.add(p.name);
    if (!isPort(p.port)) {
      problems.push(`port ${show(p.port)} (${p.name}) is out of range; allowed: ${range}`);
    } else if (numbers.has(p.port)) {
      problems.push(`port ${p.port} is declared twice; each container port must be unique`);
    }
    numbers.add(p.port);
    const servicePort = p.servicePort ?? p.port;
    if (p.servicePort !== undefined && !isPort(p.servicePort)) {
      problems.push(`servicePort ${show(p.servicePort)} (${p.name}) is out of range; allowed: ${range}`);
    } else if (isPort(servicePort) && servicePorts.has(servicePort)) {
      problems.push(`service port ${servicePort} (${p.name}) is used twice; each Service port must be unique`);
    }
    servicePorts.add(servicePort);
    if (p.protocol !== undefined && !Object.values(AppProtocol).includes(p.protocol)) {
      problems.push(`protocol ${show(p.protocol)} (${p.name}) is invalid; allowed: ${Object.values(AppProtocol).join(', ')}`);
    }
    if (p.publish !== undefined && !isPort(p.publish)) {
      problems.push(`published host port ${show(p.publish)} (${p.name}) is out of range; allowed: ${range}`);
    } else if (p.publish !== undefined && published.has(p.publish)) {
      problems.push(`published host port ${p.publish} (${p.name}) is published twice by this service; each host port can be published once`);
    }
    if (p.publish !== undefined) {
      published.add(p.publish);
    }
    const publishAddress = p.publishAddress ?? DEFAULT_PUBLISH_ADDRESS;
    if (typeof publishAddress !== 'string' || !(IPV4.test(publishAddress) || (publishAddress.includes(':') && IPV6.test(publishAddress)))) {
      problems.push(
        `publishAddress ${show(publishAddress)} (${p.name}) is not an IP address; allowed: an IPv4 or IPv6 address such as '127.0.0.1', '0.0.0.0' or '::1'`,
      );
    }
    if (p.nodePort !== undefined) {
      if (serviceType === ServiceType.CLUSTER_IP) {
        problems.push(`nodePort ${show(p.nodePort)} (${p.name}) needs serviceType NODE_PORT or LOAD_BALANCER; the Service is ClusterIP`);
      } else if (!Number.isInteger(p.nodePort) || p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max) {
        problems.push(
          `nodePort ${show(p.nodePort)} (${p.name}) is out of range; allowed: a whole number from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max} (the default node port range)`,
        );
      }
    }
    const protocol: AppProtocolName = p.protocol ?? AppProtocol.HTTP;
    const appProtocol = p.protocol === undefined ? undefined : APP_PROTOCOL[p.protocol as AppProtocol];
    out.push({
      name: p.name,
      port: p.port,
      servicePort,
      protocol,
      appProtocol,
      publish: p.publish,
      publishAddress,
      nodePort: p.nodePort,
    });
  }
  return out;
}

/** A database's single port: TCP, the Service port equal to the container port. */
export function databasePort(name: string, port: number, publish: number | undefined, problems: string[]): PortSpec[] {
  return normalizePorts([{ name, port, publish }], problems).map((p) => ({ ...p, protocol: 'tcp' }));
}

/** Checks a Service type. */
export function normalizeServiceType(type: ServiceType | undefined, problems: string[]): ServiceTypeName {
  const t = type ?? ServiceType.CLUSTER_IP;
  if (!Object.values(ServiceType).includes(t)) {
    problems.push(`serviceType ${show(t)} is invalid; allowed: ${Object.values(ServiceType).join(', ')}`);
  }
  return t;
}

/** Checks a replica count, defaulting to `fallback`. */
export function normalizeReplicas(replicas: number | undefined, fallback: number, problems: string[]): number {
  const r = replicas ?? fallback;
  if (!isCount(r, 0)) {
    problems.push(`replicas ${show(r)} is invalid; allowed: a whole number from 0 to ${INT32_MAX}`);
  }
  return r;
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const SERVICE_PORTS = listOf(
  obj<ServicePort>(
    {
      name: required(str),
      port: required(num),
      protocol: optional(enumOf('an AppProtocol', AppProtocol)),
      publish: optional(num),
      publishAddress: optional(str),
      servicePort: optional(num),
      nodePort: optional(num),
    },
    'a port',
  ),
  'a list of ports',
);
export const SERVICE_TYPE = enumOf('a ServiceType', ServiceType);
