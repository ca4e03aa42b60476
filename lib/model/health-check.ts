import { Duration } from 'cdk8s';

/**
 * How Compose runs an HTTP or TCP health check inside the container. Compose has no
 * built-in HTTP or TCP check: it can only run a command in the container, so the
 * image must contain a client. Kubernetes probes from the kubelet and needs none.
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
   * Your own command, run by Compose without a shell, e.g. `['/app/healthcheck']`.
   * It must exit 0 when healthy.
   */
  public static command(argv: string[]): InImageClient {
    return new InImageClient('command', argv);
  }

  /**
   * No Compose health check. Dependants in Compose then only wait for the container
   * to start (`service_started`): a warning is recorded on the construct.
   */
  public static readonly NONE = new InImageClient('none');

  private constructor(
    /** @internal */ public readonly tool: 'curl' | 'wget' | 'node' | 'nc' | 'command' | 'none',
    /** @internal */ public readonly argv?: string[],
  ) {}
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
   * (Kubernetes startup probe, Compose `start_period`).
   * @default Duration.seconds(30)
   */
  readonly startPeriod?: Duration;
}

/** Options of an HTTP health check. */
export interface HttpHealthCheckOptions extends HealthCheckOptions {
  /**
   * Name of the port to probe.
   * @default - the first port of the service
   */
  readonly port?: string;

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
    return new HealthCheck({ kind: 'http', path, port: options.port, inImage: options.inImage }, options);
  }

  /** A TCP connection that must be accepted. */
  public static tcp(options: TcpHealthCheckOptions = {}): HealthCheck {
    return new HealthCheck({ kind: 'tcp', port: options.port, inImage: options.inImage }, options);
  }

  /** A command run inside the container (no shell) that must exit 0. */
  public static command(argv: string[], options: HealthCheckOptions = {}): HealthCheck {
    return new HealthCheck({ kind: 'command', argv }, options);
  }

  private constructor(
    /** @internal */ public readonly probe: HealthProbe,
    /** @internal */ public readonly options: HealthCheckOptions,
  ) {}
}

/** @internal The kind-specific part of a health check. */
export type HealthProbe =
  | { readonly kind: 'http'; readonly path: string; readonly port?: string; readonly inImage: InImageClient }
  | { readonly kind: 'tcp'; readonly port?: string; readonly inImage?: InImageClient }
  | { readonly kind: 'command'; readonly argv: string[] };
