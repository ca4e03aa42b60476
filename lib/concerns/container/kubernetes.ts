import type { k8s } from 'cdk8s-plus-28';
import { quantity } from '../../render/kubernetes/json';
import type { ContainerSpec } from '../pod/model';
import type { SecuritySpec } from './model';
import type { WorkloadModel } from '../../model/workload';

/** A container's requests and limits. */
export function containerResources(c: ContainerSpec): k8s.ResourceRequirements {
  const r = c.resources;
  return {
    requests: { cpu: quantity(r.cpuRequest.toKubernetes()), memory: quantity(r.memoryRequest.toKubernetes()) },
    limits: { cpu: quantity(r.cpuLimit.toKubernetes()), memory: quantity(r.memoryLimit.toKubernetes()) },
  };
}

/** A container's security context: restricted Pod Security unless the model lowers a setting. */
export function containerSecurityContext(sec: SecuritySpec): k8s.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'], add: sec.addCapabilities.length > 0 ? sec.addCapabilities : undefined },
    privileged: false,
    readOnlyRootFilesystem: sec.readOnlyRootFilesystem,
    runAsNonRoot: sec.runAsNonRoot,
    runAsUser: sec.runAsUser,
    runAsGroup: sec.runAsGroup,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The pod's security context: the main container's user and group, volumes owned by its group. */
export function podSecurityContext(m: WorkloadModel): k8s.PodSecurityContext {
  const sec = m.security;
  return {
    fsGroup: sec.runAsGroup,
    // A database volume is chowned once, not walked on every start (slow on large volumes).
    fsGroupChangePolicy: m.kind === 'database' ? 'OnRootMismatch' : undefined,
    runAsNonRoot: sec.runAsNonRoot,
    runAsUser: sec.runAsUser,
    runAsGroup: sec.runAsGroup,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
