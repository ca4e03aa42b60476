import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { AppChart } from './app-chart';
import { composeFiles, composeSourceRoot } from './render/compose/files';
import { parityFacts } from './model/app-model';
import { writeFiles } from './synth/write';
import type { ValidationResult } from './validation/finding';
import { Check, formatFinding } from './validation/finding';
import type { Prerequisites } from './validation/prerequisites';
import { prerequisiteLines, prerequisitesOfOutput } from './validation/prerequisites';
import type { ValidateOptions } from './validation/validate';
import { validateOutput } from './validation/validate';

/**
 * Synthesizes a chart and validates both outputs (see `validateOutput`). Every finding
 * names the construct that produced the object.
 */
export async function validateChart(chart: AppChart, options: ValidateOptions = {}): Promise<ValidationResult> {
  const objects = chart.toJson();
  const compose = chart.compose ? JSON.parse(JSON.stringify(chart.toCompose())) : undefined;
  let composeFile: string | undefined;
  let envFile: string | undefined;
  // docker-compose reads files: write them only for that check.
  if (chart.compose && (options.checks ?? Object.values(Check)).includes(Check.DOCKER_COMPOSE)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-validate-'));
    const written = composeFiles([chart._model], composeSourceRoot(dir, process.cwd()));
    writeFiles(dir, written.files);
    composeFile = path.join(dir, written.composeFile);
    envFile = written.envExample === undefined ? undefined : path.join(dir, written.envExample);
  }
  const workloads = chart._model.workloads;
  const result = await validateOutput(
    { objects, compose, composeFile, envFile },
    {
      ...options,
      declaredSecrets: options.declaredSecrets ?? chart._declaredSecrets(),
      parity: options.parity ?? parityFacts(chart._model),
    },
  );
  if (composeFile) {
    fs.rmSync(path.dirname(composeFile), { recursive: true, force: true });
  }

  const owners = new Map<string, string>();
  for (const o of chart.allApiObjects) {
    owners.set(`${o.kind}/${o.name}`, o.node.scope?.node.path ?? o.node.path);
  }
  for (const w of workloads) {
    owners.set(`services.${w.name}`, w.path);
  }
  return {
    findings: result.findings.map((f) => ({ ...f, construct: f.construct ?? owners.get(f.object) })),
    skipped: result.skipped,
  };
}

/**
 * What must exist in the cluster before the chart's manifests are applied: the Secrets (with
 * the keys read), ServiceAccounts, Namespace, IngressClasses, secret stores and custom
 * resource kinds its objects refer to and that neither it nor the other charts of its output
 * folder (one kustomization) create. `App.synth()` writes the same for each app as
 * `<appName>.prerequisites.yml`. Kubernetes only.
 */
export function prerequisitesOf(chart: AppChart): Prerequisites {
  const folder = (c: Chart) => (AppChart.isAppChart(c) ? (c.environment ?? '') : '');
  const others = chart.node.root.node.findAll().filter((c): c is Chart => Chart.isChart(c) && c !== chart && folder(c) === folder(chart));
  return prerequisitesOfOutput(
    chart.toJson(),
    others.flatMap((c) => c.toJson()),
  );
}

/** What a jest matcher returns. */
export interface MatcherResult {
  /** Whether the expectation holds. */
  readonly pass: boolean;
  /** The explanation jest prints when the expectation fails. */
  message(): string;
}

declare global {
  // Types for `expect(chart).toSynthesizeValidKubernetes()` & co. once the matchers are
  // registered (`expect.extend(cdk8sComposeMatchers)`, or `setupFilesAfterEnv: ['cdk8s-compose/jest']`).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The chart's Kubernetes output passes the schema, unknown-field, Pod Security and reference checks. */
      toSynthesizeValidKubernetes(options?: ValidateOptions & { allowSkipped?: boolean }): Promise<R>;
      /** The chart's Compose file passes the compose-spec schema and `docker-compose config`. */
      toSynthesizeValidCompose(options?: ValidateOptions & { allowSkipped?: boolean }): Promise<R>;
      /** The chart's two outputs describe the same application. */
      toHaveParity(): Promise<R>;
      /**
       * The chart needs exactly these prerequisites in the cluster (see `prerequisitesOf`); an
       * omitted list means none. Fails, naming each one, when a prerequisite appears or goes.
       */
      toHavePrerequisites(expected: Partial<Prerequisites>): R;
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
 * `expect.extend(cdk8sComposeMatchers)` (or list `cdk8s-compose/jest` in jest's
 * `setupFilesAfterEnv`), then:
 *
 * ```ts
 * await expect(chart).toSynthesizeValidKubernetes();
 * await expect(chart).toSynthesizeValidCompose();
 * await expect(chart).toHaveParity();
 * expect(chart).toHavePrerequisites({ secrets: [{ namespace: 'shop', name: 'db-credentials', keys: ['password'] }] });
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
  /**
   * Exactly these prerequisites (an omitted list means none): a new Secret, key, CRD... that
   * the cluster must provide fails the test until the expectation lists it.
   */
  toHavePrerequisites(chart: unknown, expected: Partial<Prerequisites>): MatcherResult {
    if (!AppChart.isAppChart(chart)) {
      return { pass: false, message: () => `expected an AppChart, received ${String(chart)}` };
    }
    const actual = prerequisiteLines(prerequisitesOf(chart));
    const wanted = prerequisiteLines(expected ?? {});
    const added = actual.filter((l) => !wanted.includes(l));
    const gone = wanted.filter((l) => !actual.includes(l));
    const pass = added.length === 0 && gone.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? [`expected chart '${chart.node.path}' not to have these prerequisites, but it has exactly them:`, ...actual.map((l) => `  ${l}`)].join('\n')
          : [
              `expected chart '${chart.node.path}' to have exactly the expected prerequisites:`,
              ...(added.length > 0 ? ['  needed but not expected (the cluster must provide them before apply):', ...added.map((l) => `    + ${l}`)] : []),
              ...(gone.length > 0 ? ['  expected but no longer needed:', ...gone.map((l) => `    - ${l}`)] : []),
            ].join('\n'),
    };
  },
};
