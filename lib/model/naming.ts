/**
 * The naming contract: every name, label, variable and range that more than one part of
 * the library derives from the model. Both renderers, the diagram, the output checks and
 * the tests import these; no copy of the literals exists anywhere else in lib/.
 *
 * This file imports nothing at run time, so that the output checks (which read only
 * synthesized output and this contract) stay independent of the model and renderers.
 */
import type { AppProtocolName, WorkloadKind } from './kinds';

// ---------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------

/** The Kubernetes recommended label keys this library writes. */
export const LABEL = {
  /** The service name; a selector label. */
  NAME: 'app.kubernetes.io/name',
  /** The application name; a selector label. */
  INSTANCE: 'app.kubernetes.io/instance',
  /** The workload's role (`web`, `worker`, `database`...). */
  COMPONENT: 'app.kubernetes.io/component',
  /** Always `cdk8s-compose`: how the output checks recognize this library's objects. */
  MANAGED_BY: 'app.kubernetes.io/managed-by',
  /** The application name. */
  PART_OF: 'app.kubernetes.io/part-of',
  /** The image tag, on the objects that run pods and their pod templates; never a selector. */
  VERSION: 'app.kubernetes.io/version',
} as const;

/**
 * The name part of a label key, and a non-empty label value: letters, digits, '-', '_' and '.',
 * alphanumeric at both ends (at most 63 characters: checked apart).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
export const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;

/** Whether `value` is a label value (Kubernetes `IsValidLabelValue`): empty, or at most 63 characters of `LABEL_NAME`. */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && LABEL_NAME.test(value));
}

/**
 * The tag of an image reference (`ghcr.io/acme/api:1.4.2@sha256:...` -> `1.4.2`), when it is
 * also a valid label value; undefined without a tag (a digest alone, or `latest` implied).
 * The tag follows the last `:` after the last `/` (a registry port comes before a `/`).
 *
 * A tag the image grammar allows but a label value does not (longer than 63 characters, or
 * starting with `_` or ending with `.` or `-`) gives no version label: the label is omitted,
 * never truncated or rewritten, since a shortened version would name another tag.
 */
export function imageVersion(image: string): string | undefined {
  const name = image.split('@')[0];
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastPart.indexOf(':');
  const tag = colon === -1 ? undefined : lastPart.slice(colon + 1);
  return tag !== undefined && tag.length > 0 && isLabelValue(tag) ? tag : undefined;
}

/** The value of the `managed-by` label. */
export const MANAGED_BY = 'cdk8s-compose';

/** The `component` label value of each workload kind. */
const COMPONENT: Record<WorkloadKind, string> = {
  'web': 'web',
  'worker': 'worker',
  'scheduled': 'scheduled-job',
  'run-once': 'job',
  'database': 'database',
};

/** The `app.kubernetes.io/component` value of a workload kind. */
export function componentOf(kind: WorkloadKind): string {
  return COMPONENT[kind];
}

/**
 * The labels pods are selected by. Only these two, both derived from names the user
 * chose: selectors are immutable, so they must never change when code moves around.
 */
export function selectorLabels(appName: string, serviceName: string): Record<string, string> {
  return { [LABEL.INSTANCE]: appName, [LABEL.NAME]: serviceName };
}

/** The labels every Compose service carries (the service name and the application). */
export function composeLabels(appName: string, serviceName: string): Record<string, string> {
  return { [LABEL.NAME]: serviceName, [LABEL.PART_OF]: appName };
}

/** The Pod Security admission label keys of a Namespace. */
export const POD_SECURITY_LABELS = ['pod-security.kubernetes.io/audit', 'pod-security.kubernetes.io/enforce', 'pod-security.kubernetes.io/warn'] as const;

/** The Pod Security admission label that enforces a level. */
export const POD_SECURITY_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** Whether a synthesized object was made by this library (by its `managed-by` label). */
export function isManagedObject(o: any): boolean {
  return o?.metadata?.labels?.[LABEL.MANAGED_BY] === MANAGED_BY;
}

/** The application a synthesized object belongs to, when this library made it. */
export function appOfObject(o: any): string | undefined {
  return isManagedObject(o) ? o.metadata.labels[LABEL.PART_OF] : undefined;
}

