import { HealthCheck, InImageClient } from './health-check.model';
import { INT32_MAX, isCount } from '../../shared/naming/limits';
import type { HealthSpec, ProbeTiming } from './model';
import type { PortSpec } from '../ports/model';
import { seconds } from '../../props/duration';
import { show } from '../../shared/parse/show';
import { arg, bool, DURATION, made, num, obj, optional, optionalArg, required, str, stringMap, strings } from '../../shared/shape';
import type { FactoryArguments, Fields } from '../../shared/shape';
import { BRAND } from '../../shared/brands';
import type {
  GrpcHealthCheckOptions,
  HealthCheckOptions,
  HttpHealthCheckOptions,
  ProtocolHealthCheckOptions,
  TcpHealthCheckOptions,
  ProbeOptions,
} from './health-check.model';

/** The timing defaults of every health check. */
const DEFAULT_INTERVAL_SECONDS = 10;
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_START_PERIOD_SECONDS = 30;
const DEFAULT_FAILURE_THRESHOLD = 3;
/** The liveness probe tolerates this many times the readiness failures: a slow moment is no reason to restart. */
const LIVENESS_TOLERANCE = 3;

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The in-image clients each kind of check accepts. */
const CLIENTS: Record<'http' | 'tcp' | 'grpc' | 'protocol', string[]> = {
  http: ['curl', 'wget', 'node', 'nc', 'command', 'none'],
  tcp: ['nc', 'curl', 'wget', 'node', 'command', 'none'],
  grpc: ['grpc_health_probe', 'command', 'none'],
  // Checked once the protocol has chosen the kind.
  protocol: ['curl', 'wget', 'node', 'nc', 'grpc_health_probe', 'command', 'none'],
};

/** Checks a health check against the workload's ports and fills in its defaults. */
export function normalizeHealth(check: HealthCheck | undefined, ports: PortSpec[], problems: string[]): HealthSpec | undefined {
  if (!check) {
    return undefined;
  }
  const o = check.options;
  const timing = healthTiming(o, problems);
  const probe = check.probe;
  if (probe.kind === 'command') {
    if (!Array.isArray(probe.argv) || probe.argv.length === 0 || probe.argv.some((a) => typeof a !== 'string' || a === '')) {
      problems.push(`healthCheck command ${show(probe.argv)} is invalid; allowed: a non-empty argv list without empty strings`);
    }
    return { kind: 'command' as const, argv: probe.argv, ...timing };
  }
  const port = probe.port === undefined ? ports[0] : ports.find((p) => p.name === probe.port);
  if (port && probe.kind === 'protocol') {
    // The kind the port's protocol calls for.
    const kind = port.protocol === 'grpc' ? 'grpc' : port.protocol === 'tcp' ? 'tcp' : 'http';
    const resolved =
      kind === 'http'
        ? HealthCheck.http(probe.path ?? '/', { ...o, port: port.name, inImage: probe.inImage })
        : kind === 'grpc'
          ? HealthCheck.grpc({ ...o, port: port.name, inImage: probe.inImage })
          : HealthCheck.tcp({ ...o, port: port.name, inImage: probe.inImage });
    if (kind !== 'http' && probe.path !== undefined) {
      problems.push(`health check path '${probe.path}' is set, but port '${port.name}' speaks ${port.protocol}: only an HTTP check has a path`);
    }
    return normalizeHealth(resolved, ports, problems);
  }
  if (!port) {
    problems.push(
      probe.port === undefined
        ? `a ${probe.kind} health check needs a port, but this workload declares none`
        : `health check port '${probe.port}' is not one of the declared ports (${ports.map((p) => p.name).join(', ') || 'none'})`,
    );
    return undefined;
  }
  const inImage = probe.inImage ?? InImageClient.NETCAT;
  checkInImageClient(probe.kind, inImage, problems);
  switch (probe.kind) {
    case 'protocol':
      return undefined; // unreachable: resolved above once the port is known
    case 'http': {
      if (typeof probe.path !== 'string' || !probe.path.startsWith('/')) {
        problems.push(`health check path ${show(probe.path)} must start with '/'`);
      }
      return { kind: 'http' as const, path: probe.path, port, headers: normalizeHeaders(probe.headers, problems), inImage, ...timing };
    }
    case 'grpc':
      if (probe.service !== undefined && typeof probe.service !== 'string') {
        problems.push(`healthCheck service ${show(probe.service)} is invalid; allowed: a gRPC service name string`);
      }
      return { kind: 'grpc' as const, port, service: probe.service, inImage, ...timing };
    case 'tcp':
      return { kind: 'tcp' as const, port, inImage, ...timing };
  }
}

