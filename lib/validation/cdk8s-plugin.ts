import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { Check, Finding } from './finding';
import { validateOutput } from './validate';

/** Properties of the plugin, from `properties:` in cdk8s.yaml. */
export interface Cdk8sComposeValidationProps {
  /**
   * The checks to run.
   * @default - every check that needs no running engine: Kubernetes schema and unknown fields, Pod Security, Compose schema, parity
   */
  readonly checks?: string[];
  /**
   * Pod Security rule ids to ignore, e.g. `KBP104`.
   * @default - none
   */
  readonly ignoreRules?: string[];
}

/** The parts of the cdk8s CLI's validation context this plugin uses. */
export interface ValidationContext {
  /** Paths of the synthesized manifests. */
  readonly manifests: readonly string[];
  /** The report the plugin fills. */
  readonly report: ValidationReportSink;
}

/** A resource a violation points at. */
export interface ViolatingResource {
  /** `metadata.name` of the object. */
  readonly resourceName: string;
  /** Field paths inside it. */
  readonly locations: string[];
  /** The file it is in. */
  readonly manifestPath: string;
}

/** One violation, as the cdk8s CLI reports it. */
export interface Violation {
  /** The check, e.g. `kubernetes-unknown-fields`. */
  readonly ruleName: string;
  /** What is wrong. */
  readonly recommendation: string;
  /** How to fix it, when known. */
  readonly fix: string;
  /** Where. */
  readonly violatingResources: ViolatingResource[];
}

/** The cdk8s CLI's validation report, as this plugin uses it. */
export interface ValidationReportSink {
  /** Records one violation. */
  addViolation(v: Violation): void;
  /** Closes the report. */
  submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
}

/**
 * A cdk8s CLI validation plugin: makes `cdk8s synth` fail when the output is invalid.
 *
 * ```yaml
 * # cdk8s.yaml
 * validations:
 *   - package: ./node_modules/cdk8s-compose/validation-plugin.js
 *     version: 0.1.0
 *     class: Cdk8sComposeValidation
 *     properties:
 *       checks: [kubernetes-schema, kubernetes-unknown-fields, pod-security, compose-schema, parity]
 * ```
 *
 * Each manifest `<name>.k8s.yaml` is checked with the Compose file `<name>.compose.yml`
 * next to it, if any. Checks that cannot run are reported as failures, never as passes.
 */
export class Cdk8sComposeValidation {
  private readonly checks: Check[];

  constructor(private readonly props: Cdk8sComposeValidationProps = {}) {
    const known = Object.values(Check) as string[];
    const unknown = (props.checks ?? []).filter((c) => !known.includes(c));
    if (unknown.length > 0) {
      throw new Error(`cdk8s-compose validation: unknown check(s) ${unknown.join(', ')}; allowed: ${known.join(', ')}`);
    }
    this.checks = (props.checks as Check[] | undefined) ?? [
      Check.KUBERNETES_SCHEMA,
      Check.KUBERNETES_UNKNOWN_FIELDS,
      Check.POD_SECURITY,
      Check.COMPOSE_SCHEMA,
      Check.PARITY,
    ];
  }

  /** Validates every manifest of the synthesis (called by the cdk8s CLI). */
  public async validate(context: ValidationContext): Promise<void> {
    let failed = false;
    for (const manifest of context.manifests) {
      const objects = (yaml.loadAll(fs.readFileSync(manifest, 'utf8')) as any[]).filter((d) => d !== null && d !== undefined);
      const composeFile = manifest.replace(/\.k8s\.yaml$/, '.compose.yml');
      const hasCompose = composeFile !== manifest && fs.existsSync(composeFile);
      const envExample = composeFile.replace(/\.compose\.yml$/, '.env.example');
      const result = await validateOutput(
        {
          objects,
          compose: hasCompose ? yaml.load(fs.readFileSync(composeFile, 'utf8')) : undefined,
          composeFile: hasCompose ? composeFile : undefined,
          envFile: hasCompose && fs.existsSync(envExample) ? envExample : undefined,
        },
        { checks: this.checks, ignoreRules: this.props.ignoreRules },
      );
      for (const f of result.findings) {
        failed = true;
        context.report.addViolation(violation(f, f.object.startsWith('services.') ? composeFile : manifest));
      }
      for (const s of result.skipped) {
        failed = true;
        context.report.addViolation({
          ruleName: 'check-not-run',
          recommendation: `A requested check could not run: ${s}`,
          fix: 'Install what it needs, or remove the check from properties.checks',
          violatingResources: [{ resourceName: path.basename(manifest), locations: [], manifestPath: manifest }],
        });
      }
    }
    context.report.submit(failed ? 'failure' : 'success', { checks: this.checks.join(',') });
  }
}

function violation(f: Finding, manifestPath: string) {
  return {
    ruleName: f.check,
    recommendation: f.message,
    fix: '',
    violatingResources: [
      {
        resourceName: f.object
          .split('/')
          .pop()!
          .replace(/^services\./, ''),
        locations: f.path ? [f.path] : [],
        manifestPath,
      },
    ],
  };
}
