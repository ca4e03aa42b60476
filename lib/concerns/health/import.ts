import type { Value } from '../../import/emit';
import { Code, importsOf, printValue } from '../../import/emit';
import type { AppNotes } from '../../import/notes';
import { invalid, isMapping } from '../../import/problems';
import { durationSeconds } from '../../shared/parse/duration';

/** How a Compose `healthcheck` is read (every `test` form, Go durations) and becomes the `healthCheck` prop. */

/** A health check; durations in seconds. */
export interface NormalizedHealth {
  /** The command, run without a shell (`CMD-SHELL` becomes `sh -c`); undefined when only timings are given. */
  readonly test?: string[];
  readonly disabled: boolean;
  readonly interval?: number;
  readonly timeout?: number;
  readonly startPeriod?: number;
  readonly retries?: number;
  readonly startInterval?: number;
}

/** A `healthcheck` in one shape: its command without a shell form, its timings in seconds. */
export function normalizeHealth(value: unknown, key: string): NormalizedHealth | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isMapping(value)) {
    throw invalid(key, value, 'a mapping with test, interval, timeout, retries, start_period');
  }
  const test = value.test;
  let argvOf: string[] | undefined;
  let disabled = value.disable === true;
  if (typeof test === 'string') {
    argvOf = ['sh', '-c', test];
  } else if (Array.isArray(test)) {
    const [form, ...rest] = test.map(String);
    if (form === 'NONE') {
      disabled = true;
    } else if (form === 'CMD') {
      argvOf = rest;
    } else if (form === 'CMD-SHELL') {
      argvOf = ['sh', '-c', rest.join(' ')];
    } else {
      throw invalid(`${key}.test`, test, "['CMD', ...], ['CMD-SHELL', 'command'], ['NONE'] or a string (run by the shell)");
    }
  } else if (test !== undefined && test !== null) {
    throw invalid(`${key}.test`, test, "['CMD', ...], ['CMD-SHELL', 'command'], ['NONE'] or a string");
  }
  const retries = value.retries === undefined ? undefined : Number(value.retries);
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 0)) {
    throw invalid(`${key}.retries`, value.retries, 'a whole number of 0 or more');
  }
  return {
    test: argvOf,
    disabled,
    interval: duration(value.interval, `${key}.interval`),
    timeout: duration(value.timeout, `${key}.timeout`),
    startPeriod: duration(value.start_period, `${key}.start_period`),
    startInterval: duration(value.start_interval, `${key}.start_interval`),
    retries,
  };
}

/** A Go duration (`1m30s`, `500ms`) in seconds. */
export function duration(value: unknown, key: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const seconds = durationSeconds(value);
  if (Number.isNaN(seconds) || seconds < 0) {
    throw invalid(key, value, "a duration such as '30s', '1m30s' or '500ms'");
  }
  return seconds;
}

/** The `healthCheck` prop: `HealthCheck.command(...)` from a healthcheck test, with its timings in whole seconds. */
export function healthCheckOf(h: NormalizedHealth | undefined, runOnce: boolean, { skip, remark }: AppNotes): Value | undefined {
  if (!h || h.disabled) {
    return undefined;
  }
  if (runOnce) {
    skip('healthcheck', 'a run-once job is judged by its exit code');
    return undefined;
  }
  if (!h.test) {
    skip('healthcheck', "no test: the image's own HEALTHCHECK is not carried (give HealthCheck.command)");
    return undefined;
  }
  const options: Record<string, Value | undefined> = {};
  const seconds = (what: string, v: number | undefined) => {
    if (v === undefined) {
      return undefined;
    }
    const whole = Math.max(1, Math.ceil(v));
    if (whole !== v) {
      remark(`healthcheck.${what}`, `${v}s rounded up to ${whole}s (probes count whole seconds)`);
    }
    return new Code(`Duration.seconds(${whole})`, ['Duration']);
  };
  options.interval = seconds('interval', h.interval);
  options.timeout = seconds('timeout', h.timeout);
  options.failureThreshold = h.retries !== undefined && h.retries > 0 ? h.retries : undefined;
  options.startPeriod = h.startPeriod ? seconds('start_period', h.startPeriod) : undefined;
  if (h.startInterval !== undefined) {
    skip('healthcheck.start_interval', 'Compose v2 only');
  }
  const defined = Object.values(options).some((v) => v !== undefined);
  return new Code(`HealthCheck.command(${[h.test as Value, ...(defined ? [options as Value] : [])].map((v) => printInline(v)).join(', ')})`, [
    'HealthCheck',
    ...importsOf(options as Value),
  ]);
}

function printInline(v: Value): string {
  return printValue(v, 1);
}
