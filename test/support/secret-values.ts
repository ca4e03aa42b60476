/**
 * Reference implementations of what happens to secret values after synthesis, so that
 * tests can follow a password from the store to the URL a container reads: the External
 * Secrets Operator's template engine v2 (the subset the library writes), Kubernetes' `$(VAR)`
 * expansion of a container's env list and Compose's `${VAR:-default}` interpolation.
 */

/**
 * Go's `url.QueryEscape`, what the template function `urlquery` calls: letters, digits and
 * `-_.~` stay, a space becomes `+`, every other byte of the UTF-8 encoding becomes `%XX`.
 */
export function goQueryEscape(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      if (/^[A-Za-z0-9\-_.~]$/.test(c)) {
        return c;
      }
      return c === ' ' ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/**
 * Executes one ESO template value: `{{ index . "key" }}` followed by a pipeline of
 * `urlquery` and sprig's `replace "old" "new"` (the piped value is the last argument).
 * Anything else fails the test: the library must write only what this models.
 */
export function executeEsoTemplate(template: string, data: Record<string, string>): string {
  const match = /^\{\{ index \. "([^"]+)"((?: \| [a-z]+(?: "[^"]*")*)*) \}\}$/.exec(template);
  if (!match) {
    throw new Error(`unsupported template: ${template}`);
  }
  let value = data[match[1]];
  if (value === undefined) {
    throw new Error(`template reads key ${match[1]}, which the ExternalSecret does not read`);
  }
  for (const step of match[2].split(' | ').slice(1)) {
    const [fn, ...args] = step.match(/[a-z]+|"[^"]*"/g)!.map((t) => (t.startsWith('"') ? t.slice(1, -1) : t));
    if (fn === 'urlquery' && args.length === 0) {
      value = goQueryEscape(value);
    } else if (fn === 'replace' && args.length === 2) {
      value = value.split(args[0]).join(args[1]);
    } else {
      throw new Error(`unsupported template function: ${step}`);
    }
  }
  return value;
}

/**
 * The Secret the operator writes for an ExternalSecret, given the store's values by
 * property: the read keys as they are, or the template's data when there is a template
 * (which replaces the read data: ESO's default merge policy).
 */
export function esoSecretData(externalSecret: any, store: Record<string, string>): Record<string, string> {
  const read = Object.fromEntries(
    (externalSecret.spec.data as any[]).map((d) => {
      const value = store[d.remoteRef.property];
      if (value === undefined) {
        throw new Error(`the store has no property ${d.remoteRef.property}`);
      }
      return [d.secretKey, value];
    }),
  );
  const template = externalSecret.spec.target.template;
  if (template === undefined) {
    return read;
  }
  expect(template.engineVersion).toBe('v2');
  return Object.fromEntries(Object.entries(template.data as Record<string, string>).map(([key, t]) => [key, executeEsoTemplate(t, read)]));
}

/**
 * The environment a container sees: Kubernetes reads each `secretKeyRef` from the Secrets
 * and expands `$(NAME)` with the variables defined EARLIER in the list (`$$` is a `$`).
 */
export function expandKubernetesEnv(env: any[], secrets: Record<string, Record<string, string>>): Record<string, string> {
  const seen: Record<string, string> = {};
  for (const e of env) {
    if (e.valueFrom?.secretKeyRef) {
      const { name, key } = e.valueFrom.secretKeyRef;
      const value = secrets[name]?.[key];
      if (value === undefined) {
        throw new Error(`Secret ${name} has no key ${key}`);
      }
      seen[e.name] = value;
    } else {
      seen[e.name] = (e.value as string).replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, ref) => (ref === undefined ? '$' : (seen[ref] ?? all)));
    }
  }
  return seen;
}

/** Compose's interpolation of `${VAR:-default}` and `${VAR}` (`$$` is a `$`), with `vars` as the environment. */
export function interpolateCompose(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_all, name, fallback) =>
    name === undefined ? '$' : (vars[name] ?? fallback ?? ''),
  );
}
