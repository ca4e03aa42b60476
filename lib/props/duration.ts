import type { Duration } from 'cdk8s';
import { INT32_MAX, isCount } from '../shared/naming/limits';
import { show } from '../shared/parse/show';

/**
 * Durations that Kubernetes reads as whole seconds (probe timings, grace periods, deadlines,
 * intervals). cdk8s's `toSeconds()` throws on a fraction of a second, so the checks here read
 * the value without it and report a problem instead.
 */

/**
 * A Duration in whole seconds from `min` to INT32_MAX (what Kubernetes stores), or undefined;
 * pushes a problem otherwise. The one rule and message for every Duration read as seconds.
 */
function wholeSeconds(what: string, d: Duration, min: number, problems: string[]): number | undefined {
  // toMilliseconds never throws; toSeconds throws on a fraction of a second.
  const s = typeof d?.toMilliseconds === 'function' ? d.toMilliseconds() / 1000 : NaN;
  if (!isCount(s, min)) {
    // The Duration as the user wrote it (`Duration 500 millis`), not the seconds it became.
    problems.push(`${what} ${show(d)} is invalid; allowed: a Duration of whole seconds, from ${min} s to ${INT32_MAX} s`);
    return undefined;
  }
  return s;
}

/** A Duration in whole seconds (at least 1, or 0 with `allowZero`), `fallback` when not given; pushes a problem otherwise. */
export function seconds(d: Duration | undefined, fallback: number, what: string, problems: string[], allowZero = false): number {
  // The fallback is the library's default (or a value derived from a checked one): not checked again.
  return d === undefined ? fallback : (wholeSeconds(what, d, allowZero ? 0 : 1, problems) ?? fallback);
}

/** An optional Duration in whole seconds (at least 1), or undefined; pushes a problem otherwise. */
export function optionalSeconds(what: string, d: Duration | undefined, problems: string[]): number | undefined {
  return d === undefined ? undefined : wholeSeconds(what, d, 1, problems);
}
