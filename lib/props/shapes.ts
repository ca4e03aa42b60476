// The shape of every public input: props of each construct, options of each method, and the
// arguments of each value factory (`Cpu.parse`, `HealthCheck.http`...). Checked first, at
// the public entry, so that the rules after it (lib/props/*) read values of the right types.
// `Fields<T>` keeps each shape complete: a prop added to an interface without a shape here
// does not compile.
import { Duration } from 'cdk8s';
import { BRAND, callOf, hasBrand } from '../shared/brands';
import { FLUX_SOURCE_KINDS } from '../shared/naming/gitops';
import { SECRET_STORE_KINDS } from '../shared/naming/kinds';
import { show } from '../shared/parse/show';
import { sameNameHint } from '../concerns/env/props';
import { RedisEvictionPolicy, RedisOptions } from '../concerns/database/engine.value';
import { SecretValueOptions } from '../concerns/env/env-value.model';
import {
  GrpcHealthCheckOptions,
  HealthCheckOptions,
  HttpHealthCheckOptions,
  ProbeOptions,
  ProtocolHealthCheckOptions,
  TcpHealthCheckOptions,
} from '../concerns/health/health-check.model';
import { CidrPeerOptions, NamespacePeerOptions } from '../concerns/network/network-peer.value';
import { ExternalSecretsOptions, SealedSecretsOptions } from '../concerns/secrets/secrets-backend.value';
import { AppChartProps, FluxOptions, FluxSourceRef, WorkloadOverride } from './chart';
import {
  AvailabilityOptions,
  BuildOptions,
  ComposeOptions,
  ConfigFile,
  DevOptions,
  DevPort,
  RollingUpdateOptions,
  SecretFile,
  SourceMount,
  WorkloadOptions,
} from './common';
import { ConnectionOptions } from '../concerns/env/connection.props';
import { ImagePullPolicy, ResourceOptions, SecurityOptions } from '../concerns/container/props';
import { DatabaseCredentialsOptions, DatabaseProps } from '../concerns/database/props';
import { MetricsOptions, MonitoringMode, MonitoringOptions } from '../concerns/observability/props';
import { EgressDestination } from '../concerns/network/props';
import {
  ContainerOptions,
  NodeAffinityOptions,
  NodeLabelExpression,
  NodeLabelOperator,
  PodOptions,
  PreferredNodeExpression,
  ServiceAccountOptions,
  SidecarOptions,
  SidecarPort,
  TaintEffect,
  TolerationOperator,
  TolerationOptions,
} from '../concerns/pod/props';
import { AppProtocol, ServicePort, ServiceType } from '../concerns/ports/props';
import { GrantOptions, GrantProps } from '../concerns/security/rbac.props';
import { bool, Fields, instance, lazy, listOf, num, objectOf, oneOf, optional, recordOf, required, Shape, shapeOf, str, text } from '../shared/shape';
import { AutoscalingOptions, IngressOptions, WebServiceProps } from './web-service';
import { WorkerProps } from './worker';

// ---------------------------------------------------------------------------------------
// Values made by the library's factories: recognized by their brand, then the factory's
// recorded arguments are checked against its shapes (`FACTORY_ARGUMENTS` below).

/** A value of one of the library's classes, made by one of `factories`. */
function made(className: string, brand: symbol, factories: string): Shape {
  const is = shapeOf(`${/^[AEIOU]/.test(className) ? 'an' : 'a'} ${className} (${factories})`, (v) => hasBrand(v, brand));
  return Object.assign(
    (value: unknown, at: string, problems: string[], warnings?: string[]) => {
      if (!hasBrand(value, brand)) {
        const hint = sameNameHint(value, className);
        if (hint) {
          problems.push(`${at} is not this library's ${className}${hint}; allowed: ${is.allowed}`);
          return false;
        }
      }
      if (!is(value, at, problems)) {
        return false;
      }
      const call = callOf(value);
      const shapes = call && FACTORY_ARGUMENTS[call.factory];
      if (!call || !shapes) {
        return true;
      }
      let ok = true;
      for (let i = 0; i < shapes.length; i++) {
        const arg = call.args[i];
        if (arg !== undefined || !shapes[i].optional) {
          ok = shapes[i].shape(arg, `${at} (argument ${i + 1} of ${call.factory}())`, problems, warnings) && ok;
        }
      }
      return ok;
    },
    { allowed: is.allowed },
  );
}

