import type { AppModel } from '../../model/app-model';
import { envExampleFileName } from '../../shared/naming/files';
import { escapeDollar, secretVariable } from '../../shared/naming/variables';
import { sortBy } from '../../shared/util';
import type { EnvValue, SecretEnvPart } from './env-value.model';

/**
 * A container's environment in Compose. Compose interpolates `$` in every string: literals
 * are escaped as `$$`; a secret becomes `${VAR:-placeholder}` (the environment or an
 * `--env-file` may set it, else the development placeholder applies, so `docker compose up`
 * needs no file), or `${VAR:?...}` when the developer must set it, which stops
 * `docker compose up` with a message naming it. A port is the container port: Compose has
 * no Service.
 */
export function composeEnvironment(env: ReadonlyMap<string, EnvValue>, app: AppModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of env) {
    out.set(
      name,
      value.parts.map((p) => (p.kind === 'literal' ? escapeDollar(p.value) : p.kind === 'port' ? `${p.containerPort}` : secretReference(p, app))).join(''),
    );
  }
  return out;
}

/** The `environment:` key of a service: the variables sorted by name, or nothing. */
export function environmentRecord(env: ReadonlyMap<string, string>): Record<string, string> | undefined {
  return env.size > 0 ? Object.fromEntries(sortBy(env, ([name]) => name)) : undefined;
}

/** The interpolation of one secret variable (see composeEnvironment). */
function secretReference(p: SecretEnvPart, app: AppModel): string {
  const variable = secretVariable(p.secretName, p.key);
  const placeholder = app.developmentValue(variable);
  return placeholder === undefined
    ? `\${${variable}:?set ${variable} (Secret ${p.secretName} key ${p.key}) in the environment or an --env-file: see ${envExampleFileName(app.settings.appName)}}`
    : `\${${variable}:-${placeholder}}`;
}

/** Arguments may refer to the container's variables as `$(NAME)` (Kubernetes syntax); Compose gets the value itself. */
export function composeArg(arg: string, env: ReadonlyMap<string, string>): string {
  // Kubernetes semantics: `$$` is a literal `$`, `$(NAME)` a variable of the container.
  return arg
    .split(/(\$\$|\$\([A-Za-z_][A-Za-z0-9_]*\))/)
    .map((piece) => {
      if (piece === '$$') {
        return '$$';
      }
      const ref = /^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(piece);
      const value = ref ? env.get(ref[1]) : undefined;
      if (value !== undefined) {
        return value;
      }
      return escapeDollar(piece);
    })
    .join('');
}
