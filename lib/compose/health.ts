import { HealthSpec } from '../model/workload';
import { InImageClient } from '../model/health-check';

/**
 * The argv Compose runs in the container for a health check, or undefined when the user
 * chose `InImageClient.NONE`. Compose cannot probe from outside the container: an HTTP or
 * TCP check becomes a command of a client the image contains.
 */
export function composeHealthArgv(h: HealthSpec): string[] | undefined {
  if (h.kind === 'command') {
    return h.argv;
  }
  const port = h.port.port;
  const url = `http://127.0.0.1:${port}${h.kind === 'http' ? h.path : ''}`;
  return inImageArgv(h.inImage, h.kind, url, port);
}

function inImageArgv(client: InImageClient, kind: 'http' | 'tcp', url: string, port: number): string[] | undefined {
  switch (client.tool) {
    case 'none':
      return undefined;
    case 'command':
      return client.argv;
    case 'nc':
      return ['nc', '-z', '127.0.0.1', `${port}`];
    case 'curl':
      return kind === 'http' ? ['curl', '-fsS', '-o', '/dev/null', url] : ['curl', '-fsS', `telnet://127.0.0.1:${port}`];
    case 'wget':
      return ['wget', '-q', '-O', '/dev/null', url];
    case 'node':
      return kind === 'http'
        ? ['node', '-e', `fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`]
        : ['node', '-e', `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`];
  }
}
