import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import type { OnUse, Variables } from './interpolate';
import { interpolateTree, parseDotenv } from './interpolate';
import type { ImportWarning } from './problems';
import { ImportError, invalid, isMapping, typeName } from './problems';

/**
 * Reads a Compose project as Compose does: the YAML (anchors and merge keys), the `.env` next
 * to the file, interpolation from the environment and `.env`, `extends` (also from other
 * files) and `env_file`. The result is the project's services as plain data, with paths
 * relative to the Compose file's folder.
 */

/** A Compose project as read, before normalization. */
export interface ComposeProject {
  /** The Compose file. */
  readonly file: string;
  /** Its folder: the project root of the generated app. */
  readonly dir: string;
  /** The project name: top-level `name`, else the folder's name. */
  readonly name: string;
  /** Each service as written after interpolation, `extends` and `env_file`. */
  readonly services: Record<string, Record<string, unknown>>;
  /** Top-level `volumes`, `networks`, `secrets`, `configs`. */
  readonly volumes: Record<string, unknown>;
  readonly networks: Record<string, unknown>;
  readonly secrets: Record<string, unknown>;
  readonly configs: Record<string, unknown>;
  readonly warnings: ImportWarning[];
  /**
   * The variables whose values the project took from the shell's environment (by
   * interpolation, `- NAME` in `environment`, or `NAME` alone in an env file), with those
   * values: not from the `.env` file nor a default. The generated code, meant to be
   * committed, must not write them where they may be secret.
   */
  readonly fromShell: ReadonlyMap<string, string>;
}

/** Top-level keys the reader knows; `x-*` extensions are ignored, as Compose does. */
const TOP_LEVEL = new Set(['version', 'name', 'services', 'volumes', 'networks', 'secrets', 'configs']);

/** Keys whose lists `extends` replaces rather than concatenates. */
const REPLACED = new Set(['command', 'entrypoint', 'test']);

/** Keys written as lists of `KEY=value` or as mappings: `extends` merges them by key. */
const KEYED = new Set(['environment', 'labels', 'annotations', 'depends_on', 'sysctls', 'extra_hosts']);

/** Reads the project of `file`, with `env` (the shell's environment) over the `.env` next to it. */
export function readProject(file: string, env: Variables): ComposeProject {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const warnings: ImportWarning[] = [];
  const vars = { ...readDotenv(path.join(dir, '.env')), ...env };
  const fromShell = new Map<string, string>();
  const onUse = (name: string) => {
    if (env[name] !== undefined) {
      fromShell.set(name, env[name]);
    }
  };
  const cache = new Map<string, Record<string, unknown>>();
  const main = loadFile(abs, vars, warnings, cache, onUse, true);
  if (main.include !== undefined) {
    throw new ImportError(
      `include: ${JSON.stringify(main.include)}: the import does not support 'include' (a project of several Compose files); import each file on its own`,
    );
  }
  for (const key of Object.keys(main)) {
    if (!TOP_LEVEL.has(key) && !key.startsWith('x-')) {
      warnings.push({ key, message: 'a top-level key the import does not know; not mapped', kind: 'not mapped' });
    }
  }
  const raw = main.services;
  if (!isMapping(raw) || Object.keys(raw).length === 0) {
    throw new ImportError(
      `services: ${raw === undefined ? 'missing' : `${typeName(raw)} ${JSON.stringify(raw)}`}; allowed: a mapping of at least one service name to its settings`,
    );
  }
  const services: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(raw)) {
    services[name] = resolveExtends(abs, dir, name, vars, warnings, cache, onUse, []);
  }
  for (const [name, service] of Object.entries(services)) {
    readEnvFiles(name, service, dir, vars, warnings, onUse);
    // `- NAME` (or `NAME:` with no value) takes the shell's value; unset, the variable is not set.
    if (service.environment !== undefined && service.environment !== null) {
      if (!isMapping(service.environment) && !Array.isArray(service.environment)) {
        throw invalid(`services.${name}.environment`, service.environment, 'a mapping of names to values, or a list of NAME=value');
      }
      const environment = keyed(service.environment);
      for (const [k, v] of Object.entries(environment)) {
        if (v === null) {
          if (vars[k] === undefined) {
            delete environment[k];
          } else {
            onUse(k);
            environment[k] = vars[k];
          }
        }
      }
      service.environment = environment;
    }
  }
  const topLevel = (key: string): Record<string, unknown> => {
    const v = main[key];
    if (v === undefined || v === null) {
      return {};
    }
    if (!isMapping(v)) {
      throw invalid(key, v, `a mapping of ${key} names to their settings`);
    }
    return v;
  };
  const name = typeof main.name === 'string' && main.name !== '' ? main.name : path.basename(dir);
  return {
    file: abs,
    dir,
    name,
    services,
    volumes: topLevel('volumes'),
    networks: topLevel('networks'),
    secrets: topLevel('secrets'),
    configs: topLevel('configs'),
    warnings,
    fromShell,
  };
}

