import type { EnvValue } from '../env/env-value.model';
import type { PortSpec } from '../ports/model';
import type { PullPolicy, ResourcesSpec, SecuritySpec } from '../container/model';
import type { RoleRuleSpec } from '../security/model';

// The model of pod options: pod-level settings, scheduling, init containers and sidecars.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** An extra container of the pod: an init container or a sidecar. */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: PullPolicy;
  readonly command?: string[];
  readonly args?: string[];
  readonly env: Map<string, EnvValue>;
  /** Ports on the pod (sidecars only; never on the Service). */
  readonly ports: PortSpec[];
  readonly resources: ResourcesSpec;
  readonly security: SecuritySpec;
}

/** A toleration of a node taint. */
export interface TolerationSpec {
  readonly key?: string;
  readonly operator: string;
  readonly value?: string;
  readonly effect?: string;
}

/** A condition on a node label. */
export interface NodeExpressionSpec {
  readonly key: string;
  readonly operator: string;
  readonly values?: string[];
}

/** Pod-level settings, init containers and sidecars. */
export interface PodSpecModel {
  readonly terminationGracePeriodSeconds?: number;
  readonly annotations: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly nodeSelector: Record<string, string>;
  readonly tolerations: TolerationSpec[];
  readonly nodeAffinity?: {
    readonly required: NodeExpressionSpec[];
    readonly preferred: Array<{ readonly weight: number; readonly expression: NodeExpressionSpec }>;
  };
  /** A ServiceAccount of the workload's own; undefined uses the namespace's default. */
  readonly serviceAccount?: {
    readonly name: string;
    readonly annotations: Record<string, string>;
    readonly mountToken: boolean;
    readonly create: boolean;
    /** Rules of the workload's Role, bound to the account; none: no Role. Sorted, without duplicates. */
    readonly rules: RoleRuleSpec[];
  };
  readonly initContainers: ContainerSpec[];
  readonly sidecars: ContainerSpec[];
  /** Warnings about the extra containers' images (mutable references). */
  readonly imageWarnings: string[];
  /**
   * Kubernetes only: wait in an init container until each network dependency accepts
   * connections (Compose's depends_on does that already). The container's image, resources
   * and security; the renderer adds the command per dependency.
   */
  readonly waitFor?: Omit<ContainerSpec, 'name' | 'command' | 'args'>;
}
