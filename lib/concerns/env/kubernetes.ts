import type { k8s } from 'cdk8s-plus-28';
import type { EnvValue, PortEnvPart } from './env-value.model';
import { escapeDollar, secretHelperVariable } from '../../shared/naming/variables';
import { compareStrings } from '../../shared/util';

/**
 * Renders a container's environment. Kubernetes expands `$(NAME)` only for variables
 * defined EARLIER in the same list, so values that embed a secret are rendered as
 * `...$(HELPER)...` after a `secretKeyRef` variable: the password never appears in the
 * manifest. A port renders as the Service port (Kubernetes clients connect to the Service).
 * Plain variables come first (sorted), then composed ones (sorted). Every literal `$` is written `$$` (Kubernetes reduces `$$` to `$`
 * and expands `$(X)`), so the container sees exactly the text that was given.
 */
export function renderEnv(env: ReadonlyMap<string, EnvValue>): k8s.EnvVar[] {
  const plain: k8s.EnvVar[] = [];
  const composed: k8s.EnvVar[] = [];
  const secretVars = new Map<string, string>();
  // Map.forEach rather than for...of over [name, value] pairs: 8 ms vs 14 ms (CPU) over the 1000
  // calls of a 1000-service synthesis, measured with copies of this function in a fresh process.
  env.forEach((value, name) => {
    const only = value.parts.length === 1 ? value.parts[0] : undefined;
    if (only?.kind === 'secret') {
      secretVars.set(secretId(only), secretVars.get(secretId(only)) ?? name);
    }
  });
  env.forEach((value, name) => {
    const parts = value.parts;
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only?.kind === 'secret') {
      plain.push({ name, valueFrom: { secretKeyRef: { name: only.secretName, key: only.key } } });
      return;
    }
    if (only?.kind === 'literal') {
      plain.push({ name, value: escapeDollar(only.value) });
      return;
    }
    if (!value.isSecret) {
      plain.push({ name, value: parts.map((p) => (p.kind === 'literal' ? escapeDollar(p.value) : `${(p as PortEnvPart).servicePort}`)).join('') });
      return;
    }
    const text = parts
      .map((p) => {
        if (p.kind === 'literal') {
          return escapeDollar(p.value);
        }
        if (p.kind === 'port') {
          return `${p.servicePort}`;
        }
        let helper = secretVars.get(secretId(p));
        if (!helper) {
          helper = secretHelperVariable(p.secretName, p.key);
          secretVars.set(secretId(p), helper);
          plain.push({ name: helper, valueFrom: { secretKeyRef: { name: p.secretName, key: p.key } } });
        }
        return `$(${helper})`;
      })
      .join('');
    composed.push({ name, value: text });
  });
  const byName = (a: k8s.EnvVar, b: k8s.EnvVar) => compareStrings(a.name, b.name);
  return plain.sort(byName).concat(composed.sort(byName));
}

function secretId(p: { secretName: string; key: string }): string {
  return `${p.secretName}/${p.key}`;
}
