import type { AppModel } from '../../model/app-model';
import { secretVariable } from '../../shared/naming/variables';
import { sortBy } from '../../shared/util';

/** A variable the Compose file reads for a secret key. */
export interface ComposeSecretVariable {
  /** `secret/key` in Kubernetes. */
  readonly secret: string;
  /** The development placeholder, undefined when the developer must set the variable. */
  readonly placeholder: string | undefined;
  /** The variable whose value this one holds percent-encoded (a connection URL's password), if any. */
  readonly urlEncodes?: string;
}

/** The interpolation variables the Compose file reads for secrets, sorted by name. */
export function composeSecretVariables(app: AppModel): Map<string, ComposeSecretVariable> {
  const vars = new Map<string, ComposeSecretVariable>();
  for (const w of app.workloads) {
    for (const value of w.env.values()) {
      for (const p of value.parts) {
        if (p.kind === 'secret') {
          const variable = secretVariable(p.secretName, p.key);
          const from = app.urlEncodedFrom(p.secretName, p.key);
          vars.set(variable, {
            secret: `${p.secretName}/${p.key}`,
            placeholder: app.developmentValue(variable),
            ...(from !== undefined ? { urlEncodes: secretVariable(p.secretName, from) } : {}),
          });
        }
      }
    }
  }
  return new Map(sortBy(vars, ([name]) => name));
}
