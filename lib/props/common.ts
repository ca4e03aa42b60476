import { EnvValue } from '../model/env-value';
import { writableVolumeName } from '../model/naming';
import { normalizeEnv, sameNameHint } from './env';
import { PodCount } from '../model/pod-count';
import { Cpu, Memory } from '../model/quantity';
import { AvailabilitySpec, ConfigFileSpec, podSecurityLevelOf, ResourcesSpec, SecuritySpec } from '../model/workload';
import { checkDnsLabel, collect, compareStrings, show, sortBy } from '../_util';

/**
 * The props every workload shares, and the one place where they are checked and given
 * their defaults. Constructs call these; renderers never default or check anything.
 */

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

/**
 * The security context of the containers. The defaults meet Pod Security "restricted"; an
 * image that needs more says so here, and the chart labels its Namespace with the level that
 * really holds (and records which workload lowers it, and why).
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export interface SecurityOptions {
  /**
   * Numeric user id the container runs as. `0` (root) is allowed for images that need it, and
   * lowers the Pod Security level to "baseline".
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

  /**
   * Linux capabilities to add after dropping all, without the `CAP_` prefix, e.g.
   * `['NET_BIND_SERVICE']` for a non-root process on port 80 (still "restricted"). Others lower
   * the level to "baseline" (e.g. `CHOWN`, `SETUID`) or "privileged" (e.g. `NET_ADMIN`).
   * @default - none
   */
  readonly addCapabilities?: string[];
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
   * @default - non-root user 10001, read-only root with a writable /tmp, no capabilities (Pod Security "restricted")
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
   * of it on the pod template rolls the pods when it changes), a Compose bind mount of
   * a file written next to the Compose file.
   * @default - none
   */
  readonly configFiles?: ConfigFile[];
}

/** The fields of the model every workload kind shares, normalized. */
export interface CommonSpec {
  readonly image: string;
  readonly imagePullPolicy: ImagePullPolicy;
  readonly resources: ResourcesSpec;
  readonly security: SecuritySpec;
  readonly configFiles: ConfigFileSpec[];
  readonly command?: string[];
  readonly args?: string[];
  readonly allowExternalEgress: boolean;
  readonly env: Map<string, EnvValue>;
  /** What the options lower (the Pod Security level), for the model's warnings. */
  readonly warnings: string[];
}

/** The defaults of the security context: a user of the image's own, or 10001. */
export interface SecurityDefaults {
  readonly runAsUser: number;
  readonly runAsGroup: number;
  /** Writable paths the image needs besides `/tmp`. */
  readonly writablePaths: string[];
}

/** Resources chosen explicitly instead of cdk8s-plus-28's 1000m/512Mi requests. */
const DEFAULT_RESOURCES = {
  cpuRequest: Cpu.millis(100),
  cpuLimit: Cpu.millis(500),
  memoryRequest: Memory.mebibytes(128),
  memoryLimit: Memory.mebibytes(256),
};

const APP_SECURITY: SecurityDefaults = { runAsUser: 10001, runAsGroup: 10001, writablePaths: [] };

/** Checks and normalizes the options every workload shares; pushes each problem found. */
export function normalizeCommon(props: WorkloadOptions, problems: string[], securityDefaults: SecurityDefaults = APP_SECURITY): CommonSpec {
  const image = normalizeImage(props.image, problems);
  const env = new Map<string, EnvValue>();
  normalizeEnv(props.env, env, problems);
  const resources = normalizeResources(props.resources, problems);
  const security = normalizeSecurity(props.security ?? {}, securityDefaults, problems);
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
    security,
    command: props.command,
    args: props.args,
    allowExternalEgress: props.allowExternalEgress ?? false,
    env,
    warnings: securityWarnings(security),
  };
}

