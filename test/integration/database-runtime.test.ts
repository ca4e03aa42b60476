/**
 * The Redis command line the library renders, run by a real redis-server (Debian's
 * `redis-server` package): the password works whatever characters it holds, and it is on
 * no process's command line.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import { containerOf, find, synthChart } from '../support/synth';
import { itWithTool } from '../support/tools';
import { AppChart, Database, DatabaseEngine } from '../../lib';

/** What the container runs: Kubernetes reads `$$` in arguments as a literal `$`. */
function renderedRedisArgs(): string[] {
  const { objects } = synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    new Database(chart, 'Cache', { name: 'cache', engine: DatabaseEngine.redis('7.2') });
    return chart;
  });
  return containerOf(find(objects, 'StatefulSet', 'cache')).args.map((a: string) => a.replace(/\$\$/g, '$'));
}

describe('Redis with a password, run by redis-server', () => {
  const password = `p@ss w"o\\rd:/#?%$x'y`;
  let server: ChildProcess | undefined;
  afterEach(() => server?.kill('SIGKILL'));

  itWithTool('redis-server', 'authenticates with a password of reserved characters; no command line shows it', async () => {
    const [shell, ...rest] = renderedRedisArgs();
    const dir = fs.mkdtempSync('/tmp/redis-');
    const port = '6391';
    server = spawn(shell, [...rest, '--port', port, '--dir', dir], { env: { ...process.env, REDISCLI_AUTH: password }, stdio: 'ignore' });
    const cli = (auth: string, ...args: string[]) =>
      execFileSync('redis-cli', ['-p', port, ...args], { env: { ...process.env, REDISCLI_AUTH: auth } })
        .toString()
        .trim();
    let pong = '';
    for (let i = 0; i < 50 && pong !== 'PONG'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        pong = cli(password, 'ping');
      } catch {
        // not listening yet
      }
    }
    expect(pong).toBe('PONG');
    expect(cli('wrong', 'ping')).toMatch(/WRONGPASS|NOAUTH/);
    expect(cli(password, 'config', 'get', 'maxmemory')).toBe(`maxmemory\n${0.75 * 512 * 1024 ** 2}`);
    expect(cli(password, 'config', 'get', 'maxmemory-policy')).toBe('maxmemory-policy\nnoeviction');
    // The shell replaced itself with redis-server (PID 1 in a container gets the signals).
    const cmdline = fs.readFileSync(`/proc/${server.pid}/cmdline`, 'utf8');
    expect(cmdline).toMatch(/^redis-server/);
    expect(cmdline).not.toContain('w"o');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
