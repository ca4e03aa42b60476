import * as fs from 'fs';
import * as path from 'path';
import { renderGrafanaDatasources, renderObservabilityServices, renderPrometheusConfig } from './observability';
import { ComposeSecretVariable, composeSecretVariables, renderComposeFile } from './render';
import { ComposeFile, ComposeNetwork, ComposeService } from './types';
import { AppModel, appWarnings, MonitoringSpec } from '../model/app-model';
import {
  composeConfigFilePath,
  composeFileName,
  developmentSecretsDir,
  envExampleFileName,
  grafanaDatasourcesFileName,
  prometheusConfigFileName,
} from '../shared/naming/files';
import { OBSERVABILITY_PROFILE } from '../shared/naming/observability';
import { secretsDirVariable, secretVariable } from '../shared/naming/variables';
import { compareStrings } from '../_util';
import { dumpYaml } from '../_yaml';

/** What `writeComposeFiles` wrote. */
export interface WrittenCompose {
  /** The Compose file. */
  readonly composeFile: string;
  /** The env example, when the Compose file reads secrets. */
  readonly envExample?: string;
  /** The Compose services. */
  readonly services: string[];
  /** The features Compose cannot express, written in the file's header. */
  readonly warnings: string[];
}

/**
 * Writes the Compose output of an application into `dir`: `<appName>.compose.yml` with the
 * services of every chart model given (the charts of one app in one output folder, whose
 * service names the props layer checked to be unique), the `<appName>.env.example` with a
 * placeholder per secret key (when there is one), and the config files the Compose file
 * bind-mounts (with `<appName>.prometheus.yml` when a workload declares metrics, and
 * `<appName>.grafana-datasources.yml` when the chart also asks for Grafana).
 */
export function writeComposeFiles(apps: AppModel[], dir: string): WrittenCompose {
  const appName = apps[0].settings.appName;
  const warnings = apps.flatMap(appWarnings);
  const file = path.join(dir, composeFileName(appName));
  const secrets = new Map<string, ComposeSecretVariable>();
  apps.forEach((a) => composeSecretVariables(a).forEach((v, k) => secrets.set(k, v)));
  // Secret files: `<secret>/<key>` -> the development placeholder written in the default folder.
  const secretFiles = new Map<string, string | undefined>();
  for (const app of apps) {
    for (const w of app.workloads) {
      w.secretFiles.forEach((f) => secretFiles.set(`${f.secretName}/${f.key}`, app.developmentValue(secretVariable(f.secretName, f.key))));
    }
  }
  // Build contexts are relative to the project root (where synth runs), the Compose file's
  // paths to its own folder.
  const sourceRoot = path.relative(dir, process.cwd()).split(path.sep).join('/') || '.';
  const compose = mergeCompose(apps, sourceRoot);
  const required = [...secrets].filter(([, v]) => v.placeholder === undefined).map(([name]) => name);
  const prometheus = renderPrometheusConfig(apps);
  const monitoring = prometheus === undefined ? undefined : apps.find((a) => a.hasMetrics)!.settings.monitoring;
  const grafana = renderGrafanaDatasources(apps);
  fs.writeFileSync(file, composeHeader(appName, warnings, secrets.size + secretFiles.size > 0, required, monitoring) + dumpYaml(compose));
  // The env example is only needed when the Compose file reads secrets (variables or files).
  let envExample: string | undefined;
  if (secrets.size > 0 || secretFiles.size > 0) {
    envExample = path.join(dir, envExampleFileName(appName));
    fs.writeFileSync(envExample, envExampleText(appName, secrets, secretFiles));
  }
  // The default secrets folder holds a placeholder per secret file, so `up` needs no file either;
  // except YAML keys: the cdk8s CLI reads every *.yaml/*.yml under the output as a manifest.
  for (const [secretKey, placeholder] of secretFiles) {
    if (placeholder !== undefined && !isYamlFileName(secretKey)) {
      const target = path.join(dir, developmentSecretsDir(appName), ...secretKey.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, placeholder);
    }
  }
  for (const app of apps) {
    for (const w of app.workloads) {
      for (const f of w.configFiles) {
        const target = path.join(dir, composeConfigFilePath(appName, w.name, f.key));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, f.content);
      }
    }
  }
  if (prometheus !== undefined) {
    fs.writeFileSync(path.join(dir, prometheusConfigFileName(appName)), prometheus);
  }
  if (grafana !== undefined) {
    fs.writeFileSync(path.join(dir, grafanaDatasourcesFileName(appName)), grafana);
  }
  return { composeFile: file, envExample, services: Object.keys(compose.services).sort(compareStrings), warnings };
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
