import { Duration } from 'cdk8s';
import { EnvValue } from './env-value';
import { HealthCheck, InImageClient } from './health-check';
import { PodCount } from './pod-count';
import { Cpu, Memory } from './quantity';
import { checkDnsLabel, checkEnvName, checkHostName, checkSecretRef, collect, compareStrings, show, sortBy } from '../_util';

/**
 * The backend-neutral description of one workload: every default is applied here,
 * once, and both renderers read the result. Renderers never apply defaults.
 */

/** What a workload is; decides which objects each backend renders. */
export type WorkloadKind = 'web' | 'worker' | 'scheduled' | 'run-once' | 'database';

/** A port the container listens on. */
export interface PortSpec {
  /** IANA-style port name, at most 15 characters. */
  readonly name: string;
  /** Container port, which is also the Service port, so `host:port` is the same in both targets. */
  readonly port: number;
  /** Host port Compose publishes on 127.0.0.1; undefined means not published. */
  readonly publish?: number;
}

/** A health check with its port resolved and its timing in seconds. */
export interface HealthSpec {
  readonly kind: 'http' | 'tcp' | 'command';
  readonly path?: string;
  readonly port?: PortSpec;
  readonly argv?: string[];
  /** The argv Compose runs in the container; undefined when the user chose `InImageClient.NONE`. */
  readonly composeTest?: string[];
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly startPeriodSeconds: number;
}

/** Requests and limits. */
export interface ResourcesSpec {
  readonly cpuRequest: Cpu;
  readonly cpuLimit: Cpu;
  readonly memoryRequest: Memory;
  readonly memoryLimit: Memory;
}

/** The security context every container runs with. */
export interface SecuritySpec {
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly readOnlyRootFilesystem: boolean;
  /** Paths that stay writable on a read-only root: emptyDir in Kubernetes, tmpfs in Compose. */
  readonly writablePaths: string[];
}

/** A persistent volume: a PVC template in Kubernetes, a named volume in Compose. */
export interface VolumeSpec {
  readonly name: string;
  readonly mountPath: string;
  readonly size: Memory;
  readonly storageClassName?: string;
}

/** Autoscaling bounds. */
export interface AutoscalingSpec {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuTargetPercent: number;
}

/** A file the container reads: a ConfigMap key in Kubernetes, a Compose config. */
export interface ConfigFileSpec {
  /** Absolute path inside the container. */
  readonly path: string;
  /** Unique key: the ConfigMap key and the Compose config name suffix. */
  readonly key: string;
  readonly content: string;
}

/** How a Deployment replaces pods. */
export interface RollingUpdateSpec {
  readonly maxSurge: PodCount;
  readonly maxUnavailable: PodCount;
}

/** An Ingress in front of a web service. */
export interface IngressSpec {
  readonly host: string;
  readonly path: string;
  readonly tlsSecretName?: string;
  readonly className?: string;
}

/** How a dependant waits for a dependency to be usable. */
export type DependencyCondition = 'healthy' | 'started' | 'completed';

/** A declared edge of the connection graph. */
export interface DependencySpec {
  readonly target: WorkloadModel;
  /** Ports of the target the source may reach (NetworkPolicy). Empty for run-once jobs. */
  readonly ports: PortSpec[];
}

/** The normalized description of a workload. Mutable only through the construct's verbs. */
export class WorkloadModel {
  public readonly env = new Map<string, EnvValue>();
  public readonly dependencies: DependencySpec[] = [];
  /** The workloads that depend on this one (the reverse edges of `dependencies`). */
  public readonly dependants: WorkloadModel[] = [];
  /** Warnings recorded for features one backend cannot express. */
  public readonly warnings: string[] = [];
  /** The construct path, for messages. */
  public path = '';

  constructor(
    public readonly name: string,
    public readonly kind: WorkloadKind,
    public readonly image: string,
    public readonly imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never',
    public readonly ports: PortSpec[],
    public readonly resources: ResourcesSpec,
    public readonly security: SecuritySpec,
    public readonly options: {
      readonly command?: string[];
      readonly args?: string[];
      readonly health?: HealthSpec;
      readonly replicas: number;
      readonly autoscaling?: AutoscalingSpec;
      readonly volumes: VolumeSpec[];
      readonly ingress?: IngressSpec;
      readonly schedule?: string;
      readonly backoffLimit?: number;
      readonly allowExternalEgress: boolean;
      readonly configFiles: ConfigFileSpec[];
      readonly rollingUpdate?: RollingUpdateSpec;
      readonly disruptionBudget?: boolean;
      readonly topologySpread?: boolean;
    },
  ) {}

