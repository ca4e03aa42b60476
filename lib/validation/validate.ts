import * as fs from 'fs';
import { checkArgoCdAnnotations } from './argo-cd';
import { clusterProvidedObjects } from './cluster';
import { checkComposeSchema, checkComposeWithTool } from './compose';
import type { Finding, ValidationResult } from './finding';
import { Check } from './finding';
import type { KubernetesCheckOptions } from './kubernetes';
import { checkKubernetes } from './kubernetes';
import type { ParityOptions } from './parity';
import { checkParity } from './parity';
import { checkPodSecurity } from './pod-security';
import { checkStatefulSetUpdates, readPreviousOutput } from './statefulset-updates';
import { DATABASE_EXEMPT_RULES, isDatabaseStatefulSet, POD_SECURITY_ENFORCE_LABEL } from '../shared/naming/labels';

/** Options of `validateChart()` and `validateOutput()`. */
export interface ValidateOptions {
  /**
   * The checks to run.
   * @default - every check
   */
  readonly checks?: Check[];
  /**
   * Options of the Kubernetes schema checks.
   * @default - every kind checked: custom resources against their CRD schema when its package is installed
   */
  readonly kubernetes?: KubernetesCheckOptions;
  /**
   * Pod Security rule ids to ignore, e.g. `KBP104`.
   * @default - none (validateChart exempts databases from KBP104/KBP105, see README)
   */
  readonly ignoreRules?: string[];
  /**
   * Names of the Secrets that exist outside the output (created by hand or by an
   * operator); a `secretKeyRef` to any other Secret the output does not create is a finding.
   * @default - validateChart: the Secrets the chart's workloads and Ingresses declare;
   *   otherwise every Secret that objects managed by cdk8s-compose refer to
   */
  readonly declaredSecrets?: string[];
  /**
   * Options of the parity check.
   * @default - validateChart: the services whose health check the definition keeps out of Compose
   */
  readonly parity?: ParityOptions;
  /**
   * The folder of the previous output (e.g. the committed `dist/`, or `dist/<environment>`),
   * to find the changes Kubernetes refuses to apply to a StatefulSet (a new storage size or
   * class, serviceName, selector). Its `*.yaml` files are read; a folder that does not exist
   * is a skipped check.
   * @default - no previous output: the statefulset-updates check does not run
   */
  readonly previousOutput?: string;
}

/** Synthesized output to validate. */
export interface SynthesizedOutput {
  /** The Kubernetes objects. */
  readonly objects: any[];
  /** The Compose file, parsed. */
  readonly compose?: any;
  /** The Compose file on disk, for `docker-compose config`. */
  readonly composeFile?: string;
  /** The env file with values for the Compose file's secrets. */
  readonly envFile?: string;
}

const ALL_CHECKS = Object.values(Check);

/**
 * Validates synthesized output with real validators: the Kubernetes schema (custom resources
 * included) and unknown fields, Argo CD's annotations, Pod Security Standards and broken references, the compose-spec schema,
 * `docker-compose config`, parity between the two targets and, given the previous output,
 * the StatefulSet changes Kubernetes refuses to apply. A check that cannot run is listed in
 * `skipped` with the reason, never counted as passed. The library's database
 * StatefulSets are exempt from monokle's practice rules KBP104/KBP105 (uid/gid above
 * 10000): the official images run as 999, which Pod Security "restricted" allows.
 */
