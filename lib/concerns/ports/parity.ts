import type { IntendedDifference, ParityPair } from '../../validation/parity-pair';
import { byNumber } from '../../validation/parity-pair';

/** What the targets may differ in about ports. */
export const PORTS_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  { feature: 'published host ports (`publish`, `publishAddress`)', why: 'local development only; Kubernetes exposes services through Services and Ingress' },
  {
    feature: 'Service ports, Service types, node ports and `appProtocol`',
    why: 'Compose has no Services: its clients connect to container ports, and the connection outputs carry each target its own port',
  },
];

/** The container ports of a service: what Compose's `expose` lists (extra containers have none of their own). */
export function containerPortsOf(p: ParityPair): number[] {
  return (p.kubernetes.container.ports ?? []).map((port: any) => port.containerPort).sort(byNumber);
}

/** The container ports Compose exposes are the Kubernetes container's. */
export function exposeParity(p: ParityPair): void {
  p.eq('ports', containerPortsOf(p), (p.compose.expose ?? []).map(Number).sort(byNumber));
}

/** Every published port leads to a container port (or is a development port). */
export function publishedParity(p: ParityPair): void {
  const containerPorts = containerPortsOf(p);
  for (const published of p.compose.ports ?? []) {
    const target = Number(String(published).split(':').pop());
    if (!containerPorts.includes(target) && !p.devOnly.has(`ports.${target}`)) {
      p.diff('ports.published', `container ports ${containerPorts.join(', ') || 'none'}`, `a published port to ${target}`);
    }
  }
}

/**
 * Service port -> container port, per Service whose port differs from its pods' port: clients
 * reach `svc:servicePort` in Kubernetes and `svc:containerPort` in Compose (no Services there).
 */
export function servicePortMap(objects: any[], containerOf: (service: string) => any): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  for (const svc of objects.filter((o) => o.kind === 'Service' && o.spec?.clusterIP !== 'None')) {
    const pods = containerOf(svc.metadata?.name)?.ports ?? [];
    for (const port of svc.spec?.ports ?? []) {
      const target = typeof port.targetPort === 'string' ? pods.find((c: any) => c.name === port.targetPort)?.containerPort : (port.targetPort ?? port.port);
      if (typeof target === 'number' && target !== port.port) {
        out.push([svc.metadata.name, port.port, target]);
      }
    }
  }
  return out;
}
