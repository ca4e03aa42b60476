import type { EgressRuleSpec } from '../concerns/network/model';
import { hasComposeHealthCheck } from '../concerns/health/model';
import type { WorkloadModel } from './workload';
import { healthOf, hostPortsOf, metricsOf, rolloutWave } from './workload';
import type { ResourcesSpec } from '../concerns/container/model';
import type { SecretEnvPart } from '../concerns/env/env-value.model';
import type { SecretStoreKind } from '../shared/naming/kinds';
import { developmentPlaceholder } from '../shared/naming/variables';
import { sortBy } from '../shared/util';

/** Where the chart's Secrets come from, with every option resolved. */
export type SecretsSpec =
  | { readonly kind: 'existing' }
  | {
      readonly kind: 'external';
      readonly apiVersion: string;
      readonly storeName: string;
      readonly storeKind: SecretStoreKind;
      readonly remoteKeyPrefix: string;
      readonly refreshInterval: string;
    }
  | { readonly kind: 'sealed'; readonly encryptedData: Record<string, Record<string, string>> };

/** An allowed source of ingress traffic to services with an Ingress. */
export type IngressPeerSpec =
  | { readonly kind: 'namespace'; readonly namespace: string; readonly podLabels: Record<string, string> }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly except: string[] }
  | { readonly kind: 'anywhere' };

/** How metrics endpoints are scraped, with every option resolved. */
export interface MonitoringSpec {
  /** Kubernetes: a ServiceMonitor / PodMonitor per workload, or scrape annotations on its pods. */
  readonly mode: 'service-monitor' | 'annotations';
  /** The namespace Prometheus runs in: the NetworkPolicy admits it on the metrics port. */
  readonly namespace: string;
  /** Labels of the Prometheus pods, narrowing the NetworkPolicy peer; empty: any pod of the namespace. Sorted. */
  readonly podLabels: Record<string, string>;
  /** Extra labels on ServiceMonitors and PodMonitors (what Prometheus selects them by). Sorted. */
  readonly serviceMonitorLabels: Record<string, string>;
  /** Compose: the Prometheus image. */
  readonly prometheusImage: string;
  /** Compose: the host port Prometheus is published on (127.0.0.1). */
  readonly prometheusHostPort: number;
  /** Compose: Prometheus' requests and limits. */
  readonly prometheusResources: ResourcesSpec;
  /** Compose: whether Grafana runs next to Prometheus (under the same profile). */
  readonly grafana: boolean;
  /** Compose: the Grafana image. */
  readonly grafanaImage: string;
  /** Compose: the host port Grafana is published on (127.0.0.1). */
  readonly grafanaHostPort: number;
  /** Compose: Grafana's requests and limits. */
  readonly grafanaResources: ResourcesSpec;
}

/** Where Flux reads the output from, resolved. */
export interface FluxSpec {
  /** The output folder in the repository, without a trailing `/`. */
  readonly path: string;
  readonly namespace: string;
  readonly sourceRef: { readonly kind: string; readonly name: string; readonly namespace?: string };
  readonly intervalSeconds: number;
}

/** Chart-wide settings both renderers read. */
export interface AppSettings {
  /** `app.kubernetes.io/part-of` and the Compose file's base name. */
  readonly appName: string;
  /** Kubernetes namespace of every object. */
  readonly namespace: string;
  /** Whether a Namespace object (with Pod Security admission labels) is rendered. */
  readonly createNamespace: boolean;
  /** Who may reach a service with an Ingress, on the port the Ingress targets. */
  readonly ingressPeers: IngressPeerSpec[];
  /** NodeLocal DNSCache's address, allowed as a DNS destination besides kube-dns. */
  readonly nodeLocalDns?: string[];
  /** Where the Kubernetes API server answers: egress for workloads with RBAC grants. */
  readonly apiServer?: EgressRuleSpec[];
  /** The IngressClass of Ingresses that name none (applied to the models by the props layer). */
  readonly ingressClassName?: string;
  /** Flux: write the manifests in layers per rollout wave, and the Kustomizations that order them. */
  readonly flux?: FluxSpec;
  /** Extra labels on every Kubernetes object. */
  readonly labels: Record<string, string>;
  /** Whether NetworkPolicies are rendered. */
  readonly networkPolicies: boolean;
  /** Where Secrets come from. */
  readonly secrets: SecretsSpec;
  /** How metrics endpoints are scraped (used only when a workload declares one). */
  readonly monitoring: MonitoringSpec;
}

