/**
 * The files synthesis writes next to the manifests, and the paths the Compose file reads
 * (config files, secret files). Every output file that is not a manifest ends in `.yml`:
 * `cdk8s synth` takes every `*.yaml` of the output folder for a manifest.
 */
import { secretsDirVariable } from './variables';

/** The Compose file of an application (`.yml`: `cdk8s synth` takes every `*.yaml` for a manifest). */
export function composeFileName(appName: string): string {
  return `${appName}.compose.yml`;
}

/** The example env file with a placeholder per secret key the Compose file reads. */
export function envExampleFileName(appName: string): string {
  return `${appName}.env.example`;
}

/** The topology diagram of an application. */
export function diagramFileName(appName: string): string {
  return `${appName}.mmd`;
}

/** The file next to the manifests that lists the images to build and push. */
export function imagesFileName(appName: string): string {
  return `${appName}.images.yml`;
}

/**
 * The file next to the manifests that lists what must exist in the cluster before they are
 * applied (Secrets, ServiceAccounts, Namespaces, IngressClasses, CRDs, secret stores). `.yml`,
 * like the images file: `cdk8s synth` reads every `*.yaml` in the output as a manifest, and
 * `kubectl apply -k`, Argo CD and Flux apply only what `kustomization.yml` lists (a folder
 * with a kustomization is built with it, never scanned); YAML so that CI can read it.
 */
export function prerequisitesFileName(appName: string): string {
  return `${appName}.prerequisites.yml`;
}

/** The Prometheus configuration the Compose file's `prometheus` service reads (`.yml`, like the Compose file). */
export function prometheusConfigFileName(appName: string): string {
  return `${appName}.prometheus.yml`;
}

/** The data source provisioning file the Compose file's `grafana` service reads (`.yml`, like the Compose file). */
export function grafanaDatasourcesFileName(appName: string): string {
  return `${appName}.grafana-datasources.yml`;
}

/** The kustomization listing the manifests of one output folder in apply order. */
export const KUSTOMIZATION_FILE = 'kustomization.yml';

/**
 * Where a config file is written for Compose, relative to the Compose file. A `.yaml` name
 * gets an `.in` suffix on disk: `cdk8s synth` takes every `*.yaml` in the output for a manifest.
 */
export function composeConfigFilePath(appName: string, serviceName: string, key: string): string {
  return `${appName}.config/${serviceName}/${key.endsWith('.yaml') ? `${key}.in` : key}`;
}

// Environment variables

/**
 * Where Compose reads a secret file: `<secret>/<key>` in the folder the env file names
 * (`<APP>_SECRETS_DIR`); by default `./<appName>.secrets` next to the Compose file, which
 * synthesis fills with development placeholders.
 */
export function composeSecretFilePath(appName: string, secretName: string, key: string): string {
  return `\${${secretsDirVariable(appName)}:-./${developmentSecretsDir(appName)}}/${secretName}/${key}`;
}

/** The folder, next to the Compose file, of the development placeholders of an app's secret files. */
export function developmentSecretsDir(appName: string): string {
  return `${appName}.secrets`;
}