function readDotenv(file: string): Record<string, string> {
  if (!fs.existsSync(file)) {
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, v] of parseDotenv(readText(file, `the .env file ${file}`), file)) {
    if (v !== undefined) {
      out[k] = v;
    }
  }
  return out;
}

/** The text of `file`; a file that cannot be read (a folder, no permission) is an ImportError naming it as `what`. */
function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    const why = code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'is not readable (permission denied)' : `cannot be read: ${message}`;
    throw new ImportError(`${what} ${why}`);
  }
}

/** Parses and interpolates one Compose file (cached: `extends` may read a file several times). */
function loadFile(
  file: string,
  vars: Variables,
  warnings: ImportWarning[],
  cache: Map<string, Record<string, unknown>>,
  onUse: OnUse,
  main = false,
): Record<string, unknown> {
  const cached = cache.get(file);
  if (cached) {
    return cached;
  }
  if (!fs.existsSync(file)) {
    throw new ImportError(`${main ? 'the Compose file' : 'extends.file'} ${file} does not exist`);
  }
  const text = readText(file, `${main ? 'the Compose file' : 'extends.file'} ${file}`);
  let doc: unknown;
  try {
    doc = yaml.load(text, { filename: file });
  } catch (e) {
    throw new ImportError(`${file} is not valid YAML: ${(e as Error).message}`);
  }
  if (!isMapping(doc)) {
    throw new ImportError(`${file}: the document is ${typeName(doc)}; allowed: a mapping with 'services'`);
  }
  // Extensions hold anchors' sources only: they are not interpolated (nor read) by the import.
  const kept = Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('x-')));
  const result = interpolateTree(kept, vars, '', main ? warnings : [], onUse) as Record<string, unknown>;
  cache.set(file, result);
  return result;
}

/** A service of `file` with its `extends` chain merged in, paths relative to `rootDir`. */
function resolveExtends(
  file: string,
  rootDir: string,
  name: string,
  vars: Variables,
  warnings: ImportWarning[],
  cache: Map<string, Record<string, unknown>>,
  onUse: OnUse,
  stack: string[],
): Record<string, unknown> {
  const id = `${file}#${name}`;
  if (stack.includes(id)) {
    throw new ImportError(`services.${name}.extends: a cycle: ${[...stack, id].map((s) => s.split('#')[1]).join(' -> ')}`);
  }
  const doc = loadFile(file, vars, warnings, cache, onUse);
  const services = doc.services;
  const raw = isMapping(services) ? services[name] : undefined;
  if (raw === null) {
    return {};
  }
  if (!isMapping(raw)) {
    throw invalid(`services.${name}`, raw, 'a mapping of the service settings');
  }
  let service = rebase({ ...raw }, path.dirname(file), rootDir);
  const ext = service.extends;
  if (ext !== undefined) {
    delete service.extends;
    const spec = typeof ext === 'string' ? { service: ext } : ext;
    if (!isMapping(spec) || typeof spec.service !== 'string') {
      throw invalid(`services.${name}.extends`, ext, 'a service name, or { service, file? }');
    }
    if (spec.file !== undefined && typeof spec.file !== 'string') {
      throw invalid(`services.${name}.extends.file`, spec.file, 'a path to a Compose file');
    }
    const baseFile = spec.file ? path.resolve(path.dirname(file), spec.file) : file;
    const baseDoc = loadFile(baseFile, vars, warnings, cache, onUse);
    if (!isMapping(baseDoc.services) || !(spec.service in baseDoc.services)) {
      throw new ImportError(`services.${name}.extends: service '${spec.service}' is not defined in ${spec.file ?? 'this file'}`);
    }
    const base = resolveExtends(baseFile, rootDir, spec.service, vars, warnings, cache, onUse, [...stack, id]);
    service = merge(base, service);
  }
  return service;
}

