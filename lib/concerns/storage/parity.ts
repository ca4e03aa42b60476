import type { ParityPair } from '../../validation/parity-pair';
import { bytes } from '../../validation/parity-pair';
import { SHARED_MEMORY_PATH } from '../../shared/naming/objects';

/** Volumes: claims vs named volumes, ConfigMap and Secret files vs read-only binds, emptyDirs vs tmpfs, /dev/shm vs shm_size. */
export function storageParity(p: ParityPair): void {
  const w = p.kubernetes;
  const s = p.compose;
  const mounts = (w.container.volumeMounts ?? []) as Array<{ name: string; mountPath: string }>;
  const volumeKind = (vname: string) => (w.pod.volumes ?? []).find((v: any) => v.name === vname);
  const mountPaths = (pred: (m: { name: string }) => boolean) =>
    mounts
      .filter(pred)
      .map((m) => m.mountPath)
      .sort();
  const composeVolumes: string[] = (s.volumes ?? []).filter((v: string) => !p.devOnly.has(`volumes.${target(v)}`));
  p.eq(
    'volumes.persistent',
    mountPaths((m) => w.claims.includes(m.name)),
    composeVolumes
      .filter((v) => !isFileBind(v))
      .map(target)
      .sort(),
  );
  p.eq(
    'volumes.files',
    mountPaths((m) => volumeKind(m.name)?.configMap !== undefined || volumeKind(m.name)?.secret !== undefined),
    composeVolumes.filter(isFileBind).map(target).sort(),
  );
  // A memory-backed /dev/shm is Compose's `shm_size`, not a tmpfs.
  const shm = mounts.find((m) => m.mountPath === SHARED_MEMORY_PATH && volumeKind(m.name)?.emptyDir?.medium === 'Memory');
  p.eq(
    'volumes.writable',
    mountPaths((m) => m !== shm && volumeKind(m.name)?.emptyDir !== undefined),
    [...(s.tmpfs ?? [])].sort(),
  );
  p.eq('shm_size', shm ? bytes(volumeKind(shm.name)?.emptyDir?.sizeLimit) : undefined, s.shm_size === undefined ? undefined : bytes(s.shm_size));
}

/** The container path of a Compose volume (`src:/path` or `src:/path:ro`; the source may hold `${VAR:-default}`). */
function target(volume: string): string {
  const parts = volume.split(':');
  const last = parts[parts.length - 1];
  return last === 'ro' || last === 'rw' ? parts[parts.length - 2] : last;
}

/** A Compose volume that binds a file (a config file, a secret file) rather than a named volume. */
function isFileBind(volume: string): boolean {
  return volume.startsWith('./') || volume.startsWith('/') || volume.startsWith('${');
}
