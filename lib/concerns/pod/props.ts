import type { Duration } from 'cdk8s';
import type { EnvValue } from '../env/env-value.model';
import { Cpu, Memory } from '../container/quantity.model';
import { LABEL } from '../../shared/naming/labels';
import { isWaitContainer } from '../../shared/naming/objects';
import type { ContainerSpec, PodSpecModel } from './model';
import type { PullPolicy, SecuritySpec } from '../container/model';
import { seconds } from '../../props/duration';
import { normalizeEnv } from '../env/props';
import { checkLabels } from './labels.props';
import type { NodeAffinityOptions, TolerationOptions } from './scheduling.props';
import { normalizeNodeAffinity, normalizeToleration } from './scheduling.props';
import type { ResourceOptions, SecurityDefaults, SecurityOptions } from '../container/props';
import { normalizeImage, normalizeResources, normalizeSecurity, pullPolicyOf } from '../container/props';
import { normalizePorts } from '../ports/props';
import type { Grant } from '../security/rbac.props';
import { normalizeGrants } from '../security/rbac.props';
import { checkDnsLabel, checkDnsSubdomain, collect } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { bool, DURATION, IMAGE, listOf, num, obj, optional, required, str, stringMap, strings } from '../../shared/shape';
import type { Fields } from '../../shared/shape';
import { ENV_MAP } from '../env/props';
import { RESOURCES, SECURITY } from '../container/props';
import { GRANT } from '../security/rbac.props';
import { NODE_AFFINITY, TOLERATIONS } from './scheduling.props';

/** An extra container of the pod: an init container or a sidecar. */
export interface ContainerOptions {
  /** Container name, unique in the pod (a DNS label). */
  readonly name: string;
  /**
   * Container image.
   * @default - the workload's image
   */
  readonly image?: string;
  /**
   * Overrides the image's entrypoint (Kubernetes `command`, Compose `entrypoint`).
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Overrides the image's arguments (Kubernetes `args`, Compose `command`).
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Environment variables of this container.
   * @default - none
   */
  readonly env?: Record<string, EnvValue>;
  /**
   * CPU and memory requests and limits.
   * @default - 100m/500m CPU, 128Mi/256Mi memory
   */
  readonly resources?: ResourceOptions;
  /**
   * Security context.
   * @default - the workload's user, read-only root with a writable /tmp, no capabilities
   */
  readonly security?: SecurityOptions;
}

/** A port a sidecar listens on. */
export interface SidecarPort {
  /** Port name (IANA style, at most 15 characters), e.g. `metrics`. */
  readonly name: string;
  /** Container port. */
  readonly port: number;
}

/** A container of the pod next to the main one (a proxy, an exporter, a log shipper). */
export interface SidecarOptions extends ContainerOptions {
  /** Container image (a sidecar is another program). */
  readonly image: string;
  /**
   * Ports the sidecar listens on: declared on the pod (not on the Service).
   * @default - none
   */
  readonly ports?: SidecarPort[];
}

/** A Kubernetes ServiceAccount of the workload's own. */
export interface ServiceAccountOptions {
  /**
   * Name of the ServiceAccount.
   * @default - the service name
   */
  readonly name?: string;
  /**
   * Annotations, e.g. `eks.amazonaws.com/role-arn` (IRSA) or
   * `iam.gke.io/gcp-service-account` (GKE Workload Identity).
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * Mount the account's API token into the pods (only workloads that call the Kubernetes API
   * need it). `false` with grants is an error: the pods could not use them.
   * @default - true when `grants` has at least one grant, else false
   */
  readonly mountToken?: boolean;
  /**
   * Render the ServiceAccount. `false` uses one that exists already (the namespace's
   * `default`, or one another workload or your platform creates), by `name`.
   * @default true
   */
  readonly create?: boolean;
  /**
   * Access to objects of the Kubernetes API in the chart's namespace: a Role (named after
   * the service) with one rule per grant, bound to the account by a RoleBinding. Also with
   * `create: false`, for an account that exists already. Namespaced resources only: a
   * cluster-scoped resource (`nodes`, `namespaces`...) or a wildcard is an error.
   * Kubernetes only: Compose has no API server.
   * @default - no Role and no RoleBinding
   * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/
   */
  readonly grants?: Grant[];
}

