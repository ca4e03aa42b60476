// What every concern's parity rule (lib/concerns/<concern>/parity.ts) works with: one service
// as each target has it, and how a difference is reported. A leaf module: the rules and the
// check that runs them (parity.ts) both import it.
import { durationSeconds } from '../shared/parse/duration';
import { composeOrKubernetesBytes, cpuCores } from '../shared/parse/quantity';

/** A difference between the targets that is intended. */
export interface IntendedDifference {
  /** What differs. */
  readonly feature: string;
  /** Why it differs. */
  readonly why: string;
}

/** Options of the parity check. */
export interface ParityOptions {
  /**
   * Services whose health check exists only in Kubernetes, by the user's choice
   * (`InImageClient.NONE`, recorded as a chart warning).
   * @default - none
   */
  readonly healthOnlyInKubernetes?: string[];

  /**
   * Services whose Compose healthcheck for an HTTP, TCP or gRPC check runs the user's own
   * command (`InImageClient.command`): what it probes is inside that command, so only the
   * presence and timing of the check are compared.
   * @default - none
   */
  readonly ownHealthCommand?: string[];
}

/** A workload of the Kubernetes output, as the parity check reads it. */
export interface KubernetesWorkload {
  readonly name: string;
  /** A workload kind, or `InitContainer` / `Sidecar` for a pod's extra container. */
  readonly kind: string;
  /** The workload an extra container belongs to. */
  readonly owner?: string;
  readonly replicas: number;
  readonly pod: any;
  readonly container: any;
  readonly claims: string[];
}

/** One service as both targets have it, and the two ways a rule reports a difference. */
export interface ParityPair {
  /** The service name (the Kubernetes workload's and the Compose service's). */
  readonly name: string;
  readonly kubernetes: KubernetesWorkload;
  /** The Compose service. */
  readonly compose: any;
  /** What local development overrides or adds, as the Compose file labels it: not compared. */
  readonly devOnly: ReadonlySet<string>;
  readonly options: ParityOptions;
  /** Reports a difference unless the values are equal (as JSON) or the aspect is a development override. */
  eq(aspect: string, kubernetes: unknown, compose: unknown): void;
  /** Reports a difference. */
  diff(aspect: string, kubernetes: unknown, compose: unknown): void;
}

/** Seconds of a Compose duration (`1m30s`). */
export function seconds(d: string | undefined): number | undefined {
  return d === undefined ? undefined : durationSeconds(d);
}

/** Cores of a Kubernetes CPU quantity (`500m`) or a Compose `cpus` value (`0.5`). */
export function cores(q: string | number | undefined): number | undefined {
  return q === undefined ? undefined : cpuCores(q);
}

/** Bytes of a Kubernetes quantity (`256Mi`, `1G`) or a Docker size (`256m` binary, `10b`). */
export function bytes(q: string | number | undefined): number | undefined {
  return q === undefined ? undefined : composeOrKubernetesBytes(q);
}

export function byNumber(a: number, b: number): number {
  return a - b;
}
