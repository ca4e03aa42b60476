import { ImportError, invalid, isMapping } from './problems';
import { durationSeconds } from '../shared/parse/duration';
import { composeBytes, cpuCores } from '../shared/parse/quantity';

/**
 * One service of a Compose file in one shape: both `ports` syntaxes, list and map
 * `environment`, list and map `depends_on`, every `healthcheck.test` form, `build` as a string
 * or a mapping, short and long `volumes`. Wrong types are an ImportError naming the key and the
 * value; keys this shape does not hold are listed in `unmapped` with the reason.
 */

/** A container port, published or not. */
export interface NormalizedPort {
  readonly target: number;
  /** The host port; undefined when not published, or published on a port Compose picks. */
  readonly published?: number;
  /** Whether Compose publishes it on a host port it picks (`- "80"`, a host range). */
  readonly ephemeral: boolean;
  readonly hostIp?: string;
  readonly protocol: string;
  /** Long syntax `name` and `app_protocol`. */
  readonly name?: string;
  readonly appProtocol?: string;
  /** The entry as written, for comments. */
  readonly text: string;
}

/** A mount. */
export interface NormalizedVolume {
  readonly type: string;
  readonly source?: string;
  readonly target: string;
  readonly readOnly: boolean;
  readonly text: string;
}

/** A health check; durations in seconds. */
export interface NormalizedHealth {
  /** The command, run without a shell (`CMD-SHELL` becomes `sh -c`); undefined when only timings are given. */
  readonly test?: string[];
  readonly disabled: boolean;
  readonly interval?: number;
  readonly timeout?: number;
  readonly startPeriod?: number;
  readonly retries?: number;
  readonly startInterval?: number;
}

/** A `depends_on` entry. */
export interface NormalizedDependency {
  readonly condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  readonly restart?: boolean;
  readonly required?: boolean;
}

/** A service in one shape. */
export interface NormalizedService {
  readonly name: string;
  readonly image?: string;
  readonly build?: { readonly context: string; readonly dockerfile?: string; readonly target?: string; readonly args: Record<string, string> };
  readonly ports: NormalizedPort[];
  readonly environment: Record<string, string>;
  readonly dependsOn: Record<string, NormalizedDependency>;
  readonly links: string[];
  readonly healthcheck?: NormalizedHealth;
  readonly command?: string[];
  readonly entrypoint?: string[];
  readonly volumes: NormalizedVolume[];
  readonly tmpfs: string[];
  readonly secrets: Array<{ readonly source: string; readonly target: string }>;
  readonly profiles: string[];
  readonly restart?: string;
  readonly replicas?: number;
  readonly resources: { cpuLimit?: number; cpuRequest?: number; memoryLimit?: number; memoryRequest?: number };
  readonly networks: string[];
  readonly user?: string;
  /** Keys (relative to the service) kept out, and why. */
  readonly unmapped: Array<[string, string]>;
}

const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];

