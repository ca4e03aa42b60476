import { ApiObject, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import { brand, BRAND, hasBrand } from './shared/brands';
import type { ComposeFile } from './render/compose/types';
import { renderComposeFile } from './render/compose/service';
import { renderMermaid } from './render/diagram';
import { ValidationError, validateConstructs } from './shared/errors';
import { renderNamespace } from './concerns/security/namespace.kubernetes';
import { sortKubernetesObjects } from './concerns/rollout/kubernetes';
import { renderSecretSource } from './concerns/secrets/kubernetes';
import { AppModel, appWarnings } from './model/app-model';
import type { EnvValue } from './concerns/env/env-value.model';
import { leastStrict, podSecurityLevelOf } from './concerns/security/model';
import { secretVariable } from './shared/naming/variables';
import type { AppChartProps, WorkloadOverride } from './props/chart';
import { chartNamespace, chartSpec } from './props/chart';
import { checkSecretUse, missingSealedValues, unusedOverrides } from './props/cross-workload';
import { checkId, checkShape, usableId } from './shared/shape';
import { APP_CHART_PROPS } from './props/chart';
import { SecretsBackend } from './concerns/secrets/secrets-backend.value';
import { given } from './shared/util';
import { show } from './shared/parse/show';

/**
 * A chart that holds WebServices, Workers and Databases and renders them as
 * Kubernetes manifests (this chart's YAML file) and as a Compose file
 * (`<appName>.compose.yml`, written by this library's `App`).
 */
export class AppChart extends Chart {
  /** Returns whether `x` is an AppChart, also across copies of this package. */
  public static isAppChart(x: unknown): x is AppChart {
    return hasBrand(x, BRAND.APP_CHART);
  }

  /** The AppChart that contains `scope`. */
  public static of(scope: IConstruct): AppChart {
    if (!Construct.isConstruct(scope)) {
      throw new ValidationError(`AppChart.of() needs a construct; received ${show(scope)}`, scope);
    }
    for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
      if (AppChart.isAppChart(c)) {
        return c;
      }
    }
    throw new ValidationError('a WebService, Worker or Database must be defined inside an AppChart; found none among its parents', scope);
  }

  /** The application's name (`app.kubernetes.io/part-of`, Compose file name). */
  public readonly appName: string;

  /** The environment name, if any: output goes to `<outdir>/<environment>/`. */
  public readonly environment?: string;

  /** Whether the Compose file is written for this chart. */
  public readonly compose: boolean;

  /** Where this chart's Secrets come from. */
  public readonly secrets: SecretsBackend;

  /** @internal The backend-neutral model of every workload in this chart. */
  public readonly _model: AppModel;

  /** @internal Overrides by service name (applied by each workload when it is defined). */
  public readonly _overrides: Record<string, WorkloadOverride>;

  constructor(scope: Construct, id: string, props: AppChartProps = {}) {
    super(scope, usableId(id), { namespace: chartNamespace(usableId(id), given(props)), disableResourceNameHashes: true });
    const problems: string[] = [];
    // Types and structure first (JavaScript callers): the rules after this read typed values.
    checkId(id, problems);
    const warnings: string[] = [];
    checkShape(APP_CHART_PROPS, props, '', problems, warnings);
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    // A chart has no warnings of its own (they are its workloads'): shown now, with its path.
    warnings.forEach((w) => process.emitWarning(`${this.node.path}: ${w}`, { code: 'CDK8S_COMPOSE_PROPS' }));
    const spec = chartSpec(id, props, problems);
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    brand(this, BRAND.APP_CHART);
    this.appName = spec.settings.appName;
    this.environment = spec.environment;
    this.compose = spec.compose;
    this.secrets = props.secrets ?? SecretsBackend.existing();
    this._overrides = spec.overrides;
    this._model = new AppModel(spec.settings, this.node.path);
    const namespace = joinNamespace(this.node.root, this.environment, spec.settings.namespace, this._model);
    if (spec.settings.createNamespace && !namespace.rendered) {
      namespace.rendered = true;
      // Enforced at the least strict level any workload in the namespace needs, known at synthesis.
      renderNamespace(this, spec.settings, () => leastStrict(namespace.apps.flatMap((a) => a.workloads.map((w) => podSecurityLevelOf(w.security).level))));
    }
    this.node.addValidation({ validate: () => missingSealedValues(this._model) });
    this.node.addValidation({ validate: () => unusedOverrides(this._model, this._overrides) });
    this.node.addValidation({
      // Only under the cdk8s CLI (which sets CDK8S_OUTDIR): there a plain App would
      // silently skip the Compose file. Tests may use cdk8s's Testing helpers freely.
      validate: () =>
        hasBrand(this.node.root, BRAND.APP) || process.env.CDK8S_OUTDIR === undefined
          ? []
          : [`AppChart '${this.node.path}' is in a plain cdk8s App, which does not write its Compose file: use \`new App()\` from 'cdk8s-compose'`],
    });
  }

  /**
   * Renders the Kubernetes objects of this chart, in a stable order: by kind in apply
   * order, then by name, whatever the order in which constructs were declared.
   */
  public toJson(): any[] {
    validateConstructs(this);
    return this._render();
  }

  /** @internal Renders without validating (the App validated the whole tree once). */
  public _render(): any[] {
    return sortKubernetesObjects(this.allApiObjects.map((o) => o.toJson()));
  }

  /**
   * @internal Records that a workload reads `value`'s Secrets, so that the secrets
   * backend renders the resources that create them.
   */
  public _useSecrets(value: EnvValue, user: IConstruct): void {
    for (const part of value.parts) {
      if (part.kind !== 'secret') {
        continue;
      }
      const variable = secretVariable(part.secretName, part.key);
      const problem = checkSecretUse(this._model, part, variable);
      if (problem) {
        throw new ValidationError(problem, user);
      }
      const keys = this._model.useSecret(part, variable);
      if (keys) {
        renderSecretSource(
          this,
          `Secret-${part.secretName}`,
          part.secretName,
          keys,
          (key) => this._model.urlEncodedFrom(part.secretName, key),
          this._model.settings,
        );
      }
    }
  }

  /**
   * @internal The Secrets this chart's definition declares: those its workloads read and
   * the TLS Secrets of its Ingresses (created outside the output, or by the backend).
   */
  public _declaredSecrets(): string[] {
    const tls = this._model.workloads.flatMap((w) => (w.kind === 'web' && w.ingress?.tlsSecretName !== undefined ? [w.ingress.tlsSecretName] : []));
    return [...new Set([...this._model.secretReferences.keys(), ...tls])].sort();
  }

  /** The topology of this chart as a Mermaid flowchart (also written as `<name>.mmd` on synth). */
  public toMermaid(): string {
    return renderMermaid([this._model]);
  }

  /** Renders the Compose file of this chart as a plain object. */
  public toCompose(): ComposeFile {
    return renderComposeFile(this._model);
  }

  /**
   * Features of this chart that one target cannot express, each with its construct
   * path: e.g. a schedule that Compose cannot run. Also written at the top of the
   * Compose file and emitted as Node warnings by `App.synth()`, once each (without a
   * Compose file, those about the Compose file alone are not emitted).
   */
  public get warnings(): string[] {
    return appWarnings(this._model);
  }

  /** The API objects of this chart, including those of nested constructs. */
  public get allApiObjects(): ApiObject[] {
    // `chart` is the chart cdk8s found for the object when it was created (Chart.of), read
    // rather than walked up again for every object.
    return this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.chart === this);
  }
}

/** Per app root: per namespace (and environment), the charts in it and whether its Namespace is rendered. */
const namespaces = new WeakMap<IConstruct, Map<string, { apps: AppModel[]; rendered: boolean }>>();

/**
 * Adds a chart to the charts of its namespace (per environment) and returns them all. The
 * first AppChart that creates the namespace renders the Namespace; the others refer to it
 * (kustomize rejects duplicates).
 */
function joinNamespace(root: IConstruct, environment: string | undefined, namespace: string, app: AppModel): { apps: AppModel[]; rendered: boolean } {
  // One output folder (environment) and namespace: a JSON pair, which no two pairs share.
  const key = JSON.stringify([environment ?? '', namespace]);
  let byKey = namespaces.get(root);
  if (!byKey) {
    byKey = new Map();
    namespaces.set(root, byKey);
  }
  let entry = byKey.get(key);
  if (!entry) {
    entry = { apps: [], rendered: false };
    byKey.set(key, entry);
  }
  entry.apps.push(app);
  return entry;
}
