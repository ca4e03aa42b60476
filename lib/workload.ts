import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import { brand, BRAND, hasBrand } from './shared/brands';
import { AppChart } from './app-chart';
import { ValidationError } from './shared/errors';
import { renderKubernetes } from './render/kubernetes/workload';
import { EnvValue } from './concerns/env/env-value.model';
import type { WorkloadKind, WorkloadModel } from './model/workload';
import { applyChartDefaults, applyOverride } from './props/chart';
import { checkRegistration } from './props/cross-workload';
import { checkServiceName } from './props/common';
import type { ConnectionOptions } from './concerns/env/connection.props';
import { checkAddEnv, checkConnection, checkDependency, connectionVariables } from './concerns/env/connection.props';
import type { ServiceConnection } from './concerns/database/props';
import type { Shape } from './shared/shape';
import { checkArguments, checkId, checkShape, str, usableId } from './shared/shape';
import { show } from './shared/parse/show';
import { CONNECTION_OPTIONS } from './concerns/env/connection.props';
import { ENV_VALUE } from './concerns/env/props';

/**
 * A workload that others can connect to over the network: a WebService or a Database.
 * Workers listen on no port and are not connectable (use `dependsOn()` to wait for them).
 */
export interface IConnectable extends IConstruct {
  /** The service name: the host name in both targets. */
  readonly serviceName: string;
  /** The typed outputs clients can use as environment values. */
  readonly connection: ServiceConnection;
  /** @internal The model the connection is drawn to. */
  readonly _model: WorkloadModel;
  /** @internal The variables `connectTo()` injects, named with `prefix`. */
  _connectionEnv(prefix: string): Record<string, EnvValue>;
}

/**
 * What WebService, Worker and Database share: a service name that is the host name
 * in both targets, environment, and the connection graph.
 */
export abstract class Workload extends Construct {
  /** Returns whether `x` is a WebService, Worker or Database, also across copies of this package. */
  public static isWorkload(x: unknown): x is Workload {
    return hasBrand(x, BRAND.WORKLOAD);
  }

  /** Returns whether `x` can be the target of `connectTo()` (a WebService or Database), also across copies of this package. */
  public static isConnectable(x: unknown): x is IConnectable {
    return hasBrand(x, BRAND.WEB_SERVICE) || hasBrand(x, BRAND.DATABASE);
  }

  /** The service name: Kubernetes object names, the Compose service name and the host name in both. */
  public readonly serviceName: string;

  /** @internal The backend-neutral model this construct renders from. */
  public _model!: WorkloadModel;

  /** Suspicious props found by the shape check, until the model records them. */
  private readonly shapeWarnings: string[] = [];

  /** @internal The chart this workload belongs to. */
  protected readonly chart: AppChart;

  /** @internal Subclasses: WebService, Worker and Database only. */
  protected constructor(scope: Construct, id: string, props: { readonly name?: string }, shape: Shape, kind: WorkloadKind) {
    super(scope, usableId(id));
    brand(this, BRAND.WORKLOAD);
    // Types and structure first (JavaScript callers): the rules after this read typed values.
    const shapeProblems: string[] = [];
    checkId(id, shapeProblems);
    checkShape(shape, props, '', shapeProblems, this.shapeWarnings);
    if (shapeProblems.length > 0) {
      throw new ValidationError(shapeProblems, this);
    }
    this.chart = AppChart.of(this);
    const name = props.name;
    this.serviceName = name ?? id;
    const problem = checkServiceName(this.serviceName, name === undefined, kind);
    if (problem) {
      throw new ValidationError(problem, this);
    }
  }