/** Keys with no prop in the library, and the reason given for each. */
const NO_EQUIVALENT: Record<string, string> = {
  container_name: 'Compose names the container after the service, Kubernetes after the workload',
  hostname: 'the host name is the service name in both targets',
  domainname: 'no equivalent prop',
  labels: 'no equivalent prop (the library writes its own labels)',
  annotations: 'no equivalent prop',
  logging: "logging is the cluster's concern; no equivalent prop",
  extra_hosts: 'no equivalent prop (Kubernetes: hostAliases)',
  dns: 'no equivalent prop',
  dns_search: 'no equivalent prop',
  dns_opt: 'no equivalent prop',
  cap_add: 'capabilities are not carried: add them with security.addCapabilities if the image needs them (it lowers the Pod Security level)',
  cap_drop: 'every capability is dropped already',
  privileged: 'privileged containers are not supported (Pod Security)',
  security_opt: 'the library sets no-new-privileges and seccomp RuntimeDefault itself',
  network_mode: 'each workload has its own network namespace (sidecars share one: see PodOptions.sidecars)',
  pid: 'no equivalent prop',
  ipc: 'no equivalent prop',
  devices: 'devices are not supported',
  ulimits: 'no equivalent prop',
  sysctls: 'no equivalent prop',
  stop_signal: 'no equivalent prop',
  stop_grace_period: 'no equivalent prop',
  working_dir: 'no equivalent prop: set WORKDIR in the image',
  stdin_open: 'no equivalent prop',
  tty: 'no equivalent prop',
  init: 'no equivalent prop: add an init (tini) to the image',
  platform: 'no equivalent prop',
  pull_policy: 'the pull policy follows the image reference (imagePullPolicy)',
  shm_size: 'no equivalent prop (databases get a /dev/shm of their own)',
  configs: 'configs are not carried: use configFiles with the content',
  external_links: 'no equivalent prop',
  volumes_from: 'no equivalent prop',
  mem_swappiness: 'no equivalent prop',
  memswap_limit: 'no equivalent prop',
  oom_kill_disable: 'no equivalent prop',
  oom_score_adj: 'no equivalent prop',
  cpu_shares: 'no equivalent prop',
  cpuset: 'no equivalent prop',
  cgroup_parent: 'no equivalent prop',
  userns_mode: 'no equivalent prop',
  group_add: 'no equivalent prop',
  isolation: 'no equivalent prop',
  runtime: 'no equivalent prop',
  storage_opt: 'no equivalent prop',
  develop: 'Compose v2 file watch is not written (code reloads through dev.mounts)',
  gpus: 'no equivalent prop',
  mac_address: 'no equivalent prop',
  attach: 'no equivalent prop',
  post_start: 'no equivalent prop',
  pre_stop: 'no equivalent prop',
  models: 'no equivalent prop',
  provider: 'no equivalent prop',
  label_file: 'no equivalent prop',
  use_api_socket: 'no equivalent prop',
  blkio_config: 'no equivalent prop',
  cpu_period: 'no equivalent prop',
  cpu_quota: 'no equivalent prop',
  cpu_rt_runtime: 'no equivalent prop',
  cpu_rt_period: 'no equivalent prop',
  cpu_percent: 'no equivalent prop',
  cpu_count: 'no equivalent prop',
  credential_spec: 'no equivalent prop',
  device_cgroup_rules: 'no equivalent prop',
  pids_limit: 'no equivalent prop',
};

/** The service keys the import reads; every other key (but `x-` extensions) is reported as not mapped. */
const HANDLED = new Set([
  'image',
  'build',
  'ports',
  'expose',
  'environment',
  'depends_on',
  'links',
  'healthcheck',
  'command',
  'entrypoint',
  'volumes',
  'tmpfs',
  'secrets',
  'profiles',
  'restart',
  'deploy',
  'scale',
  'mem_limit',
  'mem_reservation',
  'cpus',
  'networks',
  'user',
  'read_only',
]);

/** Normalizes the service `name` as read. */
export function normalizeService(name: string, s: Record<string, unknown>): NormalizedService {
  const key = (k: string) => `services.${name}.${k}`;
  const unmapped: Array<[string, string]> = [];
  for (const k of Object.keys(s).sort()) {
    if (HANDLED.has(k) || k.startsWith('x-')) {
      continue;
    }
    unmapped.push([k, NO_EQUIVALENT[k] ?? 'a key the import does not know; not mapped']);
  }
  const image = optionalString(s.image, key('image'));
  const build = normalizeBuild(s.build, key('build'), unmapped);
  if (image === undefined && build === undefined) {
    throw new ImportError(`${key('image')}: missing; allowed: a service needs an image or a build (it has neither)`);
  }
  const ports = portsOf(s, key);
  const environment = environmentOf(s, key);
  const dependsOn = normalizeDependsOn(s.depends_on, key('depends_on'));
  const links = listOf(s.links, key('links')).map((l) => String(l).split(':')[0]);
  const { replicas, resources, restart } = deployOf(s, key, unmapped);
  const networks = networksOf(s, key, unmapped);
  if (s.read_only === false) {
    unmapped.push([
      'read_only',
      'the library runs a read-only root filesystem with writable /tmp: set security.readOnlyRootFilesystem or writablePaths if the image writes elsewhere',
    ]);
  }
  const user = s.user === undefined || s.user === null ? undefined : String(s.user);
  return {
    name,
    image,
    build,
    ports,
    environment,
    dependsOn,
    links,
    healthcheck: normalizeHealth(s.healthcheck, key('healthcheck')),
    command: argv(s.command, key('command')),
    entrypoint: argv(s.entrypoint, key('entrypoint')),
    volumes: listOf(s.volumes, key('volumes')).map((v, i) => normalizeVolume(v, `${key('volumes')}[${i}]`)),
    tmpfs: (typeof s.tmpfs === 'string' ? [s.tmpfs] : listOf(s.tmpfs, key('tmpfs'))).map((t) => String(t).split(':')[0]),
    secrets: listOf(s.secrets, key('secrets')).map((x, i) => normalizeSecret(x, `${key('secrets')}[${i}]`)),
    profiles: listOf(s.profiles, key('profiles')).map(String),
    restart,
    replicas,
    resources,
    networks: networks.filter((n) => n !== 'default'),
    user,
    unmapped,
  };
}