/** The workloads of one chart, in a stable order that does not depend on declaration order. */
export class AppModel {
  private readonly byName = new Map<string, WorkloadModel>();
  /** Image -> the first workload that builds it from source (the props layer keeps the others' builds equal). */
  private readonly builders = new Map<string, WorkloadModel>();
  /** Network joined by name -> the first workload that joins it. */
  private readonly namedNetworks = new Map<string, string>();
  /** Published host port -> the workload that publishes it. */
  private readonly hostPorts = new Map<number, WorkloadModel>();
  /** The workloads with a metrics endpoint, by name. */
  private readonly scraped = new Set<string>();
  private sorted?: WorkloadModel[];
  private waves?: { readonly of: Map<WorkloadModel, number>; readonly last: number };
  /** The keys referenced per Secret name, in first-use order. */
  private readonly secretKeys = new Map<string, Set<string>>();
  /** The `secret/key` each derived secret variable stands for. */
  private readonly secretVariables = new Map<string, string>();
  /** The development setting of each secret variable, where a reference said one. */
  private readonly secretDevelopment = new Map<string, SecretDevelopment>();
  /** Per Secret name, the keys that hold another key percent-encoded -> that key. */
  private readonly encodedKeys = new Map<string, Map<string, string>>();

  constructor(
    public readonly settings: AppSettings,
    /** The chart's construct path, for messages. */
    public readonly path: string,
  ) {}

  /** Adds a workload (the props layer checked that its name and host ports are free). */
  public register(model: WorkloadModel): void {
    this.byName.set(model.name, model);
    model.compose.networks.forEach((n) => this.namedNetworks.has(n) || this.namedNetworks.set(n, model.name));
    if (model.build && !this.builders.has(model.image)) {
      this.builders.set(model.image, model);
    }
    hostPortsOf(model).forEach((p) => this.hostPorts.set(p, model));
    if (metricsOf(model)) {
      this.scraped.add(model.name);
    }
    this.sorted = undefined;
    this.graphChanged();
  }

  /** Forgets the rollout waves: a workload or a dependency was added. */
  public graphChanged(): void {
    this.waves = undefined;
  }

  /** The rollout wave of each workload and the highest one, computed once per shape of the graph. */
  public rolloutWaves(): { readonly of: ReadonlyMap<WorkloadModel, number>; readonly last: number } {
    if (!this.waves) {
      const of = new Map<WorkloadModel, number>();
      let last = 0;
      for (const w of this.byName.values()) {
        last = Math.max(last, rolloutWave(w, of));
      }
      this.waves = { of, last };
    }
    return this.waves;
  }

  /** The workload registered under `name`, if any. */
  public workload(name: string): WorkloadModel | undefined {
    return this.byName.get(name);
  }

  /** The first workload that builds `image` from source, if any. */
  public builderOf(image: string): WorkloadModel | undefined {
    return this.builders.get(image);
  }

  /** The first workload that joins a network by name (`networks`), if any. */
  public joinedByName(network: string): string | undefined {
    return this.namedNetworks.get(network);
  }

  /** The workload that publishes a host port, if any. */
  public publisherOf(hostPort: number): WorkloadModel | undefined {
    return this.hostPorts.get(hostPort);
  }

  /** Whether a workload declares a metrics endpoint (Compose then runs Prometheus). */
  public get hasMetrics(): boolean {
    return this.scraped.size > 0;
  }

  /** Every workload, sorted by name (computed once per change: renderers call this often). */
  public get workloads(): WorkloadModel[] {
    this.sorted ??= sortBy(this.byName.values(), (w) => w.name);
    return this.sorted;
  }

  /** The workloads that declared a dependency on `target`, sorted by name. */
  public dependantsOf(target: WorkloadModel): WorkloadModel[] {
    return sortBy(target.dependants, (w) => w.name);
  }

