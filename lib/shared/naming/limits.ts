/** The ranges Kubernetes and Compose accept: port numbers and names, counts, and published host ports. */
import { DNS_LABEL } from './objects';

/** Valid TCP port numbers, for container, Service and host ports. */
export const PORT_RANGE = { min: 1, max: 65535 } as const;

/** The largest count, threshold or number of seconds Kubernetes stores (`int32` fields: replicas, probe timings, backoffLimit). */
export const INT32_MAX = 2147483647;

/** Whether `n` is a whole number from `min` to {@link INT32_MAX}. */
export function isCount(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= INT32_MAX;
}

/** The longest port name (an IANA service name). */
export const PORT_NAME_MAX_LENGTH = 15;

/**
 * Whether `name` is a valid port name (Kubernetes `IsValidPortName`, an IANA service name): a
 * DNS-1123 label of at most 15 characters with at least one letter and no `--`.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports
 */
export function isPortName(name: string): boolean {
  return name.length <= PORT_NAME_MAX_LENGTH && DNS_LABEL.test(name) && /[a-z]/.test(name) && !name.includes('--');
}

/** Whether `n` is a valid port number. */
export function isPort(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= PORT_RANGE.min && n <= PORT_RANGE.max;
}

/**
 * The host ports Compose publishes for one port: one per replica, counting up from the
 * given port (Compose publishes a range when a service has several containers).
 */
export function publishedHostPorts(publish: number, replicas: number): number[] {
  // Never past the last port: a range that does not fit is reported by the props layer.
  return Array.from({ length: Math.max(1, Math.min(replicas, PORT_RANGE.max - publish + 1)) }, (_, i) => publish + i);
}
