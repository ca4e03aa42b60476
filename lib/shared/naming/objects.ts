/**
 * The names of the objects, volumes, containers, Compose services and networks this library
 * derives from a service name, and the limits Kubernetes puts on them.
 */
import { createHash } from 'crypto';
import type { WorkloadKind } from './kinds';
import { canonicalJson } from '../canonical-json';

/** An RFC 1123 label (Kubernetes `IsDNS1123Label`, without its 63-character limit): most object names, container and port names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The longest service name Kubernetes accepts for a workload kind (CronJobs leave 11 characters for their Jobs' suffix). */
export function maxServiceNameLength(kind: WorkloadKind): number {
  return kind === 'scheduled' ? 52 : 63;
}

/**
 * A name Kubernetes derives from a service name, and its limit: what the props layer checks so
 * that a long service name fails at definition time, not when a controller creates pods.
 */
export interface DerivedName {
  /** What the name is, e.g. `the headless Service`. */
  readonly what: string;
  /** The name, with a placeholder for what a controller appends (`<10-character hash>`). */
  readonly shown: string;
  /** Its length once derived. */
  readonly length: number;
  /** The most characters it may have. */
  readonly max: number;
}

/** The length of the hash a StatefulSet's controller appends to its name in the `controller-revision-hash` pod label (`-` and 10 characters). */
const REVISION_HASH_SUFFIX = 11;

/**
 * The names derived from a service name beyond the objects' own (which are the service name,
 * at most `maxServiceNameLength`): a run-once Worker's Job, `<name>-<template hash>`
 * (`jobName`), whose name the Job controller copies into the `job-name` pod label (at most 63
 * characters); a Database's headless Service, and its StatefulSet's `controller-revision-hash`
 * pod label, `<name>-<hash>`, a label value of at most 63 characters
 * (kubernetes/kubernetes#64023: pods of a StatefulSet named with more than 52 characters are
 * never created).
 */
export function derivedNames(kind: WorkloadKind, serviceName: string): DerivedName[] {
  if (kind === 'run-once') {
    return [
      { what: 'the Job', shown: `${serviceName}-<${JOB_HASH_LENGTH}-character template hash>`, length: serviceName.length + 1 + JOB_HASH_LENGTH, max: 63 },
    ];
  }
  if (kind !== 'database') {
    return [];
  }
  const headless = headlessServiceName(serviceName);
  return [
    { what: 'the headless Service', shown: headless, length: headless.length, max: 63 },
    {
      what: "the StatefulSet's pod label controller-revision-hash",
      shown: `${serviceName}-<10-character hash>`,
      length: serviceName.length + REVISION_HASH_SUFFIX,
      max: 63,
    },
  ];
}

/** The hexadecimal characters of a Job's template hash (`jobName`): 32 bits, a clash among one service's templates is not a concern. */
const JOB_HASH_LENGTH = 8;

/**
 * The Job of a run-once Worker: `<service>-<hash>`, the first 8 hex characters of the SHA-256
 * of its pod template (canonical JSON, as written). A Job's template is immutable, and Argo CD
 * applies every object on each sync: a name that changes with the template makes a changed
 * template a NEW Job (it runs once) and leaves an unchanged one alone (nothing re-runs), with
 * no Force/Replace (which would delete and recreate the Job, re-running it, on every sync).
 * Nothing refers to the Job by name: pods are selected by labels, Compose keeps the service
 * name, and the output checks read the `app.kubernetes.io/name` label.
 */
export function jobName(serviceName: string, template: unknown): string {
  return `${serviceName}-${createHash('sha256').update(canonicalJson(template)).digest('hex').slice(0, JOB_HASH_LENGTH)}`;
}

/** The headless Service of a Database (peer discovery for its StatefulSet). */
export function headlessServiceName(serviceName: string): string {
  return `${serviceName}-headless`;
}

/**
 * The Role and RoleBinding of a workload's grants: the service name, unique in the
 * namespace even when several workloads share one ServiceAccount.
 */
export function roleName(serviceName: string): string {
  return serviceName;
}

/** The ConfigMap holding a workload's config files. */
export function configMapName(serviceName: string): string {
  return `${serviceName}-config`;
}

/** The pod volume that mounts the config files' ConfigMap. */
export const CONFIG_VOLUME = 'config-files';

/** The pod template annotation with a checksum of the config files (pods roll when it changes). */
export const CONFIG_CHECKSUM_ANNOTATION = 'cdk8s-compose.io/config-checksum';

/** The memory-backed emptyDir mounted at /dev/shm (Postgres's parallel queries need more than the runtime's 64Mi). */
export const SHARED_MEMORY_VOLUME = 'shared-memory';

/** Where POSIX shared memory lives in a Linux container. */
export const SHARED_MEMORY_PATH = '/dev/shm';

/** The emptyDir volume name for a writable path: `/var/run/postgresql` becomes `var-run-postgresql`. */
export function writableVolumeName(path: string): string {
  return (
    path
      .replace(/^\/+|\/+$/g, '')
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 63)
      .replace(/^-+|-+$/g, '') || 'root'
  );
}

/** The emptyDir of a writable path of an init container or sidecar (its own, not the main container's). */
export function extraWritableVolumeName(container: string, path: string): string {
  return `${container}-${writableVolumeName(path)}`.slice(0, 63).replace(/-+$/, '');
}

/** The Compose service of an init container or sidecar: `<service>-<container>`. */
export function extraServiceName(serviceName: string, container: string): string {
  return `${serviceName}-${container}`;
}

/** The Kubernetes init container that waits until a dependency accepts connections. */
export function waitContainerName(target: string): string {
  return `wait-for-${target}`.slice(0, 63).replace(/-+$/, '');
}

/** Whether an init container is one of the library's wait-for containers (Compose waits with depends_on instead). */
export function isWaitContainer(name: string): boolean {
  return name.startsWith('wait-for-');
}

/** The pod volume of a Secret whose keys are mounted as files. */
export function secretVolumeName(secretName: string): string {
  return `secret-${secretName.replace(/\./g, '-')}`.slice(0, 63).replace(/-+$/, '');
}

/** The Secret a Database reads its password from unless told otherwise. */
export function defaultCredentialsSecretName(serviceName: string): string {
  return `${serviceName}-credentials`;
}

/** The Compose network a Database shares with its clients. */
export function databaseNetworkName(serviceName: string): string {
  return `${serviceName}${DATABASE_NETWORK_SUFFIX}`;
}

const DATABASE_NETWORK_SUFFIX = '-net';

/** The service whose database network `network` would be (the inverse of databaseNetworkName), if the name has that form. */
export function databaseOfNetwork(network: string): string | undefined {
  return network.endsWith(DATABASE_NETWORK_SUFFIX) ? network.slice(0, -DATABASE_NETWORK_SUFFIX.length) : undefined;
}

/** The Compose named volume of one persistent volume of a workload. */
export function composeVolumeName(serviceName: string, volume: string): string {
  return `${serviceName}-${volume}`;
}

/** The Compose profile of scheduled jobs (Compose has no scheduler: they run on demand). */
export const SCHEDULED_PROFILE = 'scheduled';

// Metrics and monitoring

/** A DNS label from a Compose name: lower case, `_` and other characters as `-`. */
export function dnsLabel(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}
