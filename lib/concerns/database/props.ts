import { Duration } from 'cdk8s';
import { brand, BRAND, recordCall } from '../../shared/brands';
import { RedisEvictionPolicy } from './engine.value';
import type { SecretEnvPart, SecretValueOptions } from '../env/env-value.model';
import { EnvValue } from '../env/env-value.model';
import { HealthCheck } from '../health/health-check.model';
import type { SecretsSpec } from '../../model/app-model';
import { defaultCredentialsSecretName } from '../../shared/naming/objects';
import { urlEncodedSecretKey, urlScheme } from '../../shared/naming/variables';
import { Cpu, Memory } from '../container/quantity.model';
import type { DatabaseModel } from '../../model/workload';
import { buildDatabaseModel } from '../../model/workload';
import type { HealthSpec } from '../health/model';
import type { PortSpec } from '../ports/model';
import type { ComposeOptions } from '../build/props';
import { normalizeCommon } from '../../props/common';
import type { ImagePullPolicy, ResourceDefaults, ResourceOptions, SecurityOptions } from '../container/props';
import type { PodOptions } from '../pod/props';
import { databasePort } from '../ports/props';
import { checkSecretDevelopment } from '../env/props';
import { seconds } from '../../props/duration';
import { normalizeHealth } from '../health/props';
import { checkDnsSubdomain, collect, given, isSecretKey } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { arg, made, num, obj, optional, optionalArg, required, str, DURATION, IMAGE, enumOf } from '../../shared/shape';
import type { FactoryArguments } from '../../shared/shape';
import { COMPOSE_FIELDS } from '../build/props';
import { IMAGE_PULL_POLICY, MEMORY, RESOURCES, SECURITY } from '../container/props';
import { POD_FIELDS } from '../pod/props';
import { SECRET_VALUE_OPTIONS } from '../env/props';
import type { RedisOptions, DatabaseEngine } from './engine.value';

/** Options of `DatabaseCredentials.fromExistingSecret()`. */
export interface DatabaseCredentialsOptions extends SecretValueOptions {
  /**
   * Key of the same Secret that holds the password percent-encoded (RFC 3986: every byte
   * but letters, digits and `-._~` as `%XX`), which `connection.url` reads so that the URL
   * stays valid whatever characters the password has (`@ : / # ? %` and spaces break a URL
   * that embeds the password as is). The database and `connection.password` read the
   * password key. With `SecretsBackend.externalSecrets()`, the ExternalSecret renders this
   * key from the password (a template); with the other backends, the Secret must hold it
   * (Sealed Secrets: its ciphertext in `encryptedData`). In Compose, the URL reads this key's
   * own variable (see the env example), with the password's placeholder. Set it to the
   * password key to declare the password URL-safe (only letters, digits and `-._~`):
   * the URL then embeds the password key as is.
   * @default - with `SecretsBackend.externalSecrets()`, `<passwordKey>-urlencoded`; with the
   * other backends, the password key (the password must be URL-safe, or name a key here)
   */
  readonly urlEncodedKey?: string;
}

/** Where a database password comes from. Never a value in the synthesized Kubernetes YAML. */
export class DatabaseCredentials {
  /**
   * A Secret that already exists in the namespace (created by hand, by a secrets
   * operator or by your platform).
   * @param secretName name of the Secret
   * @param passwordKey key of the password inside the Secret
   * @param options the password Compose uses in development (a placeholder by default),
   * and the key connection URLs read
   */
  public static fromExistingSecret(secretName: string, passwordKey = 'password', options: DatabaseCredentialsOptions = {}): DatabaseCredentials {
    const { urlEncodedKey, ...development } = given(options);
    const credentials = new DatabaseCredentials(secretName, passwordKey, development, urlEncodedKey);
    recordCall(credentials, 'DatabaseCredentials.fromExistingSecret', [secretName, passwordKey, options]);
    return credentials;
  }

