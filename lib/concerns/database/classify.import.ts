import { DatabaseEngine } from './engine.value';
import { splitImage } from '../../shared/naming/images';
import type { NormalizedService } from '../../import/normalize';

/**
 * Which Compose services become a Database: the official images of the engines the library
 * has (`lib/concerns/database/engine.value.ts`), and images built on them that keep their environment and
 * paths (PostGIS, TimescaleDB, pgvector, MariaDB with its MySQL-compatible variables).
 */

/** An engine factory of `DatabaseEngine`. */
export type EngineFactory = 'postgres' | 'mysql' | 'redis' | 'mongo';

/** How an image maps to a Database. */
export interface EngineMatch {
  readonly factory: EngineFactory;
  /** The tag, the engine's version. */
  readonly version: string;
  /** The image, when it is not the engine's default image of that version. */
  readonly image?: string;
  /** The engine's port, data path and default image. */
  readonly port: number;
  readonly dataPath: string;
  /** A caveat written next to the Database. */
  readonly note?: string;
}

/** Repositories (without registry and `library/`) by engine. */
const REPOSITORIES: Record<string, { factory: EngineFactory; note?: string }> = {
  'postgres': { factory: 'postgres' },
  'postgis/postgis': { factory: 'postgres' },
  'timescale/timescaledb': { factory: 'postgres' },
  'pgvector/pgvector': { factory: 'postgres' },
  'ankane/pgvector': { factory: 'postgres' },
  'mysql': { factory: 'mysql' },
  'mysql/mysql-server': { factory: 'mysql' },
  'mariadb': {
    factory: 'mysql',
    note: "MariaDB reads the MySQL variables; its images from 11 on have no 'mysqladmin' for the engine's health command (use a 10.x tag or check the health check)",
  },
  'redis': { factory: 'redis' },
  'mongo': { factory: 'mongo' },
};

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Images of other repositories named after an engine (`ghcr.io/acme/postgres`, an extension
 * build) count when the service sets the official image's variables: they are built on it.
 * Bitnami's images are not: other variables, paths and user.
 */
const DERIVED: Array<{ name: RegExp; variables: RegExp; factory: EngineFactory }> = [
  { name: /^postgres(ql)?([-_].*)?$/, variables: /^POSTGRES_/, factory: 'postgres' },
  { name: /^(mysql|mariadb)([-_].*)?$/, variables: /^(MYSQL|MARIADB)_/, factory: 'mysql' },
  { name: /^mongo(db)?([-_].*)?$/, variables: /^MONGO_INITDB_/, factory: 'mongo' },
];

/**
 * The Database engine of an image, or undefined when it is not a database the library runs.
 * `variables` are the names the service's environment sets.
 */
export function engineOfImage(image: string, variables: readonly string[] = []): EngineMatch | undefined {
  const { repository, tag } = splitImage(image);
  const bare = repository.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  const last = bare.split('/').pop()!;
  const derived = bare.startsWith('bitnami/') ? undefined : DERIVED.find((d) => d.name.test(last) && variables.some((v) => d.variables.test(v)));
  const known =
    REPOSITORIES[bare] ??
    (derived && {
      factory: derived.factory,
      note: `'${bare}' is taken for a ${derived.factory} image (named so, and given the official image's variables): check that it keeps the official image's paths, user and health command`,
    });
  if (!known) {
    return undefined;
  }
  const version = tag !== undefined && TAG.test(tag) ? tag : 'latest';
  const engine = DatabaseEngine[known.factory](version);
  const spec = engine._spec;
  return {
    factory: known.factory,
    version,
    image: engine.image === image ? undefined : image,
    port: spec.port,
    dataPath: spec.dataPath,
    note: known.note,
  };
}

/** The construct a Compose service becomes. */
export type ConstructKind = 'Database' | 'WebService' | 'Worker' | 'run-once Worker';

/**
 * A Compose service as classified: its generated names and construct kind. Declared here,
 * below both mappers (`map.ts` for apps, `database.ts` for databases), so that neither
 * imports the other's module for it.
 */
export interface Service {
  readonly n: NormalizedService;
  readonly name: string;
  readonly variable: string;
  readonly id: string;
  readonly kind: ConstructKind;
  readonly engine?: EngineMatch;
  readonly comments: string[];
}