export const CPU = made('Cpu', BRAND.CPU, "Cpu.millis(250), Cpu.cores(0.5), Cpu.parse('250m')");
export const MEMORY = made('Memory', BRAND.MEMORY, "Memory.mebibytes(512), Memory.gibibytes(1), Memory.parse('512Mi')");
export const POD_COUNT = made('PodCount', BRAND.POD_COUNT, 'PodCount.of(1), PodCount.percent(25)');
export const HEALTH_CHECK = made('HealthCheck', BRAND.HEALTH_CHECK, 'HealthCheck.http(), .tcp(), .grpc(), .forProtocol(), .command()');
export const IN_IMAGE_CLIENT = made(
  'InImageClient',
  BRAND.IN_IMAGE_CLIENT,
  'InImageClient.CURL, .WGET, .NODE, .NETCAT, .GRPC_HEALTH_PROBE, .NONE, .command([...])',
);
export const DATABASE_ENGINE = made('DatabaseEngine', BRAND.DATABASE_ENGINE, "DatabaseEngine.postgres('16'), .mysql(), .redis(), .mongo()");
export const DATABASE_CREDENTIALS = made(
  'DatabaseCredentials',
  BRAND.DATABASE_CREDENTIALS,
  "DatabaseCredentials.fromExistingSecret('db-credentials'), .none()",
);
const MADE_GRANT = made('Grant', BRAND.GRANT, "Grant.read(['configmaps']), Grant.readWrite(), Grant.of()");
/** A Grant, or its props as a plain object (a Grant is data: `{ resources, verbs }` reads as well). */
export const GRANT: Shape = Object.assign(
  (value: unknown, at: string, problems: string[], warnings?: string[]) =>
    hasBrand(value, BRAND.GRANT) || typeof value !== 'object' || value === null || Array.isArray(value)
      ? MADE_GRANT(value, at, problems, warnings)
      : FACTORY_ARGUMENTS['Grant.of'][0].shape(value, at, problems, warnings),
  { allowed: MADE_GRANT.allowed },
);
export const SECRETS_BACKEND = made('SecretsBackend', BRAND.SECRETS_BACKEND, 'SecretsBackend.existing(), .externalSecrets(), .sealedSecrets()');
export const INGRESS_PEER = made('IngressPeer', BRAND.INGRESS_PEER, "IngressPeer.namespace('ingress-nginx'), .cidr('10.0.0.0/8'), .anywhere()");
const MADE_ENV_VALUE = made('EnvValue', BRAND.ENV_VALUE, "EnvValue.fromValue('...'), EnvValue.fromSecret('secret', 'key'), EnvValue.concat(...)");
export const ENV_VALUE: Shape = Object.assign(
  (value: unknown, at: string, problems: string[], warnings?: string[]) => {
    if (typeof value === 'string') {
      problems.push(`${at} ${show(value)} is invalid; allowed: an EnvValue (write EnvValue.fromValue(${show(value)}))`);
      return false;
    }
    return MADE_ENV_VALUE(value, at, problems, warnings);
  },
  { allowed: MADE_ENV_VALUE.allowed },
);
/** cdk8s's Duration: recognized by its methods (a second copy of cdk8s has its own class). */
export const DURATION = instance("a Duration (Duration.seconds(10), Duration.minutes(5) from 'cdk8s')", (v) => {
  const d = v as Partial<Duration> | null;
  return typeof d === 'object' && d !== null && typeof d.toSeconds === 'function' && typeof d.toMilliseconds === 'function';
});

// ---------------------------------------------------------------------------------------
// Building blocks.

const IMAGE = text("an image reference such as 'ghcr.io/acme/api:1.2.0'");
const strings = listOf(str, 'a list of strings');
const numbers = listOf(num, 'a list of numbers');
const stringMap = recordOf(str, 'an object of string values, e.g. { team: "payments" }');
const envMap = recordOf(ENV_VALUE, "an object of EnvValue, e.g. { LOG_LEVEL: EnvValue.fromValue('info') }");
const enumOf = (name: string, e: Record<string, string>) => oneOf(name, Object.values(e));
const obj = <T>(fields: Fields<T>, allowed: string) => objectOf<T>(fields, allowed);

const SECRET_VALUE_OPTIONS: Fields<SecretValueOptions> = {
  developmentValue: optional(str),
  requiredInDevelopment: optional(bool),
};

const RESOURCES = obj<ResourceOptions>(
  { cpuRequest: optional(CPU), cpuLimit: optional(CPU), memoryRequest: optional(MEMORY), memoryLimit: optional(MEMORY) },
  'an object with cpuRequest, cpuLimit, memoryRequest, memoryLimit',
);

