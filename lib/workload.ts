import { Construct } from 'constructs';
import { AppChart } from './app-chart';
import { ValidationError } from './errors';
import { renderKubernetes } from './k8s/render';
import { EnvValue } from './model/env-value';
import { checkEnvValue, normalizeImage, normalizePorts, normalizeReplicas, WorkloadModel } from './model/workload';
import { checkDnsLabel, checkEnvName, toEnvPrefix } from './_util';

const WORKLOAD = Symbol.for('cdk8s-compose.Workload');

/** Options of `connectTo()`. */
export interface ConnectionOptions {
  /**
   * Prefix of the injected environment variables: `<PREFIX>_HOST`, `<PREFIX>_PORT`,
   * `<PREFIX>_URL`, and for databases `_NAME`, `_USER`, `_PASSWORD`.
   * @default - the target's service name in UPPER_SNAKE case, e.g. `ORDERS_DB`
   */
  readonly envPrefix?: string;
}

/**
 * What WebService, Worker and Database share: a service name that is the host name
 * in both targets, environment, and the connection graph.
 */
export abstract class Workload extends Construct {
  /** Returns whether `x` is a WebService, Worker or Database, also across copies of this package. */
  public static isWorkload(x: unknown): x is Workload {
    return typeof x === 'object' && x !== null && WORKLOAD in x;
  }

  /** The service name: Kubernetes object names, the Compose service name and the host name in both. */
  public readonly serviceName: string;

  /** @internal The backend-neutral model this construct renders from. */
  public _model!: WorkloadModel;

  /** The chart this workload belongs to. */
  protected readonly chart: AppChart;

  protected constructor(scope: Construct, id: string, name: string | undefined, maxNameLength = 63) {
    super(scope, id);
    Object.defineProperty(this, WORKLOAD, { value: true });
    this.chart = AppChart.of(this);
    this.serviceName = name ?? id;
    const problem = checkDnsLabel('service name', this.serviceName, maxNameLength);
    if (problem) {
      throw new ValidationError(name === undefined ? `${problem} (the name defaults to the construct id: set \`name\`)` : problem, this);
    }
  }

  /**
   * Applies the chart's override for this service, registers the model with the chart and
   * creates the Kubernetes objects (filled at synth).
   */
  protected initialize(defined: WorkloadModel): void {
    const model = this.applyOverride(defined);
    const clash = this.chart._model.hostPortClash(model);
    if (clash) {
      throw new ValidationError(
        `published host port ${clash.ports.join(', ')} is already published by '${clash.owner.name}'; each host port can be published once per Compose file`,
        this,
      );
    }
    const existing = this.chart._model.register(model);
    if (existing) {
      throw new ValidationError(
        `service name '${model.name}' is already used by another workload in chart '${this.chart.node.path}'; service names must be unique per chart`,
        this,
      );
    }
    this._model = model;
    model.path = this.node.path;
    model.env.forEach((value) => this.chart._useSecrets(value, this));
    renderKubernetes(this, model, this.chart._model);
  }

  private applyOverride(model: WorkloadModel): WorkloadModel {
    const o = this.chart._overrideFor(model.name);
    if (!o) {
      return model;
    }
    const problems: string[] = [];
    if (o.image !== undefined) {
      normalizeImage(o.image, problems);
    }
    if (o.replicas !== undefined) {
      if (model.kind !== 'web' && model.kind !== 'worker') {
        problems.push(`override replicas ${o.replicas} is only allowed for WebServices and continuous Workers; '${model.name}' is a ${model.kind}`);
      } else {
        normalizeReplicas(o.replicas, 1, problems);
      }
    }
    const ports = model.ports.map((p) => ({ ...p, publish: o.publish?.[p.name] ?? p.publish }));
    for (const name of Object.keys(o.publish ?? {})) {
      if (!model.ports.some((p) => p.name === name)) {
        problems.push(
          `override publish names port '${name}', which '${model.name}' does not declare; ports: ${model.ports.map((p) => p.name).join(', ') || 'none'}`,
        );
      }
    }
    normalizePorts(ports, problems);
    if (problems.length > 0) {
      throw new ValidationError(
        problems.map((p) => `chart override: ${p}`),
        this,
      );
    }
    return model.with({ image: o.image, imagePullPolicy: o.imagePullPolicy, replicas: o.replicas, ports });
  }