/** The service's `ports`, then its `expose` entries as ports published nowhere. */
function portsOf(s: Record<string, unknown>, key: (k: string) => string): NormalizedService['ports'] {
  const ports = [
    ...listOf(s.ports, key('ports'))
      .map((p, i) => normalizePort(p, `${key('ports')}[${i}]`))
      .flat(),
  ];
  for (const [i, e] of listOf(s.expose, key('expose')).entries()) {
    for (const target of portRange(String(e).replace(/\/(tcp|udp)$/, ''), `${key('expose')}[${i}]`, e)) {
      ports.push({ target, ephemeral: false, protocol: String(e).endsWith('/udp') ? 'udp' : 'tcp', text: String(e) });
    }
  }
  return ports;
}

/** The `environment` as strings; a name without a value (null) is left out. */
function environmentOf(s: Record<string, unknown>, key: (k: string) => string): Record<string, string> {
  const environment: Record<string, string> = {};
  const env = s.environment ?? {};
  if (!isMapping(env)) {
    throw invalid(key('environment'), env, 'a mapping of names to values, or a list of NAME=value');
  }
  for (const [k, v] of Object.entries(env)) {
    if (v !== null && v !== undefined && typeof v === 'object') {
      throw invalid(`${key('environment')}.${k}`, v, 'a string, number or boolean');
    }
    if (v !== null && v !== undefined) {
      environment[k] = String(v);
    }
  }
  return environment;
}

/** Replicas, resources and restart from `deploy` and the older top-level keys (`scale`, `cpus`, `mem_limit`, `restart`...). */
function deployOf(
  s: Record<string, unknown>,
  key: (k: string) => string,
  unmapped: Array<[string, string]>,
): Pick<NormalizedService, 'replicas' | 'resources' | 'restart'> {
  const resources: NormalizedService['resources'] = {};
  const deploy = s.deploy ?? {};
  if (!isMapping(deploy)) {
    throw invalid(key('deploy'), deploy, 'a mapping');
  }
  let replicas = optionalNumber(s.scale, key('scale'));
  for (const [k, v] of Object.entries(deploy).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (k === 'replicas') {
      replicas = optionalNumber(v, key('deploy.replicas'));
    } else if (k === 'resources' && isMapping(v)) {
      deployResources(v, key, resources, unmapped);
    } else if (k === 'restart_policy' && isMapping(v) && v.condition === 'none') {
      // Read with restart below.
    } else {
      unmapped.push([`deploy.${k}`, k === 'mode' && v === 'replicated' ? 'replicated is the default' : 'no equivalent prop']);
    }
  }
  resources.cpuLimit ??= cpuMillis(s.cpus, key('cpus'));
  resources.memoryLimit ??= mebibytes(s.mem_limit, key('mem_limit'));
  resources.memoryRequest ??= mebibytes(s.mem_reservation, key('mem_reservation'));
  const restartPolicy = isMapping(deploy.restart_policy) ? deploy.restart_policy.condition : undefined;
  const restart = s.restart === false ? 'no' : (optionalString(s.restart, key('restart')) ?? (restartPolicy === 'none' ? 'no' : undefined));
  return { replicas, resources, restart };
}

/** `deploy.resources`: the cpus and memory of its limits and reservations; other entries are not mapped. */
function deployResources(
  v: Record<string, unknown>,
  key: (k: string) => string,
  resources: NormalizedService['resources'],
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

/** The names of the service's networks (a list, or a mapping whose per-network settings are not mapped). */
function networksOf(s: Record<string, unknown>, key: (k: string) => string, unmapped: Array<[string, string]>): string[] {
  const networks: string[] = [];
  if (Array.isArray(s.networks)) {
    networks.push(...s.networks.map(String));
  } else if (isMapping(s.networks)) {
    for (const [n, settings] of Object.entries(s.networks)) {
      networks.push(n);
      if (isMapping(settings)) {
        for (const detail of Object.keys(settings)) {
          unmapped.push([`networks.${n}.${detail}`, 'no equivalent prop (host names are service names)']);
        }
      }
    }
  } else if (s.networks !== undefined && s.networks !== null) {
    throw invalid(key('networks'), s.networks, 'a list of network names or a mapping');
  }
  return networks;
}

function listOf(value: unknown, key: string): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw invalid(key, value, 'a list');
  }
  return value;
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalid(key, value, 'a string');
  }
  return value;
}

