import * as fs from 'fs';
import * as path from 'path';
import type { Value } from '../../import/emit';
import type { AppNotes } from '../../import/notes';
import { invalid, isMapping } from '../../import/problems';
import { projectPath } from '../../import/project-path';
import type { ComposeProject } from '../../import/read';
import { dnsLabel } from '../../shared/naming/objects';

/**
 * How a Compose service's `volumes` (short and long syntax), `tmpfs` and `secrets` are read and
 * become writable paths, source mounts and secret files.
 */

/** Storage keys with no prop, and why. */
export const STORAGE_KEYS_KEPT_OUT: Record<string, string> = {
  shm_size: 'no equivalent prop (databases get a /dev/shm of their own)',
  configs: 'configs are not carried: use configFiles with the content',
  volumes_from: 'no equivalent prop',
};

/** A mount. */
export interface NormalizedVolume {
  readonly type: string;
  readonly source?: string;
  readonly target: string;
  readonly readOnly: boolean;
  readonly text: string;
}

/** A service's secret: the top-level secret and where the file appears in the container. */
export interface NormalizedSecret {
  readonly source: string;
  readonly target: string;
}

/** `SRC:TGT[:MODE]`, `TGT`, or the long syntax. */
export function normalizeVolume(value: unknown, key: string): NormalizedVolume {
  if (isMapping(value)) {
    const type = String(value.type ?? 'volume');
    if (typeof value.target !== 'string') {
      throw invalid(`${key}.target`, value.target, 'an absolute path in the container');
    }
    return {
      type,
      source: value.source === undefined || value.source === null ? undefined : String(value.source),
      target: value.target,
      readOnly: value.read_only === true,
      text: JSON.stringify(value),
    };
  }
  if (typeof value !== 'string') {
    throw invalid(key, value, "'source:target[:mode]', a path, or { type, source, target }");
  }
  const parts = value.split(':');
  if (parts.length === 1) {
    return { type: 'volume', target: parts[0], readOnly: false, text: value };
  }
  const [source, target, mode] = parts;
  const bind = /^[./~]/.test(source);
  return { type: bind ? 'bind' : 'volume', source, target, readOnly: (mode ?? '').split(',').includes('ro'), text: value };
}

export function normalizeSecret(value: unknown, key: string): NormalizedSecret {
  if (typeof value === 'string') {
    return { source: value, target: value };
  }
  if (isMapping(value) && typeof value.source === 'string') {
    return { source: value.source, target: typeof value.target === 'string' ? value.target : value.source };
  }
  throw invalid(key, value, 'a secret name or { source, target }');
}

/**
 * The volumes of an app: tmpfs targets become `security.writablePaths`, bind mounts inside the
 * project become source mounts (returned, for `dev.mounts`); other volumes are not mapped.
 */
export function mapVolumes(
  n: { readonly volumes: readonly NormalizedVolume[]; readonly tmpfs: readonly string[] },
  kind: string,
  projectDir: string,
  security: Record<string, Value | undefined>,
  { skip, remark }: AppNotes,
): Value[] {
  const writable = new Set(n.tmpfs.filter((t) => t !== '/tmp'));
  const mounts: Value[] = [];
  for (const v of n.volumes) {
    if (v.type === 'tmpfs') {
      if (v.target !== '/tmp') {
        writable.add(v.target);
      }
    } else if (v.type === 'bind') {
      const source = v.source === undefined ? undefined : projectPath(v.source);
      if (source === undefined) {
        skip('volumes', `'${v.text}': the source is outside the project folder (host paths and sockets are not mounted)`);
        continue;
      }
      if (!fs.existsSync(path.join(projectDir, source))) {
        remark('volumes', `'${v.text}': the source is not here; the mount is carried over as written`);
      }
      mounts.push({ source, target: v.target, readOnly: v.readOnly ? true : undefined });
      remark('volumes', `'${v.text}' is a source mount, in Compose only (dev.mounts): Kubernetes runs the image's own files`);
    } else {
      skip(
        'volumes',
        `'${v.text}': a ${v.type === 'volume' ? 'named or anonymous volume' : v.type} is not mapped for a ${kind} (persistent data belongs in a Database)`,
      );
    }
  }
  if (writable.size > 0) {
    security.writablePaths = [...writable].sort();
  }
  return mounts;
}

/** The `secretFiles` prop: each secret as a file from the secrets folder, with where its development value was. */
export function secretFilesOf(secrets: readonly NormalizedSecret[], project: Pick<ComposeProject, 'dir' | 'secrets'>, { remark }: AppNotes): Value[] {
  const secretFiles: Value[] = [];
  for (const secret of secrets) {
    const target = secret.target.startsWith('/') ? secret.target : `/run/secrets/${secret.target}`;
    const secretName = dnsLabel(secret.source) || 'secret';
    const top = project.secrets[secret.source];
    secretFiles.push({ path: target, secretName, key: 'value' });
    if (isMapping(top) && typeof top.file === 'string') {
      const exists = fs.existsSync(path.join(project.dir, top.file));
      remark('secrets', `${secret.source}: the development value was the file ${top.file}; put it in the secrets folder as ${secretName}/value`);
      if (!exists) {
        remark('secrets', `${secret.source}: the file ${top.file} is not here; the reference is kept in a comment`);
      }
    } else if (isMapping(top) && typeof top.environment === 'string') {
      remark('secrets', `${secret.source}: the development value was the variable ${top.environment}; put it in the secrets folder as ${secretName}/value`);
    }
  }
  return secretFiles;
}