  /** A copy with the given fields replaced (environment overrides); env and warnings are copied. */
  public with(changes: { image?: string; imagePullPolicy?: WorkloadModel['imagePullPolicy']; replicas?: number; ports?: PortSpec[] }): WorkloadModel {
    const copy = new WorkloadModel(
      this.name,
      this.kind,
      changes.image ?? this.image,
      changes.imagePullPolicy ?? this.imagePullPolicy,
      changes.ports ?? this.ports,
      this.resources,
      this.security,
      { ...this.options, replicas: changes.replicas ?? this.options.replicas },
    );
    this.env.forEach((v, k) => copy.env.set(k, v));
    copy.warnings.push(...this.warnings);
    return copy;
  }

  /** The host ports Compose publishes (a range per port when replicas > 1). */
  public get hostPorts(): number[] {
    return this.ports
      .filter((p) => p.publish !== undefined)
      .flatMap((p) => Array.from({ length: Math.max(1, this.options.replicas) }, (_, i) => p.publish! + i));
  }

  /** The declared dependencies, sorted by target name (the order every renderer writes them in). */
  public get sortedDependencies(): DependencySpec[] {
    return sortBy(this.dependencies, (d) => d.target.name);
  }

  /** How dependants wait for this workload in Compose (and what Kubernetes readiness means for it). */
  public get readinessCondition(): DependencyCondition {
    if (this.kind === 'run-once') {
      return 'completed';
    }
    return this.options.health?.composeTest ? 'healthy' : 'started';
  }

  /** Whether Kubernetes keeps at least two pods, so a PodDisruptionBudget is safe. */
  public get isHighlyAvailable(): boolean {
    const min = this.options.autoscaling?.minReplicas ?? this.options.replicas;
    return (this.kind === 'web' || this.kind === 'worker') && min >= 2;
  }

  /** Whether a PodDisruptionBudget is rendered: only with two pods or more (one would block drains). */
  public get hasDisruptionBudget(): boolean {
    return this.isHighlyAvailable && this.options.disruptionBudget !== false;
  }

  /** Whether pods are spread over nodes and zones. */
  public get hasTopologySpread(): boolean {
    return this.isHighlyAvailable && this.options.topologySpread !== false;
  }
}

// ---------------------------------------------------------------------------
// Normalization helpers: each returns the normalized value and pushes problems.
// ---------------------------------------------------------------------------

/** Defaults for resources, chosen explicitly instead of cdk8s-plus-28's 1000m/512Mi requests. */
export const DEFAULT_RESOURCES = {
  cpuRequest: Cpu.millis(100),
  cpuLimit: Cpu.millis(500),
  memoryRequest: Memory.mebibytes(128),
  memoryLimit: Memory.mebibytes(256),
};

/** User input for resources. */
export interface ResourcesInput {
  readonly cpuRequest?: Cpu;
  readonly cpuLimit?: Cpu;
  readonly memoryRequest?: Memory;
  readonly memoryLimit?: Memory;
}

export function normalizeResources(input: ResourcesInput | undefined, problems: string[], defaults = DEFAULT_RESOURCES): ResourcesSpec {
  const r = { ...defaults, ...compactInput(input) };
  const before = problems.length;
  for (const [key, q] of Object.entries(r)) {
    if (typeof (q as { _problem?: unknown })?._problem !== 'function') {
      const kind = key.startsWith('cpu') ? "a Cpu, e.g. Cpu.millis(250) or Cpu.parse('250m')" : "a Memory, e.g. Memory.mebibytes(256) or Memory.parse('256Mi')";
      problems.push(`resources.${key} ${show(q)} is invalid; allowed: ${kind}`);
      continue;
    }
    const problem = q._problem(`resources.${key}`);
    if (problem) {
      problems.push(problem);
    }
  }
  if (problems.length === before) {
    if (r.cpuRequest.millis > r.cpuLimit.millis) {
      problems.push(
        `resources.cpuRequest ${r.cpuRequest.toKubernetes()} is larger than resources.cpuLimit ${r.cpuLimit.toKubernetes()}; the request must not exceed the limit`,
      );
    }
    if (r.memoryRequest.bytes > r.memoryLimit.bytes) {
      problems.push(
        `resources.memoryRequest ${r.memoryRequest.toKubernetes()} is larger than resources.memoryLimit ${r.memoryLimit.toKubernetes()}; the request must not exceed the limit`,
      );
    }
  }
  return r;
}

