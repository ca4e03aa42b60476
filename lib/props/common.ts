import * as path from 'path';
import type { EnvValue } from '../concerns/env/env-value.model';
import { PodCount } from '../concerns/scaling/pod-count.model';
import type { AvailabilitySpec } from '../concerns/scaling/model';
import type { BuildSpec, DevSpec } from '../concerns/build/model';
import type { ConfigFileSpec } from '../concerns/storage/model';
import type { EgressRuleSpec } from '../concerns/network/model';
import type { PodSpecModel } from '../concerns/pod/model';
import type { ResourcesSpec, SecuritySpec } from '../concerns/container/model';
import type { WorkloadKind } from '../model/workload';
import { hasService } from '../shared/naming/kinds';
import { isPort } from '../shared/naming/limits';
import { CONFIG_VOLUME, derivedNames, extraWritableVolumeName, maxServiceNameLength, secretVolumeName, writableVolumeName } from '../shared/naming/objects';
import type { ImagePullPolicy, ResourceOptions, ResourceDefaults, SecurityDefaults, SecurityOptions } from '../concerns/container/props';
import { normalizeImage, pullPolicyOf, normalizeResources, normalizeSecurity, securityWarnings } from '../concerns/container/props';
import { normalizeEnv } from '../concerns/env/props';
import type { EgressDestination } from '../concerns/network/props';
import { normalizeEgress } from '../concerns/network/props';
import type { PodOptions } from '../concerns/pod/props';
import { normalizePod } from '../concerns/pod/props';
import { checkDnsLabel, checkSecretRef, collect, compareStrings, sortBy } from '../shared/util';
import { show } from '../shared/parse/show';
import { bool, IMAGE, listOf, num, obj, optional, required, str, stringMap, strings } from '../shared/shape';
import type { Fields } from '../shared/shape';
import { ENV_MAP } from '../concerns/env/props';
import { IMAGE_PULL_POLICY, RESOURCES, SECURITY } from '../concerns/container/props';
import { EGRESS_DESTINATION } from '../concerns/network/props';
import { POD_FIELDS } from '../concerns/pod/props';
import { POD_COUNT } from '../concerns/scaling/props';

/**
 * The props every workload shares, and the one place where they are checked and given
 * their defaults. Constructs call these; renderers never default or check anything.
 */

/** A file mounted read-only into the container. */
export interface ConfigFile {
  /** Absolute path inside the container, e.g. `/etc/app/config.json`. */
  readonly path: string;
  /** The file's content (never a secret: it is committed in a ConfigMap). */
  readonly content: string;
}

/** How an image is built from source (Compose `build`, and the images manifest for CI). */
export interface BuildOptions {
  /** The build context, relative to the directory `cdk8s synth` runs in (the project root). */
  readonly context: string;
  /**
   * The Dockerfile, relative to the context.
   * @default 'Dockerfile'
   */
  readonly dockerfile?: string;
  /**
   * The stage of a multi-stage Dockerfile to build.
   * @default - the last stage
   */
  readonly target?: string;
  /**
   * Build arguments (`--build-arg`). Never a secret: they end up in the image's history.
   * @default - none
   */
  readonly args?: Record<string, string>;
}

/** A key of a Kubernetes Secret mounted read-only as a file (a private key, a certificate). */
export interface SecretFile {
  /** Absolute path of the file in the container, e.g. `/tmp/.ssh/publickey`. */
  readonly path: string;
  /** Name of the Secret (it exists in the namespace, or the secrets backend creates it). */
  readonly secretName: string;
  /** Key of the Secret whose value is the file's content. */
  readonly key: string;
}

/** How a Deployment replaces pods during a rollout. */
export interface RollingUpdateOptions {
  /**
   * Pods created above the desired count during a rollout.
   * @default PodCount.percent(25)
   */
  readonly maxSurge?: PodCount;
  /**
   * Pods that may be unavailable during a rollout.
   * @default PodCount.of(0)
   */
  readonly maxUnavailable?: PodCount;
}

/** Availability of workloads with replicas (WebService, continuous Worker). */
export interface AvailabilityOptions {
  /**
   * How a rollout replaces pods.
   * @default - maxSurge 25%, maxUnavailable 0 (never below the desired count)
   */
  readonly rollingUpdate?: RollingUpdateOptions;

  /**
   * Render a PodDisruptionBudget (maxUnavailable 1) when the workload runs at least two
   * pods. Never rendered for one pod: it would block node drains forever.
   * @default true
   */
  readonly disruptionBudget?: boolean;

