import type { Value } from '../../import/emit';
import { Code, quote } from '../../import/emit';
import type { NormalizedService } from '../../import/normalize';
import { warn } from '../../import/notes';
import type { ImportWarning } from '../../import/problems';

/**
 * How a Compose service's environment becomes EnvValues: values that name another service
 * (`db:5432`, `postgres://u:p@db/x`, `http://api:8080`) go to that service's `connectTo`, as
 * its typed outputs where they say exactly the same; a database password inside a value
 * becomes the database's Secret; any other credential inside a URL (`://user:password@`,
 * `://token@`) and secret-looking variables (password, secret, token, key, DSN...) become
 * Secret references (`<service>-env`) with the literal as their development value, each with
 * a remark. A value taken from the shell's environment is never written: its Secret is
 * required in development. Nothing secret stays a literal in the Kubernetes output.
 */

/** A service another one may connect to. */
export interface EnvTarget {
  /** The Compose service name (what values name). */
  readonly compose: string;
  /** The generated service name (the host name in both targets). */
  readonly name: string;
  readonly variable: string;
  /** Whether its variable is declared above the service being mapped. */
  readonly declared: boolean;
  /** The first TCP port clients use (`connection.address`). */
  readonly firstPort?: number;
  readonly database?: {
    readonly factory: string;
    readonly scheme: string;
    readonly user?: string;
    readonly databaseName?: string;
    readonly password?: string;
  };
}

