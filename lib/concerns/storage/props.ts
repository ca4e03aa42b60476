import type { ConfigFileSpec } from './model';
import type { SecuritySpec } from '../container/model';
import type { PodSpecModel } from '../pod/model';
import { CONFIG_VOLUME, extraWritableVolumeName, secretVolumeName, writableVolumeName } from '../../shared/naming/objects';
import { checkSecretRef, compareStrings, sortBy } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { listOf, obj, required, str } from '../../shared/shape';

/**
 * The props of files mounted into the container (config files, Secret keys as files): their
 * shapes and checks, and the check that the pod's volumes get distinct names.
 */

/** A file mounted read-only into the container. */
export interface ConfigFile {
  /** Absolute path inside the container, e.g. `/etc/app/config.json`. */
  readonly path: string;
  /** The file's content (never a secret: it is committed in a ConfigMap). */
  readonly content: string;
}

/** A key of a Kubernetes Secret mounted read-only as a file (a private key, a certificate). */
export interface SecretFile {
  /** Absolute path of the file in the container, e.g. `/tmp/.ssh/publickey`. */
  readonly path: string;
  /** Name of the Secret (it exists in the namespace, or the secrets backend creates it). */
  readonly secretName: string;
  /** Key of the Secret whose value is the file's content. */
  readonly key: string;
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

/** Checks secret files: absolute distinct paths (not a config file's), valid Secret names and keys; sorted by path. */
export function normalizeSecretFiles(
  files: readonly SecretFile[] | undefined,
  configFiles: readonly ConfigFile[] | undefined,
  problems: string[],
): SecretFile[] {
  const taken = new Set((configFiles ?? []).map((f) => f?.path));
  const out: SecretFile[] = [];
  for (const f of files ?? []) {
    if (typeof f?.path !== 'string' || !f.path.startsWith('/') || f.path.endsWith('/') || f.path.includes('..')) {
      problems.push(`secretFiles path ${show(f?.path)} is invalid; allowed: an absolute file path without '..', not ending in '/'`);
      continue;
    }
    if (taken.has(f.path)) {
      problems.push(`secretFiles path '${f.path}' is declared twice (as a secret file or a config file)`);
      continue;
    }
    taken.add(f.path);
    const problem = checkSecretRef(f.secretName, f.key);
    if (problem) {
      problems.push(`secretFiles ${f.path}: ${problem}`);
      continue;
    }
    out.push({ path: f.path, secretName: f.secretName, key: f.key });
  }
  return sortBy(out, (f) => f.path);
}

/**
 * Checks that the pod's volumes, whose names are derived from paths, container and Secret
 * names (`lib/shared/naming/objects.ts`), get distinct names: two sources of one name make an invalid pod.
 */
export function checkVolumeNames(
  security: SecuritySpec,
  pod: PodSpecModel,
  configFiles: ConfigFileSpec[],
  secretFiles: SecretFile[],
  problems: string[],
): void {
  // [volume, what derives it, its container]: paths of one container that share a volume are normalizeSecurity's problem.
  const sources: Array<[string, string, string?]> = [
    ...security.writablePaths.map((p): [string, string, string] => [writableVolumeName(p), `security.writablePaths '${p}'`, '']),
    ...[...pod.initContainers, ...pod.sidecars].flatMap((c) =>
      c.security.writablePaths.map((p): [string, string, string] => [
        extraWritableVolumeName(c.name, p),
        `the writable path '${p}' of container '${c.name}'`,
        c.name,
      ]),
    ),
    ...(configFiles.length > 0 ? [[CONFIG_VOLUME, 'configFiles'] as [string, string]] : []),
    ...[...new Set(secretFiles.map((f) => f.secretName))].map((n): [string, string] => [secretVolumeName(n), `secretFiles Secret '${n}'`]),
  ];
  const seen = new Map<string, [string, string?]>();
  for (const [volume, source, container] of sources) {
    const other = seen.get(volume);
    if (other !== undefined && (container === undefined || other[1] !== container)) {
      problems.push(
        `${other[0]} and ${source} would both be the pod volume '${volume}'; allowed: paths, container or Secret names that give distinct volume names`,
      );
    }
    seen.set(volume, [source, container]);
  }
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const CONFIG_FILES = listOf(obj<ConfigFile>({ path: required(str), content: required(str) }), 'a list of config files');
export const SECRET_FILES = listOf(obj<SecretFile>({ path: required(str), secretName: required(str), key: required(str) }), 'a list of secret files');
