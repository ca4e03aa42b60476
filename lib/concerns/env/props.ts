import { EnvValue } from './env-value.model';
import { checkEnvName, checkSecretRef } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { arg, lazy, listOf, made, obj, optional, optionalArg, recordOf, sameNameHint, str, bool } from '../../shared/shape';
import type { FactoryArguments, Fields, Shape } from '../../shared/shape';
import { BRAND } from '../../shared/brands';
import type { SecretValueOptions, SecretEnvPart } from './env-value.model';

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

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const SECRET_VALUE_OPTIONS: Fields<SecretValueOptions> = {
  developmentValue: optional(str),
  requiredInDevelopment: optional(bool),
};

/** The argument shapes of the EnvValue factories. */
export const ENV_VALUE_ARGUMENTS: FactoryArguments<'EnvValue.fromValue' | 'EnvValue.fromSecret' | 'EnvValue.concat'> = {
  'EnvValue.fromValue': [arg(str)],
  'EnvValue.fromSecret': [arg(str), arg(str), optionalArg(obj<SecretValueOptions>(SECRET_VALUE_OPTIONS))],
  'EnvValue.concat': [
    arg(
      listOf(
        lazy(() => ENV_VALUE),
        'EnvValue arguments',
      ),
    ),
  ], // the parts, recorded as one list
};

const MADE_ENV_VALUE = made(
  'EnvValue',
  BRAND.ENV_VALUE,
  "EnvValue.fromValue('...'), EnvValue.fromSecret('secret', 'key'), EnvValue.concat(...)",
  ENV_VALUE_ARGUMENTS,
);
export const ENV_VALUE: Shape = Object.assign(
  (value: unknown, at: string, problems: string[], warnings?: string[]) => {
    if (typeof value === 'string') {
      problems.push(`${at} ${show(value)} is invalid; allowed: an EnvValue (write EnvValue.fromValue(${show(value)}))`);
      return false;
    }
    return MADE_ENV_VALUE(value, at, problems, warnings);
  },
  { allowed: MADE_ENV_VALUE.allowed },
);
export const ENV_MAP = recordOf(ENV_VALUE, "an object of EnvValue, e.g. { LOG_LEVEL: EnvValue.fromValue('info') }");
