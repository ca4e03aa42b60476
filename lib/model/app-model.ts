import { WorkloadModel } from './workload';
import { sortBy } from '../_util';

/** Chart-wide settings both renderers read. */
export interface AppSettings {
  /** `app.kubernetes.io/part-of` and the Compose file's base name. */
  readonly appName: string;
  /** Kubernetes namespace of every object. */
  readonly namespace: string;
  /** Whether a Namespace object (with Pod Security admission labels) is rendered. */
  readonly createNamespace: boolean;
  /** Namespace of the ingress controller, allowed to reach services with an Ingress. */
  readonly ingressControllerNamespace: string;
  /** Extra labels on every Kubernetes object. */
  readonly labels: Record<string, string>;
  /** Whether NetworkPolicies are rendered. */
  readonly networkPolicies: boolean;
}

/** The workloads of one chart, in a stable order that does not depend on declaration order. */
export class AppModel {
  private readonly byName = new Map<string, WorkloadModel>();
  /** Published host port -> the workload that publishes it. */
  private readonly hostPorts = new Map<number, WorkloadModel>();
  private sorted?: WorkloadModel[];

  constructor(public readonly settings: AppSettings) {}

  /** Adds a workload; returns the one already registered under the same name, if any. */
  public register(model: WorkloadModel): WorkloadModel | undefined {
    const existing = this.byName.get(model.name);
    if (!existing) {
      this.byName.set(model.name, model);
      model.hostPorts.forEach((p) => this.hostPorts.set(p, model));
      this.sorted = undefined;
    }
    return existing;
  }

  /** The workload that already publishes one of `model`'s host ports, and those ports. */
  public hostPortClash(model: WorkloadModel): { owner: WorkloadModel; ports: number[] } | undefined {
    const ports = model.hostPorts.filter((p) => this.hostPorts.has(p) && this.hostPorts.get(p)!.name !== model.name);
    return ports.length > 0 ? { owner: this.hostPorts.get(ports[0])!, ports } : undefined;
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
}
