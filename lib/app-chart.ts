import { ApiObject, App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ComposeFile } from './compose/types';
import { renderComposeFile, secretVariable } from './compose/render';
import { renderMermaid } from './diagram';
import { ValidationError, validateConstructs } from './errors';
import { renderNamespace } from './k8s/namespace';
import { renderSecretSource } from './k8s/secrets';
import { EnvValue } from './model/env-value';
import { SecretsBackend } from './secrets-backend';
import { ImagePullPolicy } from './workload-options';
import { sortKubernetesObjects } from './k8s/order';
import { AppModel } from './model/app-model';
import { checkDnsLabel, collect } from './_util';

const APP_CHART = Symbol.for('cdk8s-compose.AppChart');
const COMPOSE_APP = Symbol.for('cdk8s-compose.App');

/**
 * Changes to one workload, by service name: for an environment or a test run (e.g. local
 * images that must never be pulled).
 */
export interface WorkloadOverride {
  /**
   * Another image.
   * @default - the workload's image
   */
  readonly image?: string;
  /**
   * Another pull policy.
   * @default - the workload's policy
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Another number of replicas (WebService and continuous Worker only).
   * @default - the workload's replicas
   */
  readonly replicas?: number;
  /**
   * Host ports to publish in Compose, by port name.
   * @default - the workload's published ports
   */
  readonly publish?: Record<string, number>;
}

/** Props of an AppChart. */
export interface AppChartProps {
  /**
   * Kubernetes namespace of every object in the chart.
   * @default - the chart's id
   */
  readonly namespace?: string;

  /**
   * Name of the application: the `app.kubernetes.io/part-of` label and the base name
   * of the Compose file (`<appName>.compose.yml`).
   * @default - the chart's id
   */
  readonly appName?: string;

  /**
   * Render a Namespace object labelled for Pod Security admission (`restricted`).
   * Turn off when the namespace is managed elsewhere.
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * Namespace of the ingress controller; its pods may reach services that have an Ingress.
   * @default 'ingress-nginx'
   */
  readonly ingressControllerNamespace?: string;

  /**
   * Render a default-deny NetworkPolicy per workload with allow rules for the declared
   * connections and DNS.
   * @default true
   */
  readonly networkPolicies?: boolean;

  /**
   * Where Secrets come from: existing ones (nothing rendered), ExternalSecrets or
   * SealedSecrets generated for every Secret the chart refers to.
   * @default SecretsBackend.existing()
   */
  readonly secrets?: SecretsBackend;

  /**
   * Name of the environment this chart describes (e.g. `dev`, `prod`). Its files are
   * written to `<outdir>/<environment>/`, each environment with its own kustomization.
   * @default - files are written to the output directory itself
   */
  readonly environment?: string;

  /**
   * Write the Compose file and env example for this chart. Usually only the local
   * development environment needs one.
   * @default true
   */
  readonly compose?: boolean;

  /**
   * Changes to workloads by service name, applied when each workload is defined. A name
   * that matches no workload fails synthesis.
   * @default - none
   */
  readonly overrides?: Record<string, WorkloadOverride>;

  /**
   * Extra labels on every Kubernetes object (never used in selectors).
   * @default - only the app.kubernetes.io labels
   */
  readonly labels?: Record<string, string>;
}

/**
 * A chart that holds WebServices, Workers and Databases and renders them as
 * Kubernetes manifests (this chart's YAML file) and as a Compose file
 * (`<appName>.compose.yml`, written by this library's `App`).
 */
export class AppChart extends Chart {
  /** Returns whether `x` is an AppChart, also across copies of this package. */
  public static isAppChart(x: unknown): x is AppChart {
    return typeof x === 'object' && x !== null && APP_CHART in x;
  }

