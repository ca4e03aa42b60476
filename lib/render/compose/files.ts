import * as path from 'path';
import { renderGrafanaDatasources, renderObservabilityServices, renderPrometheusConfig } from '../../concerns/observability/compose';
import { renderComposeFile } from './service';
import { composeSecretVariables } from '../../concerns/secrets/compose';
import type { ComposeSecretVariable } from '../../concerns/secrets/compose';
import type { ComposeFile, ComposeNetwork, ComposeService } from './types';
import type { AppModel, MonitoringSpec } from '../../model/app-model';
import { appWarnings } from '../../model/app-model';
import type { OutputFile } from '../../model/output-file';
import {
  composeConfigFilePath,
  composeFileName,
  developmentSecretsDir,
  envExampleFileName,
  grafanaDatasourcesFileName,
  prometheusConfigFileName,
} from '../../shared/naming/files';
import { OBSERVABILITY_PROFILE } from '../../shared/naming/observability';
import { secretsDirVariable, secretVariable } from '../../shared/naming/variables';
import { compareStrings } from '../../shared/util';
import { dumpYaml } from '../../shared/yaml';

/** The Compose output of an application: its files' contents, computed, not written. */
export interface ComposeOutput {
  /** The Compose file's path, relative to the output folder. */
  readonly composeFile: string;
  /** The env example's path, relative to the output folder, when the Compose file reads secrets. */
  readonly envExample?: string;
  /** The Compose services. */
  readonly services: string[];
  /** The features Compose cannot express, written in the file's header. */
  readonly warnings: string[];
  /** Every file, relative to the output folder, in writing order: the Compose file first. */
  readonly files: OutputFile[];
}

/**
 * The Compose output of an application, for one output folder: `<appName>.compose.yml` with
 * the services of every chart model given (the charts of one app in one output folder, whose
 * service names the props layer checked to be unique), the `<appName>.env.example` with a
 * placeholder per secret key (when there is one), and the config files the Compose file
 * bind-mounts (with `<appName>.prometheus.yml` when a workload declares metrics, and
 * `<appName>.grafana-datasources.yml` when the chart also asks for Grafana). `sourceRoot` is
 * the project root (where synthesis runs) relative to the output folder, `/`-separated: build
 * contexts are relative to it, the Compose file's paths to its own folder. Pure: the synthesis
 * writer (lib/synth/write.ts) writes the files.
 */
export function composeFiles(apps: AppModel[], sourceRoot: string): ComposeOutput {
  const appName = apps[0].settings.appName;
  const warnings = apps.flatMap(appWarnings);
  const secrets = new Map<string, ComposeSecretVariable>();
  apps.forEach((a) => composeSecretVariables(a).forEach((v, k) => secrets.set(k, v)));
  // Secret files: `<secret>/<key>` -> the development placeholder written in the default folder.
  const secretFiles = new Map<string, string | undefined>();
  for (const app of apps) {
    for (const w of app.workloads) {
      w.secretFiles.forEach((f) => secretFiles.set(`${f.secretName}/${f.key}`, app.developmentValue(secretVariable(f.secretName, f.key))));
    }
  }
  const compose = mergeCompose(apps, sourceRoot);
  const required = [...secrets].filter(([, v]) => v.placeholder === undefined).map(([name]) => name);
  const prometheus = renderPrometheusConfig(apps);
  const monitoring = prometheus === undefined ? undefined : apps.find((a) => a.hasMetrics)!.settings.monitoring;
  const grafana = renderGrafanaDatasources(apps);
  const composeFile = composeFileName(appName);
  const files: OutputFile[] = [
    { path: composeFile, content: composeHeader(appName, warnings, secrets.size + secretFiles.size > 0, required, monitoring) + dumpYaml(compose) },
  ];
  // The env example is only needed when the Compose file reads secrets (variables or files).
  let envExample: string | undefined;
  if (secrets.size > 0 || secretFiles.size > 0) {
    envExample = envExampleFileName(appName);
    files.push({ path: envExample, content: envExampleText(appName, secrets, secretFiles) });
  }
  // The default secrets folder holds a placeholder per secret file, so `up` needs no file either;
  // except YAML keys: the cdk8s CLI reads every *.yaml/*.yml under the output as a manifest.
  for (const [secretKey, placeholder] of secretFiles) {
    if (placeholder !== undefined && !isYamlFileName(secretKey)) {
      files.push({ path: path.join(developmentSecretsDir(appName), ...secretKey.split('/')), content: placeholder });
    }
  }
  for (const app of apps) {
    for (const w of app.workloads) {
      for (const f of w.configFiles) {
        files.push({ path: composeConfigFilePath(appName, w.name, f.key), content: f.content });
      }
    }
  }
  if (prometheus !== undefined) {
    files.push({ path: prometheusConfigFileName(appName), content: prometheus });
  }
  if (grafana !== undefined) {
    files.push({ path: grafanaDatasourcesFileName(appName), content: grafana });
  }
  return { composeFile, envExample, services: Object.keys(compose.services).sort(compareStrings), warnings, files };
}