/** Pod settings every workload accepts. Kubernetes only, unless a prop says otherwise. */
export interface PodOptions {
  /**
   * How long the process may take to stop after SIGTERM before it is killed (Kubernetes
   * `terminationGracePeriodSeconds`, Compose `stop_grace_period`).
   * @default - Kubernetes' and Compose's own defaults (30 s and 10 s)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Annotations on the pod template (e.g. for a service mesh or a log agent).
   * @default - none
   */
  readonly podAnnotations?: Record<string, string>;
  /**
   * Extra labels on the pods (never used in selectors); also Compose service labels.
   * @default - none
   */
  readonly podLabels?: Record<string, string>;
  /**
   * Node labels the pods' nodes must have.
   * @default - any node
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Taints the pods tolerate.
   * @default - none
   */
  readonly tolerations?: TolerationOptions[];
  /**
   * Node affinity.
   * @default - none
   */
  readonly nodeAffinity?: NodeAffinityOptions;
  /**
   * A ServiceAccount of the workload's own (rendered), instead of the namespace's default.
   * @default - the namespace's default ServiceAccount, with no token mounted
   */
  readonly serviceAccount?: ServiceAccountOptions;
  /**
   * Containers that run to completion, in order, before the main one starts (Kubernetes
   * `initContainers`; Compose one-shot services the main one waits for).
   * @default - none
   */
  readonly initContainers?: ContainerOptions[];
  /**
   * Kubernetes only: before the main container starts, wait in an init container until each
   * workload it `connectTo()`s accepts TCP connections on its Service port (`nc -z`), so that a
   * plain `kubectl apply` converges without crash loops. Compose waits with `depends_on`.
   * @default - true for run-once Workers (a Job that fails while its database starts stays Failed), false otherwise
   */
  readonly waitForConnections?: boolean;
  /**
   * The image of the wait-for init containers: it needs `sh` and `nc` with `-z`.
   * @default 'busybox:1.36'
   */
  readonly waitImage?: string;
  /**
   * Containers that run beside the main one in the same pod (Kubernetes containers; Compose
   * services sharing the main one's network, `network_mode: service:<name>`).
   * @default - none
   */
  readonly sidecars?: SidecarOptions[];
}

/** What the other containers of a pod take from the main one: its image, pull policy and user. */
type MainContainer = { image: string; imagePullPolicy: PullPolicy; security: SecuritySpec; defaults: SecurityDefaults };

/** Checks the pod options and fills in their defaults; pushes each problem found. */
export function normalizePod(serviceName: string, props: PodOptions, main: MainContainer, problems: string[]): PodSpecModel {
  const names = new Set([serviceName]);
  const imageWarnings: string[] = [];
  const cx: ContainerContext = { names, imageWarnings, main, problems };
  const initContainers = list(props.initContainers, 'initContainers', problems).flatMap((c) => normalizeContainer(c, 'init container', false, cx) ?? []);
  const sidecars = list(props.sidecars, 'sidecars', problems).flatMap((c) => {
    const spec = normalizeContainer(c, 'sidecar', true, cx);
    return spec
      ? [
          {
            ...spec,
            ports: normalizePorts(
              (c.ports ?? []).map((p) => ({ name: p.name, port: p.port })),
              problems,
            ),
          },
        ]
      : [];
  });
  const grace = props.terminationGracePeriod === undefined ? undefined : seconds(props.terminationGracePeriod, 0, 'terminationGracePeriod', problems, true);
  if (props.waitImage !== undefined && !props.waitForConnections) {
    problems.push(`waitImage ${show(props.waitImage)} is set but waitForConnections is not; allowed: waitImage only with waitForConnections: true`);
  }
  const podLabels = { ...(props.podLabels ?? {}) };
  checkLabels('podLabels', podLabels, problems);
  for (const key of Object.values(LABEL)) {
    if (key in podLabels) {
      problems.push(`podLabels sets '${key}', which this library sets itself; allowed: other label keys`);
    }
  }
  const podAnnotations = { ...(props.podAnnotations ?? {}) };
  checkLabels('podAnnotations', podAnnotations, problems, true);
  const nodeSelector = { ...(props.nodeSelector ?? {}) };
  checkLabels('nodeSelector', nodeSelector, problems);
  return {
    terminationGracePeriodSeconds: grace,
    annotations: podAnnotations,
    labels: podLabels,
    nodeSelector,
    tolerations: list(props.tolerations, 'tolerations', problems).map((t) => normalizeToleration(t, problems)),
    nodeAffinity: normalizeNodeAffinity(props.nodeAffinity, problems),
    serviceAccount: normalizeServiceAccount(serviceName, props.serviceAccount, problems),
    initContainers,
    sidecars,
    imageWarnings,
    waitFor: props.waitForConnections ? waitContainer(props.waitImage, main.security, problems) : undefined,
  };
}

/** What checking an init container or sidecar needs: the names taken in the pod, and the main container. */
interface ContainerContext {
  readonly names: Set<string>;
  readonly imageWarnings: string[];
  readonly main: MainContainer;
  readonly problems: string[];
}

