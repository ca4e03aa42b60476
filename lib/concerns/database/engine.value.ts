import { BRAND, brandCall } from '../../shared/brands';
import { given } from '../../shared/util';
import { EnvValue } from '../env/env-value.model';

/** @internal What the model needs to know about an engine's image. */
export interface EngineSpec {
  readonly family: 'postgres' | 'mysql' | 'redis' | 'mongo';
  readonly repository: string;
  readonly port: number;
  readonly portName: string;
  readonly dataPath: string;
  /** Directories the image writes besides its data path (emptyDir / tmpfs on a read-only root). */
  readonly writablePaths: string[];
  /** The image's non-root user and group. */
  readonly uid: number;
  readonly gid: number;
  /** Whether the engine has named databases and users (Redis has neither). */
  readonly hasDatabases: boolean;
  readonly urlScheme: string;
  /** What follows the database in an authenticated connection URL, e.g. `?authSource=admin`. */
  readonly urlQuery?: string;
  /** The health command, run without a shell in both targets. */
  healthArgv(user: string, database: string): string[];
  /** The environment the image expects; `password` undefined means no authentication. */
  env(user: string, database: string, password: EnvValue | undefined): Record<string, EnvValue>;
  /** Arguments for the image (after its entrypoint); `$(NAME)` refers to an env var. */
  args(options: EngineArgsOptions): string[] | undefined;
  /** Whether the engine uses POSIX shared memory (/dev/shm) for its work (Postgres: parallel queries). */
  readonly usesSharedMemory: boolean;
  /** Whether the engine can run without authentication (`DatabaseCredentials.none()`). */
  readonly allowsNoAuthentication: boolean;
}

/** @internal What an engine's arguments depend on, decided by the props layer. */
export interface EngineArgsOptions {
  readonly authenticated: boolean;
  /** Redis: `maxmemory` in bytes (a share of the memory limit). */
  readonly maxMemoryBytes: number;
  /** Redis: what happens at `maxmemory`. */
  readonly evictionPolicy: RedisEvictionPolicy;
}

/**
 * What Redis does when it reaches `maxmemory`.
 * @see https://redis.io/docs/latest/develop/reference/eviction/
 */
export enum RedisEvictionPolicy {
  /** Refuse writes with an error (OOM command not allowed); keep every key. For queues and stores (Sidekiq, BullMQ, Celery). */
  NO_EVICTION = 'noeviction',
  /** Evict the least recently used keys. For a cache. */
  ALLKEYS_LRU = 'allkeys-lru',
  /** Evict the least frequently used keys. For a cache with hot keys. */
  ALLKEYS_LFU = 'allkeys-lfu',
  /** Evict random keys. */
  ALLKEYS_RANDOM = 'allkeys-random',
  /** Evict the least recently used keys among those with an expiry. */
  VOLATILE_LRU = 'volatile-lru',
  /** Evict the least frequently used keys among those with an expiry. */
  VOLATILE_LFU = 'volatile-lfu',
  /** Evict random keys among those with an expiry. */
  VOLATILE_RANDOM = 'volatile-random',
  /** Evict the keys with the nearest expiry. */
  VOLATILE_TTL = 'volatile-ttl',
}

/** Options of a Redis engine. */
export interface RedisOptions {
  /**
   * What Redis does when its data reaches `maxmemory` (three quarters of the memory limit).
   * @default RedisEvictionPolicy.NO_EVICTION
   */
  readonly evictionPolicy?: RedisEvictionPolicy;
}

/**
 * Redis with a password, which never appears on a command line (`ps`, `/proc/<pid>/cmdline`,
 * `docker inspect`): a shell passes `requirepass` to `redis-server -` on standard input, quoted
 * and escaped for Redis's configuration syntax so that any password works.
 */
const REDIS_WITH_PASSWORD = [
  'exec redis-server - "$@" <<EOF',
  // `$$(` is a literal `$(` in Kubernetes arguments (and in the Compose file after escaping).
  `requirepass "$$(printf '%s' "$REDISCLI_AUTH" | sed 's/[\\\\"]/\\\\&/g')"`,
  'EOF',
].join('\n');

/** An image tag (the distribution reference grammar: `[\w][\w.-]{0,127}`), e.g. `16`, `7-alpine`, `alpine`. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * A database engine: image, port, data path, health command, the environment the
 * official image expects, the user it runs as and the directories it writes.
 */
export class DatabaseEngine {
  /**
   * PostgreSQL from the official `postgres` image.
   * @param version image tag, e.g. `16` or `16.4-alpine`
   */
  public static postgres(version: string): DatabaseEngine {
    return new DatabaseEngine(
      version,
      {},
      {
        family: 'postgres',
        repository: 'postgres',
        port: 5432,
        portName: 'postgres',
        dataPath: '/var/lib/postgresql/data',
        writablePaths: ['/var/run/postgresql'],
        uid: 999,
        gid: 999,
        hasDatabases: true,
        urlScheme: 'postgres',
        healthArgv: (user, db) => ['pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', user, '-d', db],
        env: (user, db, password) => ({
          POSTGRES_USER: EnvValue.fromValue(user),
          POSTGRES_DB: EnvValue.fromValue(db),
          // Without a password the image refuses to start unless told to trust every client.
          ...(password ? { POSTGRES_PASSWORD: password } : { POSTGRES_HOST_AUTH_METHOD: EnvValue.fromValue('trust') }),
          // A subdirectory: a fresh volume's root may hold lost+found, which initdb refuses.
          PGDATA: EnvValue.fromValue('/var/lib/postgresql/data/pgdata'),
        }),
        args: () => undefined,
        allowsNoAuthentication: true,
        usesSharedMemory: true,
      },
    );
  }