/**
 * Whether a synthesized object is the StatefulSet of a Database. The official postgres,
 * mysql and redis images run as uid/gid 999 (their data files belong to it): these objects
 * are exempt from the practice rules in `DATABASE_EXEMPT_RULES`, never from Pod Security.
 */
export function isDatabaseStatefulSet(o: any): boolean {
  return o?.kind === 'StatefulSet' && isManagedObject(o) && o.metadata.labels[LABEL.COMPONENT] === COMPONENT.database;
}

/** monokle's practice rules (uid and gid above 10000) that database StatefulSets are exempt from. */
export const DATABASE_EXEMPT_RULES = /^KBP10[45] /;

// ---------------------------------------------------------------------------------------
// Object, volume and network names
// ---------------------------------------------------------------------------------------

/** The longest service name Kubernetes accepts for a workload kind (CronJobs leave 11 characters for their Jobs' suffix). */
export function maxServiceNameLength(kind: WorkloadKind): number {
  return kind === 'scheduled' ? 52 : 63;
}

/** Whether a workload kind has a Kubernetes Service named after it (a DNS-1035 label: it starts with a letter). */
export function hasService(kind: WorkloadKind): boolean {
  return kind === 'web' || kind === 'database';
}

/**
 * A name Kubernetes derives from a service name, and its limit: what the props layer checks so
 * that a long service name fails at definition time, not when a controller creates pods.
 */
export interface DerivedName {
  /** What the name is, e.g. `the headless Service`. */
  readonly what: string;
  /** The name, with a placeholder for what a controller appends (`<10-character hash>`). */
  readonly shown: string;
  /** Its length once derived. */
  readonly length: number;
  /** The most characters it may have. */
  readonly max: number;
}

/** The length of the hash a StatefulSet's controller appends to its name in the `controller-revision-hash` pod label (`-` and 10 characters). */
const REVISION_HASH_SUFFIX = 11;

/**
 * The names Kubernetes derives from a service name beyond the objects' own (which are the
 * service name, at most `maxServiceNameLength`): a Database's headless Service, and its
 * StatefulSet's `controller-revision-hash` pod label, `<name>-<hash>`, a label value of at
 * most 63 characters (kubernetes/kubernetes#64023: pods of a StatefulSet named with more than
 * 52 characters are never created).
 */
export function derivedNames(kind: WorkloadKind, serviceName: string): DerivedName[] {
  if (kind !== 'database') {
    return [];
  }
  const headless = headlessServiceName(serviceName);
  return [
    { what: 'the headless Service', shown: headless, length: headless.length, max: 63 },
    {
      what: "the StatefulSet's pod label controller-revision-hash",
      shown: `${serviceName}-<10-character hash>`,
      length: serviceName.length + REVISION_HASH_SUFFIX,
      max: 63,
    },
  ];
}

/** The headless Service of a Database (peer discovery for its StatefulSet). */
export function headlessServiceName(serviceName: string): string {
  return `${serviceName}-headless`;
}

/**
 * The Role and RoleBinding of a workload's grants: the service name, unique in the
 * namespace even when several workloads share one ServiceAccount.
 */
export function roleName(serviceName: string): string {
  return serviceName;
}

/** The ConfigMap holding a workload's config files. */
export function configMapName(serviceName: string): string {
  return `${serviceName}-config`;
}

/** The pod volume that mounts the config files' ConfigMap. */
export const CONFIG_VOLUME = 'config-files';

/** Argo CD's sync wave: objects of a lower wave are applied, and healthy, before the next wave. */
export const ARGO_SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * Keep the Namespace when it leaves the output or its application is deleted or renamed:
 * Argo CD (`Prune=false,Delete=false`) and Flux (`prune: disabled`). Deleting it would delete
 * the PersistentVolumeClaims, and with the default reclaim policy the data.
 */
