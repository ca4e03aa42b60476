import type { Construct } from 'constructs';
import { brand, BRAND, hasBrand } from './shared/brands';
import type { EnvValue } from './concerns/env/env-value.model';
import type { ConnectionOptions } from './concerns/env/connection.props';
import { connectionEnv } from './concerns/env/connection.props';
import type { ServiceConnection } from './concerns/database/props';
import { serviceConnection } from './concerns/database/props';
import type { WebServiceProps } from './props/web-service';
import { webServiceModel } from './props/web-service';
import { WEB_SERVICE_PROPS } from './props/web-service';
import type { IConnectable } from './workload';
import { Workload } from './workload';

/**
 * An HTTP service: a Deployment and a ClusterIP Service (plus Ingress,
 * HorizontalPodAutoscaler, PodDisruptionBudget and NetworkPolicy) in Kubernetes, and a
 * service with the same image, ports, environment and health check in Compose.
 */
export class WebService extends Workload implements IConnectable {
  /** Returns whether `x` is a WebService, also across copies of this package. */
  public static isWebService(x: unknown): x is WebService {
    return hasBrand(x, BRAND.WEB_SERVICE);
  }

  private outputs?: ServiceConnection;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id, props, WEB_SERVICE_PROPS, 'web');
    brand(this, BRAND.WEB_SERVICE);
    const problems: string[] = [];
    const model = webServiceModel(this.serviceName, this.node.path, props, problems);
    this.initialize(model, problems);
  }

  /**
   * The typed outputs of this service's first port (host, port, `host:port` address, URL whose
   * scheme follows the port's protocol), usable as environment values of other workloads.
   */
  public get connection(): ServiceConnection {
    this.outputs ??= serviceConnection(this.serviceName, this._model.ports[0]);
    return this.outputs;
  }

  /**
   * Connects this service to a WebService or Database: injects the connection settings
   * as environment variables, allows the traffic in the NetworkPolicies, and makes
   * Compose start this service once the target is healthy.
   */
  public connectTo(target: IConnectable, options: ConnectionOptions = {}): void {
    this.connect(target, options);
  }

  /** @internal */
  public _connectionEnv(prefix: string): Record<string, EnvValue> {
    const { host, port, url } = this.connection;
    return connectionEnv(prefix, { host, port, url });
  }
}