export async function validateOutput(output: SynthesizedOutput, options: ValidateOptions = {}): Promise<ValidationResult> {
  const checks = new Set(options.checks ?? ALL_CHECKS);
  const findings: Finding[] = [];
  const skipped: string[] = [];
  const add = (r: { findings: Finding[]; skipped: string[] }) => {
    findings.push(...r.findings);
    skipped.push(...r.skipped);
  };
  // Pod Security runs in a child process (monokle, the slowest check): started first, so that
  // it works while this process runs the other checks. Findings keep the order of the checks.
  const podSecurity = checks.has(Check.POD_SECURITY)
    ? checkPodSecurity(output.objects, {
        ignoreRules: options.ignoreRules,
        clusterObjects: clusterProvidedObjects(output.objects, options.declaredSecrets),
      })
    : undefined;
  // Observed now: if a check below throws, the child's outcome is not an unhandled rejection.
  podSecurity?.catch(() => undefined);
  if (checks.has(Check.KUBERNETES_SCHEMA) || checks.has(Check.KUBERNETES_UNKNOWN_FIELDS)) {
    const r = checkKubernetes(output.objects, {
      ...options.kubernetes,
      unknownFields: checks.has(Check.KUBERNETES_UNKNOWN_FIELDS) && (options.kubernetes?.unknownFields ?? true),
    });
    add({ findings: r.findings.filter((f) => checks.has(f.check)), skipped: r.skipped });
  }
  if (checks.has(Check.ARGO_CD_ANNOTATIONS)) {
    findings.push(...checkArgoCdAnnotations(output.objects));
  }
  const composeSchema = output.compose !== undefined && checks.has(Check.COMPOSE_SCHEMA) ? checkComposeSchema(output.compose) : undefined;
  const parity = output.compose !== undefined && checks.has(Check.PARITY) ? checkParity(output.objects, output.compose, options.parity) : undefined;
  if (podSecurity) {
    const security = await podSecurity;
    // The official postgres, mysql and redis images run as uid/gid 999, which their data files
    // belong to; monokle's practice rules KBP104/KBP105 want more than 10000. Pod Security
    // "restricted" only asks for non-root: the library's database StatefulSets are exempt.
    add({ findings: withinDeclaredLevel(withoutDatabaseExemptions(security.findings, output.objects), output.objects), skipped: security.skipped });
  }
  if (composeSchema) {
    add(composeSchema);
  }
  if (output.compose !== undefined && checks.has(Check.DOCKER_COMPOSE)) {
    add(
      output.composeFile
        ? checkComposeWithTool(output.composeFile, output.envFile)
        : { findings: [], skipped: [`${Check.DOCKER_COMPOSE}: no Compose file on disk was given`] },
    );
  }
  if (parity) {
    findings.push(...parity);
  }
  if (checks.has(Check.STATEFULSET_UPDATES) && options.previousOutput !== undefined) {
    add(
      fs.existsSync(options.previousOutput)
        ? { findings: checkStatefulSetUpdates(readPreviousOutput(options.previousOutput), output.objects), skipped: [] }
        : { findings: [], skipped: [`${Check.STATEFULSET_UPDATES}: the previous output folder ${options.previousOutput} does not exist`] },
    );
  }
  return { findings, skipped };
}

/**
 * The findings without those the library's database StatefulSets are exempt from (monokle's
 * practice rules on uid/gid above 10000: the official images run as 999).
 */
export function withoutDatabaseExemptions(findings: Finding[], objects: any[]): Finding[] {
  const databases = new Set(objects.filter(isDatabaseStatefulSet).map((o) => `StatefulSet/${o.metadata.name}`));
  return findings.filter((f) => !(databases.has(f.object) && DATABASE_EXEMPT_RULES.test(f.message)));
}

/** monokle's Pod Security Standard rules by the level they belong to. */
const STANDARD_RULES: Record<string, RegExp> = { baseline: /^PSS1\d\d /, restricted: /^PSS2\d\d / };

/**
 * The findings without the Pod Security Standard rules that the object's Namespace (in the
 * output) does not enforce: a Namespace labelled `enforce: baseline` declares that its
 * workloads need more than "restricted" allows (the chart records which and why), so only the
 * baseline rules apply there; `privileged` enforces neither. Practice rules always apply.
 */
export function withinDeclaredLevel(findings: Finding[], objects: any[]): Finding[] {
  const levels = new Map<string, string>();
  for (const o of objects) {
    if (o?.kind === 'Namespace' && typeof o.metadata?.labels?.[POD_SECURITY_ENFORCE_LABEL] === 'string') {
      levels.set(o.metadata.name, o.metadata.labels[POD_SECURITY_ENFORCE_LABEL]);
    }
  }
  const levelOf = (object: string) => {
    const [kind, name] = object.split('/');
    const o = objects.find((x) => x?.kind === kind && x?.metadata?.name === name);
    return levels.get(o?.metadata?.namespace) ?? 'restricted';
  };
  return findings.filter((f) => {
    const level = levelOf(f.object);
    const waived = level === 'privileged' ? [STANDARD_RULES.baseline, STANDARD_RULES.restricted] : level === 'baseline' ? [STANDARD_RULES.restricted] : [];
    return !waived.some((rule) => rule.test(f.message));
  });
}
