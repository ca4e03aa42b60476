import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import type { Finding, ValidationResult } from './finding';
import { Check } from './finding';
import { checkKubernetes } from './kubernetes';
import { validateOutput } from './validate';
import { composeFileName, envExampleFileName } from '../shared/naming/files';
import { fluxFileName } from '../shared/naming/gitops';
import { appOfObject as appOf } from '../shared/naming/labels';

/** Properties of the plugin, from `properties:` in cdk8s.yaml. */
export interface Cdk8sComposeValidationProps {
  /**
   * The checks to run.
   * @default - every check that needs no running engine: Kubernetes schema and unknown fields, Argo CD annotations, Pod Security, Compose schema, parity; and statefulset-updates when `previousOutput` is given
   */
  readonly checks?: string[];
  /**
   * Pod Security rule ids to ignore, e.g. `KBP104`.
   * @default - none
   */
  readonly ignoreRules?: string[];
  /**
   * The folder of the previous output, relative to the project: a copy of the committed
   * manifests (`cdk8s synth` has overwritten `dist/` when the plugin runs), for the
   * `statefulset-updates` check, which then runs by default too.
   * @default - no previous output: the statefulset-updates check does not run
   */
  readonly previousOutput?: string;
  /**
   * Kinds to accept without a schema check, as `Kind` or `apiVersion/Kind`: custom resources
   * without a schema, or whose `@kubernetes-models` package is not installed (otherwise a
   * failure: the check could not run).
   * @default - none
   */
  readonly skipKinds?: string[];
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
 *       checks: [kubernetes-schema, kubernetes-unknown-fields, argo-cd-annotations, pod-security, compose-schema, parity]
 * ```
 *
 * The manifests of one app are checked together with the app's Compose file
 * (`<appName>.compose.yml` next to them), if any; its Flux Kustomizations
 * (`<appName>.flux.yml`), if any, against their schema. Checks that cannot run are reported as
 * failures, never as passes.
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
      Check.ARGO_CD_ANNOTATIONS,
      Check.POD_SECURITY,
      Check.COMPOSE_SCHEMA,
      Check.PARITY,
      ...(props.previousOutput !== undefined ? [Check.STATEFULSET_UPDATES] : []),
    ];
  }

  /** Validates every manifest of the synthesis (called by the cdk8s CLI). */
  public async validate(context: ValidationContext): Promise<void> {
    let failed = false;
    // The manifests of one app (the `app.kubernetes.io/part-of` label this library puts on
    // every object) are checked together, with that app's Compose file next to them.
    const units = new Map<string, { manifests: string[]; objects: any[]; composeFile?: string; envExample?: string; fluxFile?: string }>();
    for (const manifest of context.manifests) {
      const objects = (yaml.loadAll(fs.readFileSync(manifest, 'utf8')) as any[]).filter((d) => d !== null && d !== undefined);
      const app = objects.map(appOf).find((a) => a !== undefined);
      // One app in one folder (a JSON pair, which no two pairs share), else the manifest alone.
      const key = app ? JSON.stringify([path.dirname(manifest), app]) : manifest;
      const unit = units.get(key) ?? { manifests: [], objects: [] };
      unit.manifests.push(manifest);
      unit.objects.push(...objects);
      if (app && fs.existsSync(path.join(path.dirname(manifest), composeFileName(app)))) {
        unit.composeFile = path.join(path.dirname(manifest), composeFileName(app));
        unit.envExample = path.join(path.dirname(manifest), envExampleFileName(app));
      }
      if (app && fs.existsSync(path.join(path.dirname(manifest), fluxFileName(app)))) {
        unit.fluxFile = path.join(path.dirname(manifest), fluxFileName(app));
      }
      units.set(key, unit);
    }
    for (const unit of units.values()) {
      const { composeFile, envExample } = unit;
      const result = await validateOutput(
        {
          objects: unit.objects,
          compose: composeFile ? yaml.load(fs.readFileSync(composeFile, 'utf8')) : undefined,
          composeFile,
          envFile: envExample && fs.existsSync(envExample) ? envExample : undefined,
        },
        {
          checks: this.checks,
          ignoreRules: this.props.ignoreRules,
          previousOutput: this.props.previousOutput,
          kubernetes: this.props.skipKinds ? { skipKinds: this.props.skipKinds } : undefined,
        },
      );
      const manifestOf = (f: Finding) =>
        f.object.startsWith('services.') && composeFile ? composeFile : (unit.manifests.find((m) => manifestHas(m, f.object)) ?? unit.manifests[0]);
      for (const f of result.findings) {
        failed = true;
        context.report.addViolation(violation(f, manifestOf(f)));
      }
      const flux = unit.fluxFile ? this.checkFluxFile(unit.fluxFile) : { findings: [], skipped: [] };
      for (const f of flux.findings) {
        failed = true;
        context.report.addViolation(violation(f, unit.fluxFile!));
      }
      for (const [s, file] of [...result.skipped.map((r) => [r, unit.manifests[0]]), ...flux.skipped.map((r) => [r, unit.fluxFile!])]) {
        failed = true;
        context.report.addViolation({
          ruleName: 'check-not-run',
          recommendation: `A requested check could not run: ${s}`,
          fix: 'Install what it needs, or remove the check from properties.checks',
          violatingResources: [{ resourceName: path.basename(file), locations: [], manifestPath: file }],
        });
      }
    }
    context.report.submit(failed ? 'failure' : 'success', { checks: this.checks.join(',') });
  }

  /**
   * The Flux Kustomizations of `<app>.flux.yml` (not a manifest: `cdk8s synth` does not list
   * it) against their CRD schema and for unknown fields, as the checks ask.
   */
  private checkFluxFile(file: string): ValidationResult {
    const wanted = new Set<Check>(this.checks.filter((c) => c === Check.KUBERNETES_SCHEMA || c === Check.KUBERNETES_UNKNOWN_FIELDS));
    if (wanted.size === 0) {
      return { findings: [], skipped: [] };
    }
    const objects = (yaml.loadAll(fs.readFileSync(file, 'utf8')) as any[]).filter((d) => d !== null && d !== undefined);
    const result = checkKubernetes(objects, { unknownFields: wanted.has(Check.KUBERNETES_UNKNOWN_FIELDS), skipKinds: this.props.skipKinds });
    return { findings: result.findings.filter((f) => wanted.has(f.check)), skipped: result.skipped };
  }
}

/** Whether a manifest holds the object `Kind/name`. */
function manifestHas(manifest: string, object: string): boolean {
  const [kind, name] = object.split('/');
  return new RegExp(`^kind: ${kind}$[\\s\\S]*?^  name: ${name}$`, 'm').test(fs.readFileSync(manifest, 'utf8'));
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
