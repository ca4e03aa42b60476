import type { Cpu, Memory } from './quantity.model';

// The model of a container: how its image is pulled, its requests and limits, its security context.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** When the kubelet pulls the image. */
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** Requests and limits. */
export interface ResourcesSpec {
  readonly cpuRequest: Cpu;
  readonly cpuLimit: Cpu;
  readonly memoryRequest: Memory;
  readonly memoryLimit: Memory;
}

/** The security context every container runs with. */
export interface SecuritySpec {
  readonly runAsUser: number;
  readonly runAsGroup: number;
  /** False only when the workload runs as root (uid 0). */
  readonly runAsNonRoot: boolean;
  /** Linux capabilities added after dropping all, e.g. `NET_BIND_SERVICE`. Sorted. */
  readonly addCapabilities: string[];
  readonly readOnlyRootFilesystem: boolean;
  /** Paths that stay writable on a read-only root: emptyDir in Kubernetes, tmpfs in Compose. Sorted. */
  readonly writablePaths: string[];
}
