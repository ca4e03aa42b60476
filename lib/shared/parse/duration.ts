/** One term of a Go duration: a decimal number and its unit (`1.5h`, `30s`, `.5ms`). */
const GO_DURATION_TERM = '(?:\\d+\\.?\\d*|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h)';

/**
 * A Go `time.ParseDuration` string: `0`, or numbers with units, signed (`1h30m`, `-2s`). What
 * Compose's schema calls a duration, and what `metav1.Duration` fields (an ExternalSecret's
 * `refreshInterval`) hold.
 * @see https://pkg.go.dev/time#ParseDuration
 */
export const GO_DURATION = new RegExp(`^(?:0|[-+]?(?:${GO_DURATION_TERM})+)$`);

/** The seconds of each unit of a Go duration, as Compose reads them. */
const UNITS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001, µs: 0.000001, μs: 0.000001, ns: 0.000000001 };

const TERM = new RegExp(`(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)`, 'y');

/**
 * Seconds of a Compose duration: a Go duration as GO_DURATION reads it (`1m30s`, `.5s`,
 * `-2s`) or a plain number of seconds (`30`); a number is a number of seconds. NaN when
 * unreadable; a negative duration is negative (the caller decides whether it may be). Read
 * alike by the importer (health check timings, `stop_grace_period`) and the parity check (the
 * Compose side of probes and grace periods).
 * @see https://docs.docker.com/reference/compose-file/extension/#specifying-durations
 */
export function durationSeconds(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  if (text !== '' && !GO_DURATION.test(text)) {
    return NaN;
  }
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  TERM.lastIndex = /^[-+]/.test(text) ? 1 : 0;
  for (let m = TERM.exec(text); m !== null; m = TERM.exec(text)) {
    total += Number(m[1]) * UNITS[m[2]];
  }
  return sign * total;
}
