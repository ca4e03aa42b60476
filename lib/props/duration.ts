import { Duration } from 'cdk8s';
import { INT32_MAX, isCount } from '../model/naming';
import { show } from '../_util';

/**
 * Durations that Kubernetes reads as whole seconds (probe timings, grace periods, deadlines,
 * intervals). cdk8s's `toSeconds()` throws on a fraction of a second, so the checks here read
 * the value without it and report a problem instead.
 */

/** A Duration with a default, in whole seconds (at least 1, or 0 with `allowZero`); pushes a problem otherwise. */
export function seconds(d: Duration | undefined, fallback: number, what: string, problems: string[], allowZero = false): number {
  if (d !== undefined && typeof (d as Partial<Duration> | null)?.toSeconds !== 'function') {
    problems.push(`${what} ${show(d)} is invalid; allowed: a Duration, e.g. Duration.seconds(${fallback})`);
    return fallback;
  }
  // integral: false, so that a sub-second Duration is reported here rather than thrown by cdk8s.
  const s = d === undefined ? fallback : d.toSeconds({ integral: false });
  if (!isCount(s, allowZero ? 0 : 1)) {
    // The Duration as the user wrote it (`Duration 500 millis`), not the seconds it became.
    problems.push(
      `${what} ${d === undefined ? `${s} s` : `${show(d)} (${s} s)`} is invalid; allowed: a whole number of seconds, at least ${allowZero ? 0 : 1}`,
    );
  }
  return s;
}

/** An optional Duration in whole seconds (at least 1), or undefined; pushes a problem otherwise. */
export function optionalSeconds(what: string, d: Duration | undefined, problems: string[]): number | undefined {
  if (d === undefined) {
    return undefined;
  }
  // toMilliseconds never throws; toSeconds throws on a fraction of a second.
  const s = typeof d?.toMilliseconds === 'function' ? d.toMilliseconds() / 1000 : NaN;
  if (!isCount(s, 1)) {
    problems.push(`${what} ${show(d)} is invalid; allowed: a Duration of whole seconds, from 1 s to ${INT32_MAX} s`);
    return undefined;
  }
  return s;
}
