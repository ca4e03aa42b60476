import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clusterProvidedObjects } from './cluster';
import { checkComposeSchema, checkComposeWithTool } from './compose';
import { Check, Finding, ValidationResult } from './finding';
import { checkKubernetes, KubernetesCheckOptions } from './kubernetes';
import { checkParity, ParityOptions } from './parity';
import { checkPodSecurity } from './pod-security';
import { AppChart } from '../app-chart';
import { writeComposeFiles } from '../compose/files';

/** Options of `validateChart()` and `validateOutput()`. */
export interface ValidateOptions {
  /**
   * The checks to run.
   * @default - every check
   */
  readonly checks?: Check[];
  /**
   * Options of the Kubernetes schema checks.
   * @default - ExternalSecret and SealedSecret accepted without a schema
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

/** A StatefulSet this library rendered for a Database. */
function isDatabaseStatefulSet(o: any): boolean {
  const labels = o?.metadata?.labels ?? {};
  return o?.kind === 'StatefulSet' && labels['app.kubernetes.io/managed-by'] === 'cdk8s-compose' && labels['app.kubernetes.io/component'] === 'database';
}

/**
 * Validates synthesized output with real validators: the Kubernetes schema and unknown
 * fields, Pod Security Standards and broken references, the compose-spec schema,
 * `docker-compose config`, and parity between the two targets. A check that cannot run
 * is listed in `skipped` with the reason, never counted as passed. The library's database
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
  if (checks.has(Check.KUBERNETES_SCHEMA) || checks.has(Check.KUBERNETES_UNKNOWN_FIELDS)) {
    const r = checkKubernetes(output.objects, {
      ...options.kubernetes,
      unknownFields: checks.has(Check.KUBERNETES_UNKNOWN_FIELDS) && (options.kubernetes?.unknownFields ?? true),
    });
    add({ findings: r.findings.filter((f) => checks.has(f.check)), skipped: r.skipped });
  }
  if (checks.has(Check.POD_SECURITY)) {
    const security = await checkPodSecurity(output.objects, {
      ignoreRules: options.ignoreRules,
      clusterObjects: clusterProvidedObjects(output.objects, options.declaredSecrets),
    });
    // The official postgres, mysql and redis images run as uid/gid 999, which their data files
    // belong to; monokle's practice rules KBP104/KBP105 want more than 10000. Pod Security
    // "restricted" only asks for non-root: the library's database StatefulSets are exempt.
    const databases = new Set(output.objects.filter(isDatabaseStatefulSet).map((o) => `StatefulSet/${o.metadata.name}`));
    add({ findings: security.findings.filter((f) => !(databases.has(f.object) && /^KBP10[45] /.test(f.message))), skipped: security.skipped });
  }
  if (output.compose !== undefined) {
    if (checks.has(Check.COMPOSE_SCHEMA)) {
      add(checkComposeSchema(output.compose));
    }
    if (checks.has(Check.DOCKER_COMPOSE)) {
      add(
        output.composeFile
          ? checkComposeWithTool(output.composeFile, output.envFile)
          : { findings: [], skipped: [`${Check.DOCKER_COMPOSE}: no Compose file on disk was given`] },
      );
    }
    if (checks.has(Check.PARITY)) {
      findings.push(...checkParity(output.objects, output.compose, options.parity));
    }
  }
  return { findings, skipped };
}

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
  if (chart.compose && (options.checks ?? ALL_CHECKS).includes(Check.DOCKER_COMPOSE)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-validate-'));
    const written = writeComposeFiles([chart], dir);
    composeFile = written.composeFile;
    envFile = written.envExample;
  }
  const workloads = chart._model.workloads;
  const result = await validateOutput(
    { objects, compose, composeFile, envFile },
    {
      ...options,
      declaredSecrets: options.declaredSecrets ?? chart._declaredSecrets(),
      parity: options.parity ?? { healthOnlyInKubernetes: workloads.filter((w) => w.options.health && !w.options.health.composeTest).map((w) => w.name) },
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