const SECURITY = obj<SecurityOptions>(
  {
    addCapabilities: optional(strings),
    readOnlyRootFilesystem: optional(bool),
    runAsGroup: optional(num),
    runAsUser: optional(num),
    writablePaths: optional(strings),
  },
  'an object with runAsUser, runAsGroup, readOnlyRootFilesystem, writablePaths, addCapabilities',
);

const CONTAINER_FIELDS: Fields<ContainerOptions> = {
  name: required(str),
  image: optional(IMAGE),
  command: optional(strings),
  args: optional(strings),
  env: optional(envMap),
  resources: optional(RESOURCES),
  security: optional(SECURITY),
};

const NODE_LABEL_EXPRESSION = obj<NodeLabelExpression>(
  { key: required(str), operator: required(enumOf('a NodeLabelOperator', NodeLabelOperator)), values: optional(strings) },
  'an object with key, operator and values',
);

const POD_FIELDS: Fields<PodOptions> = {
  initContainers: optional(
    listOf(obj<ContainerOptions>(CONTAINER_FIELDS, 'an init container: an object with name, image, command...'), 'a list of init containers'),
  ),
  sidecars: optional(
    listOf(
      obj<SidecarOptions>(
        {
          ...CONTAINER_FIELDS,
          image: required(IMAGE),
          ports: optional(listOf(obj<SidecarPort>({ name: required(str), port: required(num) }, 'an object with name and port'), 'a list of ports')),
        },
        'a sidecar: an object with name, image, ports...',
      ),
      'a list of sidecars',
    ),
  ),
  nodeSelector: optional(stringMap),
  nodeAffinity: optional(
    obj<NodeAffinityOptions>(
      {
        required: optional(listOf(NODE_LABEL_EXPRESSION, 'a list of node label expressions')),
        preferred: optional(
          listOf(
            obj<PreferredNodeExpression>({ weight: required(num), expression: required(NODE_LABEL_EXPRESSION) }, 'an object with weight and expression'),
            'a list of weighted node label expressions',
          ),
        ),
      },
      'an object with required and preferred',
    ),
  ),
  tolerations: optional(
    listOf(
      obj<TolerationOptions>(
        {
          key: optional(str),
          operator: optional(enumOf('a TolerationOperator', TolerationOperator)),
          value: optional(str),
          effect: optional(enumOf('a TaintEffect', TaintEffect)),
        },
        'an object with key, operator, value and effect',
      ),
      'a list of tolerations',
    ),
  ),
  podLabels: optional(stringMap),
  podAnnotations: optional(stringMap),
  serviceAccount: optional(
    obj<ServiceAccountOptions>(
      {
        name: optional(str),
        create: optional(bool),
        annotations: optional(stringMap),
        grants: optional(listOf(GRANT, 'a list of Grant')),
        mountToken: optional(bool),
      },
      'an object with name, create, annotations, grants and mountToken',
    ),
  ),
  terminationGracePeriod: optional(DURATION),
  waitForConnections: optional(bool),
  waitImage: optional(IMAGE),
};

const COMPOSE_FIELDS: Fields<ComposeOptions> = {
  profiles: optional(strings),
  networks: optional(strings),
  dev: optional(
    obj<DevOptions>(
      {
        command: optional(strings),
        args: optional(strings),
        env: optional(envMap),
        mounts: optional(
          listOf(
            obj<SourceMount>({ source: required(str), target: required(str), readOnly: optional(bool) }, 'an object with source, target and readOnly'),
            'a list of mounts',
          ),
        ),
        ports: optional(
          listOf(
            obj<DevPort>({ name: required(str), port: required(num), publish: optional(num) }, 'an object with name, port and publish'),
            'a list of ports',
          ),
        ),
      },
      'an object with command, args, env, mounts and ports',
    ),
  ),
};

const EGRESS_DESTINATION = obj<EgressDestination>(
  { cidr: required(str), except: optional(strings), ports: optional(numbers) },
  'an object with cidr, except and ports',
);