  /**
   * @internal Checks the props' problems, applies the chart's override for this service, registers the
   * model with the chart and creates the Kubernetes objects (filled at synth).
   */
  protected initialize(defined: WorkloadModel, problems: string[]): void {
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    // Props the library does not read whose name is close to one it does: recorded with the
    // workload's other warnings (chart.warnings, the Compose file's header, App.synth).
    defined.warnings.push(...this.shapeWarnings);
    const override = this.chart._overrides[defined.name];
    const model = applyChartDefaults(override ? applyOverride(defined, override, problems) : defined, this.chart._model.settings);
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    const registration = checkRegistration(this.chart._model, model);
    if (registration) {
      throw new ValidationError(registration, this);
    }
    this.chart._model.register(model);
    this._model = model;
    model.env.forEach((value) => this.chart._useSecrets(value, this));
    model.secretFiles.forEach((f) => this.chart._useSecrets(EnvValue.fromSecret(f.secretName, f.key), this));
    renderKubernetes(this, model, this.chart._model);
  }

  /**
   * Sets an environment variable. Setting the same name twice with a different value
   * is an error (the last call would silently win otherwise).
   */
  public addEnv(name: string, value: EnvValue): void {
    const shapeProblems = checkArguments([str, name, 'addEnv() name'], [ENV_VALUE, value, `addEnv() value of ${show(name)}`]);
    if (shapeProblems.length > 0) {
      throw new ValidationError(shapeProblems, this);
    }
    this.setEnv(name, value);
  }

  /** `addEnv` for a name and value of the right types (the library's own, or checked). */
  private setEnv(name: string, value: EnvValue): void {
    const problem = checkAddEnv(this._model, name, value);
    if (problem) {
      throw new ValidationError(problem, this);
    }
    this._model.env.set(name, value);
    this.chart._useSecrets(value, this);
  }

  /** @internal Connects to `target` (see `WebService.connectTo` and `Worker.connectTo`). */
  protected connect(target: IConnectable, options: ConnectionOptions): void {
    if (!Workload.isWorkload(target)) {
      throw new ValidationError(`connectTo() needs a WebService or Database of this library; received ${show(target)}`, this);
    }
    const shapeProblems: string[] = [];
    checkShape(CONNECTION_OPTIONS, options ?? {}, 'connectTo() options', shapeProblems, this._model.warnings);
    if (shapeProblems.length > 0) {
      throw new ValidationError(shapeProblems, this);
    }
    const t = target._model;
    const problem = checkConnection(t);
    if (problem) {
      throw new ValidationError(problem, this);
    }
    const problems: string[] = [];
    const variables = connectionVariables(t, options ?? {}, (prefix) => target._connectionEnv(prefix), problems);
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    this.addDependency(target, t.ports);
    // The variables are the library's own or `options.env` (its shape checked above): set
    // without addEnv's shape check, unless a subclass overrides addEnv (it sees them all).
    const overridden = this.addEnv !== Workload.prototype.addEnv;
    for (const [name, value] of Object.entries(variables)) {
      if (overridden) {
        this.addEnv(name, value);
      } else {
        this.setEnv(name, value);
      }
    }
  }

  /**
   * Declares that this workload needs `target` to be ready first, without a network
   * connection: typically a run-once migration Job. Compose waits with
   * `service_completed_successfully` (run-once) or `service_healthy`.
   */
  public dependsOn(target: Workload): void {
    if (!Workload.isWorkload(target)) {
      throw new ValidationError(`dependsOn() needs a WebService, Worker or Database of this library; received ${show(target)}`, this);
    }
    this.addDependency(target, []);
  }

  private addDependency(target: Workload | IConnectable, ports: WorkloadModel['ports']): void {
    const t = target._model;
    const targetChart = AppChart.of(target);
    const problem = checkDependency(this._model, t, targetChart === this.chart ? undefined : { source: this.chart._model, target: targetChart._model });
    if (problem) {
      throw new ValidationError(problem, this);
    }
    if (!this._model.dependencies.some((d) => d.target === t)) {
      this._model.dependencies.push({ target: t, ports });
      t.dependants.push(this._model);
      this.chart._model.graphChanged();
    }
  }
}