  /**
   * No authentication: any client that can reach the port can use the database, as many
   * cache setups do (a Redis the application images reach without a password). Only the
   * NetworkPolicy (Kubernetes) and the database's network (Compose) keep others out; a
   * warning is recorded. Redis and Postgres (`trust`) only: the MySQL image needs a password.
   */
  public static none(): DatabaseCredentials {
    return new DatabaseCredentials(undefined, undefined, {});
  }

  private constructor(
    /** Name of the Kubernetes Secret; undefined without authentication. */ public readonly secretName: string | undefined,
    /** Key of the password in the Secret; undefined without authentication. */ public readonly passwordKey: string | undefined,
    /** The password's development value in Compose. */ public readonly development: SecretValueOptions,
    /** Key of the percent-encoded password, when the user named one. */ public readonly urlEncodedKey?: string,
  ) {
    brand(this, BRAND.DATABASE_CREDENTIALS);
  }
}

/** Props of a Database. */
export interface DatabaseProps extends PodOptions, ComposeOptions {
  /** The engine and its version, e.g. `DatabaseEngine.postgres('16')`. */
  readonly engine: DatabaseEngine;

  /**
   * Service name (object names, Compose service, host name).
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * Image override, e.g. a mirror or a locally built image in tests.
   * @default - the engine's official image, e.g. `postgres:16`
   */
  readonly image?: string;

  /**
   * When the kubelet pulls the image.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * Size of the persistent volume. A PVC template cannot be changed after creation:
   * to grow it, expand each PVC (if its StorageClass allows) and then change this value
   * together with a recreation of the StatefulSet (`kubectl delete sts --cascade=orphan`).
   * @default Memory.gibibytes(1)
   */
  readonly storage?: Memory;

  /**
   * StorageClass of the volume.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;

  /**
   * Name of the database the application uses (not used by Redis).
   * @default 'app'
   */
  readonly databaseName?: string;

  /**
   * User the application connects as (not used by Redis).
   * @default 'app'
   */
  readonly user?: string;

  /**
   * Where the password comes from.
   * @default - an existing Secret named `<name>-credentials` with key `password`
   */
  readonly credentials?: DatabaseCredentials;

  /**
   * CPU and memory of the database container. Requests equal limits (the Guaranteed QoS class:
   * the database is the last pod a node evicts under memory pressure); a request or a limit
   * given alone stands for both. Init containers and sidecars keep their own resources: give
   * them equal requests and limits too, or the pod is Burstable.
   * @default - 500m CPU and 512Mi memory, requests equal to limits
   */
  readonly resources?: ResourceOptions;

  /**
   * How long the database may take to start before Kubernetes restarts it (the startup
   * probe's budget; Compose's `start_period`). The first start initializes the data directory
   * (initdb, MySQL's system tables), which takes minutes on slow volumes; killing it halfway
   * leaves a half-initialized directory that the next start does not repair. A long budget
   * costs nothing when the database starts fast: the first successful check ends it.
   * @default Duration.minutes(5)
   */
  readonly startupTimeout?: Duration;

  /**
   * Security context, for images that need another user or capabilities (e.g. an image that
   * starts as root to chown its data and then drops privileges).
   * @default - the engine's user (999), read-only root with the engine's writable paths
   */
  readonly security?: SecurityOptions;

  /**
   * Publish the database port on 127.0.0.1 at this host port in Compose (for local tools).
   * @default - not published
   */
  readonly publish?: number;
}

/**
 * The typed outputs of a workload that listens, for its first port: usable as environment
 * values of its clients. Each target gets the port its clients connect to: the Service port
 * in Kubernetes, the container port in Compose.
 */
export interface ServiceConnection {
  /** Host name (the service name in both targets). */
  readonly host: EnvValue;
  /** Port number. */
  readonly port: EnvValue;
  /** `host:port`, e.g. `cart:7070` (what gRPC and Redis clients usually read). */
  readonly address: EnvValue;
  /** A URL whose scheme follows the port's protocol, e.g. `http://api:8080` or `grpc://cart:7070`. */
  readonly url: EnvValue;
}

