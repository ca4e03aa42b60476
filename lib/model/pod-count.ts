/**
 * A number of pods, absolute or as a percentage of the desired replicas: Kubernetes'
 * `IntOrString` for rolling updates, without a `string | number` prop.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
 */
export class PodCount {
  /** A fixed number of pods. */
  public static of(pods: number): PodCount {
    return new PodCount(pods, false);
  }

  /** A percentage of the desired replicas (rounded by Kubernetes). */
  public static percent(percent: number): PodCount {
    return new PodCount(percent, true);
  }

  private constructor(
    /** The number. */ public readonly value: number,
    /** Whether `value` is a percentage. */ public readonly isPercent: boolean,
  ) {}

  /** @internal Returns a problem description when the count is not usable. */
  public _problem(what: string): string | undefined {
    const max = this.isPercent ? 100 : Infinity;
    if (!Number.isInteger(this.value) || this.value < 0 || this.value > max) {
      return `${what} ${this.toString()} is invalid; allowed: a whole number of 0 or more pods, or a whole percentage from 0% to 100%`;
    }
    return undefined;
  }

  /** `25%` or `1`. */
  public toString(): string {
    return this.isPercent ? `${this.value}%` : `${this.value}`;
  }
}
