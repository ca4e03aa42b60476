import { Construct } from 'constructs';
import { DatabaseEngine } from './database-engine';
import { ValidationError } from './errors';
import { EnvValue } from './model/env-value';
import { HealthCheck } from './model/health-check';
import { Memory } from './model/quantity';
import { normalizeHealth, normalizePorts, WorkloadModel } from './model/workload';
import { ImagePullPolicy, normalizeCommon, ResourceOptions } from './workload-options';
import { Workload } from './workload';
import { checkDnsLabel, collect } from './_util';

const DATABASE = Symbol.for('cdk8s-compose.Database');

/** Where a database password comes from. Never a value in the synthesized Kubernetes YAML. */
export class DatabaseCredentials {
  /**
   * A Secret that already exists in the namespace (created by hand, by a secrets
   * operator or by your platform).
   * @param secretName name of the Secret
   * @param passwordKey key of the password inside the Secret
   */
  public static fromExistingSecret(secretName: string, passwordKey = 'password'): DatabaseCredentials {
    return new DatabaseCredentials(secretName, passwordKey);
  }

  private constructor(
    /** Name of the Kubernetes Secret. */ public readonly secretName: string,
    /** Key of the password in the Secret. */ public readonly passwordKey: string,
  ) {}
}

/** Props of a Database. */
export interface DatabaseProps {
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
   * CPU and memory.
   * @default - 100m/500m CPU, 128Mi/256Mi memory
   */
  readonly resources?: ResourceOptions;

  /**
   * Publish the database port on 127.0.0.1 at this host port in Compose (for local tools).
   * @default - not published
   */
  readonly publish?: number;
}

/** The typed outputs a Database offers its clients. */
export interface DatabaseConnection {
  /** Host name (the service name in both targets). */
  readonly host: EnvValue;
  /** Port number. */
  readonly port: EnvValue;
  /** Database name. */
  readonly databaseName: EnvValue;
  /** User name. */
  readonly user: EnvValue;
  /** Password, a reference to the Secret. */
  readonly password: EnvValue;
  /** A connection URL with the password taken from the Secret, e.g. `postgres://app:***@db:5432/app`. */
  readonly url: EnvValue;
}

/**
 * A database: a StatefulSet with a persistent volume claim template, a headless Service
 * and a ClusterIP Service in Kubernetes; a service with a named volume and the engine's
 * health check in Compose.
 */
export class Database extends Workload {
  /** Returns whether `x` is a Database, also across copies of this package. */
  public static isDatabase(x: unknown): x is Database {
    return typeof x === 'object' && x !== null && DATABASE in x;
  }

  /** The engine. */
  public readonly engine: DatabaseEngine;

  /** Connection settings for clients, usable as environment values of other workloads. */
  public readonly connection: DatabaseConnection;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id, props.name);
    Object.defineProperty(this, DATABASE, { value: true });
    if (typeof props.engine?._spec !== 'object') {
      throw new ValidationError(
        `engine ${String(props.engine)} is invalid; allowed: DatabaseEngine.postgres('16'), DatabaseEngine.mysql('8.4') or DatabaseEngine.redis('7.2')`,
        this,
      );
    }
    this.engine = props.engine;
    const spec = props.engine._spec;
    const problems: string[] = [];
    collect(problems, props.engine._problem());
    const databaseName = props.databaseName ?? 'app';
    const user = props.user ?? 'app';
    for (const [what, value] of [
      ['databaseName', databaseName],
      ['user', user],
    ]) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
        problems.push(`${what} '${value}' is invalid; allowed: lower-case letters, digits and '_', starting with a letter or '_', at most 63 characters`);
      }
    }
    const credentials = props.credentials ?? DatabaseCredentials.fromExistingSecret(`${this.serviceName}-credentials`);
    collect(problems, checkDnsLabel('credentials secret name', credentials.secretName, 253));
    const password = EnvValue.fromSecret(credentials.secretName, credentials.passwordKey);
    const env = new Map<string, EnvValue>();
    const common = normalizeCommon(
      {
        image: props.image ?? props.engine.image,
        imagePullPolicy: props.imagePullPolicy,
        resources: props.resources,
        env: spec.env(user, databaseName, password),
      },
      problems,
      env,
      { runAsUser: spec.uid, runAsGroup: spec.gid, writablePaths: spec.writablePaths },
    );
    const storage = props.storage ?? Memory.gibibytes(1);
    collect(problems, storage._problem('storage'));
    const ports = normalizePorts([{ name: spec.portName, port: spec.port, publish: props.publish }], problems);
    const health = normalizeHealth(HealthCheck.command(spec.healthArgv(user, databaseName)), ports, problems);
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    const model = new WorkloadModel(this.serviceName, 'database', common.image, common.imagePullPolicy, ports, common.resources, common.security, {
      args: spec.args,
      health,
      replicas: 1,
      volumes: [{ name: 'data', mountPath: spec.dataPath, size: storage, storageClassName: props.storageClassName }],
      allowExternalEgress: false,
      configFiles: common.configFiles,
    });
    env.forEach((v, k) => model.env.set(k, v));
    const host = EnvValue.fromValue(this.serviceName);
    const port = EnvValue.fromValue(`${spec.port}`);
    const auth = spec.hasDatabases
      ? [EnvValue.fromValue(`${user}:`), password, EnvValue.fromValue('@')]
      : [EnvValue.fromValue(':'), password, EnvValue.fromValue('@')];
    this.connection = {
      host,
      port,
      databaseName: EnvValue.fromValue(databaseName),
      user: EnvValue.fromValue(user),
      password,
      url: EnvValue.concat(
        EnvValue.fromValue(`${spec.urlScheme}://`),
        ...auth,
        EnvValue.fromValue(`${this.serviceName}:${spec.port}/${spec.hasDatabases ? databaseName : '0'}`),
      ),
    };
    this.initialize(model);
  }

  /** @internal */
  public connectionEnv(prefix: string): Record<string, EnvValue> {
    const c = this.connection;
    const env: Record<string, EnvValue> = {
      [`${prefix}_HOST`]: c.host,
      [`${prefix}_PORT`]: c.port,
      [`${prefix}_PASSWORD`]: c.password,
      [`${prefix}_URL`]: c.url,
    };
    if (this.engine._spec.hasDatabases) {
      env[`${prefix}_NAME`] = c.databaseName;
      env[`${prefix}_USER`] = c.user;
    }
    return env;
  }
}