/** The typed outputs a Database offers its clients. */
export interface DatabaseConnection extends ServiceConnection {
  /** Database name. */
  readonly databaseName: EnvValue;
  /** User name. */
  readonly user: EnvValue;
  /** Password, a reference to the Secret; undefined for a database without authentication. */
  readonly password?: EnvValue;
  /**
   * A connection URL with the password taken from the Secret, e.g. `postgres://app:***@db:5432/app`:
   * from its percent-encoded key (see `DatabaseCredentialsOptions.urlEncodedKey`), so that any
   * password gives a valid URL.
   */
  readonly url: EnvValue;
}

/** A database's resources: Guaranteed, sized for a small production database. */
const DATABASE_RESOURCES: ResourceDefaults = {
  values: { cpuRequest: Cpu.millis(500), cpuLimit: Cpu.millis(500), memoryRequest: Memory.mebibytes(512), memoryLimit: Memory.mebibytes(512) },
  guaranteed: true,
};

/** The startup budget of a database: initialization on a slow volume included. */
const DEFAULT_STARTUP_SECONDS = 300;

/** Redis's `maxmemory` as a share of the memory limit (ElastiCache reserves 25% for the same reasons). */
const REDIS_MAXMEMORY_SHARE = 0.75;

/** /dev/shm (a memory-backed emptyDir, Compose `shm_size`) is this fraction of the memory limit, at least 64Mi (Docker's default). */
const SHARED_MEMORY_DIVISOR = 4;

/** Returns a problem description when a database or user name is not one the engines' images all accept. */
export function checkDatabaseIdentifier(what: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(value)) {
    return `${what} '${value}' is invalid; allowed: letters, digits, '_' and '-', starting with a letter or '_', at most 63 characters`;
  }
  return undefined;
}

/** The model of a Database and its connection outputs, with every default applied; pushes each problem found. */
export function databaseModel(
  name: string,
  path: string,
  props: DatabaseProps,
  secretsBackend: SecretsSpec['kind'],
  problems: string[],
): { model: DatabaseModel; connection: DatabaseConnection } {
  const spec = props.engine._spec;
  collect(problems, props.engine._problem());
  const databaseName = props.databaseName ?? 'app';
  const user = props.user ?? 'app';
  for (const [what, value] of [
    ['databaseName', databaseName],
    ['user', user],
  ]) {
    collect(problems, checkDatabaseIdentifier(what, value));
  }
  const { authenticated, password, urlPassword, warnings } = databasePassword(name, props, secretsBackend, problems);
  const common = normalizeCommon(
    name,
    {
      // The pod options; the engine decides the rest.
      ...props,
      image: props.image ?? props.engine.image,
      imagePullPolicy: props.imagePullPolicy,
      resources: props.resources,
      env: spec.env(user, databaseName, password),
    },
    problems,
    { runAsUser: spec.uid, runAsGroup: spec.gid, writablePaths: spec.writablePaths },
    DATABASE_RESOURCES,
  );
  const evictionPolicy = props.engine._options?.evictionPolicy ?? RedisEvictionPolicy.NO_EVICTION;
  if (!Object.values(RedisEvictionPolicy).includes(evictionPolicy)) {
    problems.push(
      `redis evictionPolicy ${show(evictionPolicy)} is invalid; allowed: ${Object.values(RedisEvictionPolicy).join(', ')} (RedisEvictionPolicy.ALLKEYS_LRU for a cache, NO_EVICTION for queues)`,
    );
  }
  const storage = props.storage ?? Memory.gibibytes(1);
  const startupSeconds = seconds(props.startupTimeout, DEFAULT_STARTUP_SECONDS, 'startupTimeout', problems);
  collect(
    problems,
    storage._problem('storage'),
    props.storageClassName === undefined ? undefined : checkDnsSubdomain('storageClassName', props.storageClassName),
  );
  const ports = databasePort(spec.portName, spec.port, props.publish, problems);
  const health = normalizeHealth(
    HealthCheck.command(spec.healthArgv(user, databaseName), { startPeriod: Duration.seconds(startupSeconds) }),
    ports,
    problems,
  ) as HealthSpec;
  const memoryLimit = common.resources.memoryLimit.bytes;
  const model = buildDatabaseModel(common, {
    kind: 'database',
    name,
    path,
    ports,
    args: spec.args({
      authenticated,
      maxMemoryBytes: Math.floor(memoryLimit * REDIS_MAXMEMORY_SHARE),
      evictionPolicy,
    }),
    sharedMemory: spec.usesSharedMemory ? Memory.mebibytes(Math.max(64, Math.floor(memoryLimit / SHARED_MEMORY_DIVISOR / 1024 ** 2))) : undefined,
    replicas: 1,
    warnings: [...common.warnings, ...warnings],
    health,
    volumes: [{ name: 'data', mountPath: spec.dataPath, size: storage, storageClassName: props.storageClassName }],
  });
  const connection = databaseConnection(name, spec, user, databaseName, password, urlPassword);
  return { model, connection };
}

