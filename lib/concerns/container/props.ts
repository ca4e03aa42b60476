import { Cpu, Memory } from './quantity.model';
import { isMutableImage } from '../../shared/naming/images';
import { INT32_MAX, isCount } from '../../shared/naming/limits';
import { writableVolumeName } from '../../shared/naming/objects';
import { podSecurityLevelOf } from '../security/model';
import type { ResourcesSpec, SecuritySpec } from './model';
import { checkImage } from './image.props';
import { collect } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { arg, enumOf, made, num, obj, optional, sameNameHint, str, strings, bool } from '../../shared/shape';
import type { FactoryArguments, Fields, Shape } from '../../shared/shape';
import { BRAND } from '../../shared/brands';

/**
 * The options of one container, and the one place where they are checked and given their
 * defaults: image, pull policy, resources, security context (with capabilities and the Pod
 * Security level they lower to). The main container and the pod's extra containers share them.
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

/** The defaults of the security context: a user of the image's own, or 10001. */
export interface SecurityDefaults {
  readonly runAsUser: number;
  readonly runAsGroup: number;
  /** Writable paths the image needs besides `/tmp`. */
  readonly writablePaths: string[];
}

/** The resources a kind of workload gets when its props say nothing, and whether a request or limit given alone stands for both. */
export interface ResourceDefaults {
  readonly values: ResourcesSpec;
  readonly guaranteed: boolean;
}

/** Resources chosen explicitly instead of cdk8s-plus-28's 1000m/512Mi requests. */
export const DEFAULT_RESOURCES = {
  cpuRequest: Cpu.millis(100),
  cpuLimit: Cpu.millis(500),
  memoryRequest: Memory.mebibytes(128),
  memoryLimit: Memory.mebibytes(256),
};

const APP_RESOURCES: ResourceDefaults = { values: DEFAULT_RESOURCES, guaranteed: false };

/** Checks a security context and fills in its defaults. */
export function normalizeSecurity(s: SecurityOptions, defaults: SecurityDefaults, problems: string[]): SecuritySpec {
  const runAsUser = s.runAsUser ?? defaults.runAsUser;
  const runAsGroup = s.runAsGroup ?? s.runAsUser ?? defaults.runAsGroup;
  // Linux ids are 32-bit; beyond INT32_MAX no image's /etc/passwd has them, and past 2^53 they print as exponents.
  if (!isCount(runAsUser, 0)) {
    problems.push(`security.runAsUser ${show(runAsUser)} is invalid; allowed: a whole number from 0 (root) to ${INT32_MAX}`);
  }
  // Checked only when given: by default it is runAsUser's (reported above) or the library's.
  if (s.runAsGroup !== undefined && !isCount(runAsGroup, 0)) {
    problems.push(`security.runAsGroup ${show(runAsGroup)} is invalid; allowed: a whole number from 0 to ${INT32_MAX}`);
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
export function normalizeResources(input: ResourceOptions | undefined, problems: string[], defaults: ResourceDefaults = APP_RESOURCES): ResourcesSpec {
  const given = withoutUndefined(input);
  // Guaranteed QoS: a request or a limit given alone stands for both.
  const paired = defaults.guaranteed
    ? withoutUndefined({
        cpuRequest: given.cpuRequest ?? given.cpuLimit,
        cpuLimit: given.cpuLimit ?? given.cpuRequest,
        memoryRequest: given.memoryRequest ?? given.memoryLimit,
        memoryLimit: given.memoryLimit ?? given.memoryRequest,
      })
    : given;
  const r = { ...defaults.values, ...paired };
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

/** Checks an image reference (`checkImage`: the distribution reference grammar); `what` names the option in the problem. */
export function normalizeImage(image: string, problems: string[], what = 'image'): string {
  collect(problems, checkImage(what, image));
  return typeof image === 'string' ? image : String(image);
}

/** A warning when a container's security lowers the Pod Security level, saying which container (extra ones by name) and why. */
export function securityWarnings(security: SecuritySpec, container?: string): string[] {
  const { level, reasons } = podSecurityLevelOf(security);
  const who = container === undefined ? 'it' : `its container '${container}'`;
  return level === 'restricted' ? [] : [`lowers Pod Security to "${level}": ${who} ${reasons.join(' and ')}`];
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

/**
 * The pull policy of an image: the one given, else `Always` for a mutable reference (no tag,
 * or `latest`: a node would keep running a stale image with `IfNotPresent`) and `IfNotPresent`
 * otherwise. A mutable reference is also a warning; with `IfNotPresent` it is an error.
 */
export function pullPolicyOf(image: string, given: ImagePullPolicy | undefined, what: string, problems: string[], warnings: string[]): ImagePullPolicy {
  if (!isMutableImage(image)) {
    return given ?? ImagePullPolicy.IF_NOT_PRESENT;
  }
  if (given === ImagePullPolicy.IF_NOT_PRESENT) {
    problems.push(
      `${what} ${show(image)} is mutable (no tag, or latest) with imagePullPolicy IfNotPresent: nodes would keep a stale image; allowed: a tag or digest, or ImagePullPolicy.ALWAYS`,
    );
  }
  warnings.push(`${what} '${image}' is mutable (no tag, or latest): pulled Always; pin a tag or a digest for reproducible rollouts`);
  return given ?? ImagePullPolicy.ALWAYS;
}

/** A command or its arguments: a list of strings when given. */
export function checkArgv(what: string, list: unknown, example: string, problems: string[]): void {
  if (list !== undefined && (!Array.isArray(list) || list.some((c) => typeof c !== 'string'))) {
    problems.push(`${what} ${show(list)} is invalid; allowed: a list of strings${example}`);
  }
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

const CPU_ARGUMENTS: FactoryArguments<'Cpu.millis' | 'Cpu.cores' | 'Cpu.parse'> = {
  'Cpu.millis': [arg(num)],
  'Cpu.cores': [arg(num)],
  'Cpu.parse': [arg(str)],
};
const MEMORY_ARGUMENTS: FactoryArguments<'Memory.mebibytes' | 'Memory.gibibytes' | 'Memory.parse'> = {
  'Memory.mebibytes': [arg(num)],
  'Memory.gibibytes': [arg(num)],
  'Memory.parse': [arg(str)],
};
/** The argument shapes of the quantity factories. */
export const QUANTITY_ARGUMENTS = { ...CPU_ARGUMENTS, ...MEMORY_ARGUMENTS };

export const CPU = made('Cpu', BRAND.CPU, "Cpu.millis(250), Cpu.cores(0.5), Cpu.parse('250m')", CPU_ARGUMENTS);
export const MEMORY = made('Memory', BRAND.MEMORY, "Memory.mebibytes(512), Memory.gibibytes(1), Memory.parse('512Mi')", MEMORY_ARGUMENTS);
export const IMAGE_PULL_POLICY = enumOf('an ImagePullPolicy', ImagePullPolicy);

const RESOURCE_FIELDS: Fields<ResourceOptions> = {
  cpuRequest: optional(CPU),
  cpuLimit: optional(CPU),
  memoryRequest: optional(MEMORY),
  memoryLimit: optional(MEMORY),
};
export const RESOURCES: Shape = obj<ResourceOptions>(RESOURCE_FIELDS);

const SECURITY_FIELDS: Fields<SecurityOptions> = {
  addCapabilities: optional(strings),
  readOnlyRootFilesystem: optional(bool),
  runAsGroup: optional(num),
  runAsUser: optional(num),
  writablePaths: optional(strings),
};
export const SECURITY: Shape = obj<SecurityOptions>(SECURITY_FIELDS);