  /** The AppChart that contains `scope`. */
  public static of(scope: IConstruct): AppChart {
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

  /** Overrides by service name, and the names that were applied. */
  private readonly overrides: Record<string, WorkloadOverride>;
  private readonly appliedOverrides = new Set<string>();

  /** The secret key each derived variable name stands for. */
  private readonly secretVariables = new Map<string, string>();

  /** Keys referenced per Secret name. */
  private readonly secretKeys = new Map<string, Set<string>>();

  constructor(scope: Construct, id: string, props: AppChartProps = {}) {
    const namespace = props.namespace ?? id;
    super(scope, id, { namespace, disableResourceNameHashes: true });
    this.appName = props.appName ?? id;
    const problems: string[] = [];
    collect(
      problems,
      checkDnsLabel('namespace', namespace),
      checkDnsLabel('appName', this.appName),
      checkDnsLabel('ingressControllerNamespace', props.ingressControllerNamespace ?? 'ingress-nginx'),
      props.environment === undefined ? undefined : checkDnsLabel('environment', props.environment),
    );
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    Object.defineProperty(this, APP_CHART, { value: true });
    this.environment = props.environment;
    this.compose = props.compose ?? true;
    this.secrets = props.secrets ?? SecretsBackend.existing();
    this.overrides = { ...(props.overrides ?? {}) };
    this._model = new AppModel({
      appName: this.appName,
      namespace,
      createNamespace: props.createNamespace ?? true,
      ingressControllerNamespace: props.ingressControllerNamespace ?? 'ingress-nginx',
      labels: { ...(props.labels ?? {}) },
      networkPolicies: props.networkPolicies ?? true,
    });
    if (this._model.settings.createNamespace && claimNamespace(this.node.root, `${this.environment ?? ''}\0${namespace}`)) {
      renderNamespace(this, this._model.settings);
    }
    this.node.addValidation({ validate: () => this.missingSealedValues() });
    this.node.addValidation({ validate: () => this.unusedOverrides() });
    this.node.addValidation({
      // Only under the cdk8s CLI (which sets CDK8S_OUTDIR): there a plain App would
      // silently skip the Compose file. Tests may use cdk8s's Testing helpers freely.
      validate: () =>
        isComposeApp(this.node.root) || process.env.CDK8S_OUTDIR === undefined
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
      // The env-file variable (and Kubernetes helper variable) of a key is derived from its
      // names: two keys must not end up with the same one.
      const variable = secretVariable(part.secretName, part.key);
      const owner = this.secretVariables.get(variable);
      if (owner !== undefined && owner !== `${part.secretName}/${part.key}`) {
        throw new ValidationError(
          `secret key ${part.secretName}/${part.key} and secret key ${owner} both map to the variable ${variable} (Compose env file, Kubernetes helper variables); rename one of the Secrets or keys`,
          user,
        );
      }
      this.secretVariables.set(variable, `${part.secretName}/${part.key}`);
      let keys = this.secretKeys.get(part.secretName);
      if (!keys) {
        keys = new Set();
        this.secretKeys.set(part.secretName, keys);
        const captured = keys;
        renderSecretSource(this, `Secret-${part.secretName}`, part.secretName, () => captured, this.secrets);
      }
      keys.add(part.key);
    }
  }

  /** @internal The override for a service name, marked as applied. */
  public _overrideFor(serviceName: string): WorkloadOverride | undefined {
    const o = this.overrides[serviceName];
    if (o) {
      this.appliedOverrides.add(serviceName);
    }
    return o;
  }

  private unusedOverrides(): string[] {
    const unused = Object.keys(this.overrides)
      .filter((n) => !this.appliedOverrides.has(n))
      .sort();
    const names = this._model.workloads.map((w) => w.name).join(', ') || 'none';
    return unused.map((n) => `overrides has an entry for service '${n}', which is not defined in this chart; services: ${names}`);
  }

  /**
   * @internal The Secrets this chart's definition declares: those its workloads read and
   * the TLS Secrets of its Ingresses (created outside the output, or by the backend).
   */
  public _declaredSecrets(): string[] {
    const tls = this._model.workloads.map((w) => w.options.ingress?.tlsSecretName).filter((n): n is string => n !== undefined);
    return [...new Set([...this.secretKeys.keys(), ...tls])].sort();
  }

  private missingSealedValues(): string[] {
    if (this.secrets.kind !== 'sealed') {
      return [];
    }
    const data = this.secrets.sealed!.encryptedData;
    const missing = [...this.secretKeys].flatMap(([name, keys]) => [...keys].filter((k) => data[name]?.[k] === undefined).map((k) => `${name}/${k}`));
    return missing.length === 0
      ? []
      : [
          `SecretsBackend.sealedSecrets has no encrypted value for ${missing.sort().join(', ')}; add them to encryptedData (kubeseal --raw --name <secret> --namespace ${this.namespace})`,
        ];
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
   * Compose file and emitted as Node warnings by `App.synth()`.
   */
  public get warnings(): string[] {
    return this._model.workloads.flatMap((w) => w.warnings.map((message) => `${w.path}: ${message}`));
  }

  /** The API objects of this chart, including those of nested constructs. */
  public get allApiObjects(): ApiObject[] {
    return this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === this);
  }
}

/** Namespaces (per environment) already rendered by a chart of each app. */
const claimedNamespaces = new WeakMap<IConstruct, Set<string>>();

/**
 * Whether this chart renders the Namespace: the first AppChart of an app (per environment)
 * that uses a namespace does; the others refer to it (kustomize rejects duplicates).
 */
function claimNamespace(root: IConstruct, key: string): boolean {
  let claimed = claimedNamespaces.get(root);
  if (!claimed) {
    claimed = new Set();
    claimedNamespaces.set(root, claimed);
  }
  if (claimed.has(key)) {
    return false;
  }
  claimed.add(key);
  return true;
}

/** @internal Marks an App as able to write Compose files. */
export function markComposeApp(app: App): void {
  Object.defineProperty(app, COMPOSE_APP, { value: true });
}

function isComposeApp(root: IConstruct): boolean {
  return COMPOSE_APP in root;
}