function normalizeSecurity(s: SecurityOptions, defaults: SecurityDefaults, problems: string[]): SecuritySpec {
  const runAsUser = s.runAsUser ?? defaults.runAsUser;
  const runAsGroup = s.runAsGroup ?? s.runAsUser ?? defaults.runAsGroup;
  if (!Number.isInteger(runAsUser) || runAsUser < 0) {
    problems.push(`security.runAsUser ${show(runAsUser)} is invalid; allowed: a whole number of 0 (root) or more`);
  }
  if (!Number.isInteger(runAsGroup) || runAsGroup < 0) {
    problems.push(`security.runAsGroup ${show(runAsGroup)} is invalid; allowed: a whole number of 0 or more`);
  }
  const addCapabilities = normalizeCapabilities(s.addCapabilities, problems);
  const writable = new Set<string>();
  const volumes = new Map<string, string>();
  for (const given of ['/tmp', ...defaults.writablePaths, ...(s.writablePaths ?? [])]) {
    const p = typeof given === 'string' ? given.replace(/\/+$/, '') : given;
    if (typeof p !== 'string' || !p.startsWith('/') || p.includes('..') || p === '') {
      problems.push(`security.writablePaths entry ${show(given)} is invalid; allowed: an absolute path other than '/', without '..'`);
      continue;
    }
    const volume = writableVolumeName(p);
    const other = volumes.get(volume);
    if (other !== undefined && other !== p) {
      problems.push(
        `security.writablePaths entries '${other}' and '${p}' would share the volume name '${volume}'; allowed: paths that differ in letters or digits`,
      );
    }
    volumes.set(volume, p);
    writable.add(p);
  }
  return {
    runAsUser,
    runAsGroup,
    runAsNonRoot: runAsUser !== 0,
    addCapabilities,
    readOnlyRootFilesystem: s.readOnlyRootFilesystem ?? true,
    writablePaths: [...writable].sort(),
  };
}

/** Checks resources and fills in the defaults. */
export function normalizeResources(input: ResourceOptions | undefined, problems: string[]): ResourcesSpec {
  const r = { ...DEFAULT_RESOURCES, ...withoutUndefined(input) };
  const before = problems.length;
  for (const [key, q] of Object.entries(r)) {
    if (typeof (q as { _problem?: unknown })?._problem !== 'function') {
      const kind = key.startsWith('cpu') ? "a Cpu, e.g. Cpu.millis(250) or Cpu.parse('250m')" : "a Memory, e.g. Memory.mebibytes(256) or Memory.parse('256Mi')";
      problems.push(`resources.${key} ${show(q)} is invalid; allowed: ${kind}${sameNameHint(q, key.startsWith('cpu') ? 'Cpu' : 'Memory')}`);
      continue;
    }
    collect(problems, q._problem(`resources.${key}`));
  }
  if (problems.length === before) {
    if (r.cpuRequest.millis > r.cpuLimit.millis) {
      problems.push(
        `resources.cpuRequest ${r.cpuRequest.toKubernetes()} is larger than resources.cpuLimit ${r.cpuLimit.toKubernetes()}; the request must not exceed the limit`,
      );
    }
    if (r.memoryRequest.bytes > r.memoryLimit.bytes) {
      problems.push(
        `resources.memoryRequest ${r.memoryRequest.toKubernetes()} is larger than resources.memoryLimit ${r.memoryLimit.toKubernetes()}; the request must not exceed the limit`,
      );
    }
  }
  return r;
}