/**
 * The project root relative to the folder of a Compose file, `/`-separated (`.` when they are
 * one): what the build contexts in it start from. Both paths absolute.
 */
export function composeSourceRoot(folder: string, projectRoot: string): string {
  return path.relative(folder, projectRoot).split(path.sep).join('/') || '.';
}

/** One Compose file for several charts of an app: their services, networks and volumes together. */
function mergeCompose(apps: AppModel[], sourceRoot: string): ComposeFile {
  if (apps.length === 1) {
    return renderComposeFile(apps[0], sourceRoot);
  }
  const services: Record<string, ComposeService> = {};
  const networks: Record<string, ComposeNetwork> = {};
  const volumes: Record<string, Record<string, never>> = {};
  for (const app of apps) {
    const c = renderComposeFile(app, sourceRoot);
    Object.assign(services, c.services);
    Object.assign(networks, c.networks);
    Object.assign(volumes, c.volumes ?? {});
  }
  // One Prometheus for the whole file (each chart's rendering saw only its own workloads).
  Object.assign(services, renderObservabilityServices(apps));
  return { services, networks, volumes: Object.keys(volumes).length > 0 ? volumes : undefined };
}

function isYamlFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

function composeHeader(appName: string, warnings: string[], readsSecrets: boolean, required: string[], monitoring?: MonitoringSpec): string {
  const run = `docker compose -p ${appName} -f ${composeFileName(appName)}`;
  return [
    `# Generated by cdk8s-compose from the '${appName}' app. Do not edit: change the TypeScript and synthesize.`,
    required.length === 0 ? `# Run: ${run} up` : `# Run: ${run} --env-file <your env file> up   (the file sets ${required.join(', ')})`,
    ...(monitoring === undefined
      ? []
      : [
          `# Metrics: add --profile ${OBSERVABILITY_PROFILE} to run Prometheus (${prometheusConfigFileName(appName)}) on http://127.0.0.1:${monitoring.prometheusHostPort}.`,
        ]),
    ...(monitoring?.grafana
      ? [
          `# Dashboards: Grafana on http://127.0.0.1:${monitoring.grafanaHostPort} (same profile), anonymous viewers, admin/admin: development only, bound to 127.0.0.1.`,
        ]
      : []),
    ...(readsSecrets ? [`# Secrets use development placeholders unless the environment or an --env-file sets them (see ${envExampleFileName(appName)}).`] : []),
    ...warnings.map((w) => `# WARNING ${w}`),
    '',
  ].join('\n');
}

function envExampleText(appName: string, vars: Map<string, ComposeSecretVariable>, files: Map<string, string | undefined>): string {
  const lines = [
    `# Development values of the secrets of the '${appName}' Compose file. Never used by Kubernetes.`,
    '# Without an env file, Compose uses the placeholders below (written in the Compose file);',
    '# a variable marked "required" has none. To use other values, copy this file outside the',
    '# synth output directory (cdk8s synth empties it), edit it and pass it with --env-file.',
    '# Keep the copy out of version control.',
  ];
  for (const [name, v] of [...vars].sort(([a], [b]) => compareStrings(a, b))) {
    lines.push(
      '',
      `# Kubernetes: key of Secret ${v.secret}${v.placeholder === undefined ? ' (required: no placeholder)' : ''}`,
      ...(v.urlEncodes !== undefined ? [`# ${v.urlEncodes}, percent-encoded (connection URLs read it): set both`] : []),
      `${name}=${v.placeholder ?? 'change-me'}`,
    );
  }
  if (files.size > 0) {
    lines.push(
      '',
      '# Files, not variables: the Compose file mounts each Secret key below from',
      `# <folder>/<secret>/<key>. The default folder, ./${developmentSecretsDir(appName)}, holds placeholders;`,
      '# to use real development files, put them in a folder outside the synth output and name it',
      '# here (a path starting with ./ or /, relative to the Compose file):',
      `# ${secretsDirVariable(appName)}=./${developmentSecretsDir(appName)}`,
    );
    for (const [secret, placeholder] of [...files].sort(([a], [b]) => compareStrings(a, b))) {
      lines.push(`#   ${secret}${placeholder === undefined || isYamlFileName(secret) ? ' (required: no placeholder)' : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
