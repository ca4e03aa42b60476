import { DEFAULT_RESOURCES } from './props';
import type { Value } from '../../import/emit';
import { Code } from '../../import/emit';
import type { AppNotes } from '../../import/notes';
import { invalid, isMapping } from '../../import/problems';
import { composeBytes, cpuCores } from '../../shared/parse/quantity';

/**
 * How a Compose service's resources (`deploy.resources`, `cpus`, `mem_limit`...) are read and
 * become the `resources` prop, how its `user` becomes `security.runAsUser`, and why its
 * security keys (capabilities, `privileged`, `security_opt`, `read_only: false`) are kept out.
 */

/** Container keys with no prop, and why (capabilities and privileges would lower the Pod Security level). */
export const CONTAINER_KEYS_KEPT_OUT: Record<string, string> = {
  cap_add: 'capabilities are not carried: add them with security.addCapabilities if the image needs them (it lowers the Pod Security level)',
  cap_drop: 'every capability is dropped already',
  privileged: 'privileged containers are not supported (Pod Security)',
  security_opt: 'the library sets no-new-privileges and seccomp RuntimeDefault itself',
  pull_policy: 'the pull policy follows the image reference (imagePullPolicy)',
  devices: 'devices are not supported',
};

/** `read_only: false` is reported: the library keeps a read-only root filesystem unless the props say otherwise. */
export function readOnlyKeptOut(readOnly: unknown, unmapped: Array<[string, string]>): void {
  if (readOnly === false) {
    unmapped.push([
      'read_only',
      'the library runs a read-only root filesystem with writable /tmp: set security.readOnlyRootFilesystem or writablePaths if the image writes elsewhere',
    ]);
  }
}

/** Resources from `deploy.resources`, `cpus`, `mem_limit` and `mem_reservation`: CPU in millicores, memory in mebibytes. */
export interface NormalizedResources {
  cpuLimit?: number;
  cpuRequest?: number;
  memoryLimit?: number;
  memoryRequest?: number;
}

/** `deploy.resources`: the cpus and memory of its limits and reservations; other entries are not mapped. */
export function deployResources(
  v: Record<string, unknown>,
  key: (k: string) => string,
  resources: NormalizedResources,
  unmapped: Array<[string, string]>,
): void {
  const limits = isMapping(v.limits) ? v.limits : {};
  const reservations = isMapping(v.reservations) ? v.reservations : {};
  resources.cpuLimit = cpuMillis(limits.cpus, key('deploy.resources.limits.cpus'));
  resources.memoryLimit = mebibytes(limits.memory, key('deploy.resources.limits.memory'));
  resources.cpuRequest = cpuMillis(reservations.cpus, key('deploy.resources.reservations.cpus'));
  resources.memoryRequest = mebibytes(reservations.memory, key('deploy.resources.reservations.memory'));
  for (const extra of Object.keys(limits).filter((l) => !['cpus', 'memory'].includes(l))) {
    unmapped.push([`deploy.resources.limits.${extra}`, 'no equivalent prop']);
  }
  for (const extra of Object.keys(reservations).filter((l) => !['cpus', 'memory'].includes(l))) {
    unmapped.push([`deploy.resources.reservations.${extra}`, extra === 'devices' ? 'devices (GPUs) are not supported' : 'no equivalent prop']);
  }
}

/** A Compose CPU count (`0.5`, `'1.5'`) in millicores, at least 1. */
export function cpuMillis(value: unknown, key: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const cores = cpuCores(value);
  if (!Number.isFinite(cores) || cores <= 0) {
    throw invalid(key, value, "a number of CPUs above 0, such as '0.5'");
  }
  return Math.max(1, Math.round(cores * 1000));
}

/** A Compose byte value (`512m`, `1gb`, a number of bytes) in mebibytes, rounded up. */
export function mebibytes(value: unknown, key: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const bytes = composeBytes(value);
  if (Number.isNaN(bytes)) {
    throw invalid(key, value, "a size such as '512m', '1g' or a number of bytes");
  }
  return Math.max(1, Math.ceil(bytes / 1024 ** 2));
}

/**
 * The resources prop from `deploy.resources` (or `cpus`, `mem_limit`): for a WebService or a
 * Worker, a limit below the library's default request becomes the request too (and the
 * reverse), so that the defaults still fit.
 */
export function resourcesOf(r: NormalizedResources, database: boolean): Value | undefined {
  if (r.cpuLimit === undefined && r.cpuRequest === undefined && r.memoryLimit === undefined && r.memoryRequest === undefined) {
    return undefined;
  }
  let { cpuLimit, cpuRequest, memoryLimit, memoryRequest } = r;
  if (!database) {
    // The library's other defaults must still fit: a limit below the default request takes it as request too.
    const defaults = DEFAULT_RESOURCES;
    if (cpuLimit !== undefined && cpuRequest === undefined && cpuLimit < defaults.cpuRequest.millis) {
      cpuRequest = cpuLimit;
    }
    if (cpuRequest !== undefined && cpuLimit === undefined && cpuRequest > defaults.cpuLimit.millis) {
      cpuLimit = cpuRequest;
    }
    const mib = (m: { bytes: number }) => m.bytes / 1024 ** 2;
    if (memoryLimit !== undefined && memoryRequest === undefined && memoryLimit < mib(defaults.memoryRequest)) {
      memoryRequest = memoryLimit;
    }
    if (memoryRequest !== undefined && memoryLimit === undefined && memoryRequest > mib(defaults.memoryLimit)) {
      memoryLimit = memoryRequest;
    }
  }
  return {
    cpuRequest: cpuRequest === undefined ? undefined : new Code(`Cpu.millis(${cpuRequest})`, ['Cpu']),
    cpuLimit: cpuLimit === undefined ? undefined : new Code(`Cpu.millis(${cpuLimit})`, ['Cpu']),
    memoryRequest: memoryRequest === undefined ? undefined : new Code(`Memory.mebibytes(${memoryRequest})`, ['Memory']),
    memoryLimit: memoryLimit === undefined ? undefined : new Code(`Memory.mebibytes(${memoryLimit})`, ['Memory']),
  };
}

/** The lowest user and group id the output checks accept without a practice finding (monokle KBP104/KBP105). */
const MIN_ID = 10000;

/** `security.runAsUser` and `runAsGroup` from a numeric `user` at or above MIN_ID; anything else keeps the library's user. */
export function mapUser(user: string | undefined, security: Record<string, Value | undefined>, { skip }: AppNotes): void {
  if (user === undefined) {
    return;
  }
  const m = /^(\d+)(?::(\d+))?$/.exec(user);
  // Ids below 10000 (root included) fail the output checks' practice rules (KBP104, KBP105, KBP109).
  const low = `below ${MIN_ID} (root included) fail the output checks (practice rules KBP104, KBP105, KBP109): the library's user 10001 is used; set security.runAsUser if the image needs it`;
  if (!m) {
    skip('user', `'${user}' is not numeric (${user === 'root' ? 'root and ids ' : 'names cannot be checked; ids '}${low})`);
  } else if (Number(m[1]) < MIN_ID) {
    skip('user', `'${user}': ids ${low}`);
  } else {
    security.runAsUser = Number(m[1]);
    if (m[2] !== undefined && Number(m[2]) >= MIN_ID) {
      security.runAsGroup = Number(m[2]);
    } else if (m[2] !== undefined) {
      skip(
        'user',
        `group ${m[2]} of '${user}': ids ${low.replace('user 10001 is used; set security.runAsUser', 'group is the user id; set security.runAsGroup')}`,
      );
    }
  }
}
