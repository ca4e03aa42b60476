import type { ComposeService } from '../../render/compose/types';
import { composeConfigFilePath, composeSecretFilePath } from '../../shared/naming/files';
import { composeVolumeName } from '../../shared/naming/objects';
import { volumesOf } from '../../model/workload';
import type { WorkloadModel } from '../../model/workload';

/** The named volumes a chart's Compose file declares: one per persistent volume of a workload. */
export function composeVolumeDefinitions(workloads: readonly WorkloadModel[]): Record<string, Record<string, never>> {
  const volumes: Record<string, Record<string, never>> = {};
  for (const w of workloads) {
    for (const v of volumesOf(w)) {
      volumes[composeVolumeName(w.name, v.name)] = {};
    }
  }
  return volumes;
}

/**
 * What a service mounts: its named volumes, then config files and secret files as read-only
 * bind mounts of files written next to the Compose file (docker-compose 1.29 ignores
 * `configs:` outside swarm mode).
 */
export function composeMounts(w: WorkloadModel, appName: string): string[] {
  return [
    ...volumesOf(w).map((v) => `${composeVolumeName(w.name, v.name)}:${v.mountPath}`),
    ...w.configFiles.map((f) => `./${composeConfigFilePath(appName, w.name, f.key)}:${f.path}:ro`),
    ...w.secretFiles.map((f) => `${composeSecretFilePath(appName, f.secretName, f.key)}:${f.path}:ro`),
  ];
}

/** The size of /dev/shm of a database that needs more than Docker's 64 MiB. */
export function composeSharedMemory(w: WorkloadModel): Pick<ComposeService, 'shm_size'> {
  return { shm_size: w.kind === 'database' ? w.sharedMemory?.toCompose() : undefined };
}