function optionalNumber(value: unknown, key: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw invalid(key, value, 'a whole number of 0 or more');
  }
  return n;
}

function normalizeBuild(value: unknown, key: string, unmapped: Array<[string, string]>): NormalizedService['build'] {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    return { context: value, args: {} };
  }
  if (!isMapping(value)) {
    throw invalid(key, value, 'a path to the build context, or a mapping with context, dockerfile, target, args');
  }
  const args: Record<string, string> = {};
  const raw = value.args ?? {};
  if (Array.isArray(raw)) {
    for (const a of raw) {
      const [k, ...v] = String(a).split('=');
      if (v.length > 0) {
        args[k] = v.join('=');
      }
    }
  } else if (isMapping(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      if (v !== null && v !== undefined) {
        args[k] = String(v);
      }
    }
  } else {
    throw invalid(`${key}.args`, raw, 'a mapping of names to values, or a list of NAME=value');
  }
  for (const k of Object.keys(value).sort()) {
    if (!['context', 'dockerfile', 'target', 'args'].includes(k)) {
      unmapped.push([`build.${k}`, 'no equivalent in BuildOptions (context, dockerfile, target, args)']);
    }
  }
  return {
    context: optionalString(value.context, `${key}.context`) ?? '.',
    dockerfile: optionalString(value.dockerfile, `${key}.dockerfile`),
    target: optionalString(value.target, `${key}.target`),
    args,
  };
}

/** `8080`, `"8080:80"`, `"127.0.0.1:8080:80/tcp"`, `"[::1]:8080:80"`, `"8000-8002:8000-8002"`, or the long syntax. */
export function normalizePort(value: unknown, key: string): NormalizedPort[] {
  if (isMapping(value)) {
    const target = Number(value.target);
    if (!Number.isInteger(target) || target < 1 || target > 65535) {
      throw invalid(`${key}.target`, value.target, 'a container port from 1 to 65535');
    }
    const protocol = value.protocol === undefined ? 'tcp' : String(value.protocol);
    const published = value.published === undefined || value.published === null ? undefined : String(value.published);
    const hosts = published === undefined ? undefined : portRange(published, `${key}.published`, value.published);
    return [
      {
        target,
        published: hosts?.length === 1 ? hosts[0] : undefined,
        ephemeral: published === undefined ? false : hosts!.length !== 1,
        hostIp: value.host_ip === undefined ? undefined : String(value.host_ip),
        protocol,
        name: value.name === undefined ? undefined : String(value.name),
        appProtocol: value.app_protocol === undefined ? undefined : String(value.app_protocol),
        text: JSON.stringify(value),
      },
    ];
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw invalid(key, value, "a port such as 8080, '8080:80', '127.0.0.1:8080:80/tcp', or { target, published, host_ip, protocol }");
  }
  const text = String(value);
  let rest = text;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close < 0) {
      throw invalid(key, value, "'[IPv6]:host:container'");
    }
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  if (parts.length > 3 || (hostIp !== undefined && parts.length !== 2)) {
    throw invalid(key, value, "'[host_ip:][host:]container[/protocol]', e.g. '127.0.0.1:8080:80/tcp'");
  }
  if (parts.length === 3) {
    hostIp = parts.shift();
  }
  const containers = portRange(parts[parts.length - 1], key, value);
  if (parts.length === 1) {
    return containers.map((target) => ({ target, ephemeral: true, hostIp, protocol, text }));
  }
  const hosts = parts[0] === '' ? [] : portRange(parts[0], key, value);
  if (hosts.length === containers.length) {
    return containers.map((target, i) => ({ target, published: hosts[i], ephemeral: false, hostIp, protocol, text }));
  }
  return containers.map((target) => ({ target, ephemeral: true, hostIp, protocol, text }));
}