export const NAMESPACE_KEEP_ANNOTATIONS = {
  'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};

/**
 * The Flux Kustomization of one rollout wave of a chart, named after its namespace (two
 * environments of one app in one cluster do not clash): `shop-prod-foundation`, `shop-prod-wave-0`...
 */
export function fluxLayerName(namespace: string, wave: number): string {
  return `${namespace}-${fluxLayer(wave)}`;
}

/** The folder of one Flux layer, relative to the output folder. */
export function fluxLayerFolder(appName: string, wave: number): string {
  return `flux/${appName}/${fluxLayer(wave)}`;
}

function fluxLayer(wave: number): string {
  return wave === NAMESPACE_WAVE ? 'namespace' : wave === FOUNDATION_WAVE ? 'foundation' : `wave-${wave}`;
}

/** The manifest of one Flux layer (`.yml`: the cdk8s CLI and the output checks read every `*.yaml` of the folder as the app's). */
export function fluxLayerManifestName(appName: string): string {
  return `${appName}.k8s.yml`;
}

/** The Flux Kustomizations of an app's layers, next to its manifest (not a manifest: `.yml`). */
export function fluxFileName(appName: string): string {
  return `${appName}.flux.yml`;
}

/** The wave of what every workload needs first: the objects that create Secrets (and a namespaced SecretStore, which the user puts in the Namespace's wave). */
export const FOUNDATION_WAVE = -1;

/** The Namespace's wave: before the foundation, so that a SecretStore inside it can exist before the ExternalSecrets. */
export const NAMESPACE_WAVE = -2;

/** The memory-backed emptyDir mounted at /dev/shm (Postgres's parallel queries need more than the runtime's 64Mi). */
export const SHARED_MEMORY_VOLUME = 'shared-memory';

/** Where POSIX shared memory lives in a Linux container. */
export const SHARED_MEMORY_PATH = '/dev/shm';

/** The pod template annotation with a checksum of the config files (pods roll when it changes). */
export const CONFIG_CHECKSUM_ANNOTATION = 'cdk8s-compose.io/config-checksum';

/** The emptyDir volume name for a writable path: `/var/run/postgresql` becomes `var-run-postgresql`. */
export function writableVolumeName(path: string): string {
  return (
    path
      .replace(/^\/+|\/+$/g, '')
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 63)
      .replace(/^-+|-+$/g, '') || 'root'
  );
}

/** The emptyDir of a writable path of an init container or sidecar (its own, not the main container's). */
export function extraWritableVolumeName(container: string, path: string): string {
  return `${container}-${writableVolumeName(path)}`.slice(0, 63).replace(/-+$/, '');
}

/** The Compose service of an init container or sidecar: `<service>-<container>`. */
export function extraServiceName(serviceName: string, container: string): string {
  return `${serviceName}-${container}`;
}

/** The Kubernetes init container that waits until a dependency accepts connections. */
export function waitContainerName(target: string): string {
  return `wait-for-${target}`.slice(0, 63).replace(/-+$/, '');
}

/** Whether an init container is one of the library's wait-for containers (Compose waits with depends_on instead). */
export function isWaitContainer(name: string): boolean {
  return name.startsWith('wait-for-');
}

/** The pod volume of a Secret whose keys are mounted as files. */
export function secretVolumeName(secretName: string): string {
  return `secret-${secretName.replace(/\./g, '-')}`.slice(0, 63).replace(/-+$/, '');
}

/** The env-file variable naming the folder of an app's secret files (outside the synth output). */
export function secretsDirVariable(appName: string): string {
  return `${toEnvPrefix(appName)}_SECRETS_DIR`;
}

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

/**
 * An image reference split into repository, tag and digest (the distribution reference
 * grammar: the tag follows the last ':' after the last '/', the digest follows '@').
 */
export function splitImage(image: string): { repository: string; tag?: string; digest?: string } {
  const [name, digest] = image.split('@');
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? { repository: name.slice(0, colon), tag: name.slice(colon + 1), digest } : { repository: name, digest };
}

