import { isLabelValue, LABEL_NAME } from '../../shared/naming/labels';
import { show } from '../../shared/parse/show';
import { DNS_SUBDOMAIN } from '../../shared/util';

/**
 * Returns a problem description when `key` is not a valid label or annotation key: an optional
 * DNS-subdomain prefix and `/`, then a name.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set
 */
export function checkLabelKey(what: string, key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if ((prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) || name.length > 63 || !LABEL_NAME.test(name)) {
    return `${what} key ${show(key)} is invalid; allowed: an optional DNS-subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Checks every key (and, for labels, every value) of a label or annotation map; pushes each problem found. */
export function checkLabels(what: string, map: Record<string, unknown>, problems: string[], annotations = false): void {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    problems.push(`${what} ${show(map)} is invalid; allowed: an object of string keys and values`);
    return;
  }
  for (const [key, value] of Object.entries(map)) {
    const keyProblem = checkLabelKey(what, key);
    if (keyProblem) {
      problems.push(keyProblem);
    }
    if (typeof value !== 'string') {
      problems.push(`${what} ${key} has value ${show(value)}; allowed: a string`);
    } else if (!annotations && !isLabelValue(value)) {
      problems.push(
        `${what} ${key} has value ${show(value)}; allowed: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, or ''`,
      );
    }
  }
}
