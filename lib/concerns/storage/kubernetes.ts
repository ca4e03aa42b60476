import { createHash } from 'crypto';
import type { k8s } from 'cdk8s-plus-28';
import { quantity } from '../../render/kubernetes/json';
import {
  CONFIG_VOLUME,
  configMapName,
  extraWritableVolumeName,
  secretVolumeName,
  SHARED_MEMORY_PATH,
  SHARED_MEMORY_VOLUME,
  writableVolumeName,
} from '../../shared/naming/objects';
import { volumesOf } from '../../model/workload';
import type { ContainerSpec } from '../pod/model';
import type { DatabaseModel, WorkloadModel } from '../../model/workload';
import { compareStrings } from '../../shared/util';

/**
 * What the main container mounts, sorted by path: an emptyDir per writable path of the
 * read-only root, /dev/shm of a database, its persistent volumes, config files and secret files.
 */
export function mainVolumeMounts(m: WorkloadModel): k8s.VolumeMount[] {
  const shm = m.kind === 'database' ? m.sharedMemory : undefined;
  return [
    ...m.security.writablePaths.map((path) => ({ name: writableVolumeName(path), mountPath: path })),
    ...(shm ? [{ name: SHARED_MEMORY_VOLUME, mountPath: SHARED_MEMORY_PATH }] : []),
    ...volumesOf(m).map((v) => ({ name: v.name, mountPath: v.mountPath })),
    ...m.configFiles.map((f) => ({ name: CONFIG_VOLUME, mountPath: f.path, subPath: f.key, readOnly: true })),
    ...m.secretFiles.map((f) => ({ name: secretVolumeName(f.secretName), mountPath: f.path, subPath: f.key, readOnly: true })),
  ].sort((a, b) => compareStrings(a.mountPath, b.mountPath));
}

/** What an init container or sidecar mounts: an emptyDir per writable path. */
export function extraVolumeMounts(c: ContainerSpec): k8s.VolumeMount[] {
  return c.security.writablePaths.map((path) => ({ name: extraWritableVolumeName(c.name, path), mountPath: path }));
}

/** The pod's volumes (persistent ones are claims of the StatefulSet, not pod volumes). */
export function podVolumes(m: WorkloadModel): k8s.Volume[] {
  const shm = m.kind === 'database' ? m.sharedMemory : undefined;
  const extra = [...m.pod.initContainers, ...m.pod.sidecars];
  return [
    ...m.security.writablePaths.map((path) => ({ name: writableVolumeName(path), emptyDir: {} })),
    // Counts against the container's memory limit, like the runtime's own /dev/shm.
    ...(shm ? [{ name: SHARED_MEMORY_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: quantity(shm.toKubernetes()) } }] : []),
    ...(m.configFiles.length > 0 ? [{ name: CONFIG_VOLUME, configMap: { name: configMapName(m.name) } }] : []),
    ...[...new Set(m.secretFiles.map((f) => f.secretName))].sort().map((secretName) => ({ name: secretVolumeName(secretName), secret: { secretName } })),
    ...extra.flatMap((c) => c.security.writablePaths.map((path) => ({ name: extraWritableVolumeName(c.name, path), emptyDir: {} }))),
  ];
}

/** Pods do not restart when a ConfigMap changes; a checksum of it on the template does: sha256 of the config files. */
export function configChecksum(m: WorkloadModel): string {
  const hash = createHash('sha256');
  for (const f of m.configFiles) {
    hash.update(`${f.path}\0${f.key}\0${f.content}\0`);
  }
  return hash.digest('hex');
}

/** The ConfigMap's data: one key per config file. */
export function configMapData(m: WorkloadModel): Record<string, string> {
  return Object.fromEntries(m.configFiles.map((f) => [f.key, f.content]));
}

/** A claim per persistent volume of a database, labelled for its pods' selector. */
export function volumeClaimTemplates(m: DatabaseModel, selectorLabels: Record<string, string>): k8s.KubePersistentVolumeClaimProps[] {
  return m.volumes.map((v) => ({
    metadata: { name: v.name, labels: selectorLabels },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: v.storageClassName,
      resources: { requests: { storage: quantity(v.size.toKubernetes()) } },
    },
  }));
}