  /**
   * Spread pods over nodes and zones (`ScheduleAnyway`: a preference that never blocks
   * scheduling) when the workload runs at least two pods.
   * @default true
   */
  readonly topologySpread?: boolean;
}

/** Compose-only settings for local development (Kubernetes is unaffected). */
export interface ComposeOptions {
  /**
   * Compose profiles the service belongs to: it starts only when one of them is active
   * (`docker compose --profile seed up`), e.g. seed jobs and admin tools. Scheduled Workers are
   * always in the `scheduled` profile as well.
   * @see https://docs.docker.com/reference/compose-file/profiles/
   * @default - none: the service always starts
   */
  readonly profiles?: string[];

  /**
   * Further Compose networks the service joins, by name (declared in the file, scoped to the
   * Compose project), e.g. a network of a gateway and the services it routes to. The networks
   * derived from connections stay.
   * @default - only the networks derived from connections
   */
  readonly networks?: string[];

  /**
   * Local development only: what Compose runs instead, and what it adds, so that the code in
   * front of the developer runs and reloads. Never reaches the Kubernetes output.
   * @default - Compose runs what Kubernetes runs
   */
  readonly dev?: DevOptions;
}

/** A source folder or file of the project bind-mounted into the container (Compose only). */
export interface SourceMount {
  /** Path relative to the project root (where cdk8s synth runs), e.g. `services/api/src`. */
  readonly source: string;
  /** Absolute path in the container, e.g. `/app/src`. */
  readonly target: string;
  /**
   * Mount read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** A port opened for development only, e.g. a debugger (Compose only). */
export interface DevPort {
  /** Port name, e.g. `debug`. */
  readonly name: string;
  /** Container port, e.g. 9229. */
  readonly port: number;
  /**
   * Host port on 127.0.0.1.
   * @default - the container port
   */
  readonly publish?: number;
}

/** Development settings of a workload, used by Compose only. */
export interface DevOptions {
  /**
   * The entrypoint in development, e.g. `['npx', 'nodemon']`.
   * @default - the workload's command
   */
  readonly command?: string[];
  /**
   * The arguments in development, e.g. `['--inspect=0.0.0.0:9229', 'server.js']`.
   * @default - the workload's args
   */
  readonly args?: string[];
  /**
   * Extra or overriding environment variables in development (never secrets: plain values).
   * @default - none
   */
  readonly env?: Record<string, EnvValue>;
  /**
   * Extra ports published in development (debuggers).
   * @default - none
   */
  readonly ports?: DevPort[];
  /**
   * Source bind mounts, so that a reloading process sees edits without a rebuild.
   * @default - none
   */
  readonly mounts?: SourceMount[];
}

/** Props every workload accepts. */
export interface WorkloadOptions extends PodOptions, ComposeOptions {
  /**
   * Container image, with a tag or digest.
   */
  readonly image: string;

  /**
   * Service name: the Kubernetes object names, the Compose service name and the host
   * name in both. Changing it renames every object.
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * When the kubelet pulls the image (Compose always uses a local image when present).
   * @default - IF_NOT_PRESENT; ALWAYS for a mutable reference (no tag, or `latest`), with a warning
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * How Compose builds the image from source, for local development. Kubernetes deploys
   * `image`; Compose builds the context and tags the result `image`, so both targets name the
   * same image, and `<appName>.images.yml` next to the manifests lists what CI must build and
   * push.
   * @default - no build: Compose pulls `image`
   */
  readonly build?: BuildOptions;

  /**
   * Environment variables. More can be added with `addEnv()` and `connectTo()`.
   * @default - none
   */
  readonly env?: Record<string, EnvValue>;

  /**
   * Overrides the image's entrypoint (Kubernetes `command`, Compose `entrypoint`).
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];

  /**
   * Overrides the image's arguments (Kubernetes `args`, Compose `command`).
   * `$(NAME)` refers to another environment variable of this container.
   * @default - the image's CMD
   */
  readonly args?: string[];

  /**
   * CPU and memory requests and limits.
   * @default - 100m/500m CPU, 128Mi/256Mi memory
   */
  readonly resources?: ResourceOptions;

  /**
   * Security context.
   * @default - non-root user 10001, read-only root with a writable /tmp, no capabilities (Pod Security "restricted")
   */
  readonly security?: SecurityOptions;