const WORKLOAD_FIELDS: Fields<WorkloadOptions> = {
  ...POD_FIELDS,
  ...COMPOSE_FIELDS,
  image: required(IMAGE),
  imagePullPolicy: optional(enumOf('an ImagePullPolicy', ImagePullPolicy)),
  name: optional(str),
  command: optional(strings),
  args: optional(strings),
  env: optional(envMap),
  resources: optional(RESOURCES),
  security: optional(SECURITY),
  configFiles: optional(listOf(obj<ConfigFile>({ path: required(str), content: required(str) }, 'an object with path and content'), 'a list of config files')),
  secretFiles: optional(
    listOf(
      obj<SecretFile>({ path: required(str), secretName: required(str), key: required(str) }, 'an object with path, secretName and key'),
      'a list of secret files',
    ),
  ),
  build: optional(
    obj<BuildOptions>(
      { context: required(str), dockerfile: optional(str), target: optional(str), args: optional(stringMap) },
      'an object with context, dockerfile, target and args',
    ),
  ),
  allowExternalEgress: optional(bool),
  allowEgressTo: optional(listOf(EGRESS_DESTINATION, 'a list of egress destinations')),
};

const AVAILABILITY_FIELDS: Fields<AvailabilityOptions> = {
  disruptionBudget: optional(bool),
  topologySpread: optional(bool),
  rollingUpdate: optional(
    obj<RollingUpdateOptions>({ maxSurge: optional(POD_COUNT), maxUnavailable: optional(POD_COUNT) }, 'an object with maxSurge and maxUnavailable'),
  ),
};

const METRICS = obj<MetricsOptions>({ port: required(num), path: optional(str), interval: optional(DURATION) }, 'an object with port, path and interval');

// ---------------------------------------------------------------------------------------
// Props of the constructs and options of their methods.

export const WEB_SERVICE_PROPS = obj<WebServiceProps>(
  {
    ...WORKLOAD_FIELDS,
    ...AVAILABILITY_FIELDS,
    ports: optional(
      listOf(
        obj<ServicePort>(
          {
            name: required(str),
            port: required(num),
            protocol: optional(enumOf('an AppProtocol', AppProtocol)),
            publish: optional(num),
            publishAddress: optional(str),
            servicePort: optional(num),
            nodePort: optional(num),
          },
          'a port: an object with name and port',
        ),
        'a list of ports',
      ),
    ),
    serviceType: optional(enumOf('a ServiceType', ServiceType)),
    replicas: optional(num),
    healthCheck: optional(HEALTH_CHECK),
    ingress: optional(
      obj<IngressOptions>(
        {
          host: required(text("a host name such as 'shop.example.com'")),
          path: optional(str),
          tlsSecretName: optional(str),
          className: optional(str),
          annotations: optional(stringMap),
        },
        'an object with host, path, tlsSecretName, className and annotations',
      ),
    ),
    autoscaling: optional(
      obj<AutoscalingOptions>(
        { minReplicas: required(num), maxReplicas: required(num), cpuTargetPercent: optional(num) },
        'an object with minReplicas, maxReplicas and cpuTargetPercent',
      ),
    ),
    metrics: optional(METRICS),
  },
  'the props of a WebService: an object with image, ports...',
);

export const WORKER_PROPS = obj<WorkerProps>(
  {
    ...WORKLOAD_FIELDS,
    ...AVAILABILITY_FIELDS,
    replicas: optional(num),
    schedule: optional(text("a cron expression such as '0 3 * * *'")),
    runOnce: optional(bool),
    backoffLimit: optional(num),
    activeDeadline: optional(DURATION),
    startingDeadline: optional(DURATION),
    healthCheck: optional(HEALTH_CHECK),
    metrics: optional(METRICS),
  },
  'the props of a Worker: an object with image, schedule or runOnce...',
);

export const DATABASE_PROPS = obj<DatabaseProps>(
  {
    ...POD_FIELDS,
    ...COMPOSE_FIELDS,
    engine: required(DATABASE_ENGINE),
    credentials: optional(DATABASE_CREDENTIALS),
    databaseName: optional(str),
    image: optional(IMAGE),
    imagePullPolicy: optional(enumOf('an ImagePullPolicy', ImagePullPolicy)),
    name: optional(str),
    publish: optional(num),
    resources: optional(RESOURCES),
    security: optional(SECURITY),
    startupTimeout: optional(DURATION),
    storage: optional(MEMORY),
    storageClassName: optional(str),
    user: optional(str),
  },
  'the props of a Database: an object with engine, storage...',
);

export const CONNECTION_OPTIONS = obj<ConnectionOptions>(
  { env: optional(envMap), envPrefix: optional(str) },
  "an object with env and envPrefix, e.g. { envPrefix: 'CACHE_' }",
);

