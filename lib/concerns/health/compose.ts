import type { InImageClient } from './health-check.model';
import type { ComposeService } from '../../render/compose/types';
import { escapeDollar } from '../../shared/naming/variables';
import { healthOf } from '../../model/workload';
import type { HealthSpec } from './model';
import type { WorkloadModel } from '../../model/workload';

/**
 * The Compose healthcheck of a workload's health check: the same check run inside the
 * container, with the same timing; none without a check or without an in-image client.
 */
export function composeHealthcheck(w: WorkloadModel): Pick<ComposeService, 'healthcheck'> {
  const h = healthOf(w);
  const test = h && composeHealthArgv(h);
  if (!h || !test) {
    return { healthcheck: undefined };
  }
  return {
    healthcheck: {
      test: ['CMD', ...test.map(escapeDollar)],
      interval: `${h.intervalSeconds}s`,
      timeout: `${h.timeoutSeconds}s`,
      retries: h.failureThreshold,
      // Compose has no initial delay: the start period covers it.
      start_period: `${h.startPeriodSeconds + h.initialDelaySeconds}s`,
    },
  };
}

/**
 * The argv Compose runs in the container for a health check, or undefined when the user
 * chose `InImageClient.NONE`. Compose cannot probe from outside the container: an HTTP, TCP
 * or gRPC check becomes a command of a client the image contains.
 */
export function composeHealthArgv(h: HealthSpec): string[] | undefined {
  if (h.kind === 'command') {
    return h.argv;
  }
  const client = h.inImage;
  if (client.tool === 'none') {
    return undefined;
  }
  if (client.tool === 'command') {
    return client.argv;
  }
  const port = h.port.port;
  switch (h.kind) {
    case 'http':
      return httpArgv(client, `http://127.0.0.1:${port}${h.path}`, port, h.headers);
    case 'tcp':
      return tcpArgv(client, port);
    case 'grpc':
      return ['grpc_health_probe', `-addr=127.0.0.1:${port}`, ...(h.service ? [`-service=${h.service}`] : [])];
  }
}

function httpArgv(client: InImageClient, url: string, port: number, headers: Array<{ name: string; value: string }>): string[] {
  switch (client.tool) {
    case 'curl':
      return ['curl', '-fsS', '-o', '/dev/null', ...headers.flatMap((h) => ['-H', `${h.name}: ${h.value}`]), url];
    case 'wget':
      return ['wget', '-q', '-O', '/dev/null', ...headers.flatMap((h) => ['--header', `${h.name}: ${h.value}`]), url];
    case 'node': {
      const init = headers.length > 0 ? `, { headers: ${JSON.stringify(Object.fromEntries(headers.map((h) => [h.name, h.value])))} }` : '';
      return ['node', '-e', `fetch('${url}'${init}).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`];
    }
    default:
      return tcpArgv(client, port);
  }
}

function tcpArgv(client: InImageClient, port: number): string[] {
  switch (client.tool) {
    case 'curl':
      return ['curl', '-fsS', `telnet://127.0.0.1:${port}`];
    case 'wget':
      return ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}`];
    case 'node':
      return ['node', '-e', `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`];
    default:
      return ['nc', '-z', '127.0.0.1', `${port}`];
  }
}