/** Checks an init container or sidecar (`role`) and fills in its defaults from the main container; undefined without a name. */
function normalizeContainer(
  c: ContainerOptions,
  role: string,
  imageRequired: boolean,
  { names, imageWarnings, main, problems }: ContainerContext,
): ContainerSpec | undefined {
  if (typeof c?.name !== 'string') {
    problems.push(`${role} ${show(c)} has no name; allowed: { name: 'migrate', ... }`);
    return undefined;
  }
  collect(problems, checkDnsLabel(`${role} name`, c.name));
  if (isWaitContainer(c.name)) {
    problems.push(
      `${role} name '${c.name}' starts with 'wait-for-', the prefix of the init containers waitForConnections adds (their names would clash, and the output checks skip such containers); allowed: a name without that prefix`,
    );
  }
  if (names.has(c.name)) {
    problems.push(`${role} name '${c.name}' is already used in this pod (the main container is named after the service); each container needs its own name`);
  }
  names.add(c.name);
  if (imageRequired && c.image === undefined) {
    problems.push(`${role} '${c.name}' has no image; allowed: an image reference such as 'ghcr.io/acme/proxy:1.0.0'`);
  }
  const env = new Map<string, EnvValue>();
  normalizeEnv(c.env, env, problems);
  const image = c.image === undefined ? main.image : normalizeImage(c.image, problems, `${role} '${c.name}' image`);
  return {
    name: c.name,
    image,
    imagePullPolicy: c.image === undefined ? main.imagePullPolicy : pullPolicyOf(image, undefined, `${role} '${c.name}' image`, problems, imageWarnings),
    command: c.command,
    args: c.args,
    env,
    ports: [],
    resources: normalizeResources(c.resources, problems),
    // The main container's user, unless the container says otherwise.
    security: normalizeSecurity(c.security ?? {}, { ...main.defaults, runAsUser: main.security.runAsUser, runAsGroup: main.security.runAsGroup }, problems),
  };
}

/** The image of the wait-for containers unless `waitImage` names another: it needs `sh` and `nc`. */
const DEFAULT_WAIT_IMAGE = 'busybox:1.36';

/** Resources of a wait-for container: a shell loop around nc. */
const WAIT_RESOURCES = { cpuRequest: Cpu.millis(10), cpuLimit: Cpu.millis(50), memoryRequest: Memory.mebibytes(16), memoryLimit: Memory.mebibytes(32) };

function waitContainer(image: string | undefined, main: SecuritySpec, problems: string[]): PodSpecModel['waitFor'] {
  const chosen = image ?? DEFAULT_WAIT_IMAGE;
  return {
    image: normalizeImage(chosen, problems, 'waitImage'),
    imagePullPolicy: pullPolicyOf(chosen, undefined, 'waitImage', problems, []),
    env: new Map(),
    ports: [],
    resources: WAIT_RESOURCES,
    // Restricted whatever the main container needs: nc writes nothing.
    security: {
      runAsUser: main.runAsNonRoot ? main.runAsUser : 65534,
      runAsGroup: main.runAsNonRoot ? main.runAsGroup : 65534,
      runAsNonRoot: true,
      addCapabilities: [],
      readOnlyRootFilesystem: true,
      writablePaths: [],
    },
  };
}

function list<T>(value: T[] | undefined, what: string, problems: string[]): T[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push(`${what} ${show(value)} is invalid; allowed: a list`);
    return [];
  }
  return value;
}

function normalizeServiceAccount(serviceName: string, sa: ServiceAccountOptions | undefined, problems: string[]): PodSpecModel['serviceAccount'] {
  if (!sa) {
    return undefined;
  }
  const name = sa.name ?? serviceName;
  collect(problems, checkDnsSubdomain('serviceAccount.name', name));
  const annotations = { ...(sa.annotations ?? {}) };
  checkLabels('serviceAccount.annotations', annotations, problems, true);
  const create = sa.create ?? true;
  if (!create && sa.annotations !== undefined) {
    problems.push(`serviceAccount '${name}' has annotations but create is false; allowed: annotations only on a ServiceAccount this workload creates`);
  }
  const rules = normalizeGrants(name, sa.grants, problems);
  const granted = Array.isArray(sa.grants) && sa.grants.length > 0;
  if (granted && sa.mountToken === false) {
    problems.push(
      `serviceAccount '${name}' has grants but mountToken is false; allowed: mountToken true or left out with grants (the pods need the token to use them)`,
    );
  }
  return { name, annotations, mountToken: sa.mountToken ?? granted, create, rules };
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const CONTAINER_FIELDS: Fields<ContainerOptions> = {
  name: required(str),
  image: optional(IMAGE),
  command: optional(strings),
  args: optional(strings),
  env: optional(ENV_MAP),
  resources: optional(RESOURCES),
  security: optional(SECURITY),
};

export const POD_FIELDS: Fields<PodOptions> = {
  initContainers: optional(listOf(obj<ContainerOptions>(CONTAINER_FIELDS, 'an init container'), 'a list of init containers')),
  sidecars: optional(
    listOf(
      obj<SidecarOptions>(
        {
          ...CONTAINER_FIELDS,
          image: required(IMAGE),
          ports: optional(listOf(obj<SidecarPort>({ name: required(str), port: required(num) }), 'a list of ports')),
        },
        'a sidecar',
      ),
      'a list of sidecars',
    ),
  ),
  nodeSelector: optional(stringMap),
  nodeAffinity: optional(NODE_AFFINITY),
  tolerations: optional(TOLERATIONS),
  podLabels: optional(stringMap),
  podAnnotations: optional(stringMap),
  serviceAccount: optional(
    obj<ServiceAccountOptions>({
      name: optional(str),
      create: optional(bool),
      annotations: optional(stringMap),
      grants: optional(listOf(GRANT, 'a list of Grant')),
      mountToken: optional(bool),
    }),
  ),
  terminationGracePeriod: optional(DURATION),
  waitForConnections: optional(bool),
  waitImage: optional(IMAGE),
};