export const APP_CHART_PROPS = obj<AppChartProps>(
  {
    appName: optional(str),
    namespace: optional(str),
    createNamespace: optional(bool),
    environment: optional(str),
    labels: optional(stringMap),
    networkPolicies: optional(bool),
    ingressControllerNamespace: optional(str),
    ingressClassName: optional(str),
    ingressFrom: optional(listOf(INGRESS_PEER, 'a list of IngressPeer')),
    nodeLocalDns: optional(strings),
    apiServer: optional(listOf(EGRESS_DESTINATION, 'a list of API server addresses: objects with cidr and ports')),
    monitoring: optional(
      obj<MonitoringOptions>(
        {
          mode: optional(enumOf('a MonitoringMode', MonitoringMode)),
          namespace: optional(str),
          podLabels: optional(stringMap),
          serviceMonitorLabels: optional(stringMap),
          grafana: optional(bool),
          prometheusHostPort: optional(num),
          grafanaHostPort: optional(num),
          prometheusImage: optional(IMAGE),
          grafanaImage: optional(IMAGE),
        },
        'an object with mode, namespace, podLabels...',
      ),
    ),
    flux: optional(
      obj<FluxOptions>(
        {
          path: required(text("the output folder's path in the repository, e.g. './clusters/prod'")),
          namespace: optional(str),
          interval: optional(DURATION),
          sourceRef: optional(
            obj<FluxSourceRef>(
              { name: required(str), namespace: optional(str), kind: optional(oneOf('a source kind', FLUX_SOURCE_KINDS)) },
              'an object with kind, name and namespace',
            ),
          ),
        },
        'an object with path, sourceRef, namespace and interval',
      ),
    ),
    overrides: optional(
      recordOf(
        obj<WorkloadOverride>(
          {
            image: optional(IMAGE),
            imagePullPolicy: optional(enumOf('an ImagePullPolicy', ImagePullPolicy)),
            publish: optional(recordOf(num, 'an object of port numbers')),
            replicas: optional(num),
          },
          'an override: an object with image, imagePullPolicy, publish and replicas',
        ),
        'an object of overrides by service name',
      ),
    ),
    secrets: optional(SECRETS_BACKEND),
    compose: optional(bool),
  },
  'the props of an AppChart: an object with appName, namespace...',
);

/** A sealed ciphertext: a string. Never shown in a message: a wrong value may be the plain secret. */
const CIPHERTEXT: Shape = Object.assign(
  (value: unknown, at: string, problems: string[]) => {
    if (typeof value === 'string') {
      return true;
    }
    problems.push(
      `${at} is ${value === null ? 'null' : `a ${typeof value}`} (the value is not shown, it may be a plain secret); allowed: the base64 output of 'kubeseal --raw'`,
    );
    return false;
  },
  { allowed: "the base64 output of 'kubeseal --raw'" },
);

// ---------------------------------------------------------------------------------------
// Arguments of the value factories, checked when a construct receives the value.

interface Argument {
  readonly shape: Shape;
  readonly optional?: boolean;
}
const arg = (shape: Shape): Argument => ({ shape });
const optionalArg = (shape: Shape): Argument => ({ shape, optional: true });

const HEALTH_FIELDS: Fields<HealthCheckOptions> = {
  interval: optional(DURATION),
  timeout: optional(DURATION),
  startPeriod: optional(DURATION),
  initialDelay: optional(DURATION),
  failureThreshold: optional(num),
  livenessProbe: optional(bool),
  liveness: optional(
    obj<ProbeOptions>(
      { interval: optional(DURATION), timeout: optional(DURATION), failureThreshold: optional(num), initialDelay: optional(DURATION) },
      'an object with interval, timeout, failureThreshold and initialDelay',
    ),
  ),
};
const HEALTH_OPTIONS = 'health check options: an object with interval, timeout...';

/** The arguments of Grant.read() and Grant.readWrite(): resources, then the API group and names. */
const GRANT_SHORTHAND: readonly Argument[] = [
  arg(strings),
  optionalArg(obj<GrantOptions>({ apiGroup: optional(str), resourceNames: optional(strings) }, 'an object with apiGroup and resourceNames')),
];

