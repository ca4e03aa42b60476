import { DEFAULT_RESOURCES } from './props';
import type { Value } from '../../import/emit';
import { Code } from '../../import/emit';
import type { NormalizedService } from '../../import/normalize';

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
