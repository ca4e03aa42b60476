/**
 * The shape of the facts transcribed from a real application's upstream deployment files
 * (examples/<app>/upstream.ts), which test/integration/examples-upstream.test.ts compares with the
 * synthesized output.
 */

/** A probe as an upstream manifest writes it (Kubernetes defaults apply to absent timings). */
export interface UpstreamProbe {
  readonly kind: 'grpc' | 'httpGet' | 'tcpSocket' | 'exec';
  readonly port?: number;
  readonly path?: string;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
}

/** One upstream workload. */
export interface UpstreamWorkload {
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly image: string;
  readonly containerPorts: number[];
  /** The Services selecting it, by name. */
  readonly services?: Record<string, { readonly type: string; readonly port: number; readonly targetPort: number }>;
  /** Env values as written; a Secret reference as `<secret NAME/KEY>`. */
  readonly env: Record<string, string>;
  readonly readiness?: UpstreamProbe;
  readonly liveness?: UpstreamProbe;
  readonly serviceAccount?: string;
  readonly terminationGracePeriodSeconds?: number;
  readonly resources?: { readonly requests?: { cpu?: string; memory?: string }; readonly limits?: { cpu?: string; memory?: string } };
  readonly runAsUser?: number;
  readonly readOnlyRootFilesystem?: boolean;
  readonly addCapabilities?: string[];
  readonly initContainers?: string[];
}

/** One upstream Compose service. */
export interface UpstreamComposeService {
  readonly image: string;
  /** Published ports as `host:container`. */
  readonly ports?: string[];
  readonly environment?: Record<string, string>;
  readonly read_only?: boolean;
  readonly cap_add?: string[];
}