function compactInput<T extends object>(input: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(input ?? {})) {
    if (v !== undefined) {
      (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/** User input for one port. */
export interface PortInput {
  readonly name: string;
  readonly port: number;
  readonly publish?: number;
}

export function normalizePorts(ports: readonly PortInput[], problems: string[]): PortSpec[] {
  const names = new Set<string>();
  const numbers = new Set<number>();
  if (!Array.isArray(ports)) {
    problems.push(`ports ${show(ports)} is invalid; allowed: a list of { name, port, publish? }`);
    return [];
  }
  for (const p of ports) {
    if (typeof p?.name !== 'string') {
      problems.push(`port ${show(p)} has no name; allowed: { name: 'http', port: 8080 }`);
      continue;
    }
    const nameProblem = checkDnsLabel('port name', p.name, 15);
    if (nameProblem) {
      problems.push(nameProblem);
    } else if (!/[a-z]/.test(p.name) || p.name.includes('--')) {
      problems.push(`port name '${p.name}' is invalid; allowed: at least one letter and no '--' (an IANA service name)`);
    }
    if (names.has(p.name)) {
      problems.push(`port name '${p.name}' is used twice; each port needs its own name`);
    }
    names.add(p.name);
    if (!isPort(p.port)) {
      problems.push(`port ${show(p.port)} (${p.name}) is out of range; allowed: a whole number from 1 to 65535`);
    } else if (numbers.has(p.port)) {
      problems.push(`port ${p.port} is declared twice; each container port must be unique`);
    }
    numbers.add(p.port);
    if (p.publish !== undefined && !isPort(p.publish)) {
      problems.push(`published host port ${show(p.publish)} (${p.name}) is out of range; allowed: a whole number from 1 to 65535`);
    }
  }
  return ports.map((p) => ({ name: p.name, port: p.port, publish: p.publish }));
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

export function normalizeEnv(env: Record<string, EnvValue> | undefined, target: Map<string, EnvValue>, problems: string[]): void {
  for (const [name, value] of Object.entries(env ?? {})) {
    const p = checkEnvName(name) ?? checkEnvValue(name, value);
    if (p) {
      problems.push(p);
      continue;
    }
    target.set(name, value);
  }
}

/** Returns a problem description when `value` is not an EnvValue (JavaScript users, untyped runners). */
export function checkEnvValue(name: string, value: unknown): string | undefined {
  if (EnvValue.isEnvValue(value)) {
    for (const part of value.parts) {
      const problem = part.kind === 'secret' ? checkSecretRef(part.secretName, part.key) : undefined;
      if (problem) {
        return `environment variable ${name}: ${problem}`;
      }
    }
    return undefined;
  }
  const hint = typeof value === 'string' ? ` (write EnvValue.fromValue(${show(value)}))` : '';
  return `environment variable ${name} is ${show(value)}, not an EnvValue; allowed: EnvValue.fromValue(), EnvValue.fromSecret(), EnvValue.concat() or a connection output${hint}`;
}

export function normalizeHealth(check: HealthCheck | undefined, ports: PortSpec[], problems: string[]): HealthSpec | undefined {
  if (!check) {
    return undefined;
  }
  const o = check.options;
  const interval = seconds(o.interval, 10, 'healthCheck.interval', problems);
  const timeout = seconds(o.timeout, 3, 'healthCheck.timeout', problems);
  const startPeriod = seconds(o.startPeriod, 30, 'healthCheck.startPeriod', problems, true);
  const failureThreshold = o.failureThreshold ?? 3;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
    problems.push(`healthCheck.failureThreshold ${show(failureThreshold)} is invalid; allowed: a whole number of at least 1`);
  }
  if (timeout > interval) {
    problems.push(`healthCheck.timeout ${timeout}s is longer than healthCheck.interval ${interval}s; the timeout must not exceed the interval`);
  }
  const timing = { intervalSeconds: interval, timeoutSeconds: timeout, failureThreshold, startPeriodSeconds: startPeriod };
  const probe = check.probe;
  if (probe.kind === 'command') {
    if (!Array.isArray(probe.argv) || probe.argv.length === 0 || probe.argv.some((a) => typeof a !== 'string' || a === '')) {
      problems.push(`healthCheck command ${show(probe.argv)} is invalid; allowed: a non-empty argv list without empty strings`);
    }
    return { kind: 'command', argv: probe.argv, composeTest: probe.argv, ...timing };
  }
  const port = probe.port === undefined ? ports[0] : ports.find((p) => p.name === probe.port);
  if (!port) {
    problems.push(
      probe.port === undefined
        ? `a ${probe.kind} health check needs a port, but this workload declares none`
        : `health check port '${probe.port}' is not one of the declared ports (${ports.map((p) => p.name).join(', ') || 'none'})`,
    );
    return undefined;
  }
  if (probe.kind === 'http' && (typeof probe.path !== 'string' || !probe.path.startsWith('/'))) {
    problems.push(`health check path ${show(probe.path)} must start with '/'`);
  }
  const url = `http://127.0.0.1:${port.port}${probe.kind === 'http' ? probe.path : ''}`;
  const composeTest = inImageArgv(probe.inImage, probe.kind, url, port.port);
  if (probe.kind === 'http') {
    return { kind: 'http', path: probe.path, port, composeTest, ...timing };
  }
  return { kind: 'tcp', port, composeTest, ...timing };
}

function inImageArgv(client: InImageClient, kind: 'http' | 'tcp', url: string, port: number): string[] | undefined {
  switch (client.tool) {
    case 'none':
      return undefined;
    case 'command':
      return client.argv;
    case 'nc':
      return ['nc', '-z', '127.0.0.1', `${port}`];
    case 'curl':
      return kind === 'http' ? ['curl', '-fsS', '-o', '/dev/null', url] : ['curl', '-fsS', `telnet://127.0.0.1:${port}`];
    case 'wget':
      return ['wget', '-q', '-O', '/dev/null', url];
    case 'node':
      return kind === 'http'
        ? ['node', '-e', `fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`]
        : ['node', '-e', `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`];
  }
}

function seconds(d: Duration | undefined, fallback: number, what: string, problems: string[], allowZero = false): number {
  const s = d === undefined ? fallback : d.toSeconds();
  if (!Number.isInteger(s) || s < (allowZero ? 0 : 1)) {
    problems.push(`${what} ${s}s is invalid; allowed: a whole number of seconds, at least ${allowZero ? 0 : 1}`);
  }
  return s;
}

export function normalizeReplicas(replicas: number | undefined, fallback: number, problems: string[]): number {
  const r = replicas ?? fallback;
  if (!Number.isInteger(r) || r < 0) {
    problems.push(`replicas ${show(r)} is invalid; allowed: a whole number of 0 or more`);
  }
  return r;
}

export function normalizeImage(image: string, problems: string[]): string {
  if (typeof image !== 'string') {
    problems.push(`image ${show(image)} is invalid; allowed: an image reference such as 'ghcr.io/acme/api:1.4.2'`);
    return String(image);
  }
  if (image.trim() === '') {
    problems.push(`image ${show(image)} is empty; allowed: an image reference such as 'ghcr.io/acme/api:1.4.2'`);
  } else if (/\s/.test(image)) {
    problems.push(`image ${show(image)} contains whitespace; allowed: an image reference such as 'ghcr.io/acme/api:1.4.2'`);
  } else if (
    !/^[a-z0-9]([a-z0-9._\-/:@]*[a-zA-Z0-9_])?$/.test(image.replace(/@sha256:[a-f0-9]{64}$/, '').toLowerCase()) ||
    /[A-Z]/.test(image.split(':')[0].split('@')[0])
  ) {
    problems.push(`image ${show(image)} is not a valid image reference; allowed: lower-case repository, optional ':tag' and '@sha256:digest'`);
  }
  return image;
}

export function normalizeIngress(ingress: IngressSpec | undefined, problems: string[]): IngressSpec | undefined {
  if (!ingress) {
    return undefined;
  }
  if (typeof ingress.host !== 'string' || typeof ingress.path !== 'string') {
    problems.push(`ingress ${show(ingress)} is invalid; allowed: { host: 'shop.example.com', path?: '/', tlsSecretName?: string }`);
    return undefined;
  }
  collect(problems, checkHostName('ingress.host', ingress.host));
  if (!ingress.path.startsWith('/')) {
    problems.push(`ingress.path '${ingress.path}' must start with '/'`);
  }
  if (ingress.tlsSecretName !== undefined) {
    const p = checkDnsLabel('ingress.tlsSecretName', ingress.tlsSecretName, 253);
    if (p) {
      problems.push(p);
    }
  }
  return ingress;
}

export function normalizeConfigFiles(files: readonly { path: string; content: string }[] | undefined, problems: string[]): ConfigFileSpec[] {
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

export function normalizeRollingUpdate(input: { maxSurge?: PodCount; maxUnavailable?: PodCount } | undefined, problems: string[]): RollingUpdateSpec {
  const maxSurge = input?.maxSurge ?? PodCount.percent(25);
  const maxUnavailable = input?.maxUnavailable ?? PodCount.of(0);
  collect(problems, maxSurge._problem('rollingUpdate.maxSurge'), maxUnavailable._problem('rollingUpdate.maxUnavailable'));
  if (maxSurge.value === 0 && maxUnavailable.value === 0) {
    problems.push('rollingUpdate.maxSurge and rollingUpdate.maxUnavailable are both 0; a rollout could never make progress');
  }
  return { maxSurge, maxUnavailable };
}

/** Validates a five-field cron expression (minute hour day-of-month month day-of-week) or a macro. */
export function checkCron(schedule: string): string | undefined {
  const macros = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
  if (typeof schedule !== 'string') {
    return `schedule ${show(schedule)} is not a string; allowed: a cron expression such as '*/15 * * * *'`;
  }
  if (macros.includes(schedule)) {
    return undefined;
  }
  const fields = schedule.trim().split(/\s+/);
  const ranges: Array<[number, number]> = [
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 7],
  ];
  const names = [undefined, undefined, undefined, /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/i, /^(sun|mon|tue|wed|thu|fri|sat)$/i];
  const allowed = `allowed: five fields 'minute hour day-of-month month day-of-week' such as '*/15 * * * *', or one of ${macros.join(', ')}`;
  if (fields.length !== 5) {
    return `schedule '${schedule}' has ${fields.length} fields; ${allowed}`;
  }
  for (let i = 0; i < 5; i++) {
    for (const item of fields[i].split(',')) {
      const [range, step] = item.split('/');
      if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) {
        return `schedule '${schedule}': step '${step}' in field ${i + 1} is not a positive number; ${allowed}`;
      }
      // '?' is '*' for day-of-month and day-of-week (Kubernetes' cron parser accepts it there).
      if (range === '*' || (range === '?' && (i === 2 || i === 4)) || (names[i]?.test(range) ?? false)) {
        continue;
      }
      const bounds = range.split('-');
      for (const b of bounds) {
        const n = Number(b);
        if (!/^\d+$/.test(b) && !(names[i]?.test(b) ?? false)) {
          return `schedule '${schedule}': '${item}' in field ${i + 1} is not a number, range or '*'; ${allowed}`;
        }
        if (/^\d+$/.test(b) && (n < ranges[i][0] || n > ranges[i][1])) {
          return `schedule '${schedule}': ${n} in field ${i + 1} is out of range ${ranges[i][0]}-${ranges[i][1]}; ${allowed}`;
        }
      }
      if (bounds.length > 2) {
        return `schedule '${schedule}': '${item}' is not a valid range; ${allowed}`;
      }
      if (bounds.length === 2 && /^\d+$/.test(bounds[0]) && /^\d+$/.test(bounds[1]) && Number(bounds[0]) > Number(bounds[1])) {
        return `schedule '${schedule}': range '${range}' in field ${i + 1} starts after it ends; ${allowed}`;
      }
    }
  }
  return undefined;
}