  /**
   * MySQL from the official `mysql` image. The root password is random and never
   * written anywhere (`MYSQL_RANDOM_ROOT_PASSWORD`); the application user gets the secret.
   * @param version image tag, e.g. `8.4`
   */
  public static mysql(version: string): DatabaseEngine {
    return new DatabaseEngine(
      version,
      {},
      {
        family: 'mysql',
        repository: 'mysql',
        port: 3306,
        portName: 'mysql',
        dataPath: '/var/lib/mysql',
        writablePaths: ['/var/run/mysqld'],
        uid: 999,
        gid: 999,
        hasDatabases: true,
        urlScheme: 'mysql',
        healthArgv: () => ['mysqladmin', 'ping', '-h', '127.0.0.1', '--silent'],
        env: (user, db, password) => ({
          MYSQL_USER: EnvValue.fromValue(user),
          MYSQL_DATABASE: EnvValue.fromValue(db),
          MYSQL_PASSWORD: password!,
          MYSQL_RANDOM_ROOT_PASSWORD: EnvValue.fromValue('yes'),
        }),
        args: () => undefined,
        // The image creates the application user only with a password.
        allowsNoAuthentication: false,
        usesSharedMemory: false,
      },
    );
  }

  /**
   * MongoDB from the official `mongo` image. With credentials, the user is created as the
   * image's root user (`MONGO_INITDB_ROOT_USERNAME`), so URLs say `?authSource=admin`;
   * without, the image needs no environment (databases are created on first write).
   * @param version image tag, e.g. `7.0` or `3.4`
   */
  public static mongo(version: string): DatabaseEngine {
    // `mongosh` since 6.0, `mongo` before: the check tries both.
    const ping = 'db.adminCommand({ ping: 1 })';
    return new DatabaseEngine(
      version,
      {},
      {
        family: 'mongo',
        repository: 'mongo',
        port: 27017,
        portName: 'mongo',
        dataPath: '/data/db',
        writablePaths: [],
        uid: 999,
        gid: 999,
        hasDatabases: true,
        urlScheme: 'mongodb',
        urlQuery: '?authSource=admin',
        healthArgv: () => ['sh', '-c', `mongosh --quiet --eval '${ping}' || mongo --quiet --eval '${ping}'`],
        env: (user, db, password): Record<string, EnvValue> =>
          password
            ? { MONGO_INITDB_ROOT_USERNAME: EnvValue.fromValue(user), MONGO_INITDB_ROOT_PASSWORD: password, MONGO_INITDB_DATABASE: EnvValue.fromValue(db) }
            : {},
        args: () => undefined,
        allowsNoAuthentication: true,
        usesSharedMemory: false,
      },
    );
  }

  /**
   * Redis from the official `redis` image, with a password (`requirepass`, passed on
   * standard input, never on the command line), append-only persistence, and `maxmemory` at
   * three quarters of the memory limit, so that Redis refuses or evicts before the kernel
   * kills it (the rest is room for fragmentation and the copy-on-write of AOF rewrites, the
   * share ElastiCache reserves too).
   * @param version image tag, e.g. `7.2`
   * @param options eviction policy
   */
  public static redis(version: string, options: RedisOptions = {}): DatabaseEngine {
    return new DatabaseEngine(version, given(options), {
      family: 'redis',
      repository: 'redis',
      port: 6379,
      portName: 'redis',
      dataPath: '/data',
      writablePaths: [],
      uid: 999,
      gid: 999,
      hasDatabases: false,
      urlScheme: 'redis',
      // redis-cli reads the password from REDISCLI_AUTH; grep makes an error reply fail the check.
      healthArgv: () => ['sh', '-c', 'redis-cli ping | grep -q PONG'],
      env: (_user, _db, password): Record<string, EnvValue> => (password ? { REDISCLI_AUTH: password } : {}),
      args: (o) => {
        const flags = ['--appendonly', 'yes', '--maxmemory', `${o.maxMemoryBytes}`, '--maxmemory-policy', o.evictionPolicy];
        // The image's entrypoint runs `redis-server` for arguments that start with `-`, and
        // anything else as given: here a shell whose "$@" are the flags.
        return o.authenticated ? ['sh', '-c', REDIS_WITH_PASSWORD, 'redis-server', ...flags] : flags;
      },
      allowsNoAuthentication: true,
      usesSharedMemory: false,
    });
  }

  /** The engine's family, e.g. `postgres`. */
  public readonly family: string;

  private constructor(
    /** The image tag. */ public readonly version: string,
    /** @internal The engine's options as the user wrote them (the props layer applies defaults). */ public readonly _options: RedisOptions,
    /** @internal */ public readonly _spec: EngineSpec,
  ) {
    this.family = _spec.family;
    brandCall(this, BRAND.DATABASE_ENGINE, `DatabaseEngine.${_spec.family}`, _spec.family === 'redis' ? [version, _options] : [version]);
  }

  /** The default image, e.g. `postgres:16`. */
  public get image(): string {
    return `${this._spec.repository}:${this.version}`;
  }

  /** @internal Returns a problem description when the version is not an image tag we accept. */
  public _problem(): string | undefined {
    if (typeof this.version !== 'string' || !TAG.test(this.version)) {
      return `${this._spec.family} version '${this.version}' is not an image tag; allowed: a tag of the '${this._spec.repository}' image such as '16', '16.4-alpine' or 'alpine' (letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters)`;
    }
    return undefined;
  }
}
