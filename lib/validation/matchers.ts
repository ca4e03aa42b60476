import { Check, formatFinding, ValidationResult } from './finding';
import { validateChart, ValidateOptions } from './validate';
import { AppChart } from '../app-chart';

/** What a jest matcher returns. */
export interface MatcherResult {
  /** Whether the expectation holds. */
  readonly pass: boolean;
  /** The explanation jest prints when the expectation fails. */
  message(): string;
}

declare global {
  // Types for `expect(chart).toSynthesizeValidKubernetes()` & co. once the matchers are
  // registered (`expect.extend(cdk8sComposeMatchers)` or `import 'cdk8s-compose/jest'`).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The chart's Kubernetes output passes the schema, unknown-field, Pod Security and reference checks. */
      toSynthesizeValidKubernetes(options?: ValidateOptions & { allowSkipped?: boolean }): Promise<R>;
      /** The chart's Compose file passes the compose-spec schema and `docker-compose config`. */
      toSynthesizeValidCompose(options?: ValidateOptions & { allowSkipped?: boolean }): Promise<R>;
      /** The chart's two outputs describe the same application. */
      toHaveParity(): Promise<R>;
    }
  }
}

const KUBERNETES = [Check.KUBERNETES_SCHEMA, Check.KUBERNETES_UNKNOWN_FIELDS, Check.POD_SECURITY];
const COMPOSE = [Check.COMPOSE_SCHEMA, Check.DOCKER_COMPOSE];

async function run(chart: unknown, what: string, checks: Check[], options: ValidateOptions & { allowSkipped?: boolean } = {}): Promise<MatcherResult> {
  if (!AppChart.isAppChart(chart)) {
    return { pass: false, message: () => `expected an AppChart, received ${String(chart)}` };
  }
  const result: ValidationResult = await validateChart(chart, { ...options, checks });
  const skipped = options.allowSkipped ? [] : result.skipped;
  const pass = result.findings.length === 0 && skipped.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected chart '${chart.node.path}' not to synthesize valid ${what}, but every check passed`
        : [
            `expected chart '${chart.node.path}' to synthesize valid ${what}:`,
            ...result.findings.map((f) => `  ${formatFinding(f)}`),
            ...skipped.map((s) => `  not checked: ${s} (pass { allowSkipped: true } to accept)`),
          ].join('\n'),
  };
}

/**
 * Jest matchers for your own charts. Register them once with
 * `expect.extend(cdk8sComposeMatchers)` (or import `cdk8s-compose/lib/jest`), then:
 *
 * ```ts
 * await expect(chart).toSynthesizeValidKubernetes();
 * await expect(chart).toSynthesizeValidCompose();
 * await expect(chart).toHaveParity();
 * ```
 */
export const cdk8sComposeMatchers = {
  /** Kubernetes schema, unknown fields, Pod Security "restricted", broken references. */
  toSynthesizeValidKubernetes(chart: unknown, options?: ValidateOptions & { allowSkipped?: boolean }): Promise<MatcherResult> {
    return run(chart, 'Kubernetes manifests', KUBERNETES, options);
  },
  /** compose-spec schema and `docker-compose config` (skipped, and so failing, when docker-compose is absent unless allowSkipped). */
  toSynthesizeValidCompose(chart: unknown, options?: ValidateOptions & { allowSkipped?: boolean }): Promise<MatcherResult> {
    return run(chart, 'a Compose file', COMPOSE, options);
  },
  /** The Kubernetes and Compose outputs describe the same application. */
  toHaveParity(chart: unknown): Promise<MatcherResult> {
    return run(chart, 'parity between Kubernetes and Compose', [Check.PARITY]);
  },
};
