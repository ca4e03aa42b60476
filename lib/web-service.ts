import { Construct } from 'constructs';
import { ValidationError } from './errors';
import { HealthCheck } from './model/health-check';
import { normalizeHealth, normalizeIngress, normalizePorts, normalizeReplicas, normalizeRollingUpdate, WorkloadModel } from './model/workload';
import { AvailabilityOptions, normalizeCommon, WorkloadOptions } from './workload-options';
import { Workload } from './workload';
import { show } from './_util';

const WEB_SERVICE = Symbol.for('cdk8s-compose.WebService');

/** A port a WebService listens on. */
export interface ServicePort {
  /** Port name (IANA style, at most 15 characters), e.g. `http`. */
  readonly name: string;
  /** Container port; the Kubernetes Service exposes the same number. */
  readonly port: number;
  /**
   * Publish the port on the developer's machine in Compose, on 127.0.0.1 at this host port.
   * Kubernetes is unaffected (use `ingress` for outside traffic there).
   * @default - not published
   */
  readonly publish?: number;
}

/** An Ingress in front of the service. */
export interface IngressOptions {
  /** Host name, e.g. `shop.example.com`. */
  readonly host: string;
  /**
   * Path prefix routed to the service.
   * @default '/'
   */
  readonly path?: string;
  /**
   * Name of a `kubernetes.io/tls` Secret holding the certificate for `host`.
   * @default - no TLS
   */
  readonly tlsSecretName?: string;
  /**
   * IngressClass name.
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
}

/** Horizontal pod autoscaling on CPU. */
export interface AutoscalingOptions {
  /** Fewest replicas. */
  readonly minReplicas: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /**
   * Average CPU use, in percent of the request, that the autoscaler aims for.
   * @default 70
   */
  readonly cpuTargetPercent?: number;
}

/** Props of a WebService. */
export interface WebServiceProps extends WorkloadOptions, AvailabilityOptions {
  /**
   * Ports the service listens on.
   * @default [{ name: 'http', port: 8080 }]
   */
  readonly ports?: ServicePort[];

  /**
   * Number of pods (Kubernetes) and containers (Compose `deploy.replicas`).
   * Ignored in Kubernetes when `autoscaling` is set (the autoscaler owns it).
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Health check: Kubernetes probes and the Compose healthcheck.
   * @default - none (dependants only wait for the container to start)
   */
  readonly healthCheck?: HealthCheck;

  /**
   * An Ingress for outside traffic (Kubernetes only; Compose uses `publish`).
   * @default - no Ingress
   */
  readonly ingress?: IngressOptions;

  /**
   * CPU-based autoscaling (Kubernetes only; Compose runs `minReplicas`).
   * @default - a fixed number of replicas
   */
  readonly autoscaling?: AutoscalingOptions;
}

/**
 * An HTTP service: a Deployment and a ClusterIP Service (plus Ingress,
 * HorizontalPodAutoscaler, PodDisruptionBudget and NetworkPolicy) in Kubernetes, and a
 * service with the same image, ports, environment and health check in Compose.
 */
export class WebService extends Workload {
  /** Returns whether `x` is a WebService, also across copies of this package. */
  public static isWebService(x: unknown): x is WebService {
    return typeof x === 'object' && x !== null && WEB_SERVICE in x;
  }

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id, props.name);
    Object.defineProperty(this, WEB_SERVICE, { value: true });
    const problems: string[] = [];
    const env = new Map();
    const common = normalizeCommon(props, problems, env);
    const ports = normalizePorts(props.ports ?? [{ name: 'http', port: 8080 }], problems);
    if (ports.length === 0) {
      problems.push('ports is empty; a WebService needs at least one port');
    }
    const replicas = normalizeReplicas(props.replicas, 2, problems);
    const autoscaling = normalizeAutoscaling(props.autoscaling, problems);
    const health = normalizeHealth(props.healthCheck, ports, problems);
    const ingress = normalizeIngress(
      props.ingress && {
        host: props.ingress.host,
        path: props.ingress.path ?? '/',
        tlsSecretName: props.ingress.tlsSecretName,
        className: props.ingress.className,
      },
      problems,
    );
    const rollingUpdate = normalizeRollingUpdate(props.rollingUpdate, problems);
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    const model = new WorkloadModel(this.serviceName, 'web', common.image, common.imagePullPolicy, ports, common.resources, common.security, {
      command: props.command,
      args: props.args,
      health,
      replicas: autoscaling?.minReplicas ?? replicas,
      autoscaling,
      volumes: [],
      ingress,
      allowExternalEgress: props.allowExternalEgress ?? false,
      configFiles: common.configFiles,
      rollingUpdate,
      disruptionBudget: props.disruptionBudget,
      topologySpread: props.topologySpread,
    });
    env.forEach((v, k) => model.env.set(k, v));
    if (health && !health.composeTest) {
      model.warnings.push(
        'the health check has no in-image command (InImageClient.NONE): Compose has no healthcheck, dependants only wait for the container to start',
      );
    }
    this.initialize(model);
  }
}

function normalizeAutoscaling(a: AutoscalingOptions | undefined, problems: string[]) {
  if (!a) {
    return undefined;
  }
  const target = a.cpuTargetPercent ?? 70;
  const before = problems.length;
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1) {
    problems.push(`autoscaling.minReplicas ${show(a.minReplicas)} is invalid; allowed: a whole number of at least 1`);
  }
  if (!Number.isInteger(a.maxReplicas) || a.maxReplicas < 1) {
    problems.push(`autoscaling.maxReplicas ${show(a.maxReplicas)} is invalid; allowed: a whole number of at least 1`);
  }
  if (problems.length === before && a.minReplicas > a.maxReplicas) {
    problems.push(`autoscaling.minReplicas ${a.minReplicas} is greater than autoscaling.maxReplicas ${a.maxReplicas}; min must not exceed max`);
  }
  if (!Number.isInteger(target) || target < 1 || target > 100) {
    problems.push(`autoscaling.cpuTargetPercent ${show(target)} is invalid; allowed: a whole number from 1 to 100`);
  }
  return { minReplicas: a.minReplicas, maxReplicas: a.maxReplicas, cpuTargetPercent: target };
}