  /**
   * Records that a workload reads key `key` of Secret `secretName` (through `variable`, its
   * `secretVariable`). Returns the live set of
   * that Secret's keys when the Secret is referenced for the first time (its resource is
   * then created, and lists the keys at synthesis), else undefined.
   */
  public useSecret(part: SecretEnvPart, variable: string): ReadonlySet<string> | undefined {
    const { secretName, key } = part;
    this.secretVariables.set(variable, `${secretName}/${key}`);
    const development = secretDevelopmentOf(part);
    if (development) {
      this.secretDevelopment.set(variable, development);
    }
    if (part.urlEncodes !== undefined) {
      const encoded = this.encodedKeys.get(secretName) ?? new Map<string, string>();
      this.encodedKeys.set(secretName, encoded.set(key, part.urlEncodes));
    }
    const known = this.secretKeys.get(secretName);
    if (known) {
      known.add(key);
      return undefined;
    }
    const keys = new Set([key]);
    this.secretKeys.set(secretName, keys);
    return keys;
  }

  /** The `secret/key` a secret variable already stands for, if any. */
  public secretKeyOf(variable: string): string | undefined {
    return this.secretVariables.get(variable);
  }

  /** The key of Secret `secretName` whose value `key` holds percent-encoded, if it is such a key. */
  public urlEncodedFrom(secretName: string, key: string): string | undefined {
    return this.encodedKeys.get(secretName)?.get(key);
  }

  /** The development setting a reference already gave a secret variable, if any. */
  public secretDevelopmentOf(variable: string): SecretDevelopment | undefined {
    return this.secretDevelopment.get(variable);
  }

  /**
   * The value Compose uses for a secret variable the environment does not set: the
   * placeholder a reference chose, `dev-<secret>-<key>` by default, or undefined when the
   * developer must set it. A key that holds another percent-encoded has that key's
   * placeholder (placeholders are URL-safe), so both variables agree by default.
   */
  public developmentValue(variable: string): string | undefined {
    const development = this.secretDevelopment.get(variable);
    if (development?.kind === 'required') {
      return undefined;
    }
    const [secretName, key] = (this.secretVariables.get(variable) ?? '/').split('/');
    return development?.value ?? developmentPlaceholder(secretName, this.urlEncodedFrom(secretName, key) ?? key);
  }

  /** The keys referenced per Secret name. */
  public get secretReferences(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.secretKeys;
  }
}

/** How Compose gets a secret variable in development, when a reference said it. */
export type SecretDevelopment = { readonly kind: 'placeholder'; readonly value: string } | { readonly kind: 'required' };

/** The development setting a secret reference gives, if any. */
export function secretDevelopmentOf(part: SecretEnvPart): SecretDevelopment | undefined {
  if (part.requiredInDevelopment) {
    return { kind: 'required' };
  }
  return part.developmentValue !== undefined ? { kind: 'placeholder', value: part.developmentValue } : undefined;
}

/** The warnings of every workload of an app, each with its construct path. */
export function appWarnings(app: AppModel): string[] {
  return app.workloads.flatMap((w) => w.warnings.map((message) => `${w.path}: ${message}`));
}

/** The services whose health check exists only in Kubernetes (no in-image client: a recorded warning). */
export function kubernetesOnlyHealthChecks(app: AppModel): string[] {
  return app.workloads.filter((w) => healthOf(w) !== undefined && !hasComposeHealthCheck(healthOf(w))).map((w) => w.name);
}

/** The services whose Compose health check of a network probe is the user's own command (`InImageClient.command`). */
export function ownHealthCommands(app: AppModel): string[] {
  return app.workloads
    .filter((w) => {
      const h = healthOf(w);
      return h !== undefined && h.kind !== 'command' && h.inImage.tool === 'command';
    })
    .map((w) => w.name);
}

/** What the parity check needs to know of an app's definition (the options `validateChart` passes). */
export function parityFacts(app: AppModel): { healthOnlyInKubernetes: string[]; ownHealthCommand: string[] } {
  return { healthOnlyInKubernetes: kubernetesOnlyHealthChecks(app), ownHealthCommand: ownHealthCommands(app) };
}