/** The timing of a check's probes, every default applied: readiness as given, liveness more tolerant (or none). */
function healthTiming(o: HealthCheck['options'], problems: string[]) {
  const interval = seconds(o.interval, DEFAULT_INTERVAL_SECONDS, 'healthCheck.interval', problems);
  const timeout = seconds(o.timeout, DEFAULT_TIMEOUT_SECONDS, 'healthCheck.timeout', problems);
  const startPeriod = seconds(o.startPeriod, DEFAULT_START_PERIOD_SECONDS, 'healthCheck.startPeriod', problems, true);
  const initialDelay = seconds(o.initialDelay, 0, 'healthCheck.initialDelay', problems, true);
  const failureThreshold = threshold(o.failureThreshold, DEFAULT_FAILURE_THRESHOLD, 'healthCheck.failureThreshold', problems);
  const liveness =
    o.livenessProbe === false
      ? undefined
      : probeTiming(o.liveness, { interval, timeout, failureThreshold: Math.min(failureThreshold * LIVENESS_TOLERANCE, INT32_MAX) }, problems);
  if (o.livenessProbe === false && o.liveness !== undefined) {
    problems.push('healthCheck.liveness is set but livenessProbe is false; give one of them');
  }
  return {
    intervalSeconds: interval,
    timeoutSeconds: timeout,
    failureThreshold,
    startPeriodSeconds: startPeriod,
    initialDelaySeconds: initialDelay,
    liveness,
  };
}

/** The in-image client must be one the kind of check accepts; a command client needs a non-empty argv. */
function checkInImageClient(kind: keyof typeof CLIENTS, inImage: InImageClient, problems: string[]): void {
  if (!CLIENTS[kind].includes(inImage?.tool)) {
    const allowed = CLIENTS[kind].map((t) => (t === 'command' ? 'InImageClient.command([...])' : `InImageClient.${clientName(t)}`));
    problems.push(
      `a ${kind} health check cannot run with in-image client ${inImage?.tool ? `'${inImage.tool}'` : String(inImage)}; allowed: ${allowed.join(', ')}`,
    );
  } else if (
    inImage.tool === 'command' &&
    (!Array.isArray(inImage.argv) || inImage.argv.length === 0 || inImage.argv.some((a) => typeof a !== 'string' || a === ''))
  ) {
    // Compose would run an empty CMD: the service never becomes healthy.
    problems.push(
      `in-image client command ${show(inImage.argv)} is invalid; allowed: a non-empty argv list without empty strings, e.g. ['/bin/health', '--port', '8080']`,
    );
  }
}

function normalizeHeaders(headers: Record<string, string> | undefined, problems: string[]): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(name)) {
      problems.push(`health check header name ${show(name)} is invalid; allowed: letters, digits and !#$%&'*+.^_\`|~-`);
    }
    if (typeof value !== 'string' || /[\r\n]/.test(value)) {
      problems.push(`health check header ${name} has value ${show(value)}; allowed: a string on one line`);
    }
    out.push({ name, value });
  }
  return out;
}

function probeTiming(
  input: ProbeOptions | undefined,
  defaults: { interval: number; timeout: number; failureThreshold: number },
  problems: string[],
): ProbeTiming {
  const periodSeconds = seconds(input?.interval, defaults.interval, 'healthCheck.liveness.interval', problems);
  const timeoutSeconds = seconds(input?.timeout, defaults.timeout, 'healthCheck.liveness.timeout', problems);
  const initialDelaySeconds =
    input?.initialDelay === undefined ? undefined : seconds(input.initialDelay, 0, 'healthCheck.liveness.initialDelay', problems, true);
  return {
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds,
    failureThreshold: threshold(input?.failureThreshold, defaults.failureThreshold, 'healthCheck.liveness.failureThreshold', problems),
  };
}

