/** The checks the validation module runs. */
export enum Check {
  /** Kubernetes schema: types, required fields, enums (kubernetes-models). */
  KUBERNETES_SCHEMA = 'kubernetes-schema',
  /** Unknown or misspelled Kubernetes fields, which the schema lets through. */
  KUBERNETES_UNKNOWN_FIELDS = 'kubernetes-unknown-fields',
  /** Pod Security Standards (baseline + restricted), best practices and broken references (@monokle/validation, offline plugins). */
  POD_SECURITY = 'pod-security',
  /** The compose-spec JSON schema. */
  COMPOSE_SCHEMA = 'compose-schema',
  /** `docker-compose config -q`: Compose's own parser, when the tool is installed. */
  DOCKER_COMPOSE = 'docker-compose',
  /** The Kubernetes and Compose outputs describe the same application. */
  PARITY = 'parity',
  /**
   * Changes to a StatefulSet that Kubernetes refuses to apply (volume claim templates,
   * serviceName, selector, podManagementPolicy), against the previous output; runs only when
   * `previousOutput` is given.
   */
  STATEFULSET_UPDATES = 'statefulset-updates',
  /** Argo CD's sync-wave, sync-options, hook and hook-delete-policy annotations hold values Argo CD knows. */
  ARGO_CD_ANNOTATIONS = 'argo-cd-annotations',
}

/** One problem found in synthesized output. */
export interface Finding {
  /** The check that found it. */
  readonly check: Check;
  /** The object: `Deployment/api` for Kubernetes, `services.api` for Compose. */
  readonly object: string;
  /** JSON path of the field inside the object, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** The construct that produced the object, when known, e.g. `shop/Api`. */
  readonly construct?: string;
}

/** The result of a validation run. */
export interface ValidationResult {
  /** Every problem found; empty when the output is valid. */
  readonly findings: Finding[];
  /**
   * Checks that could not run, each with the reason (a package or tool that is missing, a
   * check that needs the network). A skipped check is never counted as passed.
   */
  readonly skipped: string[];
}

/** One line per finding: `[check] Deployment/api spec.replicas: must be integer (shop/Api)`. */
export function formatFinding(f: Finding): string {
  return `[${f.check}] ${f.object}${f.path ? ` ${f.path}` : ''}: ${f.message}${f.construct ? ` (${f.construct})` : ''}`;
}

/** Appends one key to a JSON path: `spec.containers[0].image`, `labels["a/b"]`. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) {
    return parent ? `${parent}.${key}` : key;
  }
  return `${parent}[${JSON.stringify(key)}]`;
}

/** An ajv instancePath (`/spec/ports/0/port`) as a JSON path (`spec.ports[0].port`). */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((acc, seg) => joinPath(acc, /^\d+$/.test(seg) ? Number(seg) : seg), '');
}

/** ajv's message plus the detail it keeps in `params` (the offending key, the allowed values). */
export function describeAjvError(err: { message?: string; keyword: string; params: unknown }): string {
  const msg = err.message ?? err.keyword;
  const params = err.params as Record<string, unknown>;
  if (err.keyword === 'additionalProperties') {
    return `${msg}: "${String(params.additionalProperty)}"`;
  }
  if (err.keyword === 'enum') {
    return `${msg}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return msg;
}

/**
 * Loads an optional peer dependency of the validation module, or returns the reason it is
 * missing. The validators are optional so that synthesis never needs them.
 */
export function optionalRequire<T>(id: string, install: string): T | string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(id) as T;
  } catch (e) {
    if ((e as { code?: string }).code === 'MODULE_NOT_FOUND') {
      return `package '${id}' is not installed (npm install --save-dev ${install})`;
    }
    throw e;
  }
}