/** Rewrites a service's relative paths (build context, env files, bind sources) from `fromDir` to `rootDir`. */
function rebase(service: Record<string, unknown>, fromDir: string, rootDir: string): Record<string, unknown> {
  if (fromDir === rootDir) {
    return service;
  }
  const move = (p: unknown) => (typeof p === 'string' && !path.isAbsolute(p) && !/^[a-z]+:\/\//.test(p) ? toRelative(rootDir, path.resolve(fromDir, p)) : p);
  if (typeof service.build === 'string') {
    service.build = move(service.build);
  } else if (isMapping(service.build)) {
    service.build = { ...service.build, context: move(service.build.context ?? '.') };
  }
  if (typeof service.env_file === 'string' || Array.isArray(service.env_file)) {
    service.env_file = ([] as unknown[]).concat(service.env_file).map((f) => (isMapping(f) ? { ...f, path: move(f.path) } : move(f)));
  }
  if (Array.isArray(service.volumes)) {
    service.volumes = service.volumes.map((v) => {
      if (typeof v === 'string' && v.startsWith('.')) {
        const [source, ...rest] = v.split(':');
        return [move(source), ...rest].join(':');
      }
      return isMapping(v) && v.type === 'bind' ? { ...v, source: move(v.source) } : v;
    });
  }
  return service;
}

function toRelative(from: string, to: string): string {
  const rel = path.relative(from, to).split(path.sep).join('/');
  return rel === '' ? '.' : rel.startsWith('..') ? rel : `./${rel}`;
}

/** Compose's merge of an extended service with the extending one. */
export function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const old = out[key];
    if (old === undefined || value === null || value === undefined) {
      out[key] = value;
    } else if (KEYED.has(key)) {
      out[key] = { ...keyed(old), ...keyed(value) };
    } else if (key === 'build') {
      out[key] = { ...buildMapping(old), ...buildMapping(value) };
    } else if (key === 'volumes' && Array.isArray(old) && Array.isArray(value)) {
      const byTarget = new Map<string, unknown>();
      for (const v of [...old, ...value]) {
        byTarget.set(volumeTarget(v), v);
      }
      out[key] = [...byTarget.values()];
    } else if (REPLACED.has(key) || !Array.isArray(old) || !Array.isArray(value)) {
      out[key] = isMapping(old) && isMapping(value) ? merge(old, value) : value;
    } else {
      out[key] = [...old, ...value.filter((v) => !old.some((o) => JSON.stringify(o) === JSON.stringify(v)))];
    }
  }
  return out;
}

/** A `KEY=value` list or a mapping, as a mapping (`depends_on` lists give `service_started`). */
export function keyed(value: unknown): Record<string, unknown> {
  if (isMapping(value)) {
    return value;
  }
  if (!Array.isArray(value)) {
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const item of value) {
    const text = String(item);
    const eq = text.indexOf('=');
    out[eq < 0 ? text : text.slice(0, eq)] = eq < 0 ? null : text.slice(eq + 1);
  }
  return out;
}

function buildMapping(value: unknown): Record<string, unknown> {
  return typeof value === 'string' ? { context: value } : isMapping(value) ? value : {};
}

function volumeTarget(v: unknown): string {
  if (typeof v === 'string') {
    const parts = v.split(':');
    return parts.length === 1 ? parts[0] : parts[1];
  }
  return isMapping(v) ? String(v.target) : JSON.stringify(v);
}

/**
 * Folds `env_file` into `environment` (the file's values first, `environment` over them), as
 * Compose does. A missing file is a warning: the import may run where the file is absent.
 */
function readEnvFiles(name: string, service: Record<string, unknown>, dir: string, vars: Variables, warnings: ImportWarning[], onUse: OnUse): void {
  const spec = service.env_file;
  if (spec === undefined || spec === null) {
    return;
  }
  const key = `services.${name}.env_file`;
  const entries = typeof spec === 'string' ? [spec] : Array.isArray(spec) ? spec : undefined;
  if (!entries) {
    throw invalid(key, spec, 'a path, or a list of paths or of { path, required }');
  }
  const values: Record<string, unknown> = {};
  for (const entry of entries) {
    const file = isMapping(entry) ? entry.path : entry;
    const required = isMapping(entry) ? entry.required !== false : true;
    if (typeof file !== 'string') {
      throw invalid(key, entry, 'a path, or { path, required }');
    }
    const abs = path.resolve(dir, file);
    if (!fs.existsSync(abs)) {
      if (required) {
        warnings.push({
          key,
          message: `${file} is not here: its variables are not in the generated code; add them to env (Compose reads the file at run time)`,
          kind: 'not mapped',
        });
      }
      continue;
    }
    for (const [k, v] of parseDotenv(readText(abs, `${key}: ${file} (${abs})`), file)) {
      if (v === undefined && vars[k] !== undefined) {
        onUse(k);
      }
      values[k] = v === undefined ? (vars[k] ?? null) : interpolateTree(v, vars, `${key}.${k}`, warnings, onUse);
    }
  }
  service.environment = { ...values, ...keyed(service.environment) };
  delete service.env_file;
}
