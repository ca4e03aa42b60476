import type { AppModel } from '../../model/app-model';
import type { EnvValue } from './env-value.model';
import { connectionVariable, toEnvPrefix } from '../../shared/naming/variables';
import type { WorkloadModel } from '../../model/workload';
import { checkEnv } from './props';
import { ENV_MAP } from './props';
import { obj, optional, str } from '../../shared/shape';

/** Options of `connectTo()`. */
export interface ConnectionOptions {
  /**
   * Prefix of the injected environment variables: `<PREFIX>_HOST`, `<PREFIX>_PORT`,
   * `<PREFIX>_URL`, and for databases `_NAME`, `_USER`, `_PASSWORD`.
   * @default - the target's service name in UPPER_SNAKE case, e.g. `ORDERS_DB`
   */
  readonly envPrefix?: string;

  /**
   * The variables to inject instead of the prefixed ones, named as the image reads them,
   * usually from the target's typed outputs: `{ REDIS_ADDR: cache.connection.address }`.
   * `{}` injects none: the connection still opens the network path and orders the start.
   * @default - the prefixed variables (see `envPrefix`)
   */
  readonly env?: Record<string, EnvValue>;
}

/** Returns a problem description when `target` cannot be connected to over the network (it listens on no port). */
export function checkConnection(target: WorkloadModel): string | undefined {
  if (target.kind !== 'web' && target.kind !== 'database') {
    const what = target.kind === 'worker' ? 'a continuous worker' : target.kind === 'run-once' ? 'a run-once job' : 'a scheduled job';
    return `cannot connect to '${target.name}': it is ${what} and listens on no port; use dependsOn() to wait for it`;
  }
  return undefined;
}

/**
 * The variables a connection injects: `options.env` as given, or the target's default set
 * named with the checked prefix. Pushes each problem found.
 */
export function connectionVariables(
  target: WorkloadModel,
  options: ConnectionOptions,
  defaults: (prefix: string) => Record<string, EnvValue>,
  problems: string[],
): Record<string, EnvValue> {
  if (options.env !== undefined) {
    if (options.envPrefix !== undefined) {
      problems.push(`envPrefix '${options.envPrefix}' and env are both set; env names every variable itself, so give one of them`);
    }
    if (typeof options.env !== 'object' || options.env === null || Array.isArray(options.env)) {
      problems.push(
        `env ${String(options.env)} is invalid; allowed: an object of variable names to EnvValues, e.g. { REDIS_ADDR: cache.connection.address }, or {}`,
      );
      return {};
    }
    for (const [name, value] of Object.entries(options.env)) {
      const problem = checkEnv(name, value);
      if (problem) {
        problems.push(problem);
      }
    }
    return options.env;
  }
  const prefix = options.envPrefix ?? toEnvPrefix(target.name);
  if (!/^[A-Z_][A-Z0-9_]*$/.test(prefix)) {
    problems.push(`envPrefix '${prefix}' is invalid; allowed: upper-case letters, digits and '_', not starting with a digit`);
    return {};
  }
  return defaults(prefix);
}

/** The variables a client receives from `connectTo()`, named with `prefix`. */
export function connectionEnv(
  prefix: string,
  outputs: { host: EnvValue; port: EnvValue; url: EnvValue; password?: EnvValue; databaseName?: EnvValue; user?: EnvValue },
): Record<string, EnvValue> {
  const env: Record<string, EnvValue> = {
    [connectionVariable(prefix, 'HOST')]: outputs.host,
    [connectionVariable(prefix, 'PORT')]: outputs.port,
  };
  if (outputs.password) {
    env[connectionVariable(prefix, 'PASSWORD')] = outputs.password;
  }
  env[connectionVariable(prefix, 'URL')] = outputs.url;
  if (outputs.databaseName && outputs.user) {
    env[connectionVariable(prefix, 'NAME')] = outputs.databaseName;
    env[connectionVariable(prefix, 'USER')] = outputs.user;
  }
  return env;
}

/**
 * Returns a problem description when `source` cannot depend on `target`: itself, a scheduled
 * job, a workload of another chart (`otherChart` gives both charts then), a workload under
 * Compose profiles the dependant does not share, or an edge that closes a cycle.
 */
export function checkDependency(source: WorkloadModel, target: WorkloadModel, otherChart?: { source: AppModel; target: AppModel }): string | undefined {
  if (target === source) {
    return `'${target.name}' cannot depend on or connect to itself`;
  }
  if (target.kind === 'scheduled') {
    return `cannot depend on '${target.name}': it is a scheduled job, which runs on its own timetable, so nothing can wait for it`;
  }
  if (otherChart) {
    return `'${target.name}' is in chart '${otherChart.target.path}', not in this workload's chart '${otherChart.source.path}'; connections stay inside one chart`;
  }
  const targetProfiles = target.compose.profiles;
  const missing = source.compose.profiles.filter((p) => !targetProfiles.includes(p));
  if (targetProfiles.length > 0 && (source.compose.profiles.length === 0 || missing.length > 0)) {
    const own = source.compose.profiles.length > 0 ? `profiles ${source.compose.profiles.join(', ')}` : 'no profile';
    return `cannot depend on '${target.name}': it starts only under the Compose profiles ${targetProfiles.join(', ')}, and '${source.name}' (${own}) would start without it (docker compose refuses); allowed: give '${source.name}' only profiles '${target.name}' has, or make '${target.name}' depend on '${source.name}'`;
  }
  const cycle = findPath(target, source);
  if (cycle) {
    return `depending on '${target.name}' would create a dependency cycle: ${[source.name, ...cycle.map((m) => m.name)].join(' -> ')}`;
  }
  return undefined;
}

/** Returns a problem description when `addEnv(name, value)` is invalid or contradicts an earlier value. */
export function checkAddEnv(model: WorkloadModel, name: string, value: EnvValue): string | undefined {
  const problem = checkEnv(name, value);
  if (problem) {
    return problem;
  }
  const existing = model.env.get(name);
  if (existing && existing.toString() !== value.toString()) {
    return `environment variable ${name} is already set to '${existing}'; cannot set it to '${value}' as well`;
  }
  return undefined;
}

/** The dependency path from `from` to `to`, if there is one. */
function findPath(from: WorkloadModel, to: WorkloadModel, seen = new Set<WorkloadModel>()): WorkloadModel[] | undefined {
  if (from === to) {
    return [to];
  }
  if (seen.has(from)) {
    return undefined;
  }
  seen.add(from);
  for (const d of from.dependencies) {
    const rest = findPath(d.target, to, seen);
    if (rest) {
      return [from, ...rest];
    }
  }
  return undefined;
}

export const CONNECTION_OPTIONS = obj<ConnectionOptions>({ env: optional(ENV_MAP), envPrefix: optional(str) });