/** Environment values split by where they go. */
export interface MappedEnvironment {
  /** Variables naming no other service: the `env` prop. */
  readonly plain: Record<string, Value>;
  /** Variables naming a service: its `connectTo(..., { env })`, by Compose service name. */
  readonly byTarget: Record<string, Record<string, Value>>;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HOSTISH = /HOST|ADDR|SERVER|ENDPOINT|SERVICE|URL|URI|DSN|BROKER|NODES?$/;
const PASSWORDISH = /PASSWORD|PASSWD|PASS$|PWD$/;
const SECRETISH = /PASSWORD|PASSWD|(^|_)PASS$|_PWD$|SECRET|TOKEN|_KEY$|^KEY$|API_?KEY|PRIVATE|CREDENTIAL|AUTH|DSN/;
/** `scheme://user:password@` or `scheme://token@`: the credential of a URL. */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)(?:([^:@/?#\s]*):)?([^:@/?#\s]+)@/gi;
const DEVELOPMENT_VALUE = /^[A-Za-z0-9._~-]{1,256}$/;

/** Maps the environment of `n` (generated name `name`). */
export function mapEnvironment(
  n: NormalizedService,
  name: string,
  targets: Map<string, EnvTarget>,
  warnings: ImportWarning[],
  comments: string[],
  fromShell: ReadonlyMap<string, string>,
): MappedEnvironment {
  const plain: Record<string, Value> = {};
  const byTarget: Record<string, Record<string, Value>> = {};
  for (const key of Object.keys(n.environment).sort()) {
    const raw = n.environment[key];
    if (!ENV_NAME.test(key)) {
      warn(warnings, comments, `services.${n.name}.environment.${key}`, 'the name is not a valid variable name in Kubernetes (letters, digits and _)');
      continue;
    }
    const refs = [...targets.values()].filter((t) => mentions(raw, t.compose) || (raw === t.compose && HOSTISH.test(key)));
    // A database password given to a client as it is (PGPASSWORD=...).
    const passwordOf = PASSWORDISH.test(key) ? [...targets.values()].filter((t) => t.database?.password !== undefined && t.database.password === raw) : [];
    for (const t of passwordOf) {
      if (!refs.includes(t)) {
        refs.push(t);
      }
    }
    // The shell's variables the value holds: never written as a development value.
    const shell = [...fromShell].filter(([, v]) => v !== '' && raw.includes(v)).map(([k]) => k);
    const value = valueOf(key, raw, refs, passwordOf[0], name, shell, (message) =>
      warn(warnings, comments, `services.${n.name}.environment.${key}`, message, true),
    );
    const target = refs.find((t) => t.declared) ?? refs[0];
    if (target) {
      byTarget[target.compose] = { ...byTarget[target.compose], [key]: value };
    } else {
      plain[key] = value;
    }
  }
  return { plain, byTarget };
}

/** Whether `value` names the host `host` (after a scheme, `@`, `=`, `,` or at the start, before a port, path or the end). */
export function mentions(value: string, host: string): boolean {
  return new RegExp(`(^|[/@=,\\s])${escape(host)}(?=[:/?,\\s]|$)`).test(value) && value !== host;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function valueOf(
  key: string,
  raw: string,
  refs: EnvTarget[],
  passwordOf: EnvTarget | undefined,
  name: string,
  shell: string[],
  remark: (message: string) => void,
): Value {
  if (passwordOf?.declared) {
    return new Code(`${passwordOf.variable}.connection.password!`);
  }
  for (const t of refs.filter((r) => r.declared)) {
    if (raw === t.compose && HOSTISH.test(key)) {
      return new Code(`${t.variable}.connection.host`);
    }
    if (t.firstPort !== undefined && raw === `${t.compose}:${t.firstPort}`) {
      return new Code(`${t.variable}.connection.address`);
    }
    if (t.database && isConnectionUrl(raw, t)) {
      return new Code(`${t.variable}.connection.url`);
    }
  }
  // Renamed services: the host name changes with the service name.
  let text = raw;
  for (const t of refs.filter((r) => r.name !== r.compose)) {
    text = text.replace(new RegExp(`(^|[/@=,\\s])${escape(t.compose)}(?=[:/?,\\s]|$)`, 'g'), `$1${t.name}`);
  }
  const withDatabasePassword = databasePasswordValue(text, refs);
  if (withDatabasePassword) {
    return withDatabasePassword;
  }
  const secret = `${name}-env`;
  const secretKey = key.toLowerCase().replace(/_/g, '-');
  // A credential inside a URL (`://user:password@`, `://token@`): that part becomes a Secret. A
  // name alone before the host of a service of this file is its user (`postgres://app@db/app`).
  const credentials = [...text.matchAll(USERINFO)].filter((m) => m[2] !== undefined || refs.length === 0);
  if (credentials.length > 0 && shell.length === 0) {
    const parts: Code[] = [];
    let at = 0;
    credentials.forEach((m, i) => {
      const what = m[2] === undefined ? 'token' : 'password';
      const start = m.index! + m[1].length + (m[2] === undefined ? 0 : m[2].length + 1);
      const partKey = `${secretKey}-${what}${credentials.length > 1 ? `-${i + 1}` : ''}`;
      parts.push(new Code(`EnvValue.fromValue(${quote(text.slice(at, start))})`, ['EnvValue']));
      parts.push(secretValue(secret, partKey, m[3], [], `the ${what} in the URL`, remark));
      at = start + m[3].length;
    });
    if (at < text.length) {
      parts.push(new Code(`EnvValue.fromValue(${quote(text.slice(at))})`, ['EnvValue']));
    }
    return new Code(`EnvValue.concat(${parts.map((p) => p.code).join(', ')})`, ['EnvValue']);
  }
  if (
    (SECRETISH.test(key) || credentials.length > 0) &&
    (refs.length === 0 || credentials.length > 0) &&
    text !== '' &&
    !/^(true|false|yes|no|on|off|\d+)$/i.test(text)
  ) {
    return secretValue(secret, secretKey, text, shell, 'the value', remark);
  }
  return new Code(`EnvValue.fromValue(${quote(text)})`, ['EnvValue']);
}

/** A database password inside a URL (`://user:password@host`) as the database's Secret: the value concatenated around it, or undefined. */
function databasePasswordValue(text: string, refs: EnvTarget[]): Code | undefined {
  const pieces: Value[] = [];
  const withPassword = refs.filter((t) => t.declared && t.database?.password);
  let rest = text;
  while (withPassword.length > 0) {
    let best: { index: number; t: EnvTarget; length: number } | undefined;
    for (const t of withPassword) {
      const marker = `:${t.database!.password!}@`;
      const index = rest.indexOf(marker);
      if (index >= 0 && (best === undefined || index < best.index)) {
        best = { index, t, length: t.database!.password!.length };
      }
    }
    if (!best) {
      break;
    }
    pieces.push(new Code(`EnvValue.fromValue(${quote(rest.slice(0, best.index + 1))})`, ['EnvValue']));
    pieces.push(new Code(`${best.t.variable}.connection.password!`));
    rest = rest.slice(best.index + 1 + best.length);
  }
  if (pieces.length > 0) {
    if (rest !== '') {
      pieces.push(new Code(`EnvValue.fromValue(${quote(rest)})`, ['EnvValue']));
    }
    return new Code(`EnvValue.concat(${pieces.map((p) => (p as Code).code).join(', ')})`, ['EnvValue']);
  }
  return undefined;
}

/**
 * `EnvValue.fromSecret()` of a value the Compose file gives: Kubernetes reads the Secret; Compose
 * gets the value as its development value, a placeholder when the value cannot be one, and
 * nothing (required at run time) when it came from the shell's environment.
 */
function secretValue(secret: string, secretKey: string, value: string, shell: string[], what: string, remark: (message: string) => void): Code {
  let options: string;
  let development: string;
  if (shell.length > 0) {
    options = ', { requiredInDevelopment: true }';
    development = `Compose requires it from the environment: the value came from the shell's ${shell.sort().join(', ')}, which the code does not write`;
  } else if (DEVELOPMENT_VALUE.test(value)) {
    options = `, { developmentValue: ${quote(value)} }`;
    development = "Compose uses the Compose file's value as development value";
  } else {
    options = '';
    development = "its value has characters a development value cannot hold (letters, digits and '._~-' only): Compose uses the placeholder";
  }
  remark(`${what} now comes from the Secret '${secret}', key '${secretKey}'; ${development}`);
  return new Code(`EnvValue.fromSecret(${quote(secret)}, ${quote(secretKey)}${options})`, ['EnvValue']);
}

/** Whether `raw` is exactly the URL `connection.url` gives for the database `t`. */
function isConnectionUrl(raw: string, t: EnvTarget): boolean {
  const d = t.database!;
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?#]+)(?::(\d+))?(?:\/([^?#]*))?(\?[^#]*)?$/.exec(raw);
  if (!m) {
    return false;
  }
  const [, scheme, user, password, host, port, database, query] = m;
  const engineQuery = d.factory === 'mongo' && d.password ? '?authSource=admin' : undefined;
  const expectedDatabase = d.factory === 'redis' ? '0' : d.databaseName;
  return (
    scheme === d.scheme &&
    host === t.compose &&
    (port === undefined || Number(port) === t.firstPort) &&
    (d.password === undefined
      ? user === undefined && password === undefined
      : password === d.password && (d.factory === 'redis' ? (user ?? '') === '' : user === d.user)) &&
    (database ?? '') === (expectedDatabase ?? '') &&
    query === engineQuery
  );
}
