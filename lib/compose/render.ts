import { ComposeDependency, ComposeFile, ComposeService } from './types';
import { EnvValue } from '../model/env-value';
import { AppModel } from '../model/app-model';
import { ConfigFileSpec, DependencyCondition, WorkloadModel } from '../model/workload';
import { sortBy, toEnvPrefix } from '../_util';

const CONDITION: Record<DependencyCondition, ComposeDependency['condition']> = {
  healthy: 'service_healthy',
  started: 'service_started',
  completed: 'service_completed_successfully',
};

/**
 * Renders the Compose file of a chart: one service per workload with the same image,
 * ports, environment, health check and start order as the Kubernetes output, and the
 * same restricted security (read-only root, tmpfs for writable paths, no capabilities).
 * Databases sit on a network of their own shared only with their declared clients.
 */
export function renderComposeFile(app: AppModel): ComposeFile {
  const workloads = app.workloads;
  const services: Record<string, ComposeService> = {};
  const networks: Record<string, { internal?: boolean }> = {};
  const volumes: Record<string, Record<string, never>> = {};
  const hasPlain = workloads.some((w) => w.kind !== 'database');
  if (hasPlain) {
    networks.default = {};
  }
  for (const db of workloads.filter((w) => w.kind === 'database')) {
    // Internal: no route outside. Docker does not publish ports of internal-only containers.
    networks[dbNetwork(db)] = db.ports.some((p) => p.publish !== undefined) ? {} : { internal: true };
  }
  for (const w of workloads) {
    services[w.name] = renderService(w, app.settings.appName);
    for (const v of w.options.volumes) {
      volumes[`${w.name}-${v.name}`] = {};
    }
  }
  return {
    services,
    networks,
    volumes: Object.keys(volumes).length > 0 ? volumes : undefined,
  };
}

/**
 * Where a config file is written, relative to the Compose file. A `.yaml` name gets a
 * `.in` suffix on disk: `cdk8s synth` takes every `*.yaml` in the output for a manifest.
 */
export function configFilePath(appName: string, w: WorkloadModel, f: ConfigFileSpec): string {
  return `${appName}.config/${w.name}/${f.key.endsWith('.yaml') ? `${f.key}.in` : f.key}`;
}

/** The interpolation variables the Compose file reads from the env file, sorted, each with its secret. */
export function composeSecretVariables(app: AppModel): Map<string, string> {
  const vars = new Map<string, string>();
  for (const w of app.workloads) {
    for (const value of w.env.values()) {
      for (const p of value.parts) {
        if (p.kind === 'secret') {
          vars.set(secretVariable(p.secretName, p.key), `${p.secretName}/${p.key}`);
        }
      }
    }
  }
  return new Map(sortBy(vars, ([name]) => name));
}

function renderService(w: WorkloadModel, appName: string): ComposeService {
  const env = renderEnvironment(w.env, appName);
  const h = w.options.health;
  const r = w.resources;
  const ports = w.ports
    .filter((p) => p.publish !== undefined)
    .map((p) => {
      const replicas = w.options.replicas;
      const host = replicas > 1 ? `${p.publish}-${p.publish! + replicas - 1}` : `${p.publish}`;
      return `127.0.0.1:${host}:${p.port}`;
    });
  const dependsOn: Record<string, ComposeDependency> = {};
  for (const d of w.sortedDependencies) {
    dependsOn[d.target.name] = { condition: CONDITION[d.target.readinessCondition] };
  }
  const networks =
    w.kind === 'database' ? [dbNetwork(w)] : ['default', ...w.dependencies.filter((d) => d.target.kind === 'database').map((d) => dbNetwork(d.target))].sort();
  const isJob = w.kind === 'run-once' || w.kind === 'scheduled';
  return {
    image: w.image,
    entrypoint: w.options.command?.map((c) => renderArg(c, env)),
    command: w.options.args?.map((c) => renderArg(c, env)),
    environment: env.size > 0 ? Object.fromEntries(sortBy(env, ([name]) => name)) : undefined,
    // The container ports, as in Kubernetes (reachable by other services on shared networks).
    expose: orUndefined(w.ports.map((p) => `${p.port}`)),
    ports: orUndefined(ports),
    healthcheck: h?.composeTest
      ? {
          test: ['CMD', ...h.composeTest.map(escapeDollar)],
          interval: `${h.intervalSeconds}s`,
          timeout: `${h.timeoutSeconds}s`,
          retries: h.failureThreshold,
          start_period: `${h.startPeriodSeconds}s`,
        }
      : undefined,
    depends_on: Object.keys(dependsOn).length > 0 ? dependsOn : undefined,
    deploy: {
      replicas: w.options.replicas,
      resources: {
        limits: { cpus: r.cpuLimit.toCompose(), memory: r.memoryLimit.toCompose() },
        reservations: { cpus: r.cpuRequest.toCompose(), memory: r.memoryRequest.toCompose() },
      },
    },
    read_only: w.security.readOnlyRootFilesystem,
    tmpfs: orUndefined(w.security.writablePaths),
    cap_drop: ['ALL'],
    security_opt: ['no-new-privileges:true'],
    user: `${w.security.runAsUser}:${w.security.runAsGroup}`,
    networks,
    // Config files are read-only bind mounts of files written next to the Compose file:
    // docker-compose 1.29 ignores `configs:` outside swarm mode.
    volumes: orUndefined([
      ...w.options.volumes.map((v) => `${w.name}-${v.name}:${v.mountPath}`),
      ...w.options.configFiles.map((f) => `./${configFilePath(appName, w, f)}:${f.path}:ro`),
    ]),
    restart: isJob ? 'no' : 'unless-stopped',
    profiles: w.kind === 'scheduled' ? ['scheduled'] : undefined,
    labels: {
      'app.kubernetes.io/name': w.name,
      'app.kubernetes.io/part-of': appName,
    },
  };
}

/**
 * Compose interpolates `$` in every string: literals are escaped as `$$`, secrets become
 * `${VAR:?...}` read from the env file, so a missing value stops `docker compose up`
 * with a clear message instead of starting with an empty password.
 */
function renderEnvironment(env: ReadonlyMap<string, EnvValue>, appName: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of env) {
    out.set(
      name,
      value.parts
        .map((p) => (p.kind === 'literal' ? escapeDollar(p.value) : `\${${secretVariable(p.secretName, p.key)}:?missing: see ${appName}.env.example}`))
        .join(''),
    );
  }
  return out;
}

/** Arguments may refer to the container's variables as `$(NAME)` (Kubernetes syntax); Compose gets the value itself. */
function renderArg(arg: string, env: ReadonlyMap<string, string>): string {
  // Kubernetes semantics: `$$` is a literal `$`, `$(NAME)` a variable of the container.
  return arg
    .split(/(\$\$|\$\([A-Za-z_][A-Za-z0-9_]*\))/)
    .map((piece) => {
      if (piece === '$$') {
        return '$$';
      }
      const ref = /^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(piece);
      if (ref && env.has(ref[1])) {
        return env.get(ref[1])!;
      }
      return escapeDollar(piece);
    })
    .join('');
}

function orUndefined<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

function escapeDollar(s: string): string {
  return s.replace(/\$/g, '$$$$');
}

function dbNetwork(db: WorkloadModel): string {
  return `${db.name}-net`;
}

/** The env-file variable that holds one key of one secret: `orders-db-credentials/password` becomes `ORDERS_DB_CREDENTIALS_PASSWORD`. */
export function secretVariable(secretName: string, key: string): string {
  return toEnvPrefix(`${secretName}_${key}`);
}
