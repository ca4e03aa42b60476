import type { AppProtocolName } from '../../shared/naming/kinds';

// The model of a workload's ports: what it listens on and how its Service is exposed.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** How a Kubernetes Service is exposed. */
export type ServiceTypeName = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/** A port the container listens on. */
export interface PortSpec {
  /** IANA-style port name, at most 15 characters. */
  readonly name: string;
  /** Container port (Compose clients connect to it). */
  readonly port: number;
  /** The Kubernetes Service's port (Kubernetes clients connect to it). */
  readonly servicePort: number;
  /** The protocol: the scheme of connection URLs. */
  readonly protocol: AppProtocolName;
  /** The Service port's `appProtocol`, when the user declared a protocol. */
  readonly appProtocol?: string;
  /** Host port Compose publishes; undefined means not published. */
  readonly publish?: number;
  /** Host address Compose publishes on. */
  readonly publishAddress: string;
  /** A fixed node port of a NodePort or LoadBalancer Service. */
  readonly nodePort?: number;
}
