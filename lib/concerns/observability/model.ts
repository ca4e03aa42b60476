import type { PortSpec } from '../ports/model';

// The model of observability: the metrics endpoint Prometheus scrapes.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** A metrics endpoint Prometheus scrapes. */
export interface MetricsSpec {
  /** The port: one of the workload's ports (a Worker's is added to them, named `metrics`). */
  readonly port: PortSpec;
  /** The HTTP path, starting with `/`. */
  readonly path: string;
  /** The scrape interval, in whole seconds. */
  readonly intervalSeconds: number;
}
