import type { InImageClient } from './health-check.model';
import type { PortSpec } from '../ports/model';

// The model of a health check: what it checks, with its port resolved and its timing in seconds.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** The timing of one Kubernetes probe, in seconds. */
export interface ProbeTiming {
  /** Its own initial delay, when it has one. */
  readonly initialDelaySeconds?: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

/** The timing of a health check, in seconds. */
export interface HealthTiming {
  /** The check itself: Kubernetes' readiness probe and Compose's healthcheck. */
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly startPeriodSeconds: number;
  readonly initialDelaySeconds: number;
  /** The liveness probe; undefined renders none. */
  readonly liveness?: ProbeTiming;
}

/** An HTTP GET on a declared port. */
export interface HttpHealthSpec extends HealthTiming {
  readonly kind: 'http';
  readonly path: string;
  readonly port: PortSpec;
  /** Headers sent with the request, in the order given. */
  readonly headers: Array<{ readonly name: string; readonly value: string }>;
  /** How Compose runs the check inside the container. */
  readonly inImage: InImageClient;
}

/** A TCP connection to a declared port. */
export interface TcpHealthSpec extends HealthTiming {
  readonly kind: 'tcp';
  readonly port: PortSpec;
  /** How Compose runs the check inside the container. */
  readonly inImage: InImageClient;
}

/** A gRPC health check on a declared port. */
export interface GrpcHealthSpec extends HealthTiming {
  readonly kind: 'grpc';
  readonly port: PortSpec;
  /** The service name in the health request; undefined asks for the server's health. */
  readonly service?: string;
  /** How Compose runs the check inside the container. */
  readonly inImage: InImageClient;
}

/** A command run in the container, the same in both targets. */
export interface CommandHealthSpec extends HealthTiming {
  readonly kind: 'command';
  readonly argv: string[];
}

/** A health check with its port resolved and its timing in seconds. */
export type HealthSpec = HttpHealthSpec | TcpHealthSpec | GrpcHealthSpec | CommandHealthSpec;

/** Whether Compose can run the health check: a command, or a network check with a client in the image. */
export function hasComposeHealthCheck(h: HealthSpec | undefined): boolean {
  return h !== undefined && (h.kind === 'command' || h.inImage.tool !== 'none');
}