  /**
   * Sets an environment variable. Setting the same name twice with a different value
   * is an error (the last call would silently win otherwise).
   */
  public addEnv(name: string, value: EnvValue): void {
    const problem = checkEnvName(name) ?? checkEnvValue(name, value);
    if (problem) {
      throw new ValidationError(problem, this);
    }
    const existing = this._model.env.get(name);
    if (existing && existing.toString() !== value.toString()) {
      throw new ValidationError(`environment variable ${name} is already set to '${existing}'; cannot set it to '${value}' as well`, this);
    }
    this._model.env.set(name, value);
    this.chart._useSecrets(value, this);
  }

  /**
   * Declares that this workload needs `target` to be ready first, without a network
   * connection: typically a run-once migration Job. Compose waits with
   * `service_completed_successfully` (run-once) or `service_healthy`.
   */
  public dependsOn(target: Workload): void {
    this.addDependency(target, []);
  }

  /**
   * Connects this workload to a WebService or Database: injects the connection settings
   * as environment variables, allows the traffic in the NetworkPolicies, and makes
   * Compose start this workload once the target is healthy.
   */
  public connectTo(target: Workload, options: ConnectionOptions = {}): void {
    if (!Workload.isWorkload(target)) {
      throw new ValidationError(`connectTo() needs a WebService or Database of this library; received ${String(target)}`, this);
    }
    const t = target._model;
    if (t.kind !== 'web' && t.kind !== 'database') {
      const what = t.kind === 'worker' ? 'a continuous worker' : t.kind === 'run-once' ? 'a run-once job' : 'a scheduled job';
      throw new ValidationError(`cannot connect to '${t.name}': it is ${what} and listens on no port; use dependsOn() to wait for it`, this);
    }
    if (this._model.kind === 'database') {
      throw new ValidationError(`a database cannot connect to '${t.name}': databases are only connected to, by services and workers`, this);
    }
    const prefix = options.envPrefix ?? toEnvPrefix(t.name);
    if (!/^[A-Z_][A-Z0-9_]*$/.test(prefix)) {
      throw new ValidationError(`envPrefix '${prefix}' is invalid; allowed: upper-case letters, digits and '_', not starting with a digit`, this);
    }
    this.addDependency(target, t.ports);
    for (const [name, value] of Object.entries(target.connectionEnv(prefix))) {
      this.addEnv(name, value);
    }
  }

  /** @internal The environment a client of this workload receives from `connectTo()`. */
  public connectionEnv(prefix: string): Record<string, EnvValue> {
    const port = this._model.ports[0];
    if (!port) {
      return {};
    }
    return {
      [`${prefix}_HOST`]: EnvValue.fromValue(this.serviceName),
      [`${prefix}_PORT`]: EnvValue.fromValue(`${port.port}`),
      [`${prefix}_URL`]: EnvValue.fromValue(`http://${this.serviceName}:${port.port}`),
    };
  }

  private addDependency(target: Workload, ports: WorkloadModel['ports']): void {
    const t = target._model;
    if (t === this._model) {
      throw new ValidationError(`'${t.name}' cannot depend on or connect to itself`, this);
    }
    if (t.kind === 'scheduled') {
      throw new ValidationError(`cannot depend on '${t.name}': it is a scheduled job, which runs on its own timetable, so nothing can wait for it`, this);
    }
    if (AppChart.of(target) !== this.chart) {
      throw new ValidationError(
        `'${t.name}' is in chart '${AppChart.of(target).node.path}', not in this workload's chart '${this.chart.node.path}'; connections stay inside one chart`,
        this,
      );
    }
    const cycle = findPath(t, this._model);
    if (cycle) {
      throw new ValidationError(
        `depending on '${t.name}' would create a dependency cycle: ${[this._model.name, ...cycle.map((m) => m.name)].join(' -> ')}`,
        this,
      );
    }
    if (!this._model.dependencies.some((d) => d.target === t)) {
      this._model.dependencies.push({ target: t, ports });
      t.dependants.push(this._model);
    }
  }
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
