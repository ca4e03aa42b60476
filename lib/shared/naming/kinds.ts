/**
 * The workload kinds and application protocols the naming contract is written for, and what
 * each kind implies (a Service, a rollout, a run to completion). The model (lib/model/workload.ts)
 * uses these types; they live here so that the naming contract imports nothing above lib/shared.
 */

/** What a workload is; decides which objects each backend renders. */
export type WorkloadKind = 'web' | 'worker' | 'scheduled' | 'run-once' | 'database';

/** A kind of External Secrets Operator store an ExternalSecret reads from: namespaced, or cluster-wide. */
export type SecretStoreKind = 'SecretStore' | 'ClusterSecretStore';

/** Every store kind, for the checks and their messages (the type above decides what each entry may be). */
export const SECRET_STORE_KINDS: readonly SecretStoreKind[] = ['SecretStore', 'ClusterSecretStore'];

/** An application protocol: `http`, `h2c`, `grpc` or `tcp`. */
export type AppProtocolName = 'http' | 'h2c' | 'grpc' | 'tcp';

/** Whether a workload kind has a Kubernetes Service named after it (a DNS-1035 label: it starts with a letter). */
export function hasService(kind: WorkloadKind): boolean {
  return kind === 'web' || kind === 'database';
}

/** Whether a kind runs to completion (Kubernetes Job or CronJob, a Compose service that is not restarted). */
export function isJob(kind: WorkloadKind): boolean {
  return kind === 'run-once' || kind === 'scheduled';
}

/** Whether a kind keeps several interchangeable pods behind a rollout (Deployment). */
export function isReplicated(kind: WorkloadKind): boolean {
  return kind === 'web' || kind === 'worker';
}
