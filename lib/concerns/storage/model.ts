import type { Memory } from '../container/quantity.model';

// The model of storage: persistent volumes and the files a container reads.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** A persistent volume: a PVC template in Kubernetes, a named volume in Compose. */
export interface VolumeSpec {
  readonly name: string;
  readonly mountPath: string;
  readonly size: Memory;
  readonly storageClassName?: string;
}

/** A file the container reads: a ConfigMap key in Kubernetes, a bind-mounted file in Compose. */
export interface ConfigFileSpec {
  /** Absolute path inside the container. */
  readonly path: string;
  /** Unique key: the ConfigMap key and the Compose file name. */
  readonly key: string;
  readonly content: string;
}
