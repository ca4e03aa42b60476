import type { NormalizedBuild } from '../concerns/build/import';
import { BUILD_KEYS_KEPT_OUT, normalizeBuild } from '../concerns/build/import';
import type { NormalizedResources } from '../concerns/container/import';
import { CONTAINER_KEYS_KEPT_OUT, cpuMillis, deployResources, mebibytes, readOnlyKeptOut } from '../concerns/container/import';
import type { NormalizedHealth } from '../concerns/health/import';
import { normalizeHealth } from '../concerns/health/import';
import { NETWORK_KEYS_KEPT_OUT, networksOf } from '../concerns/network/import';
import type { NormalizedPort } from '../concerns/ports/import';
import { normalizePorts } from '../concerns/ports/import';
import type { NormalizedDependency } from '../concerns/rollout/depends-on.import';
import { normalizeDependsOn } from '../concerns/rollout/depends-on.import';
import type { NormalizedSecret, NormalizedVolume } from '../concerns/storage/import';
import { normalizeSecret, normalizeVolume, STORAGE_KEYS_KEPT_OUT } from '../concerns/storage/import';
import { ImportError, invalid, isMapping } from './problems';
import { listOf, optionalNumber, optionalString } from './syntax';

/**
 * One service of a Compose file in one shape: both `ports` syntaxes, list and map
 * `environment`, list and map `depends_on`, every `healthcheck.test` form, `build` as a string
 * or a mapping, short and long `volumes`. Wrong types are an ImportError naming the key and the
 * value; keys this shape does not hold are listed in `unmapped` with the reason. The readers
 * of one concern's keys (ports, health check, build, volumes and secrets, depends_on,
 * networks, resources) live in that concern's `import.ts`; this file holds the service's
 * shape, the keys it reads and those it reports, and the keys no concern owns (environment,
 * command and entrypoint, deploy's replicas and restart).
 */

/** A service in one shape. */
export interface NormalizedService {
  readonly name: string;
  readonly image?: string;
  readonly build?: NormalizedBuild;
  readonly ports: NormalizedPort[];
  readonly environment: Record<string, string>;
  readonly dependsOn: Record<string, NormalizedDependency>;
  readonly links: string[];
  readonly healthcheck?: NormalizedHealth;
  readonly command?: string[];
  readonly entrypoint?: string[];
  readonly volumes: NormalizedVolume[];
  readonly tmpfs: string[];
  readonly secrets: NormalizedSecret[];
  readonly profiles: string[];
  readonly restart?: string;
  readonly replicas?: number;
  readonly resources: NormalizedResources;
  readonly networks: string[];
  readonly user?: string;
  /** Keys (relative to the service) kept out, and why. */
  readonly unmapped: Array<[string, string]>;
}

/** Keys with no prop in the library, and the reason given for each (a concern's own keys in its `import.ts`). */
const NO_EQUIVALENT: Record<string, string> = {
  ...CONTAINER_KEYS_KEPT_OUT,
  ...BUILD_KEYS_KEPT_OUT,
  ...STORAGE_KEYS_KEPT_OUT,
  ...NETWORK_KEYS_KEPT_OUT,
  container_name: 'Compose names the container after the service, Kubernetes after the workload',
  labels: 'no equivalent prop (the library writes its own labels)',
  annotations: 'no equivalent prop',
  logging: "logging is the cluster's concern; no equivalent prop",
  pid: 'no equivalent prop',
  ipc: 'no equivalent prop',
  ulimits: 'no equivalent prop',
  sysctls: 'no equivalent prop',
  stop_signal: 'no equivalent prop',
  stop_grace_period: 'no equivalent prop',
  working_dir: 'no equivalent prop: set WORKDIR in the image',
  stdin_open: 'no equivalent prop',
  tty: 'no equivalent prop',
  init: 'no equivalent prop: add an init (tini) to the image',
  platform: 'no equivalent prop',
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
  gpus: 'no equivalent prop',
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
  const ports = normalizePorts(s, key);
  const environment = environmentOf(s, key);
  const dependsOn = normalizeDependsOn(s.depends_on, key('depends_on'));
  const links = listOf(s.links, key('links')).map((l) => String(l).split(':')[0]);
  const { replicas, resources, restart } = deployOf(s, key, unmapped);
  const networks = networksOf(s, key, unmapped);
  readOnlyKeptOut(s.read_only, unmapped);
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
  const resources: NormalizedResources = {};
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
