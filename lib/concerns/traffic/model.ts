// The model of traffic into a web service.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** An Ingress in front of a web service. */
export interface IngressSpec {
  readonly host: string;
  readonly path: string;
  readonly tlsSecretName?: string;
  readonly className?: string;
  /** Sorted by key. */
  readonly annotations: Readonly<Record<string, string>>;
}