  /**
   * Allow egress to any public address (e.g. a third-party API): IPv4 and IPv6, except the
   * private ranges (RFC 1918, IPv6 unique local), link-local ranges and with them the cloud
   * metadata endpoints (`169.254.169.254`, `fd00:ec2::254`). Egress to other workloads of
   * the chart is allowed only through `connectTo()`; to private destinations through
   * `allowEgressTo`.
   * @default false
   */
  readonly allowExternalEgress?: boolean;

  /**
   * Destinations outside the connection graph this workload may reach, with their ports: a
   * proxy or a VPC endpoint on a private address, which `allowExternalEgress` never opens.
   * Kubernetes only (NetworkPolicy egress rules); Compose has no egress policy.
   * @default - none
   */
  readonly allowEgressTo?: EgressDestination[];

  /**
   * Files mounted read-only into the container: a ConfigMap in Kubernetes (a checksum
   * of it on the pod template rolls the pods when it changes), a Compose bind mount of
   * a file written next to the Compose file.
   * @default - none
   */
  readonly configFiles?: ConfigFile[];

  /**
   * Secret keys mounted read-only as files: a Secret volume in Kubernetes; in Compose a
   * read-only bind mount of `<secret>/<key>` in the folder `<APP>_SECRETS_DIR` names, by default
   * `<appName>.secrets` next to the Compose file, where synthesis writes development placeholders
   * (the env example lists the keys).
   * @default - none
   */
  readonly secretFiles?: SecretFile[];
}

/** The fields of the model every workload kind shares, normalized. */
export interface CommonSpec {
  readonly image: string;
  readonly imagePullPolicy: ImagePullPolicy;
  readonly resources: ResourcesSpec;
  readonly security: SecuritySpec;
  readonly configFiles: ConfigFileSpec[];
  readonly secretFiles: SecretFile[];
  readonly build?: BuildSpec;
  readonly compose: { readonly profiles: string[]; readonly networks: string[] };
  readonly dev?: DevSpec;
  readonly command?: string[];
  readonly args?: string[];
  readonly allowExternalEgress: boolean;
  readonly egressTo: EgressRuleSpec[];
  readonly env: Map<string, EnvValue>;
  /** What the options lower (the Pod Security level), for the model's warnings. */
  readonly warnings: string[];
  /** Pod settings, init containers and sidecars. */
  readonly pod: PodSpecModel;
}

const APP_SECURITY: SecurityDefaults = { runAsUser: 10001, runAsGroup: 10001, writablePaths: [] };

/** Checks and normalizes the options every workload shares; pushes each problem found. */
export function normalizeCommon(
  name: string,
  props: WorkloadOptions,
  problems: string[],
  securityDefaults: SecurityDefaults = APP_SECURITY,
  resourceDefaults?: ResourceDefaults,
): CommonSpec {
  const image = normalizeImage(props.image, problems);
  const imageWarnings: string[] = [];
  const imagePullPolicy = pullPolicyOf(image, props.imagePullPolicy, 'image', problems, imageWarnings);
  const env = new Map<string, EnvValue>();
  normalizeEnv(props.env, env, problems);
  const resources = normalizeResources(props.resources, problems, resourceDefaults);
  const security = normalizeSecurity(props.security ?? {}, securityDefaults, problems);
  const pod = normalizePod(name, props, { image, imagePullPolicy, security, defaults: securityDefaults }, problems);
  checkArgv('command', props.command, ", e.g. ['node', 'server.js']", problems);
  checkArgv('args', props.args, ", e.g. ['node', 'server.js']", problems);
  const configFiles = normalizeConfigFiles(props.configFiles, problems);
  const secretFiles = normalizeSecretFiles(props.secretFiles, props.configFiles, problems);
  checkVolumeNames(security, pod, configFiles, secretFiles, problems);
  return {
    image,
    configFiles,
    secretFiles,
    imagePullPolicy,
    build: normalizeBuild(props.build, problems),
    compose: { profiles: composeNames('profiles', props.profiles, problems), networks: composeNames('networks', props.networks, problems) },
    dev: normalizeDev(props.dev, problems),
    resources,
    security,
    command: props.command,
    args: props.args,
    allowExternalEgress: props.allowExternalEgress ?? false,
    egressTo: normalizeEgress(props.allowEgressTo, problems),
    env,
    warnings: [
      ...imageWarnings,
      ...pod.imageWarnings,
      ...securityWarnings(security),
      ...[...pod.initContainers, ...pod.sidecars].flatMap((c) => securityWarnings(c.security, c.name)),
    ],
    pod,
  };
}

/** A command or its arguments: a list of strings when given. */
function checkArgv(what: string, list: unknown, example: string, problems: string[]): void {
  if (list !== undefined && (!Array.isArray(list) || list.some((c) => typeof c !== 'string'))) {
    problems.push(`${what} ${show(list)} is invalid; allowed: a list of strings${example}`);
  }
}

/** Checks a list of config files and gives each a unique key, independent of the list's order. */
export function normalizeConfigFiles(files: readonly ConfigFile[] | undefined, problems: string[]): ConfigFileSpec[] {
  const out: ConfigFileSpec[] = [];
  const keys = new Set<string>();
  // Keys are given in path order, so that reordering the list changes nothing.
  for (const f of sortBy(files ?? [], (file) => String(file.path))) {
    if (typeof f.path !== 'string' || typeof f.content !== 'string') {
      problems.push(`configFiles entry ${show(f.path)} is invalid; allowed: { path: string, content: string }`);
      continue;
    }
    if (!f.path.startsWith('/') || f.path.endsWith('/') || f.path.includes('..')) {
      problems.push(`configFiles path '${f.path}' is invalid; allowed: an absolute file path without '..', not ending in '/'`);
      continue;
    }
    if (out.some((o) => o.path === f.path)) {
      problems.push(`configFiles path '${f.path}' is declared twice`);
      continue;
    }
    // A ConfigMap key: the base name, made unique with a counter if needed.
    const base = f.path
      .split('/')
      .pop()!
      .replace(/[^-._a-zA-Z0-9]/g, '_');
    let key = base;
    for (let i = 2; keys.has(key); i++) {
      key = `${i}-${base}`;
    }
    keys.add(key);
    out.push({ path: f.path, key, content: f.content });
  }
  return out.sort((a, b) => compareStrings(a.path, b.path));
}

/** Checks the development settings; ports sorted by number, mounts by target. */
function normalizeDev(dev: DevOptions | undefined, problems: string[]): DevSpec | undefined {
  if (dev === undefined) {
    return undefined;
  }
  const env = new Map<string, EnvValue>();
  normalizeEnv(dev.env, env, problems);
  for (const [name, value] of env) {
    if (value.isSecret) {
      problems.push(`dev.env ${name} reads a secret; allowed: plain development values (EnvValue.fromValue)`);
    }
  }
  checkArgv('dev.command', dev.command, '', problems);
  checkArgv('dev.args', dev.args, '', problems);
  const ports = (dev.ports ?? []).map((p) => {
    if (!isPort(p?.port) || (p.publish !== undefined && !isPort(p.publish))) {
      problems.push(`dev.ports ${show(p)} is invalid; allowed: { name, port, publish? } with ports from 1 to 65535`);
    }
    return { name: p?.name, port: p?.port, publish: p?.publish ?? p?.port };
  });
  const mounts = (dev.mounts ?? []).map((m) => {
    collect(problems, checkProjectPath('dev.mounts source', m?.source));
    if (typeof m?.target !== 'string' || !m.target.startsWith('/') || m.target.includes(':')) {
      problems.push(`dev.mounts target ${show(m?.target)} is invalid; allowed: an absolute path in the container, without ':'`);
    }
    return { source: m?.source, target: m?.target, readOnly: m?.readOnly ?? false };
  });
  return {
    command: dev.command,
    args: dev.args,
    env,
    ports: [...ports].sort((a, b) => a.port - b.port),
    mounts: sortBy(mounts, (m) => String(m.target)),
  };
}

/** Checks Compose profile or network names (the compose-spec's pattern); sorted, without duplicates. */
function composeNames(what: string, names: string[] | undefined, problems: string[]): string[] {
  if (names === undefined) {
    return [];
  }
  if (!Array.isArray(names)) {
    problems.push(`${what} ${show(names)} is invalid; allowed: a list of names`);
    return [];
  }
  for (const n of names) {
    if (typeof n !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(n)) {
      problems.push(`${what} entry ${show(n)} is invalid; allowed: letters, digits, '_', '.' and '-', starting with a letter or digit`);
    }
  }
  return [...new Set(names)].sort();
}

/**
 * Returns a problem when `p` is not a path inside the project (where cdk8s synth runs): empty,
 * absolute, leaving it through '..', or holding ':' (Compose's short volume syntax splits there).
 */
function checkProjectPath(what: string, p: unknown): string | undefined {
  const inside = typeof p === 'string' && p !== '' && !p.startsWith('/') && !p.includes(':') && !path.posix.normalize(p).startsWith('..');
  return inside
    ? undefined
    : `${what} ${show(p)} is invalid; allowed: a path inside the project root (where cdk8s synth runs), without ':', e.g. 'services/api'`;
}

/** Checks a build: a context inside the project, a relative Dockerfile, string args; args sorted. */
function normalizeBuild(build: BuildOptions | undefined, problems: string[]): BuildSpec | undefined {
  if (build === undefined) {
    return undefined;
  }
  collect(problems, checkProjectPath('build.context', build.context));
  // The Dockerfile is relative to the context (it may be '../Dockerfile.shared').
  if (build.dockerfile !== undefined && (typeof build.dockerfile !== 'string' || build.dockerfile === '' || build.dockerfile.startsWith('/'))) {
    problems.push(`build.dockerfile ${show(build.dockerfile)} is invalid; allowed: a path relative to the build context, e.g. 'Dockerfile.prod'`);
  }
  if (build.target !== undefined && (typeof build.target !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(build.target))) {
    problems.push(`build.target ${show(build.target)} is invalid; allowed: a stage name of the Dockerfile`);
  }
  const args: Record<string, string> = {};
  for (const [k, v] of sortBy(Object.entries(build.args ?? {}), ([key]) => key)) {
    if (typeof v !== 'string') {
      problems.push(`build.args ${k} is ${show(v)}; allowed: a string`);
    }
    args[k] = v;
  }
  return { context: build.context, dockerfile: build.dockerfile ?? 'Dockerfile', target: build.target, args };
}

/** Checks secret files: absolute distinct paths (not a config file's), valid Secret names and keys; sorted by path. */
function normalizeSecretFiles(files: readonly SecretFile[] | undefined, configFiles: readonly ConfigFile[] | undefined, problems: string[]): SecretFile[] {
  const taken = new Set((configFiles ?? []).map((f) => f?.path));
  const out: SecretFile[] = [];
  for (const f of files ?? []) {
    if (typeof f?.path !== 'string' || !f.path.startsWith('/') || f.path.endsWith('/') || f.path.includes('..')) {
      problems.push(`secretFiles path ${show(f?.path)} is invalid; allowed: an absolute file path without '..', not ending in '/'`);
      continue;
    }
    if (taken.has(f.path)) {
      problems.push(`secretFiles path '${f.path}' is declared twice (as a secret file or a config file)`);
      continue;
    }
    taken.add(f.path);
    const problem = checkSecretRef(f.secretName, f.key);
    if (problem) {
      problems.push(`secretFiles ${f.path}: ${problem}`);
      continue;
    }
    out.push({ path: f.path, secretName: f.secretName, key: f.key });
  }
  return sortBy(out, (f) => f.path);
}

/**
 * Checks that the pod's volumes, whose names are derived from paths, container and Secret
 * names (`lib/shared/naming/objects.ts`), get distinct names: two sources of one name make an invalid pod.
 */
function checkVolumeNames(security: SecuritySpec, pod: PodSpecModel, configFiles: ConfigFileSpec[], secretFiles: SecretFile[], problems: string[]): void {
  // [volume, what derives it, its container]: paths of one container that share a volume are normalizeSecurity's problem.
  const sources: Array<[string, string, string?]> = [
    ...security.writablePaths.map((p): [string, string, string] => [writableVolumeName(p), `security.writablePaths '${p}'`, '']),
    ...[...pod.initContainers, ...pod.sidecars].flatMap((c) =>
      c.security.writablePaths.map((p): [string, string, string] => [
        extraWritableVolumeName(c.name, p),
        `the writable path '${p}' of container '${c.name}'`,
        c.name,
      ]),
    ),
    ...(configFiles.length > 0 ? [[CONFIG_VOLUME, 'configFiles'] as [string, string]] : []),
    ...[...new Set(secretFiles.map((f) => f.secretName))].map((n): [string, string] => [secretVolumeName(n), `secretFiles Secret '${n}'`]),
  ];
  const seen = new Map<string, [string, string?]>();
  for (const [volume, source, container] of sources) {
    const other = seen.get(volume);
    if (other !== undefined && (container === undefined || other[1] !== container)) {
      problems.push(
        `${other[0]} and ${source} would both be the pod volume '${volume}'; allowed: paths, container or Secret names that give distinct volume names`,
      );
    }
    seen.set(volume, [source, container]);
  }
}

/** Checks the availability options of a replicated workload and fills in the defaults. */
export function normalizeAvailability(input: AvailabilityOptions, problems: string[]): AvailabilitySpec {
  const maxSurge = input.rollingUpdate?.maxSurge ?? PodCount.percent(25);
  const maxUnavailable = input.rollingUpdate?.maxUnavailable ?? PodCount.of(0);
  collect(problems, maxSurge._problem('rollingUpdate.maxSurge'), maxUnavailable._problem('rollingUpdate.maxUnavailable'));
  if (maxSurge.value === 0 && maxUnavailable.value === 0) {
    problems.push('rollingUpdate.maxSurge and rollingUpdate.maxUnavailable are both 0; a rollout could never make progress');
  }
  return { maxSurge, maxUnavailable, disruptionBudget: input.disruptionBudget !== false, topologySpread: input.topologySpread !== false };
}

/**
 * Returns a problem description when a service name is not a valid DNS label short enough for
 * its kind (`maxServiceNameLength`), when a kind with a Service gets a name that does not start
 * with a letter (Services are DNS-1035 labels), or when a name Kubernetes derives from it
 * (`derivedNames`) would be too long.
 */
export function checkServiceName(name: string, defaultedToId: boolean, kind: WorkloadKind): string | undefined {
  const hint = defaultedToId ? ' (the name defaults to the construct id: set `name`)' : '';
  const problem = checkDnsLabel('service name', name, maxServiceNameLength(kind));
  if (problem) {
    const cronJob = kind === 'scheduled' && name.length > maxServiceNameLength(kind) && name.length <= 63;
    return `${problem}${cronJob ? " (the CronJob names its Jobs '<name>-<scheduled time>': Kubernetes keeps 11 of a name's 63 characters for it)" : ''}${hint}`;
  }
  if (hasService(kind) && !/^[a-z]/.test(name)) {
    return `service name '${name}' starts with a digit, and the Kubernetes Service '${name}' must be a DNS-1035 label${hint}; allowed: a name that starts with a lower-case letter`;
  }
  const tooLong = derivedNames(kind, name).find((d) => d.length > d.max);
  if (tooLong) {
    const most = name.length - (tooLong.length - tooLong.max);
    return `service name '${name}' makes ${tooLong.what} '${tooLong.shown}' ${tooLong.length} characters long, at most ${tooLong.max} are allowed${hint}; allowed: a service name of at most ${most} characters`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const COMPOSE_FIELDS: Fields<ComposeOptions> = {
  profiles: optional(strings),
  networks: optional(strings),
  dev: optional(
    obj<DevOptions>({
      command: optional(strings),
      args: optional(strings),
      env: optional(ENV_MAP),
      mounts: optional(listOf(obj<SourceMount>({ source: required(str), target: required(str), readOnly: optional(bool) }), 'a list of mounts')),
      ports: optional(listOf(obj<DevPort>({ name: required(str), port: required(num), publish: optional(num) }), 'a list of ports')),
    }),
  ),
};

export const WORKLOAD_FIELDS: Fields<WorkloadOptions> = {
  ...POD_FIELDS,
  ...COMPOSE_FIELDS,
  image: required(IMAGE),
  imagePullPolicy: optional(IMAGE_PULL_POLICY),
  name: optional(str),
  command: optional(strings),
  args: optional(strings),
  env: optional(ENV_MAP),
  resources: optional(RESOURCES),
  security: optional(SECURITY),
  configFiles: optional(listOf(obj<ConfigFile>({ path: required(str), content: required(str) }), 'a list of config files')),
  secretFiles: optional(listOf(obj<SecretFile>({ path: required(str), secretName: required(str), key: required(str) }), 'a list of secret files')),
  build: optional(obj<BuildOptions>({ context: required(str), dockerfile: optional(str), target: optional(str), args: optional(stringMap) })),
  allowExternalEgress: optional(bool),
  allowEgressTo: optional(listOf(EGRESS_DESTINATION, 'a list of egress destinations')),
};

export const AVAILABILITY_FIELDS: Fields<AvailabilityOptions> = {
  disruptionBudget: optional(bool),
  topologySpread: optional(bool),
  rollingUpdate: optional(obj<RollingUpdateOptions>({ maxSurge: optional(POD_COUNT), maxUnavailable: optional(POD_COUNT) })),
};
