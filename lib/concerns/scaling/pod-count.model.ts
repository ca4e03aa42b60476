import { BRAND, brandCall } from '../../shared/brands';
import type { FactoryName } from '../../shared/brands';
import { show } from '../../shared/parse/show';
import { INT32_MAX, isCount } from '../../shared/naming/limits';

/**
 * A number of pods, absolute or as a percentage of the desired replicas: Kubernetes'
 * `IntOrString` for rolling updates, without a `string | number` prop.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
 */
export class PodCount {
  /** A fixed number of pods. */
  public static of(pods: number): PodCount {
    return new PodCount(pods, false, 'PodCount.of');
  }

  /** A percentage of the desired replicas (rounded by Kubernetes). */
  public static percent(percent: number): PodCount {
    return new PodCount(percent, true, 'PodCount.percent');
  }

  private constructor(
    /** The number. */ public readonly value: number,
    /** Whether `value` is a percentage. */ public readonly isPercent: boolean,
    factory: FactoryName,
  ) {
    brandCall(this, BRAND.POD_COUNT, factory, [value]);
  }

  /** @internal Returns a problem description when the count is not usable. */
  public _problem(what: string): string | undefined {
    const max = this.isPercent ? 100 : INT32_MAX;
    if (!isCount(this.value, 0) || this.value > max) {
      return `${what} ${this.toString()} is invalid; allowed: a whole number of 0 or more pods, or a whole percentage from 0% to 100%`;
    }
    return undefined;
  }

  /** `25%` or `1`. */
  public toString(): string {
    if (typeof this.value !== 'number') {
      return `${this.isPercent ? 'PodCount.percent' : 'PodCount.of'}(${show(this.value)})`;
    }
    return this.isPercent ? `${this.value}%` : `${this.value}`;
  }
}
