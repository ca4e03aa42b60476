// Small helpers for the end-to-end test (test/e2e/run.ts): bounded commands, polling,
// checks and step timings. No dependencies beyond Node itself.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

/** Result of a finished command. */
export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Hard limit in seconds; the command (and its process group) is killed after it. */
  readonly timeoutS: number;
  /** Text written to the command's stdin. */
  readonly input?: string | Buffer;
  /** Extra environment variables (on top of process.env). */
  readonly env?: Record<string, string>;
  /** Do not throw on a non-zero exit status. */
  readonly allowFail?: boolean;
  /** Working directory. */
  readonly cwd?: string;
  /** Print stdout/stderr live instead of capturing them. */
  readonly inherit?: boolean;
}

/** A command that failed; carries its output so the caller can print it. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    super(`command failed (exit ${result.status}): ${command}\n${tail(result.stderr || result.stdout, 40)}`);
  }
}

/** The last `n` lines of a text. */
export function tail(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/**
 * Runs `argv` under coreutils `timeout` (which signals the whole process group, so
 * pipelines and children die too; SIGKILL 5 s after SIGTERM). Exit 124 means timed out.
 */
export function run(argv: string[], opts: RunOptions): RunResult {
  const res = spawnSync('timeout', ['-k', '5', String(opts.timeoutS), ...argv], {
    input: opts.input,
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: opts.inherit ? ['pipe', 'inherit', 'inherit'] : 'pipe',
    // Backstop in case `timeout` itself hangs.
    timeout: (opts.timeoutS + 15) * 1000,
  });
  const result: RunResult = { status: res.status ?? -1, stdout: res.stdout ?? '', stderr: res.stderr ?? (res.error ? String(res.error) : '') };
  if (result.status !== 0 && !opts.allowFail) {
    throw new CommandError(argv.join(' ') + (result.status === 124 ? `  (timed out after ${opts.timeoutS} s)` : ''), result);
  }
  return result;
}

/** Runs a bash script (pipefail on) under `timeout`. */
export function sh(script: string, opts: RunOptions): RunResult {
  return run(['bash', '-o', 'pipefail', '-ec', script], opts);
}

/** Single-quotes a string for bash. */
export function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Whether a command is on PATH. */
export function have(cmd: string): boolean {
  return run(['sh', '-c', `command -v ${q(cmd)}`], { timeoutS: 5, allowFail: true }).status === 0;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Calls `fn` every `everyMs` until it returns a value other than undefined/false, or
 * throws after `timeoutS` with the last value/error in the message.
 */
export async function poll<T>(what: string, timeoutS: number, fn: () => Promise<T | undefined | false> | T | undefined | false, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutS * 1000;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) {
        return v as T;
      }
      last = v;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutS} s waiting for ${what} (last: ${typeof last === 'string' ? last : JSON.stringify(last)})`);
    }
    await sleep(everyMs);
  }
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(1000);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** fetch with a per-request timeout; returns status and parsed JSON body (or text). */
export async function http(url: string, init: RequestInit = {}, timeoutMs = 5000): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}

/** Counts checks; a failed check is printed at once and does not stop the run. */
export class Checks {
  passed = 0;
  failed = 0;
  readonly failures: string[] = [];

  /** Records one check. Returns `ok` so callers can branch on it. */
  ok(name: string, ok: boolean, detail?: unknown): boolean {
    if (ok) {
      this.passed++;
      console.log(`  ok   ${name}`);
    } else {
      this.failed++;
      const d = detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
      this.failures.push(name + d);
      console.log(`  FAIL ${name}${d}`);
    }
    return ok;
  }

  /** Deep-equality check via JSON. */
  equal(name: string, actual: unknown, expected: unknown): boolean {
    return this.ok(name, JSON.stringify(actual) === JSON.stringify(expected), { actual, expected });
  }

  /** A check that succeeds when `fn` resolves (e.g. a poll); its error is the detail. */
  async eventually(name: string, fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      return this.ok(name, true);
    } catch (e) {
      return this.ok(name, false, e instanceof Error ? e.message : String(e));
    }
  }
}

/** Timed, numbered steps: `[e2e] 3/9 build images ... 4.2 s`. */
export class Steps {
  readonly timings: { name: string; seconds: number; status: 'ok' | 'FAILED' | 'skipped' }[] = [];
  private index = 0;
  constructor(private readonly names: string[]) {}

  async run<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    const n = this.names.indexOf(name) + 1 || ++this.index;
    this.index = n;
    const label = `[e2e] ${n}/${this.names.length} ${name}`;
    console.log(`${label} ...`);
    const start = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - start) / 1e9;
    try {
      const v = await fn();
      this.timings.push({ name, seconds: seconds(), status: 'ok' });
      console.log(`${label} ... ${seconds().toFixed(1)} s`);
      return v;
    } catch (e) {
      this.timings.push({ name, seconds: seconds(), status: 'FAILED' });
      console.log(`${label} ... FAILED after ${seconds().toFixed(1)} s`);
      throw e;
    }
  }

  /** Marks the steps that never ran (after a failure) as skipped. */
  skipRest(): void {
    for (const name of this.names) {
      if (!this.timings.some((t) => t.name === name)) {
        this.timings.push({ name, seconds: 0, status: 'skipped' });
      }
    }
  }

  table(totalSeconds: number): string {
    const rows = this.names.map((name, i) => {
      const t = this.timings.find((x) => x.name === name);
      return `  ${String(i + 1).padStart(2)}  ${name.padEnd(34)} ${t ? (t.status === 'skipped' ? '-' : t.seconds.toFixed(1) + ' s').padStart(8) : '       -'}  ${t?.status ?? 'skipped'}`;
    });
    return ['[e2e] step timings:', ...rows, `      ${'total'.padEnd(34)} ${(totalSeconds.toFixed(1) + ' s').padStart(8)}`].join('\n');
  }
}

/** Writes a file, creating its directory. */
export function write(file: string, content: string | Buffer, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  if (mode !== undefined) {
    fs.chmodSync(file, mode);
  }
}
