import { DEFAULT_RESOURCES } from './props';
import type { Value } from '../../import/emit';
import { Code } from '../../import/emit';
import type { NormalizedService } from '../../import/normalize';
import type { AppNotes } from '../../import/notes';

/**
 * How a Compose service's `user` and resources become container props.
 */

/**
 * The resources prop from `deploy.resources` (or `cpus`, `mem_limit`): for a WebService or a
 * Worker, a limit below the library's default request becomes the request too (and the
 * reverse), so that the defaults still fit.
 */
export function resourcesOf(n: NormalizedService, database: boolean): Value | undefined {
  const r = n.resources;
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
