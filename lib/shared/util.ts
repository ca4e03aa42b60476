import { DNS_LABEL } from './naming/objects';
import { show } from './parse/show';

// Its own file: the naming contract (which this file imports) hashes with it too.
export { canonicalJson } from './canonical-json';

/**
 * Private helpers shared by the model and the renderers. Not part of the public API.
 */

/** RFC 1123 subdomain (Kubernetes `IsDNS1123Subdomain`), e.g. `apps`, `webapprouting.kubernetes.azure.com`. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Returns a problem description when `name` is not a DNS-1123 label (RFC 1123), else undefined. */
export function checkDnsLabel(what: string, name: string, maxLength = 63): string | undefined {
  if (name.length > maxLength) {
    return `${what} '${name}' is ${name.length} characters long; at most ${maxLength} are allowed`;
  }
  if (!DNS_LABEL.test(name)) {
    return `${what} '${name}' is not a DNS-1123 label; allowed: lower-case letters, digits and '-', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Returns a problem description when `name` is not a DNS-1123 subdomain (an object name: IngressClass, Flux source...), else undefined. */
export function checkDnsSubdomain(what: string, name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    return `${what} ${show(name)} is not a DNS-1123 subdomain; allowed: at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/**
 * Returns a problem description when `host` is not a valid DNS subdomain (wildcard prefix allowed):
 * an Ingress rule's host, which Kubernetes requires to be a DNS name, not an IP address, with a
 * wildcard only as its whole first label.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards
 */
export function checkHostName(what: string, host: string): string | undefined {
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bare) || /^\[[0-9a-fA-F:.]+\]$|^[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*$/.test(host)) {
    return `${what} '${host}' is an IP address, and Kubernetes accepts only DNS names as Ingress hosts; allowed: a DNS name that resolves to the address, e.g. 'shop.example.com'`;
  }
  if (bare.includes('*')) {
    return `${what} '${host}' has a wildcard that is not its whole first label; allowed: '*' only as the first label, e.g. '*.example.com'`;
  }
  if (host.length > 253 || !DNS_SUBDOMAIN.test(bare) || !bare.includes('.')) {
    return `${what} '${host}' is not a valid host name; allowed: a lower-case DNS name with at least one dot, e.g. 'shop.example.com' or '*.example.com'`;
  }
  return undefined;
}

/** Returns a problem description when `name` cannot be an environment variable name. */
export function checkEnvName(name: string): string | undefined {
  if (!ENV_NAME.test(name)) {
    return `environment variable name '${name}' is invalid; allowed: letters, digits and '_', not starting with a digit`;
  }
  return undefined;
}

/** Adds the problems that were found (the checks return undefined when all is well). */
export function collect(problems: string[], ...found: Array<string | undefined>): void {
  for (const problem of found) {
    if (problem !== undefined) {
      problems.push(problem);
    }
  }
}

/** A copy of `items` sorted by the string `key` of each, with a stable, locale-independent order. */
export function sortBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareStrings(key(a), key(b)));
}

/**
 * The keys of `map` in code-unit order (as `Array.prototype.sort` orders strings). Maps in the
 * output mostly have a handful of keys, often in order already: for those an insertion sort
 * with `<` does less work than `sort()`, and synthesis runs it for every mapping it writes.
 * Larger maps (a ConfigMap's data, thousands of Compose services) take `sort()`: insertion
 * sort is quadratic.
 */
export function sortedKeys(map: object): string[] {
  const keys = Object.keys(map);
  if (keys.length > 16) {
    return keys.sort();
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** Locale-independent string comparison (code-unit order), so output never depends on the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `value` when it is a number, else NaN: what a factory stores for a wrong-typed argument, reported later. */
export function numberOrNaN(value: unknown): number {
  return typeof value === 'number' ? value : NaN;
}

/** `options` when it is an object, else an empty one: what a factory reads when the caller passed something else (reported later). */
export function given<T extends object>(options: T | null | undefined): Partial<T> {
  return typeof options === 'object' && options !== null ? options : {};
}

/** The grammar of a key of a Kubernetes Secret. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** `list`, or undefined when it is empty: a list key the output leaves out rather than writing `[]`. */
export function orUndefined<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** Whether `key` can be a key of a Kubernetes Secret (or ConfigMap): letters, digits, `-`, `_`, `.`, at most 253. */
export function isSecretKey(key: unknown): key is string {
  return typeof key === 'string' && SECRET_KEY.test(key) && key.length <= 253;
}

/** Returns a problem description when a Secret name or key cannot be used in Kubernetes. */
export function checkSecretRef(secretName: string, key: string): string | undefined {
  if (typeof secretName !== 'string' || typeof key !== 'string') {
    return `secret reference ${show(secretName)}/${show(key)} is invalid; allowed: a Secret name and a key, both strings`;
  }
  const nameProblem = checkDnsLabel('secret name', secretName, 253);
  if (nameProblem && !DNS_SUBDOMAIN.test(secretName)) {
    return `${nameProblem} (a DNS subdomain: dots are allowed too)`;
  }
  if (!isSecretKey(key)) {
    return `secret key '${key}' (of Secret '${secretName}') is invalid; allowed: letters, digits, '-', '_' and '.'`;
  }
  return undefined;
}
