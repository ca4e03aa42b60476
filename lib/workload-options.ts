import { EnvValue } from './model/env-value';
import { PodCount } from './model/pod-count';
import { Cpu, Memory } from './model/quantity';
import { ConfigFileSpec, normalizeConfigFiles, normalizeEnv, normalizeImage, normalizeResources, ResourcesSpec, SecuritySpec } from './model/workload';
import { show, volumeName } from './_util';

/** When the kubelet pulls the image. */
export enum ImagePullPolicy {
  /** Pull on every pod start (mutable tags such as `latest`). */
  ALWAYS = 'Always',
  /** Pull only when the node does not have the image (immutable tags). */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull (images loaded onto nodes; tests). */
  NEVER = 'Never',
}

/** CPU and memory requests and limits. */
export interface ResourceOptions {
  /**
   * CPU the scheduler reserves.
   * @default Cpu.millis(100)
   */
  readonly cpuRequest?: Cpu;
  /**
   * CPU the container may use at most.
   * @default Cpu.millis(500)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory the scheduler reserves.
   * @default Memory.mebibytes(128)
   */
  readonly memoryRequest?: Memory;
  /**
   * Memory the container may use at most (it is killed above it).
   * @default Memory.mebibytes(256)
   */
  readonly memoryLimit?: Memory;
}

/** The security context of the containers. The defaults meet Pod Security "restricted". */
export interface SecurityOptions {
  /**
   * Numeric user id the container runs as (never root).
   * @default 10001 (databases: the engine's user, 999)
   */
  readonly runAsUser?: number;
  /**
   * Numeric group id the container runs as.
   * @default - the same as runAsUser
   */
  readonly runAsGroup?: number;
  /**
   * Mount the root filesystem read-only. Writable paths come from `writablePaths`.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Paths that stay writable: emptyDir volumes in Kubernetes, tmpfs in Compose.
   * `/tmp` is always included.
   * @default ['/tmp']
   */
  readonly writablePaths?: string[];
}

/** A file mounted read-only into the container. */
export interface ConfigFile {
  /** Absolute path inside the container, e.g. `/etc/app/config.json`. */
  readonly path: string;
  /** The file's content (never a secret: it is committed in a ConfigMap). */
  readonly content: string;
}

/** How a Deployment replaces pods during a rollout. */
export interface RollingUpdateOptions {
  /**
   * Pods created above the desired count during a rollout.
   * @default PodCount.percent(25)
   */
  readonly maxSurge?: PodCount;
  /**
   * Pods that may be unavailable during a rollout.
   * @default PodCount.of(0)
   */
  readonly maxUnavailable?: PodCount;
}

/** Availability of workloads with replicas (WebService, continuous Worker). */
export interface AvailabilityOptions {
  /**
   * How a rollout replaces pods.
   * @default - maxSurge 25%, maxUnavailable 0 (never below the desired count)
   */
  readonly rollingUpdate?: RollingUpdateOptions;

  /**
   * Render a PodDisruptionBudget (maxUnavailable 1) when the workload runs at least two
   * pods. Never rendered for one pod: it would block node drains forever.
   * @default true
   */
  readonly disruptionBudget?: boolean;

  /**
   * Spread pods over nodes and zones (`ScheduleAnyway`: a preference that never blocks
   * scheduling) when the workload runs at least two pods.
   * @default true
   */
  readonly topologySpread?: boolean;
}

/** Props every workload accepts. */
export interface WorkloadOptions {
  /**
   * Container image, with a tag or digest.
   */
  readonly image: string;

  /**
   * Service name: the Kubernetes object names, the Compose service name and the host
   * name in both. Changing it renames every object.
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * When the kubelet pulls the image (Compose always uses a local image when present).
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * Environment variables. More can be added with `addEnv()` and `connectTo()`.
   * @default - none
   */
  readonly env?: Record<string, EnvValue>;

