import type { EnvValue } from '../concerns/env/env-value.model';
import type { BuildSpec, DevSpec } from '../concerns/build/model';
import type { ConfigFileSpec } from '../concerns/storage/model';
import type { EgressRuleSpec } from '../concerns/network/model';
import type { PodSpecModel } from '../concerns/pod/model';
import type { ResourcesSpec, SecuritySpec } from '../concerns/container/model';
import type { WorkloadKind } from '../model/workload';
import { hasService } from '../shared/naming/kinds';
import { derivedNames, maxServiceNameLength } from '../shared/naming/objects';
import type { ImagePullPolicy, ResourceOptions, ResourceDefaults, SecurityDefaults, SecurityOptions } from '../concerns/container/props';
import { checkArgv, normalizeImage, pullPolicyOf, normalizeResources, normalizeSecurity, securityWarnings } from '../concerns/container/props';
import type { BuildOptions, ComposeOptions } from '../concerns/build/props';
import { composeNames, normalizeBuild, normalizeDev } from '../concerns/build/props';
import { normalizeEnv } from '../concerns/env/props';
import type { EgressDestination } from '../concerns/network/props';
import { normalizeEgress } from '../concerns/network/props';
import type { PodOptions } from '../concerns/pod/props';
import { normalizePod } from '../concerns/pod/props';
import type { ConfigFile, SecretFile } from '../concerns/storage/props';
import { checkVolumeNames, normalizeConfigFiles, normalizeSecretFiles } from '../concerns/storage/props';
import { checkDnsLabel } from '../shared/util';
import { bool, IMAGE, listOf, optional, required, str, strings } from '../shared/shape';
import type { Fields } from '../shared/shape';
import { ENV_MAP } from '../concerns/env/props';
import { IMAGE_PULL_POLICY, RESOURCES, SECURITY } from '../concerns/container/props';
import { BUILD, COMPOSE_FIELDS } from '../concerns/build/props';
import { EGRESS_DESTINATION } from '../concerns/network/props';
import { POD_FIELDS } from '../concerns/pod/props';
import { CONFIG_FILES, SECRET_FILES } from '../concerns/storage/props';

/**
 * The props every workload shares, composed of the concerns' options, and the one place
 * where they are checked and given their defaults: `normalizeCommon` asks each concern's
 * `props.ts` for its part. Constructs call these; renderers never default or check anything.
 */

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
  configFiles: optional(CONFIG_FILES),
  secretFiles: optional(SECRET_FILES),
  build: optional(BUILD),
  allowExternalEgress: optional(bool),
  allowEgressTo: optional(listOf(EGRESS_DESTINATION, 'a list of egress destinations')),
};
