import type { Duration } from 'cdk8s';
import type { FactoryName } from '../../shared/brands';
import { brand, BRAND, brandCall, recordCall } from '../../shared/brands';
import { given } from '../../shared/util';

/**
 * How Compose runs an HTTP, TCP or gRPC health check inside the container. Compose has no
 * built-in network check: it can only run a command in the container, so the image must
 * contain a client. Kubernetes probes from the kubelet and needs none.
 */
export class InImageClient {
  /** `curl -fsS -o /dev/null URL` (images with curl). */
  public static readonly CURL = new InImageClient('curl');
  /** `wget -q -O /dev/null URL` (alpine and busybox images; note Debian's static busybox wget crashes). */
  public static readonly WGET = new InImageClient('wget');
  /** Node.js `fetch` (any image with Node 18 or later). */
  public static readonly NODE = new InImageClient('node');
  /** `nc -z 127.0.0.1 PORT` for TCP checks (busybox and most distributions). */
  public static readonly NETCAT = new InImageClient('nc');
  /**
   * `grpc_health_probe -addr=127.0.0.1:PORT` for gRPC checks (images that ship the
   * grpc-health-probe binary, as many gRPC sample images do).
   * @see https://github.com/grpc-ecosystem/grpc-health-probe
   */
  public static readonly GRPC_HEALTH_PROBE = new InImageClient('grpc_health_probe');

  /**
   * Your own command, run by Compose without a shell, e.g. `['/app/healthcheck']`.
   * It must exit 0 when healthy.
   */
  public static command(argv: string[]): InImageClient {
    const client = new InImageClient('command', argv);
    recordCall(client, 'InImageClient.command', [argv]);
    return client;
  }

  /**
   * No Compose health check (distroless and other images without a client). Dependants in
   * Compose then only wait for the container to start (`service_started`): a warning is
   * recorded on the construct.
   */
  public static readonly NONE = new InImageClient('none');

  private constructor(
    /** @internal */ public readonly tool: 'curl' | 'wget' | 'node' | 'nc' | 'grpc_health_probe' | 'command' | 'none',
    /** @internal */ public readonly argv?: string[],
  ) {
    brand(this, BRAND.IN_IMAGE_CLIENT);
  }
}

/** Timing of one Kubernetes probe, where it should differ from the health check's. */
export interface ProbeOptions {
  /**
   * How often the probe runs.
   * @default - the health check's interval
   */
  readonly interval?: Duration;
  /**
   * How long one probe may take.
   * @default - the health check's timeout
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures before Kubernetes acts.
   * @default - readiness: the health check's failureThreshold; liveness: three times it
   */
  readonly failureThreshold?: number;
  /**
   * Time before this probe's first run.
   * @default - the health check's initialDelay (when it has no startup probe)
   */
  readonly initialDelay?: Duration;
}

/** Timing shared by every kind of health check. */
export interface HealthCheckOptions {
  /**
   * How often the check runs.
   * @default Duration.seconds(10)
   */
  readonly interval?: Duration;

  /**
   * How long one check may take.
   * @default Duration.seconds(3)
   */
  readonly timeout?: Duration;

  /**
   * Consecutive failures before the container counts as not ready (readiness probe,
   * Compose `retries`). The liveness probe allows three times as many.
   * @default 3
   */
  readonly failureThreshold?: number;

  /**
   * Time the application may take to start, during which failures do not count
   * (Kubernetes startup probe, Compose `start_period`). The startup probe allows this plus
   * `failureThreshold` intervals: never less than Compose tolerates before it calls the
   * container unhealthy, so Kubernetes does not kill what Compose would wait for.
   * @default Duration.seconds(30)
   */
  readonly startPeriod?: Duration;

  /**
   * Time before the first check (Kubernetes `initialDelaySeconds` of the first probe that
   * runs). Compose has no such setting: its `start_period` is lengthened by this much.
   * @default Duration.seconds(0)
   */
  readonly initialDelay?: Duration;

  /**
   * The liveness probe's own timing. The readiness probe is the health check itself (the one
   * Compose runs).
   * @default - the health check's interval and timeout, three times its failureThreshold
   */
  readonly liveness?: ProbeOptions;

  /**
   * Render a liveness probe at all. Without one, Kubernetes never restarts a container that
   * stops answering (readiness still takes it out of the Service).
   * @default true
   */
  readonly livenessProbe?: boolean;
}

/** Options of an HTTP health check. */
export interface HttpHealthCheckOptions extends HealthCheckOptions {
  /**
   * Name of the port to probe.
   * @default - the first port of the service
   */
  readonly port?: string;

  /**
   * HTTP headers sent with the check, e.g. `{ 'Cookie': 'shop_session-id=x-readiness-probe' }`.
   * @default - none
   */
  readonly headers?: Record<string, string>;