/** The password of a Database (its Secret) and its URL form, or the warning of a database without one. */
function databasePassword(
  name: string,
  props: DatabaseProps,
  secretsBackend: SecretsSpec['kind'],
  problems: string[],
): { authenticated: boolean; password?: EnvValue; urlPassword?: EnvValue; warnings: string[] } {
  const spec = props.engine._spec;
  const credentials = props.credentials ?? DatabaseCredentials.fromExistingSecret(defaultCredentialsSecretName(name));
  const authenticated = credentials.secretName !== undefined;
  let password: EnvValue | undefined;
  let urlPassword: EnvValue | undefined;
  const warnings: string[] = [];
  if (authenticated) {
    collect(problems, checkDnsSubdomain('credentials secret name', credentials.secretName));
    password = EnvValue.fromSecret(credentials.secretName!, credentials.passwordKey!, credentials.development);
    collect(problems, checkSecretDevelopment(password.parts[0] as SecretEnvPart));
    urlPassword = urlEncodedPassword(credentials, password, secretsBackend, problems);
  } else if (!spec.allowsNoAuthentication) {
    problems.push(
      `credentials DatabaseCredentials.none() is not supported by ${spec.family}; allowed: DatabaseCredentials.fromExistingSecret(...) (the image needs a password)`,
    );
  } else {
    warnings.push(
      `no authentication (DatabaseCredentials.none()): any client that reaches port ${spec.port} can use the database; only the NetworkPolicy (Kubernetes) and the database network (Compose) restrict who can`,
    );
  }
  return { authenticated, password, urlPassword, warnings };
}

/** The connection outputs of a Database: host, port, address, names, password and URL. */
function databaseConnection(
  name: string,
  spec: DatabaseEngine['_spec'],
  user: string,
  databaseName: string,
  password: EnvValue | undefined,
  urlPassword: EnvValue | undefined,
): DatabaseConnection {
  // `user:password@` (Redis: `:password@`); without a password, `user@` (Redis: nothing).
  const auth = urlPassword
    ? [EnvValue.fromValue(spec.hasDatabases ? `${user}:` : ':'), urlPassword, EnvValue.fromValue('@')]
    : [EnvValue.fromValue(spec.hasDatabases ? `${user}@` : '')];
  return {
    host: EnvValue.fromValue(name),
    port: EnvValue.fromValue(`${spec.port}`),
    address: EnvValue.fromValue(`${name}:${spec.port}`),
    databaseName: EnvValue.fromValue(databaseName),
    user: EnvValue.fromValue(user),
    password,
    url: EnvValue.concat(
      EnvValue.fromValue(`${spec.urlScheme}://`),
      ...auth,
      EnvValue.fromValue(`${name}:${spec.port}/${spec.hasDatabases ? databaseName : '0'}${password && spec.urlQuery ? spec.urlQuery : ''}`),
    ),
  };
}

/**
 * The password as connection URLs embed it: the key that holds it percent-encoded (by
 * default `<key>-urlencoded` with the ExternalSecrets backend, which renders it), or the
 * password itself when the user declared it URL-safe or the backend cannot derive the key.
 */
