import type { IntendedDifference, ParityPair } from '../../validation/parity-pair';
import { SECRET_HELPER_SUFFIX, secretVariable } from '../../shared/naming/variables';

/** What the targets may differ in about the environment. */
export const ENV_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  {
    feature: 'helper variables `<SECRET>_<KEY>_SECRET`',
    why: 'Kubernetes expands `$(VAR)` only for variables defined earlier, so a composed value needs its secret as a variable of its own',
  },
];

/** Environment (the same keys; values equal or from the same secret), command and args. */
export function envParity(p: ParityPair, ports: Array<[string, number, number]>): void {
  const c = p.kubernetes.container;
  const s = p.compose;
  const k8sEnv = normalizeKubernetesEnv(c.env ?? []);
  const composeEnv = new Map(Object.entries<string>(s.environment ?? {}).map(([k, v]) => [k, normalizeComposeValue(String(v))]));
  for (const key of [...new Set([...k8sEnv.keys(), ...composeEnv.keys()])].sort()) {
    p.eq(`environment.${key}`, withContainerPorts(k8sEnv.get(key), composeEnv.get(key), ports), composeEnv.get(key));
  }
  p.eq(
    'command',
    c.command?.map((a: string) => normalizeKubernetesArg(a, k8sEnv)),
    s.entrypoint?.map(normalizeComposeValue),
  );
  p.eq(
    'args',
    c.args?.map((a: string) => normalizeKubernetesArg(a, k8sEnv)),
    s.command?.map(normalizeComposeValue),
  );
}

/**
 * A Kubernetes env value as Compose should have it: every `svc:servicePort` as
 * `svc:containerPort`, and a bare Service port as its container port when that is what
 * Compose has (the connection outputs carry each target's port).
 */
function withContainerPorts(value: string | undefined, composeValue: string | undefined, ports: Array<[string, number, number]>): string | undefined {
  if (value === undefined || value === composeValue) {
    return value;
  }
  let out = value;
  for (const [svc, servicePort, containerPort] of ports) {
    // `api:80` in `http://api:80/x`, not in `api:8080` or `myapi:80`.
    out = out.replace(new RegExp(`(^|[^a-z0-9.-])${svc.replace(/[.]/g, '\\.')}:${servicePort}(?![0-9])`, 'g'), `$1${svc}:${containerPort}`);
    if (value === `${servicePort}` && composeValue === `${containerPort}`) {
      return composeValue;
    }
  }
  return out;
}

/**
 * Kubernetes env values in a comparable form: secrets as `<secret NAME/KEY>`, `$(VAR)`
 * references replaced by the referenced value, `$$(` unescaped. Helper variables that only
 * carry a secret for a composition are dropped (an intended difference).
 */
function normalizeKubernetesEnv(env: any[]): Map<string, string> {
  const values = new Map<string, string>();
  const referenced = new Set<string>();
  for (const e of env) {
    if (e.valueFrom?.secretKeyRef) {
      values.set(e.name, `<secret ${secretVariable(e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key)}>`);
    } else {
      values.set(e.name, normalizeKubernetesArg(String(e.value ?? ''), values, referenced));
    }
  }
  for (const name of referenced) {
    if (name.endsWith(SECRET_HELPER_SUFFIX) && values.get(name)?.startsWith('<secret ')) {
      values.delete(name);
    }
  }
  return values;
}

function normalizeKubernetesArg(value: string, env: Map<string, string>, referenced = new Set<string>()): string {
  // Kubernetes reduces `$$` to `$` and expands `$(NAME)` for the container's variables.
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, ref: string | undefined) => {
    if (ref === undefined) {
      return '$';
    }
    if (!env.has(ref)) {
      return match;
    }
    referenced.add(ref);
    return env.get(ref)!;
  });
}

/** Compose values in the same form: `${VAR:?...}` as `<secret VAR>`, `$$` unescaped. */
export function normalizeComposeValue(value: string): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}/g, (_match, name: string | undefined) =>
    name === undefined ? '$' : `<secret ${name}>`,
  );
}