  /**
   * How Compose runs the check inside the container. Required: Compose cannot probe
   * from outside, and dropping the check would silently break start order.
   */
  readonly inImage: InImageClient;
}

/** Options of a TCP health check. */
export interface TcpHealthCheckOptions extends HealthCheckOptions {
  /**
   * Name of the port to probe.
   * @default - the first port of the service
   */
  readonly port?: string;

  /**
   * How Compose runs the check inside the container.
   * @default InImageClient.NETCAT
   */
  readonly inImage?: InImageClient;
}

/** Options of a gRPC health check. */
export interface GrpcHealthCheckOptions extends HealthCheckOptions {
  /**
   * Name of the port to probe.
   * @default - the first port of the service
   */
  readonly port?: string;

  /**
   * The service name sent in the gRPC health request.
   * @default - the server's overall health ('')
   */
  readonly service?: string;

  /**
   * How Compose runs the check inside the container: `InImageClient.GRPC_HEALTH_PROBE`, your
   * own command, or `NONE`. Required, as for HTTP.
   */
  readonly inImage: InImageClient;
}

/** Options of a health check whose kind follows the port's protocol. */
export interface ProtocolHealthCheckOptions extends HealthCheckOptions {
  /**
   * Name of the port to probe.
   * @default - the first port of the service
   */
  readonly port?: string;

  /**
   * The path of the HTTP request, for an HTTP or h2c port.
   * @default '/'
   */
  readonly path?: string;

  /**
   * How Compose runs the check inside the container: a client for the kind the protocol
   * chooses (e.g. `GRPC_HEALTH_PROBE` for gRPC), your own command, or `NONE`. Required.
   */
  readonly inImage: InImageClient;
}

/**
 * A health check. Renders as Kubernetes startup, readiness and liveness probes and as
 * a Compose `healthcheck`.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 * @see https://docs.docker.com/reference/compose-file/services/#healthcheck
 */
export class HealthCheck {
  /** An HTTP GET that must answer 2xx or 3xx. */
  public static http(path: string, options: HttpHealthCheckOptions): HealthCheck {
    const o = given(options);
    return new HealthCheck({ kind: 'http', path, port: o.port, headers: o.headers, inImage: o.inImage! }, options, 'HealthCheck.http', [path, options]);
  }

  /** A TCP connection that must be accepted. */
  public static tcp(options: TcpHealthCheckOptions = {}): HealthCheck {
    const o = given(options);
    return new HealthCheck({ kind: 'tcp', port: o.port, inImage: o.inImage }, options, 'HealthCheck.tcp', [options]);
  }

  /**
   * A gRPC health check (the standard `grpc.health.v1.Health/Check`): Kubernetes' native
   * gRPC probe, and in Compose a gRPC health client the image contains.
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-grpc-liveness-probe
   */
  public static grpc(options: GrpcHealthCheckOptions): HealthCheck {
    const o = given(options);
    return new HealthCheck({ kind: 'grpc', port: o.port, service: o.service, inImage: o.inImage! }, options, 'HealthCheck.grpc', [options]);
  }

  /**
   * The check the port's protocol calls for: a gRPC health check on a `GRPC` port, a TCP
   * connection on a `TCP` port, an HTTP GET of `path` on an `HTTP` or `H2C` port (the default).
   */
  public static forProtocol(options: ProtocolHealthCheckOptions): HealthCheck {
    const o = given(options);
    return new HealthCheck({ kind: 'protocol', port: o.port, path: o.path, inImage: o.inImage! }, options, 'HealthCheck.forProtocol', [options]);
  }

  /** A command run inside the container (no shell) that must exit 0. */
  public static command(argv: string[], options: HealthCheckOptions = {}): HealthCheck {
    return new HealthCheck({ kind: 'command', argv }, options, 'HealthCheck.command', [argv, options]);
  }

  private constructor(
    /** @internal */ public readonly probe: HealthProbe,
    /** @internal The options as given: checked by the props layer before it reads them. */ public readonly options: HealthCheckOptions,
    factory: FactoryName,
    args: unknown[],
  ) {
    brandCall(this, BRAND.HEALTH_CHECK, factory, args);
  }
}

/** @internal The kind-specific part of a health check. */
export type HealthProbe =
  | { readonly kind: 'http'; readonly path: string; readonly port?: string; readonly headers?: Record<string, string>; readonly inImage: InImageClient }
  | { readonly kind: 'tcp'; readonly port?: string; readonly inImage?: InImageClient }
  | { readonly kind: 'grpc'; readonly port?: string; readonly service?: string; readonly inImage: InImageClient }
  | { readonly kind: 'protocol'; readonly port?: string; readonly path?: string; readonly inImage: InImageClient }
  | { readonly kind: 'command'; readonly argv: string[] };
