import { Duration } from 'cdk8s';
import { HealthCheck, InImageClient } from '../model/health-check';
import { HealthSpec, PortSpec } from '../model/workload';
import { show } from '../_util';

/** The timing defaults of every health check. */
const DEFAULT_INTERVAL_SECONDS = 10;
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_START_PERIOD_SECONDS = 30;
const DEFAULT_FAILURE_THRESHOLD = 3;

/** Checks a health check against the workload's ports and fills in its defaults. */
export function normalizeHealth(check: HealthCheck | undefined, ports: PortSpec[], problems: string[]): HealthSpec | undefined {
  if (!check) {
    return undefined;
  }
  const o = check.options;
  const interval = seconds(o.interval, DEFAULT_INTERVAL_SECONDS, 'healthCheck.interval', problems);
  const timeout = seconds(o.timeout, DEFAULT_TIMEOUT_SECONDS, 'healthCheck.timeout', problems);
  const startPeriod = seconds(o.startPeriod, DEFAULT_START_PERIOD_SECONDS, 'healthCheck.startPeriod', problems, true);
  const failureThreshold = o.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
    problems.push(`healthCheck.failureThreshold ${show(failureThreshold)} is invalid; allowed: a whole number of at least 1`);
  }
  if (timeout > interval) {
    problems.push(`healthCheck.timeout ${timeout}s is longer than healthCheck.interval ${interval}s; the timeout must not exceed the interval`);
  }
  const timing = { intervalSeconds: interval, timeoutSeconds: timeout, failureThreshold, startPeriodSeconds: startPeriod };
  const probe = check.probe;
  if (probe.kind === 'command') {
    if (!Array.isArray(probe.argv) || probe.argv.length === 0 || probe.argv.some((a) => typeof a !== 'string' || a === '')) {
      problems.push(`healthCheck command ${show(probe.argv)} is invalid; allowed: a non-empty argv list without empty strings`);
    }
    return { kind: 'command', argv: probe.argv, ...timing };
  }
  const port = probe.port === undefined ? ports[0] : ports.find((p) => p.name === probe.port);
  if (!port) {
    problems.push(
      probe.port === undefined
        ? `a ${probe.kind} health check needs a port, but this workload declares none`
        : `health check port '${probe.port}' is not one of the declared ports (${ports.map((p) => p.name).join(', ') || 'none'})`,
    );
    return undefined;
  }
  if (probe.kind === 'http') {
    if (typeof probe.path !== 'string' || !probe.path.startsWith('/')) {
      problems.push(`health check path ${show(probe.path)} must start with '/'`);
    }
    return { kind: 'http', path: probe.path, port, inImage: probe.inImage, ...timing };
  }
  return { kind: 'tcp', port, inImage: probe.inImage ?? InImageClient.NETCAT, ...timing };
}

function seconds(d: Duration | undefined, fallback: number, what: string, problems: string[], allowZero = false): number {
  const s = d === undefined ? fallback : d.toSeconds();
  if (!Number.isInteger(s) || s < (allowZero ? 0 : 1)) {
    problems.push(`${what} ${s}s is invalid; allowed: a whole number of seconds, at least ${allowZero ? 0 : 1}`);
  }
  return s;
}

/** The warning recorded when a health check has no in-image client (Compose cannot run it). */
export const NO_COMPOSE_HEALTH_WARNING =
  'the health check has no in-image command (InImageClient.NONE): Compose has no healthcheck, dependants only wait for the container to start';
