import type { k8s } from 'cdk8s-plus-28';
import { intOrString } from '../../render/kubernetes/json';
import type { PortSpec } from './model';
import type { WorkloadModel } from '../../model/workload';

/** The ports of the workload's Service: each Service port targets its container port by name. */
export function servicePorts(m: WorkloadModel): k8s.ServicePort[] {
  return m.ports.map((p) => ({
    name: p.name,
    port: p.servicePort,
    targetPort: intOrString(p.name),
    protocol: 'TCP',
    appProtocol: p.appProtocol,
    nodePort: p.nodePort,
  }));
}

/** The ports a container declares. */
export function containerPorts(ports: readonly PortSpec[]): k8s.ContainerPort[] | undefined {
  return ports.length > 0 ? ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })) : undefined;
}

/** The client Service of a workload that listens: ClusterIP for a database, the chosen type for a WebService. */
export function serviceSpec(m: WorkloadModel, selector: Record<string, string>): k8s.ServiceSpec {
  return { type: m.kind === 'web' ? m.serviceType : 'ClusterIP', selector, ports: servicePorts(m) };
}

/** The headless Service of a database's StatefulSet (stable pod names for peers). */
export function headlessServiceSpec(m: WorkloadModel, selector: Record<string, string>): k8s.ServiceSpec {
  return { clusterIp: 'None', publishNotReadyAddresses: true, selector, ports: servicePorts(m) };
}