  /**
   * Overrides the image's entrypoint (Kubernetes `command`, Compose `entrypoint`).
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];

  /**
   * Overrides the image's arguments (Kubernetes `args`, Compose `command`).
   * `$(NAME)` refers to another environment variable of this container.
   * @default - the image's CMD
   */
  readonly args?: string[];

  /**
   * CPU and memory requests and limits.
   * @default - 100m/500m CPU, 128Mi/256Mi memory
   */
  readonly resources?: ResourceOptions;

  /**
   * Security context.
   * @default - non-root user 10001, read-only root with a writable /tmp, no capabilities
   */
  readonly security?: SecurityOptions;

  /**
   * Allow egress to any address outside the cluster (e.g. a third-party API). Egress
   * to other workloads of the chart is allowed only through `connectTo()`.
   * @default false
   */
  readonly allowExternalEgress?: boolean;

  /**
   * Files mounted read-only into the container: a ConfigMap in Kubernetes (a checksum
   * of it on the pod template rolls the pods when it changes), a Compose `config` from
   * a file written next to the Compose file.
   * @default - none
   */
  readonly configFiles?: ConfigFile[];
}

/** @internal Normalized common options. */
export interface CommonSpec {
  readonly image: string;
  readonly imagePullPolicy: ImagePullPolicy;
  readonly resources: ResourcesSpec;
  readonly security: SecuritySpec;
  readonly configFiles: ConfigFileSpec[];
}

/** @internal Validates and normalizes the options every workload shares. */
export function normalizeCommon(
  props: WorkloadOptions,
  problems: string[],
  env: Map<string, EnvValue>,
  securityDefaults: { runAsUser: number; runAsGroup: number; writablePaths: string[] } = { runAsUser: 10001, runAsGroup: 10001, writablePaths: [] },
): CommonSpec {
  const image = normalizeImage(props.image, problems);
  normalizeEnv(props.env, env, problems);
  const resources = normalizeResources(props.resources, problems);
  const s = props.security ?? {};
  const runAsUser = s.runAsUser ?? securityDefaults.runAsUser;
  const runAsGroup = s.runAsGroup ?? s.runAsUser ?? securityDefaults.runAsGroup;
  if (!Number.isInteger(runAsUser) || runAsUser < 1) {
    problems.push(`security.runAsUser ${show(runAsUser)} is invalid; allowed: a whole number of at least 1 (root, 0, is not allowed)`);
  }
  if (!Number.isInteger(runAsGroup) || runAsGroup < 1) {
    problems.push(`security.runAsGroup ${show(runAsGroup)} is invalid; allowed: a whole number of at least 1`);
  }
  const writable = new Set<string>();
  const volumes = new Map<string, string>();
  for (const given of ['/tmp', ...securityDefaults.writablePaths, ...(s.writablePaths ?? [])]) {
    const p = typeof given === 'string' ? given.replace(/\/+$/, '') : given;
    if (typeof p !== 'string' || !p.startsWith('/') || p.includes('..') || p === '') {
      problems.push(`security.writablePaths entry ${show(given)} is invalid; allowed: an absolute path other than '/', without '..'`);
      continue;
    }
    const volume = volumeName(p);
    const other = volumes.get(volume);
    if (other !== undefined && other !== p) {
      problems.push(
        `security.writablePaths entries '${other}' and '${p}' would share the volume name '${volume}'; allowed: paths that differ in letters or digits`,
      );
    }
    volumes.set(volume, p);
    writable.add(p);
  }
  for (const [what, list] of [
    ['command', props.command],
    ['args', props.args],
  ] as const) {
    if (list !== undefined && (!Array.isArray(list) || list.some((c) => typeof c !== 'string'))) {
      problems.push(`${what} ${show(list)} is invalid; allowed: a list of strings, e.g. ['node', 'server.js']`);
    }
  }
  return {
    image,
    configFiles: normalizeConfigFiles(props.configFiles, problems),
    imagePullPolicy: props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
    resources,
    security: {
      runAsUser,
      runAsGroup,
      readOnlyRootFilesystem: s.readOnlyRootFilesystem ?? true,
      writablePaths: [...writable].sort(),
    },
  };
}
