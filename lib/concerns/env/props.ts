import { EnvValue, SecretEnvPart } from './env-value.model';
import { checkEnvName, checkSecretRef } from '../../shared/util';
import { show } from '../../shared/parse/show';

/** Checks environment variables and adds the valid ones to `target`. */
export function normalizeEnv(env: Record<string, EnvValue> | undefined, target: Map<string, EnvValue>, problems: string[]): void {
  for (const [name, value] of Object.entries(env ?? {})) {
    const p = checkEnv(name, value);
    if (p) {
      problems.push(p);
      continue;
    }
    target.set(name, value);
  }
}

/** Returns a problem description when `name` or `value` cannot be an environment variable (JavaScript users, untyped runners). */
export function checkEnv(name: string, value: unknown): string | undefined {
  const nameProblem = checkEnvName(name);
  if (nameProblem) {
    return nameProblem;
  }
  if (EnvValue.isEnvValue(value)) {
    for (const part of value.parts) {
      const problem = part.kind === 'secret' ? (checkSecretRef(part.secretName, part.key) ?? checkSecretDevelopment(part)) : undefined;
      if (problem) {
        return `environment variable ${name}: ${problem}`;
      }
    }
    return undefined;
  }
  const hint = typeof value === 'string' ? ` (write EnvValue.fromValue(${show(value)}))` : sameNameHint(value, 'EnvValue');
  return `environment variable ${name} is ${show(value)}, not an EnvValue; allowed: EnvValue.fromValue(), EnvValue.fromSecret(), EnvValue.concat() or a connection output${hint}`;
}

/**
 * Characters a development placeholder may use: none that Compose interpolation or YAML would
 * read, and none that a connection URL embedding the value would (`@`, `/`, `:`...).
 */
const DEVELOPMENT_VALUE = /^[A-Za-z0-9._~-]{1,256}$/;

/** Returns a problem with the development options of a secret reference, if any. */
export function checkSecretDevelopment(part: SecretEnvPart): string | undefined {
  const { secretName, key, developmentValue, requiredInDevelopment } = part;
  if (developmentValue !== undefined && requiredInDevelopment) {
    return `secret key ${secretName}/${key} has both developmentValue and requiredInDevelopment; allowed: one of them`;
  }
  if (developmentValue !== undefined && (typeof developmentValue !== 'string' || !DEVELOPMENT_VALUE.test(developmentValue))) {
    return `developmentValue ${show(developmentValue)} of secret key ${secretName}/${key} is invalid; allowed: 1 to 256 letters, digits and '._~-' (a placeholder, not a credential; URL-safe, as connection URLs embed it)`;
  }
  return undefined;
}

/**
 * A hint when a value is another library's class of the same name: cdk8s-plus-28 also exports
 * `Cpu`, `EnvValue`, `ImagePullPolicy` and `Workload`, and both may be imported in one chart.
 */
export function sameNameHint(value: unknown, className: string): string {
  const name = (value as { constructor?: { name?: unknown } } | undefined)?.constructor?.name;
  return name === className ? ` (this ${className} comes from another library, probably cdk8s-plus-28: import ${className} from 'cdk8s-compose')` : '';
}