/** Whether an image reference can change under the same name: no digest, and no tag or `latest`. */
export function isMutableImage(image: string): boolean {
  const { tag, digest } = splitImage(image);
  return digest === undefined && (tag === undefined || tag === 'latest');
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

/** The Compose network a Database shares with its clients. */
export function databaseNetworkName(serviceName: string): string {
  return `${serviceName}${DATABASE_NETWORK_SUFFIX}`;
}

const DATABASE_NETWORK_SUFFIX = '-net';

/** The service whose database network `network` would be (the inverse of databaseNetworkName), if the name has that form. */
export function databaseOfNetwork(network: string): string | undefined {
  return network.endsWith(DATABASE_NETWORK_SUFFIX) ? network.slice(0, -DATABASE_NETWORK_SUFFIX.length) : undefined;
}

/** The Compose named volume of one persistent volume of a workload. */
export function composeVolumeName(serviceName: string, volume: string): string {
  return `${serviceName}-${volume}`;
}

/** The Secret a Database reads its password from unless told otherwise. */
export function defaultCredentialsSecretName(serviceName: string): string {
  return `${serviceName}-credentials`;
}

/**
 * The Compose service label listing what local development overrides or adds (`command`,
 * `args`, `environment.X`, `ports.N`, `volumes./path`): the parity check exempts exactly those.
 */
export const DEV_OVERRIDES_LABEL = 'dev.cdk8s-compose.io/overrides';

/** The Compose profile of scheduled jobs (Compose has no scheduler: they run on demand). */
export const SCHEDULED_PROFILE = 'scheduled';

// ---------------------------------------------------------------------------------------
// Metrics and monitoring
// ---------------------------------------------------------------------------------------

/** The pod annotations Prometheus' annotation-based discovery reads (`monitoring.mode` annotations). */
export const SCRAPE_ANNOTATION = {
  SCRAPE: 'prometheus.io/scrape',
  PORT: 'prometheus.io/port',
  PATH: 'prometheus.io/path',
} as const;

/** The name of a metrics port the library adds to a workload that declares no such port (a Worker's). */
export const METRICS_PORT_NAME = 'metrics';

/** The label of a Namespace's name, set by Kubernetes on every Namespace (NetworkPolicy peers). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The API version of the Prometheus Operator's ServiceMonitor and PodMonitor. */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

/** The Prometheus Operator kinds this library renders (CRDs: the schema check accepts them unchecked). */
export const MONITOR_KINDS = ['PodMonitor', 'ServiceMonitor'] as const;

/** The Compose profile of the Prometheus service (`docker compose --profile observability up`). */
export const OBSERVABILITY_PROFILE = 'observability';

/** The Compose service that scrapes the workloads' metrics in development. */
export const PROMETHEUS_SERVICE = 'prometheus';

/** The port Prometheus listens on in its container. */
export const PROMETHEUS_PORT = 9090;

/** Where the Prometheus image reads its configuration. */
export const PROMETHEUS_CONFIG_PATH = '/etc/prometheus/prometheus.yml';

/** Where the Prometheus image keeps its data (a tmpfs in Compose: development data is disposable). */
export const PROMETHEUS_DATA_PATH = '/prometheus';

/** The user of the Prometheus image (`nobody`). */
export const PROMETHEUS_USER = '65534:65534';

/** The Compose service that shows Prometheus' metrics in development (`monitoring.grafana`). */
export const GRAFANA_SERVICE = 'grafana';

/** The port Grafana listens on in its container. */
export const GRAFANA_PORT = 3000;

/** Where the Grafana image keeps its database and plugins (a tmpfs in Compose, like Prometheus' data). */
export const GRAFANA_DATA_PATH = '/var/lib/grafana';

/** Where the Grafana image reads the generated data source provisioning file. */
export const GRAFANA_DATASOURCES_PATH = '/etc/grafana/provisioning/datasources/prometheus.yml';

/** The user of the Grafana image (uid 472, group root, as the image sets). */
export const GRAFANA_USER = '472:0';

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Environment variables
// ---------------------------------------------------------------------------------------

const envPrefixes = new Map<string, string>();

/** Turns any name into an UPPER_SNAKE environment variable prefix: `orders-db` becomes `ORDERS_DB`. */
export function toEnvPrefix(name: string): string {
  // Synthesis asks again for the same few names (each secret key, each connection): the
  // answer is kept rather than recomputed with three regular expressions each time.
  let prefix = envPrefixes.get(name);
  if (prefix === undefined) {
    prefix = name
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase();
    if (envPrefixes.size >= 10_000) {
      envPrefixes.clear();
    }
    envPrefixes.set(name, prefix);
  }
  return prefix;
}

/** The env-file variable that holds one key of one secret: `orders-db-credentials/password` becomes `ORDERS_DB_CREDENTIALS_PASSWORD`. */
export function secretVariable(secretName: string, key: string): string {
  const variable = toEnvPrefix(`${secretName}_${key}`);
  // Compose interpolates `${NAME}` only for names that start with a letter or `_` (a Secret
  // named `1password` would otherwise give `${1PASSWORD_TOKEN}`, which Compose refuses).
  return /^[0-9]/.test(variable) ? `_${variable}` : variable;
}

/** The development placeholder Compose uses for a secret key nobody set: `dev-<secret>-<key>` (never in Kubernetes output). */
export function developmentPlaceholder(secretName: string, key: string): string {
  return `dev-${secretName}-${key}`;
}

/**
 * The key of a Secret that holds another key's value percent-encoded (RFC 3986), which
 * connection URLs read: `password` becomes `password-urlencoded`.
 */
export function urlEncodedSecretKey(key: string): string {
  return `${key}-urlencoded`;
}

/** The suffix of the Kubernetes helper variables that hold a secret a composed value embeds. */
export const SECRET_HELPER_SUFFIX = '_SECRET';

/**
 * The Kubernetes helper variable for a secret embedded in a composed value: Kubernetes
 * expands `$(VAR)` only for variables defined earlier in the same container.
 */
export function secretHelperVariable(secretName: string, key: string): string {
  return `${secretVariable(secretName, key)}${SECRET_HELPER_SUFFIX}`;
}

/** The scheme of the URLs clients receive for a port of each protocol. */
export function urlScheme(protocol: AppProtocolName): string {
  return protocol === 'grpc' ? 'grpc' : protocol === 'tcp' ? 'tcp' : 'http';
}

/** The variables `connectTo()` injects: `<PREFIX>_HOST`, `_PORT`, `_URL`, and for databases `_NAME`, `_USER`, `_PASSWORD`. */
export function connectionVariable(prefix: string, output: 'HOST' | 'PORT' | 'URL' | 'NAME' | 'USER' | 'PASSWORD'): string {
  return `${prefix}_${output}`;
}

/**
 * Writes every `$` as `$$`. Both targets read `$$` as a literal `$`: Kubernetes in env values
 * and args (where `$(X)` expands a variable), Compose everywhere (where `$X` interpolates).
 */
export function escapeDollar(value: string): string {
  // Most values have no `$`: a search is cheaper than a regular-expression replace that finds nothing.
  return value.includes('$') ? value.replace(/\$/g, '$$$$') : value;
}

// ---------------------------------------------------------------------------------------
// Ranges and kind predicates
// ---------------------------------------------------------------------------------------

/** Valid TCP port numbers, for container, Service and host ports. */
export const PORT_RANGE = { min: 1, max: 65535 } as const;

/** The largest count, threshold or number of seconds Kubernetes stores (`int32` fields: replicas, probe timings, backoffLimit). */
export const INT32_MAX = 2147483647;

/** Whether `n` is a whole number from `min` to {@link INT32_MAX}. */
export function isCount(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= INT32_MAX;
}

/** Whether `n` is a valid port number. */
export function isPort(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= PORT_RANGE.min && n <= PORT_RANGE.max;
}

/**
 * The host ports Compose publishes for one port: one per replica, counting up from the
 * given port (Compose publishes a range when a service has several containers).
 */
export function publishedHostPorts(publish: number, replicas: number): number[] {
  // Never past the last port: a range that does not fit is reported by the props layer.
  return Array.from({ length: Math.max(1, Math.min(replicas, PORT_RANGE.max - publish + 1)) }, (_, i) => publish + i);
}

/** Whether a kind runs to completion (Kubernetes Job or CronJob, a Compose service that is not restarted). */
export function isJob(kind: WorkloadKind): boolean {
  return kind === 'run-once' || kind === 'scheduled';
}

/** Whether a kind keeps several interchangeable pods behind a rollout (Deployment). */
export function isReplicated(kind: WorkloadKind): boolean {
  return kind === 'web' || kind === 'worker';
}
