import { defaultCredentialsSecretName } from '../../shared/naming/objects';
import { checkDatabaseIdentifier } from './props';
import type { EngineMatch, Service } from './classify.import';
import type { ConstructPlan, Value } from '../../import/emit';
import { Code, quote } from '../../import/emit';
import type { EnvTarget } from '../env/import';
import type { NormalizedService } from '../../import/normalize';
import { warn } from '../../import/notes';
import type { ImportWarning } from '../../import/problems';
import { resourcesOf } from '../container/import';

/**
 * How a service that runs a database engine becomes a Database: its credentials (user,
 * database, password from the engine's variables), the engine's port published, its data
 * directory as storage; the rest of the service is left out with a warning.
 */

/** What the environment mapping needs to know of a database. */
export function databaseFacts(s: Service): EnvTarget['database'] {
  const c = credentialsOf(s.n, s.engine!);
  return { scheme: schemeOf(s.engine!.factory), user: c.user, databaseName: c.databaseName, password: c.password, factory: s.engine!.factory };
}

function schemeOf(factory: string): string {
  return factory === 'mongo' ? 'mongodb' : factory;
}

interface Credentials {
  user?: string;
  databaseName?: string;
  password?: string;
  /** Environment keys the engine consumes. */
  consumed: string[];
  notes: Array<[string, string]>;
}

/** The user, database and password a database service's environment gives its image; names the library refuses keep its default. */
function credentialsOf(n: NormalizedService, engine: EngineMatch): Credentials {
  const c = engineCredentials(n, engine);
  for (const key of ['user', 'databaseName'] as const) {
    const problem = c[key] === undefined ? undefined : checkDatabaseIdentifier(key, c[key]);
    if (problem) {
      c.notes.push(['environment', `${problem}: the library's default 'app' is used`]);
      c[key] = undefined;
    }
  }
  return c;
}

function engineCredentials(n: NormalizedService, engine: EngineMatch): Credentials {
  const e = n.environment;
  const pick = (...keys: string[]) => keys.map((k) => e[k]).find((v) => v !== undefined && v !== '');
  switch (engine.factory) {
    case 'postgres': {
      const user = pick('POSTGRES_USER') ?? 'postgres';
      const trust = e.POSTGRES_HOST_AUTH_METHOD === 'trust';
      return {
        user,
        databaseName: pick('POSTGRES_DB') ?? user,
        password: trust ? undefined : pick('POSTGRES_PASSWORD'),
        consumed: ['POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_PASSWORD', 'PGDATA', ...(trust ? ['POSTGRES_HOST_AUTH_METHOD'] : [])],
        notes: [],
      };
    }
    case 'mysql': {
      const user = pick('MYSQL_USER', 'MARIADB_USER');
      const password = pick('MYSQL_PASSWORD', 'MARIADB_PASSWORD');
      const notes: Array<[string, string]> = [];
      const root = ['MYSQL_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD'].filter((k) => k in e);
      for (const k of root) {
        notes.push([`environment.${k}`, 'the root password is random and unknown (MYSQL_RANDOM_ROOT_PASSWORD); clients use the application user']);
      }
      return {
        user,
        databaseName: pick('MYSQL_DATABASE', 'MARIADB_DATABASE'),
        password,
        consumed: [
          'MYSQL_USER',
          'MARIADB_USER',
          'MYSQL_PASSWORD',
          'MARIADB_PASSWORD',
          'MYSQL_DATABASE',
          'MARIADB_DATABASE',
          'MYSQL_RANDOM_ROOT_PASSWORD',
          ...root,
        ],
        notes,
      };
    }
    case 'mongo': {
      const user = pick('MONGO_INITDB_ROOT_USERNAME');
      return {
        user,
        databaseName: pick('MONGO_INITDB_DATABASE'),
        password: user ? pick('MONGO_INITDB_ROOT_PASSWORD') : undefined,
        consumed: ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD', 'MONGO_INITDB_DATABASE'],
        notes: [],
      };
    }
    case 'redis': {
      const args = [...(n.entrypoint ?? []), ...(n.command ?? [])];
      const i = args.indexOf('--requirepass');
      return { password: i >= 0 ? args[i + 1] : undefined, consumed: [], notes: [] };
    }
  }
}

const DEVELOPMENT_VALUE = /^[A-Za-z0-9._~-]{1,256}$/;