function threshold(value: number | undefined, fallback: number, what: string, problems: string[]): number {
  // The fallback is a default or derived from a checked value: only what the user gave is checked.
  if (value !== undefined && !isCount(value, 1)) {
    problems.push(`${what} ${show(value)} is invalid; allowed: a whole number from 1 to ${INT32_MAX}`);
  }
  return value ?? fallback;
}

function clientName(tool: string): string {
  return { curl: 'CURL', wget: 'WGET', node: 'NODE', nc: 'NETCAT', grpc_health_probe: 'GRPC_HEALTH_PROBE', none: 'NONE' }[tool] ?? tool;
}

/** The warning recorded when a health check has no in-image client (Compose cannot run it). */
export const NO_COMPOSE_HEALTH_WARNING =
  'the health check has no in-image command (InImageClient.NONE): Compose has no healthcheck, dependants only wait for the container to start';

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

/** The argument shapes of the InImageClient factories. */
export const IN_IMAGE_CLIENT_ARGUMENTS: FactoryArguments<'InImageClient.command'> = { 'InImageClient.command': [arg(strings)] };
export const IN_IMAGE_CLIENT = made(
  'InImageClient',
  BRAND.IN_IMAGE_CLIENT,
  'InImageClient.CURL, .WGET, .NODE, .NETCAT, .GRPC_HEALTH_PROBE, .NONE, .command([...])',
  IN_IMAGE_CLIENT_ARGUMENTS,
);

const HEALTH_FIELDS: Fields<HealthCheckOptions> = {
  interval: optional(DURATION),
  timeout: optional(DURATION),
  startPeriod: optional(DURATION),
  initialDelay: optional(DURATION),
  failureThreshold: optional(num),
  livenessProbe: optional(bool),
  liveness: optional(
    obj<ProbeOptions>({ interval: optional(DURATION), timeout: optional(DURATION), failureThreshold: optional(num), initialDelay: optional(DURATION) }),
  ),
};
const HEALTH_OPTIONS = 'health check options';

/** The argument shapes of the HealthCheck factories. */
export const HEALTH_CHECK_ARGUMENTS: FactoryArguments<
  'HealthCheck.http' | 'HealthCheck.tcp' | 'HealthCheck.grpc' | 'HealthCheck.forProtocol' | 'HealthCheck.command'
> = {
  'HealthCheck.http': [
    arg(str),
    arg(
      obj<HttpHealthCheckOptions>({ ...HEALTH_FIELDS, inImage: required(IN_IMAGE_CLIENT), port: optional(str), headers: optional(stringMap) }, HEALTH_OPTIONS),
    ),
  ],
  'HealthCheck.tcp': [optionalArg(obj<TcpHealthCheckOptions>({ ...HEALTH_FIELDS, inImage: optional(IN_IMAGE_CLIENT), port: optional(str) }, HEALTH_OPTIONS))],
  'HealthCheck.grpc': [
    arg(obj<GrpcHealthCheckOptions>({ ...HEALTH_FIELDS, inImage: required(IN_IMAGE_CLIENT), port: optional(str), service: optional(str) }, HEALTH_OPTIONS)),
  ],
  'HealthCheck.forProtocol': [
    arg(obj<ProtocolHealthCheckOptions>({ ...HEALTH_FIELDS, inImage: required(IN_IMAGE_CLIENT), port: optional(str), path: optional(str) }, HEALTH_OPTIONS)),
  ],
  'HealthCheck.command': [arg(strings), optionalArg(obj<HealthCheckOptions>(HEALTH_FIELDS, HEALTH_OPTIONS))],
};
export const HEALTH_CHECK = made('HealthCheck', BRAND.HEALTH_CHECK, 'HealthCheck.http(), .tcp(), .grpc(), .forProtocol(), .command()', HEALTH_CHECK_ARGUMENTS);
