import type { k8s } from 'cdk8s-plus-28';
import { intOrString } from '../../render/kubernetes/json';
import type { HealthSpec } from './model';

/**
 * One health check, three probes: startup (covers the start period and Compose's retries), readiness (the
 * check itself: traffic waits for it) and liveness (by default the same check, three times
 * as tolerant, so a slow moment does not restart the container). The initial delay goes on
 * the first probe that runs.
 */
export function renderProbes(h: HealthSpec | undefined): Pick<k8s.Container, 'startupProbe' | 'readinessProbe' | 'livenessProbe'> {
  if (!h) {
    return {};
  }
  const action = probeAction(h);
  const base = { ...action, periodSeconds: h.intervalSeconds, timeoutSeconds: h.timeoutSeconds };
  const hasStartup = h.startPeriodSeconds > 0;
  const delay = h.initialDelaySeconds > 0 ? h.initialDelaySeconds : undefined;
  const l = h.liveness;
  return {
    startupProbe: hasStartup ? { ...base, initialDelaySeconds: delay, failureThreshold: startupFailureThreshold(h) } : undefined,
    readinessProbe: { ...base, initialDelaySeconds: hasStartup ? undefined : delay, failureThreshold: h.failureThreshold, successThreshold: 1 },
    livenessProbe: l
      ? {
          ...action,
          initialDelaySeconds: l.initialDelaySeconds ?? (hasStartup ? undefined : delay),
          periodSeconds: l.periodSeconds,
          timeoutSeconds: l.timeoutSeconds,
          failureThreshold: l.failureThreshold,
        }
      : undefined,
  };
}

/**
 * The startup probe's budget: the start period, then as many failures as Compose's `retries`
 * before it calls the container unhealthy. Never less than what Compose tolerates, so
 * Kubernetes does not kill a container (a database still initializing) that Compose would
 * wait for.
 */
function startupFailureThreshold(h: HealthSpec): number {
  return Math.ceil(h.startPeriodSeconds / h.intervalSeconds) + h.failureThreshold;
}

function probeAction(h: HealthSpec): k8s.Probe {
  switch (h.kind) {
    case 'http':
      return {
        httpGet: {
          path: h.path,
          port: intOrString(h.port.name),
          httpHeaders: h.headers.length > 0 ? h.headers.map((x) => ({ name: x.name, value: x.value })) : undefined,
        },
      };
    case 'tcp':
      return { tcpSocket: { port: intOrString(h.port.name) } };
    case 'grpc':
      // The kubelet's gRPC probe takes a port number, not a name.
      return { grpc: { port: h.port.port, service: h.service } };
    case 'command':
      return { exec: { command: h.argv } };
  }
}