/** `8080` or `8000-8010`, as port numbers. */
function portRange(text: string, key: string, value: unknown): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  const from = m ? Number(m[1]) : NaN;
  const to = m?.[2] ? Number(m[2]) : from;
  if (!m || from < 1 || to > 65535 || to < from) {
    throw invalid(key, value, 'ports from 1 to 65535, a single one or a range such as 8000-8010');
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function normalizeDependsOn(value: unknown, key: string): Record<string, NormalizedDependency> {
  const out: Record<string, NormalizedDependency> = {};
  if (value === undefined || value === null) {
    return out;
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      if (typeof v !== 'string') {
        throw invalid(key, v, 'service names');
      }
      out[v] = { condition: 'service_started' };
    }
    return out;
  }
  if (!isMapping(value)) {
    throw invalid(key, value, 'a list of service names, or a mapping of service names to { condition }');
  }
  for (const [name, spec] of Object.entries(value)) {
    const condition = isMapping(spec) ? (spec.condition ?? 'service_started') : 'service_started';
    if (!CONDITIONS.includes(String(condition))) {
      throw invalid(`${key}.${name}.condition`, condition, CONDITIONS.join(', '));
    }
    out[name] = {
      condition: condition as NormalizedDependency['condition'],
      restart: isMapping(spec) && spec.restart !== undefined ? Boolean(spec.restart) : undefined,
      required: isMapping(spec) && spec.required !== undefined ? Boolean(spec.required) : undefined,
    };
  }
  return out;
}

function normalizeHealth(value: unknown, key: string): NormalizedHealth | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isMapping(value)) {
    throw invalid(key, value, 'a mapping with test, interval, timeout, retries, start_period');
  }
  const test = value.test;
  let argvOf: string[] | undefined;
  let disabled = value.disable === true;
  if (typeof test === 'string') {
    argvOf = ['sh', '-c', test];
  } else if (Array.isArray(test)) {
    const [form, ...rest] = test.map(String);
    if (form === 'NONE') {
      disabled = true;
    } else if (form === 'CMD') {
      argvOf = rest;
    } else if (form === 'CMD-SHELL') {
      argvOf = ['sh', '-c', rest.join(' ')];
    } else {
      throw invalid(`${key}.test`, test, "['CMD', ...], ['CMD-SHELL', 'command'], ['NONE'] or a string (run by the shell)");
    }
  } else if (test !== undefined && test !== null) {
    throw invalid(`${key}.test`, test, "['CMD', ...], ['CMD-SHELL', 'command'], ['NONE'] or a string");
  }
  const retries = value.retries === undefined ? undefined : Number(value.retries);
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 0)) {
    throw invalid(`${key}.retries`, value.retries, 'a whole number of 0 or more');
  }
  return {
    test: argvOf,
    disabled,
    interval: duration(value.interval, `${key}.interval`),
    timeout: duration(value.timeout, `${key}.timeout`),
    startPeriod: duration(value.start_period, `${key}.start_period`),
    startInterval: duration(value.start_interval, `${key}.start_interval`),
    retries,
  };
}

/** A Go duration (`1m30s`, `500ms`) in seconds. */
export function duration(value: unknown, key: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const seconds = durationSeconds(value);
  if (Number.isNaN(seconds) || seconds < 0) {
    throw invalid(key, value, "a duration such as '30s', '1m30s' or '500ms'");
  }
  return seconds;
}

function cpuMillis(value: unknown, key: string): number | undefined {
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

/** A command as a list; a string is split as a POSIX shell would split words (quotes and backslashes). */
export function argv(value: unknown, key: string): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.map(String);
  }
  if (typeof value !== 'string') {
    throw invalid(key, value, 'a list of strings or a command line');
  }
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === quote) {
        quote = undefined;
      } else if (c === '\\' && quote === '"' && i + 1 < value.length && '"\\$`'.includes(value[i + 1])) {
        word = (word ?? '') + value[++i];
      } else {
        word = (word ?? '') + c;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < value.length) {
      word = (word ?? '') + value[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) {
        words.push(word);
        word = undefined;
      }
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) {
    throw invalid(key, value, 'a command line with closed quotes');
  }
  if (word !== undefined) {
    words.push(word);
  }
  return words;
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

function normalizeSecret(value: unknown, key: string): { source: string; target: string } {
  if (typeof value === 'string') {
    return { source: value, target: value };
  }
  if (isMapping(value) && typeof value.source === 'string') {
    return { source: value.source, target: typeof value.target === 'string' ? value.target : value.source };
  }
  throw invalid(key, value, 'a secret name or { source, target }');
}
