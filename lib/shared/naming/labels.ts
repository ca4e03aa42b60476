/**
 * The labels this library writes and reads back: the recommended label keys, the selector and
 * Compose labels, the label syntax, Pod Security admission labels, and how the output checks
 * recognize this library's objects by their labels.
 */
import type { WorkloadKind } from './kinds';

/** The Kubernetes recommended label keys this library writes. */
export const LABEL = {
  /** The service name; a selector label. */
  NAME: 'app.kubernetes.io/name',
  /** The application name; a selector label. */
  INSTANCE: 'app.kubernetes.io/instance',
  /** The workload's role (`web`, `worker`, `database`...). */
  COMPONENT: 'app.kubernetes.io/component',
  /** Always `cdk8s-compose`: how the output checks recognize this library's objects. */
  MANAGED_BY: 'app.kubernetes.io/managed-by',
  /** The application name. */
  PART_OF: 'app.kubernetes.io/part-of',
  /** The image tag, on the objects that run pods and their pod templates; never a selector. */
  VERSION: 'app.kubernetes.io/version',
} as const;

/**
 * The name part of a label key, and a non-empty label value: letters, digits, '-', '_' and '.',
 * alphanumeric at both ends (at most 63 characters: checked apart).
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
export const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;

/** Whether `value` is a label value (Kubernetes `IsValidLabelValue`): empty, or at most 63 characters of `LABEL_NAME`. */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && LABEL_NAME.test(value));
}

/** The value of the `managed-by` label. */
export const MANAGED_BY = 'cdk8s-compose';

/** The `component` label value of each workload kind. */
const COMPONENT: Record<WorkloadKind, string> = {
  'web': 'web',
  'worker': 'worker',
  'scheduled': 'scheduled-job',
  'run-once': 'job',
  'database': 'database',
};

/** The `app.kubernetes.io/component` value of a workload kind. */
export function componentOf(kind: WorkloadKind): string {
  return COMPONENT[kind];
}

/**
 * The labels pods are selected by. Only these two, both derived from names the user
 * chose: selectors are immutable, so they must never change when code moves around.
 */
export function selectorLabels(appName: string, serviceName: string): Record<string, string> {
  return { [LABEL.INSTANCE]: appName, [LABEL.NAME]: serviceName };
}

/** The labels every Compose service carries (the service name and the application). */
export function composeLabels(appName: string, serviceName: string): Record<string, string> {
  return { [LABEL.NAME]: serviceName, [LABEL.PART_OF]: appName };
}

/** The Pod Security admission label keys of a Namespace. */
export const POD_SECURITY_LABELS = ['pod-security.kubernetes.io/audit', 'pod-security.kubernetes.io/enforce', 'pod-security.kubernetes.io/warn'] as const;

/** The Pod Security admission label that enforces a level. */
export const POD_SECURITY_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** The label of a Namespace's name, set by Kubernetes on every Namespace (NetworkPolicy peers). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The Compose service label listing what local development overrides or adds (`command`,
 * `args`, `environment.X`, `ports.N`, `volumes./path`): the parity check exempts exactly those.
 */
export const DEV_OVERRIDES_LABEL = 'dev.cdk8s-compose.io/overrides';

/** Whether a synthesized object was made by this library (by its `managed-by` label). */
export function isManagedObject(o: any): boolean {
  return o?.metadata?.labels?.[LABEL.MANAGED_BY] === MANAGED_BY;
}

/** The application a synthesized object belongs to, when this library made it. */
export function appOfObject(o: any): string | undefined {
  return isManagedObject(o) ? o.metadata.labels[LABEL.PART_OF] : undefined;
}

/**
 * Whether a synthesized object is the StatefulSet of a Database. The official postgres,
 * mysql and redis images run as uid/gid 999 (their data files belong to it): these objects
 * are exempt from the practice rules in `DATABASE_EXEMPT_RULES`, never from Pod Security.
 */
export function isDatabaseStatefulSet(o: any): boolean {
  return o?.kind === 'StatefulSet' && isManagedObject(o) && o.metadata.labels[LABEL.COMPONENT] === COMPONENT.database;
}

/** monokle's practice rules (uid and gid above 10000) that database StatefulSets are exempt from. */
export const DATABASE_EXEMPT_RULES = /^KBP10[45] /;

// Object, volume and network names