/** The Database of a service whose image runs an engine. */
export function mapDatabase(s: Service, warnings: ImportWarning[], fromShell: ReadonlyMap<string, string>): ConstructPlan {
  const { n, engine } = s;
  const e = engine!;
  const comments = s.comments;
  const skip = (key: string, why: string) => warn(warnings, comments, `services.${n.name}.${key}`, why);
  const remark = (key: string, why: string) => warn(warnings, comments, `services.${n.name}.${key}`, why, true);
  if (e.note) {
    remark('image', e.note);
  }
  const c = credentialsOf(n, e);
  for (const [k, why] of c.notes) {
    skip(k, why);
  }
  for (const k of Object.keys(n.environment).sort()) {
    if (!c.consumed.includes(k)) {
      skip(`environment.${k}`, 'a Database takes no environment: the engine sets its own');
    }
  }
  const credentials = credentialsValue(s, c, { skip, remark }, fromShell);
  if (e.factory === 'mysql' && c.user === undefined) {
    skip('environment.MYSQL_USER', "not set: the library creates the user 'app' (the root user is not used by clients)");
  }
  if (n.command || n.entrypoint) {
    const only = e.factory === 'redis' && c.password !== undefined;
    skip(n.command ? 'command' : 'entrypoint', `the engine decides its arguments${only ? ' (the --requirepass password became the credentials)' : ''}`);
  }
  if (n.healthcheck && !n.healthcheck.disabled) {
    remark('healthcheck', "replaced by the engine's own health command");
  }
  if (n.user !== undefined) {
    skip('user', "the engine's image user (999) is used");
  }
  const publish = publishOf(n, e, skip);
  for (const v of n.volumes) {
    if (v.target === e.dataPath || v.target === `${e.dataPath}/`) {
      if (v.type !== 'volume') {
        skip('volumes', `'${v.text}': the data directory becomes a persistent volume (storage), not a ${v.type} mount`);
      }
    } else {
      skip('volumes', `'${v.text}' not mounted: a Database mounts only its data directory (${e.dataPath})`);
    }
  }
  commonUnmapped(s, warnings);
  const resources = resourcesOf(n.resources, true);
  return {
    compose: n.name,
    kind: 'Database',
    id: s.id,
    variable: s.variable,
    comments,
    connections: [],
    dependsOn: [],
    props: {
      name: s.name,
      engine: new Code(`DatabaseEngine.${e.factory}(${quote(e.version)})`, ['DatabaseEngine']),
      image: e.image,
      databaseName: e.factory === 'redis' ? undefined : c.databaseName,
      user: e.factory === 'redis' ? undefined : c.user,
      credentials,
      publish,
      resources,
      profiles: n.profiles.length > 0 ? [...n.profiles].sort() : undefined,
      networks: n.networks.length > 0 ? [...n.networks].sort() : undefined,
    },
  };
}

/** How a mapping step reports a key: `skip` for what it leaves out, `remark` for what it carries with a caveat. */
interface DatabaseNotes {
  readonly skip: (key: string, why: string) => void;
  readonly remark: (key: string, why: string) => void;
}

/**
 * The `credentials` prop: none for an engine run without a password, else the database's Secret
 * with the Compose file's password as its development value (required from the environment when
 * the password came from the shell).
 */
function credentialsValue(s: Service, c: Credentials, { skip, remark }: DatabaseNotes, fromShell: ReadonlyMap<string, string>): Value | undefined {
  const e = s.engine!;
  const authenticated = e.factory === 'mysql' || c.password !== undefined;
  if (!authenticated) {
    return new Code('DatabaseCredentials.none()', ['DatabaseCredentials']);
  }
  if (c.password === undefined) {
    skip('environment', 'no password given: Compose uses the development placeholder');
    return undefined;
  }
  const secret = defaultCredentialsSecretName(s.name);
  const shell = [...fromShell].filter(([, v]) => v !== '' && c.password!.includes(v)).map(([k]) => k);
  if (shell.length > 0) {
    // A password from the shell's environment is not written in code meant to be committed.
    remark(
      'environment',
      `the password came from the shell's ${shell.sort().join(', ')}, which the code does not write: Compose requires it from the environment`,
    );
    return new Code(`DatabaseCredentials.fromExistingSecret(${quote(secret)}, 'password', { requiredInDevelopment: true })`, ['DatabaseCredentials']);
  }
  if (DEVELOPMENT_VALUE.test(c.password)) {
    // The Compose file's password becomes the development value; Kubernetes reads the Secret.
    return new Code(`DatabaseCredentials.fromExistingSecret(${quote(secret)}, 'password', { developmentValue: ${quote(c.password)} })`, [
      'DatabaseCredentials',
    ]);
  }
  skip('environment', "the password has characters a development value cannot hold (letters, digits and '._~-' only): Compose uses the placeholder");
  return undefined;
}

/** The `publish` prop: the first host port of the engine's port; other ports are not mapped. */
function publishOf(n: NormalizedService, e: EngineMatch, skip: (key: string, why: string) => void): number | undefined {
  let publish: number | undefined;
  for (const p of n.ports) {
    if (p.target === e.port && p.published !== undefined && publish === undefined && p.protocol === 'tcp') {
      publish = p.published;
      if (p.hostIp !== undefined && p.hostIp !== '127.0.0.1') {
        skip('ports', `host_ip ${p.hostIp} of '${p.text}': a Database is published on 127.0.0.1`);
      }
    } else if (p.target === e.port && p.published === undefined) {
      if (p.ephemeral) {
        skip('ports', `'${p.text}' is published on a host port Compose picks: not published (set publish)`);
      }
    } else {
      skip('ports', `'${p.text}' is not the engine's port ${e.port}, or published twice`);
    }
  }
  return publish;
}

/** Keys every kind leaves out the same way. */
export function commonUnmapped(s: Service, warnings: ImportWarning[]): void {
  for (const [key, why] of s.n.unmapped) {
    warn(warnings, s.comments, `services.${s.n.name}.${key}`, why);
  }
}
