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

/**
 * A whole PersistentVolumeClaim (the `apiVersion` and `kind` that the API server returns on
 * every template of the live StatefulSet) per persistent volume of a database, labelled for
 * its pods' selector.
 */
export type ClaimTemplate = k8s.KubePersistentVolumeClaimProps & { readonly apiVersion: 'v1'; readonly kind: 'PersistentVolumeClaim' };

/**
 * The claim templates of a database. Each carries `apiVersion: v1` and `kind:
 * PersistentVolumeClaim`: the API server writes both on every template it returns
 * (kubernetes pkg/apis/apps/v1/conversion.go, Convert_apps_StatefulSetSpec_To_v1_StatefulSetSpec),
 * so without them a server-side apply diff (Argo CD `ServerSideApply=true`) never settles
 * (argo-cd#11143). The API server drops both from what it stores and validates
 * (Convert_v1_StatefulSetSpec_To_apps_StatefulSetSpec), so adding them to an existing
 * StatefulSet is not a change of its immutable templates.
 */
export function volumeClaimTemplates(m: DatabaseModel, selectorLabels: Record<string, string>): ClaimTemplate[] {
  return m.volumes.map((v) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: v.name, labels: selectorLabels },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: v.storageClassName,
      resources: { requests: { storage: quantity(v.size.toKubernetes()) } },
    },
  }));
}
