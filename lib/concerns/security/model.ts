import type { SecuritySpec } from '../container/model';

// The model of security: the Pod Security level a security context meets, and RBAC rules.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** The Pod Security Standard levels, from the strictest. */
export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

/** The capabilities Pod Security "restricted" allows adding. */
const RESTRICTED_CAPABILITIES = new Set(['NET_BIND_SERVICE']);
/** The capabilities Pod Security "baseline" allows adding. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/**
 * The strictest Pod Security Standard a security context meets, with the reasons it is not
 * stricter (a read-only root filesystem is not part of the standards).
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export function podSecurityLevelOf(s: SecuritySpec): { level: PodSecurityLevel; reasons: string[] } {
  const privileged = s.addCapabilities.filter((c) => !BASELINE_CAPABILITIES.has(c));
  if (privileged.length > 0) {
    return { level: 'privileged', reasons: [`adds capabilities beyond baseline: ${privileged.join(', ')}`] };
  }
  const reasons: string[] = [];
  if (!s.runAsNonRoot) {
    reasons.push('runs as root (runAsUser 0)');
  }
  const baseline = s.addCapabilities.filter((c) => !RESTRICTED_CAPABILITIES.has(c));
  if (baseline.length > 0) {
    reasons.push(`adds capabilities beyond NET_BIND_SERVICE: ${baseline.join(', ')}`);
  }
  return { level: reasons.length > 0 ? 'baseline' : 'restricted', reasons };
}

/** The least strict of several levels. */
export function leastStrict(levels: PodSecurityLevel[]): PodSecurityLevel {
  return levels.includes('privileged') ? 'privileged' : levels.includes('baseline') ? 'baseline' : 'restricted';
}

/** One rule of a namespaced RBAC Role: verbs on resources of one API group. */
export interface RoleRuleSpec {
  /** `''` for the core group. */
  readonly apiGroup: string;
  readonly resources: string[];
  readonly verbs: string[];
  /** Only these objects; undefined: every object. */
  readonly resourceNames?: string[];
}
