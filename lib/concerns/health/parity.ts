import type { IntendedDifference, ParityPair } from '../../validation/parity-pair';
import { seconds } from '../../validation/parity-pair';
import { normalizeComposeValue } from '../env/parity';

/** What the targets may differ in about health checks. */
export const HEALTH_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  {
    feature: 'startup and liveness probes',
    why: 'the one health check renders as three probes; the readiness probe is the one compared with the Compose healthcheck',
  },
  { feature: 'health check without an in-image client (InImageClient.NONE)', why: 'Compose can only run checks inside the container; recorded as a warning' },
  {
    feature: 'what an in-image client command probes (`InImageClient.command`)',
    why: 'the command is the check in Compose (its URL or port is inside it); Kubernetes probes the port itself. Presence and timing are still compared',
  },
];

/**
 * The readiness probe and the Compose healthcheck: the same check (command, URL or port, gRPC
 * address, headers) with the same timing, and a startup probe that tolerates at least as long
 * as Compose waits.
 */
export function healthParity(p: ParityPair): void {
  const c = p.kubernetes.container;
  const probe = c.readinessProbe;
  const hc = p.compose.healthcheck;
  if (!probe && !hc) {
    return;
  }
  if (!hc && p.options.healthOnlyInKubernetes?.includes(p.name)) {
    return;
  }
  if (!probe || !hc) {
    p.diff('healthcheck', probe ? 'a readiness probe' : 'no probe', hc ? 'a healthcheck' : 'no healthcheck');
    return;
  }
  const test: string[] = (hc.test ?? []).slice(1).map(normalizeComposeValue);
  if (!probe.exec && p.options.ownHealthCommand?.includes(p.name)) {
    // The user's own client: the URL or port it checks is inside the command.
  } else {
    checkTest(p, c, probe, test);
  }
  checkTiming(p, c, probe, hc);
}

/** What the Compose healthcheck runs is what the probe checks. */
function checkTest(p: ParityPair, c: any, probe: any, test: string[]): void {
  if (probe.exec) {
    if (JSON.stringify(probe.exec.command) !== JSON.stringify(test)) {
      p.diff('healthcheck.test', probe.exec.command, test);
    }
  } else if (probe.grpc) {
    const expected = `127.0.0.1:${probe.grpc.port}`;
    if (!test.some((arg) => arg.endsWith(expected) || arg.endsWith(`${expected}'`))) {
      p.diff('healthcheck.test', `gRPC ${expected}`, test);
    }
  } else {
    const port = resolvePort(c, probe.httpGet?.port ?? probe.tcpSocket?.port);
    // The exact URL (or port) as an argument, or quoted inside a script argument (node -e).
    const expected = probe.httpGet ? `http://127.0.0.1:${port}${probe.httpGet.path}` : `${port}`;
    const found = test.some((arg) => arg === expected || arg.endsWith(`:${expected}`) || arg.includes(`'${expected}'`) || arg.includes(`"${expected}"`));
    if (!found) {
      p.diff('healthcheck.test', `${probe.httpGet ? 'GET' : 'TCP'} ${expected}`, test);
    }
    // Each header the probe sends, in a client argument (`-H`, `--header` or the node script).
    for (const h of probe.httpGet?.httpHeaders ?? []) {
      if (!test.some((arg) => arg === `${h.name}: ${h.value}` || arg.includes(`${JSON.stringify(h.name)}:${JSON.stringify(h.value)}`))) {
        p.diff(`healthcheck.test.header ${h.name}`, h.value, test);
      }
    }
  }
}

/** Interval, timeout and retries as the readiness probe's; a start period the startup probe covers. */
function checkTiming(p: ParityPair, c: any, probe: any, hc: any): void {
  const timing = (k: number | undefined, v: string | number | undefined, aspect: string) => {
    if (k !== (typeof v === 'number' ? v : seconds(v))) {
      p.diff(aspect, k, v);
    }
  };
  timing(probe.periodSeconds ?? 10, hc.interval, 'healthcheck.interval');
  timing(probe.timeoutSeconds ?? 1, hc.timeout, 'healthcheck.timeout');
  timing(probe.failureThreshold ?? 3, hc.retries, 'healthcheck.retries');
  // Compose waits start_period (which includes any initial delay), then tolerates `retries`
  // failures before it calls the container unhealthy; the startup probe (its initial delay
  // plus failureThreshold periods) must allow at least as long, and less than a period more.
  const startup = c.startupProbe;
  const start = seconds(hc.start_period) ?? 0;
  if (startup) {
    const period = startup.periodSeconds ?? 10;
    const covered = (startup.initialDelaySeconds ?? 0) + startup.failureThreshold * period;
    // Retries and interval are compared on their own above: the readiness probe's stand for them.
    const tolerated = start + (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10);
    if (!(tolerated <= covered && tolerated > covered - period)) {
      p.diff('healthcheck.start_period', `a startup probe covering ${covered}s`, `${hc.start_period} + ${hc.retries} retries`);
    }
  } else if (start !== (probe.initialDelaySeconds ?? 0)) {
    p.diff('healthcheck.start_period', `no startup probe, readiness after ${probe.initialDelaySeconds ?? 0}s`, hc.start_period);
  }
}

function resolvePort(container: any, port: unknown): number | undefined {
  if (typeof port === 'number') {
    return port;
  }
  return (container.ports ?? []).find((x: any) => x.name === port)?.containerPort;
}
