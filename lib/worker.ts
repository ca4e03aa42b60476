import type { Construct } from 'constructs';
import { brand, BRAND, hasBrand } from './shared/brands';
import type { ConnectionOptions } from './concerns/env/connection.props';
import type { WorkerProps } from './props/worker';
import { workerKind, workerModel } from './props/worker';
import { WORKER_PROPS } from './props/worker';
import type { IConnectable } from './workload';
import { Workload } from './workload';

/**
 * A background process: a continuous worker (Deployment / Compose service), a
 * scheduled job (CronJob / a Compose service under the `scheduled` profile) or a
 * run-once job (Job / a Compose service with `restart: "no"` that dependants wait for).
 */
export class Worker extends Workload {
  /** Returns whether `x` is a Worker, also across copies of this package. */
  public static isWorker(x: unknown): x is Worker {
    return hasBrand(x, BRAND.WORKER);
  }

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props, WORKER_PROPS, workerKind(props));
    brand(this, BRAND.WORKER);
    const problems: string[] = [];
    this.initialize(workerModel(this.serviceName, this.node.path, props, problems), problems);
  }

  /**
   * Connects this worker to a WebService or Database: injects the connection settings
   * as environment variables, allows the traffic in the NetworkPolicies, and makes
   * Compose start this worker once the target is healthy.
   */
  public connectTo(target: IConnectable, options: ConnectionOptions = {}): void {
    this.connect(target, options);
  }
}