function urlEncodedPassword(credentials: DatabaseCredentials, password: EnvValue, secretsBackend: SecretsSpec['kind'], problems: string[]): EnvValue {
  const secretName = credentials.secretName!;
  const passwordKey = credentials.passwordKey!;
  const key = credentials.urlEncodedKey ?? (secretsBackend === 'external' ? urlEncodedSecretKey(passwordKey) : passwordKey);
  if (credentials.urlEncodedKey !== undefined && !isSecretKey(key)) {
    problems.push(
      `credentials urlEncodedKey ${show(key)} (of Secret '${secretName}') is invalid; allowed: a key of letters, digits, '-', '_' and '.' (e.g. '${urlEncodedSecretKey(passwordKey)}'), or '${passwordKey}' for a URL-safe password`,
    );
    return password;
  }
  return key === passwordKey ? password : EnvValue._urlEncodedSecret(secretName, key, passwordKey, credentials.development);
}

/** The typed outputs of a listening workload's first port (see `ServiceConnection`). */
export function serviceConnection(name: string, port: PortSpec): ServiceConnection {
  const portValue = EnvValue._port(name, port.port, port.servicePort);
  return {
    host: EnvValue.fromValue(name),
    port: portValue,
    address: EnvValue.concat(EnvValue.fromValue(`${name}:`), portValue),
    url: EnvValue.concat(EnvValue.fromValue(`${urlScheme(port.protocol)}://${name}:`), portValue),
  };
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

/** The argument shapes of the DatabaseEngine factories. */
export const DATABASE_ENGINE_ARGUMENTS: FactoryArguments<'DatabaseEngine.postgres' | 'DatabaseEngine.mysql' | 'DatabaseEngine.mongo' | 'DatabaseEngine.redis'> =
  {
    'DatabaseEngine.postgres': [arg(str)],
    'DatabaseEngine.mysql': [arg(str)],
    'DatabaseEngine.mongo': [arg(str)],
    'DatabaseEngine.redis': [arg(str), optionalArg(obj<RedisOptions>({ evictionPolicy: optional(enumOf('a RedisEvictionPolicy', RedisEvictionPolicy)) }))],
  };
export const DATABASE_ENGINE = made(
  'DatabaseEngine',
  BRAND.DATABASE_ENGINE,
  "DatabaseEngine.postgres('16'), .mysql(), .redis(), .mongo()",
  DATABASE_ENGINE_ARGUMENTS,
);

/** The argument shapes of the DatabaseCredentials factories. */
export const DATABASE_CREDENTIALS_ARGUMENTS: FactoryArguments<'DatabaseCredentials.fromExistingSecret'> = {
  'DatabaseCredentials.fromExistingSecret': [
    arg(str),
    optionalArg(str),
    optionalArg(obj<DatabaseCredentialsOptions>({ ...SECRET_VALUE_OPTIONS, urlEncodedKey: optional(str) })),
  ],
};
export const DATABASE_CREDENTIALS = made(
  'DatabaseCredentials',
  BRAND.DATABASE_CREDENTIALS,
  "DatabaseCredentials.fromExistingSecret('db-credentials'), .none()",
  DATABASE_CREDENTIALS_ARGUMENTS,
);

export const DATABASE_PROPS = obj<DatabaseProps>(
  {
    ...POD_FIELDS,
    ...COMPOSE_FIELDS,
    engine: required(DATABASE_ENGINE),
    credentials: optional(DATABASE_CREDENTIALS),
    databaseName: optional(str),
    image: optional(IMAGE),
    imagePullPolicy: optional(IMAGE_PULL_POLICY),
    name: optional(str),
    publish: optional(num),
    resources: optional(RESOURCES),
    security: optional(SECURITY),
    startupTimeout: optional(DURATION),
    storage: optional(MEMORY),
    storageClassName: optional(str),
    user: optional(str),
  },
  'the props of a Database',
);
