/**
 * Environment variable names (connection outputs, secret keys in the env file, the helper
 * variables of composed values), development placeholders, and `$` escaping.
 */
import type { AppProtocolName } from './kinds';

const envPrefixes = new Map<string, string>();

/** Turns any name into an UPPER_SNAKE environment variable prefix: `orders-db` becomes `ORDERS_DB`. */
export function toEnvPrefix(name: string): string {
  // Synthesis asks again for the same few names (each secret key, each connection): the
  // answer is kept rather than recomputed with three regular expressions each time.
  let prefix = envPrefixes.get(name);
  if (prefix === undefined) {
    prefix = name
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase();
    if (envPrefixes.size >= 10_000) {
      envPrefixes.clear();
    }
    envPrefixes.set(name, prefix);
  }
  return prefix;
}

/** The env-file variable that holds one key of one secret: `orders-db-credentials/password` becomes `ORDERS_DB_CREDENTIALS_PASSWORD`. */
export function secretVariable(secretName: string, key: string): string {
  const variable = toEnvPrefix(`${secretName}_${key}`);
  // Compose interpolates `${NAME}` only for names that start with a letter or `_` (a Secret
  // named `1password` would otherwise give `${1PASSWORD_TOKEN}`, which Compose refuses).
  return /^[0-9]/.test(variable) ? `_${variable}` : variable;
}

/** The env-file variable naming the folder of an app's secret files (outside the synth output). */
export function secretsDirVariable(appName: string): string {
  return `${toEnvPrefix(appName)}_SECRETS_DIR`;
}

/** The development placeholder Compose uses for a secret key nobody set: `dev-<secret>-<key>` (never in Kubernetes output). */
export function developmentPlaceholder(secretName: string, key: string): string {
  return `dev-${secretName}-${key}`;
}

/**
 * The key of a Secret that holds another key's value percent-encoded (RFC 3986), which
 * connection URLs read: `password` becomes `password-urlencoded`.
 */
export function urlEncodedSecretKey(key: string): string {
  return `${key}-urlencoded`;
}

/** The suffix of the Kubernetes helper variables that hold a secret a composed value embeds. */
export const SECRET_HELPER_SUFFIX = '_SECRET';

/**
 * The Kubernetes helper variable for a secret embedded in a composed value: Kubernetes
 * expands `$(VAR)` only for variables defined earlier in the same container.
 */
export function secretHelperVariable(secretName: string, key: string): string {
  return `${secretVariable(secretName, key)}${SECRET_HELPER_SUFFIX}`;
}

/** The scheme of the URLs clients receive for a port of each protocol. */
export function urlScheme(protocol: AppProtocolName): string {
  return protocol === 'grpc' ? 'grpc' : protocol === 'tcp' ? 'tcp' : 'http';
}

/** The variables `connectTo()` injects: `<PREFIX>_HOST`, `_PORT`, `_URL`, and for databases `_NAME`, `_USER`, `_PASSWORD`. */
export function connectionVariable(prefix: string, output: 'HOST' | 'PORT' | 'URL' | 'NAME' | 'USER' | 'PASSWORD'): string {
  return `${prefix}_${output}`;
}

/**
 * Writes every `$` as `$$`. Both targets read `$$` as a literal `$`: Kubernetes in env values
 * and args (where `$(X)` expands a variable), Compose everywhere (where `$X` interpolates).
 */
export function escapeDollar(value: string): string {
  // Most values have no `$`: a search is cheaper than a regular-expression replace that finds nothing.
  return value.includes('$') ? value.replace(/\$/g, '$$$$') : value;
}

// Ranges and kind predicates
