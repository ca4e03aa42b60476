import type { Value } from '../../import/emit';
import { Code, importsOf, printValue } from '../../import/emit';
import type { NormalizedHealth } from '../../import/normalize';
import type { AppNotes } from '../../import/notes';

/** How a Compose `healthcheck` becomes the `healthCheck` prop. */

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
