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

  constructor(public readonly settings: AppSettings) {}

  /** Adds a workload; returns the one already registered under the same name, if any. */
  public register(model: WorkloadModel): WorkloadModel | undefined {
    const existing = this.byName.get(model.name);
    if (!existing) {
      this.byName.set(model.name, model);
    }
    return existing;
  }

  /** Every workload, sorted by name. */
  public get workloads(): WorkloadModel[] {
    return sortBy(this.byName.values(), (w) => w.name);
  }

  /** The workloads that declared a dependency on `target`, sorted by name. */
  public dependantsOf(target: WorkloadModel): WorkloadModel[] {
    return this.workloads.filter((w) => w.dependencies.some((d) => d.target === target));
  }
}