function withoutUndefined<T extends object>(input: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(input ?? {})) {
    if (v !== undefined) {
      (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/** Checks an image reference. */
export function normalizeImage(image: string, problems: string[]): string {
  if (typeof image !== 'string') {
    problems.push(`image ${show(image)} is invalid; allowed: an image reference such as 'ghcr.io/acme/api:1.4.2'`);
    return String(image);
  }
  if (image.trim() === '') {
    problems.push(`image ${show(image)} is empty; allowed: an image reference such as 'ghcr.io/acme/api:1.4.2'`);
  } else if (/\s/.test(image)) {
    problems.push(`image ${show(image)} contains whitespace; allowed: an image reference such as 'ghcr.io/acme/api:1.4.2'`);
  } else if (
    !/^[a-z0-9]([a-z0-9._\-/:@]*[a-zA-Z0-9_])?$/.test(image.replace(/@sha256:[a-f0-9]{64}$/, '').toLowerCase()) ||
    /[A-Z]/.test(image.split(':')[0].split('@')[0])
  ) {
    problems.push(`image ${show(image)} is not a valid image reference; allowed: lower-case repository, optional ':tag' and '@sha256:digest'`);
  }
  return image;
}

/** Checks a list of config files and gives each a unique key, independent of the list's order. */
export function normalizeConfigFiles(files: readonly ConfigFile[] | undefined, problems: string[]): ConfigFileSpec[] {
  const out: ConfigFileSpec[] = [];
  const keys = new Set<string>();
  // Keys are given in path order, so that reordering the list changes nothing.
  for (const f of sortBy(files ?? [], (file) => String(file.path))) {
    if (typeof f.path !== 'string' || typeof f.content !== 'string') {
      problems.push(`configFiles entry ${show(f.path)} is invalid; allowed: { path: string, content: string }`);
      continue;
    }
    if (!f.path.startsWith('/') || f.path.endsWith('/') || f.path.includes('..')) {
      problems.push(`configFiles path '${f.path}' is invalid; allowed: an absolute file path without '..', not ending in '/'`);
      continue;
    }
    if (out.some((o) => o.path === f.path)) {
      problems.push(`configFiles path '${f.path}' is declared twice`);
      continue;
    }
    // A ConfigMap key: the base name, made unique with a counter if needed.
    const base = f.path
      .split('/')
      .pop()!
      .replace(/[^-._a-zA-Z0-9]/g, '_');
    let key = base;
    for (let i = 2; keys.has(key); i++) {
      key = `${i}-${base}`;
    }
    keys.add(key);
    out.push({ path: f.path, key, content: f.content });
  }
  return out.sort((a, b) => compareStrings(a.path, b.path));
}

/** Checks the availability options of a replicated workload and fills in the defaults. */
export function normalizeAvailability(input: AvailabilityOptions, problems: string[]): AvailabilitySpec {
  const maxSurge = input.rollingUpdate?.maxSurge ?? PodCount.percent(25);
  const maxUnavailable = input.rollingUpdate?.maxUnavailable ?? PodCount.of(0);
  collect(problems, maxSurge._problem('rollingUpdate.maxSurge'), maxUnavailable._problem('rollingUpdate.maxUnavailable'));
  if (maxSurge.value === 0 && maxUnavailable.value === 0) {
    problems.push('rollingUpdate.maxSurge and rollingUpdate.maxUnavailable are both 0; a rollout could never make progress');
  }
  return { maxSurge, maxUnavailable, disruptionBudget: input.disruptionBudget !== false, topologySpread: input.topologySpread !== false };
}

/** Returns a problem description when a service name is not a valid DNS label of at most `maxLength` characters. */
export function checkServiceName(name: string, defaultedToId: boolean, maxLength: number): string | undefined {
  const problem = checkDnsLabel('service name', name, maxLength);
  return problem && defaultedToId ? `${problem} (the name defaults to the construct id: set \`name\`)` : problem;
}

/** A warning per workload whose security lowers the Pod Security level, saying why. */
function securityWarnings(security: SecuritySpec): string[] {
  const { level, reasons } = podSecurityLevelOf(security);
  return level === 'restricted' ? [] : [`lowers Pod Security to "${level}": it ${reasons.join(' and ')}`];
}

/** The Linux capabilities (capabilities(7)), without the CAP_ prefix. */
const CAPABILITIES = new Set(
  (
    'AUDIT_CONTROL AUDIT_READ AUDIT_WRITE BLOCK_SUSPEND BPF CHECKPOINT_RESTORE CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID ' +
    'IPC_LOCK IPC_OWNER KILL LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE MKNOD NET_ADMIN NET_BIND_SERVICE NET_BROADCAST NET_RAW ' +
    'PERFMON SETFCAP SETGID SETPCAP SETUID SYSLOG SYS_ADMIN SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE ' +
    'SYS_RAWIO SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG WAKE_ALARM'
  ).split(' '),
);

function normalizeCapabilities(input: string[] | undefined, problems: string[]): string[] {
  if (input === undefined) {
    return [];
  }
  if (!Array.isArray(input)) {
    problems.push(`security.addCapabilities ${show(input)} is invalid; allowed: a list of capability names such as ['NET_BIND_SERVICE']`);
    return [];
  }
  const out = new Set<string>();
  for (const c of input) {
    if (typeof c !== 'string' || !CAPABILITIES.has(c)) {
      const hint = typeof c === 'string' && CAPABILITIES.has(c.replace(/^CAP_/, '').toUpperCase()) ? ` (write '${c.replace(/^CAP_/, '').toUpperCase()}')` : '';
      problems.push(
        `security.addCapabilities entry ${show(c)} is not a Linux capability${hint}; allowed: names from capabilities(7) without CAP_, such as NET_BIND_SERVICE`,
      );
      continue;
    }
    out.add(c);
  }
  return [...out].sort();
}