export const FACTORY_ARGUMENTS: Record<string, readonly Argument[]> = {
  'Cpu.millis': [arg(num)],
  'Cpu.cores': [arg(num)],
  'Cpu.parse': [arg(str)],
  'Memory.mebibytes': [arg(num)],
  'Memory.gibibytes': [arg(num)],
  'Memory.parse': [arg(str)],
  'PodCount.of': [arg(num)],
  'PodCount.percent': [arg(num)],
  'EnvValue.fromValue': [arg(str)],
  'EnvValue.fromSecret': [
    arg(str),
    arg(str),
    optionalArg(obj<SecretValueOptions>(SECRET_VALUE_OPTIONS, 'an object with developmentValue and requiredInDevelopment')),
  ],
  'EnvValue.concat': [
    arg(
      listOf(
        lazy(() => ENV_VALUE),
        'EnvValue arguments',
      ),
    ),
  ], // the parts, recorded as one list
  'InImageClient.command': [arg(strings)],
  'HealthCheck.http': [
    arg(str),
    arg(
      obj<HttpHealthCheckOptions>({ ...HEALTH_FIELDS, inImage: required(IN_IMAGE_CLIENT), port: optional(str), headers: optional(stringMap) }, HEALTH_OPTIONS),
    ),
  ],
  'HealthCheck.tcp': [optionalArg(obj<TcpHealthCheckOptions>({ ...HEALTH_FIELDS, inImage: optional(IN_IMAGE_CLIENT), port: optional(str) }, HEALTH_OPTIONS))],
  'HealthCheck.grpc': [
    arg(obj<GrpcHealthCheckOptions>({ ...HEALTH_FIELDS, inImage: required(IN_IMAGE_CLIENT), port: optional(str), service: optional(str) }, HEALTH_OPTIONS)),
  ],
  'HealthCheck.forProtocol': [
    arg(obj<ProtocolHealthCheckOptions>({ ...HEALTH_FIELDS, inImage: required(IN_IMAGE_CLIENT), port: optional(str), path: optional(str) }, HEALTH_OPTIONS)),
  ],
  'HealthCheck.command': [arg(strings), optionalArg(obj<HealthCheckOptions>(HEALTH_FIELDS, HEALTH_OPTIONS))],
  'DatabaseEngine.postgres': [arg(str)],
  'DatabaseEngine.mysql': [arg(str)],
  'DatabaseEngine.mongo': [arg(str)],
  'DatabaseEngine.redis': [
    arg(str),
    optionalArg(obj<RedisOptions>({ evictionPolicy: optional(enumOf('a RedisEvictionPolicy', RedisEvictionPolicy)) }, 'an object with evictionPolicy')),
  ],
  'DatabaseCredentials.fromExistingSecret': [
    arg(str),
    optionalArg(str),
    optionalArg(
      obj<DatabaseCredentialsOptions>(
        { ...SECRET_VALUE_OPTIONS, urlEncodedKey: optional(str) },
        'an object with developmentValue, requiredInDevelopment and urlEncodedKey',
      ),
    ),
  ],
  'Grant.read': GRANT_SHORTHAND,
  'Grant.readWrite': GRANT_SHORTHAND,
  'Grant.of': [
    arg(
      obj<GrantProps>(
        {
          resources: required(strings),
          // Verbs as strings here: lib/concerns/security/rbac.props.ts says more about a wrong one (a wildcard, least privilege).
          verbs: required(strings),
          apiGroup: optional(str),
          resourceNames: optional(strings),
        },
        'an object with resources, verbs, apiGroup and resourceNames',
      ),
    ),
  ],
  'SecretsBackend.externalSecrets': [
    arg(
      obj<ExternalSecretsOptions>(
        {
          storeName: required(str),
          storeKind: optional(oneOf('a store kind', SECRET_STORE_KINDS)),
          remoteKeyPrefix: optional(str),
          refreshInterval: optional(str),
          apiVersion: optional(str),
        },
        'an object with storeName, storeKind, remoteKeyPrefix, refreshInterval and apiVersion',
      ),
    ),
  ],
  'SecretsBackend.sealedSecrets': [
    arg(
      obj<SealedSecretsOptions>(
        // Values as strings here: lib/concerns/secrets/props.ts checks them as ciphertexts without showing them.
        {
          encryptedData: required(
            recordOf(recordOf(CIPHERTEXT, 'an object of keys and ciphertexts'), "{ [secretName]: { [key]: '<kubeseal --raw output>' } }"),
          ),
        },
        'an object with encryptedData',
      ),
    ),
  ],
  'IngressPeer.namespace': [arg(str), optionalArg(obj<NamespacePeerOptions>({ podLabels: optional(stringMap) }, 'an object with podLabels'))],
  'IngressPeer.cidr': [arg(str), optionalArg(obj<CidrPeerOptions>({ except: optional(strings) }, 'an object with except'))],
};
