import type { ComposeDeploy, ComposeService } from '../../render/compose/types';
import type { ContainerSpec } from '../pod/model';

/** Replicas, and resources: Kubernetes limits are Compose limits, requests are reservations. */
export function composeDeploy(c: ContainerSpec, replicas: number): ComposeDeploy {
  const r = c.resources;
  return {
    replicas,
    resources: {
      limits: { cpus: r.cpuLimit.toCompose(), memory: r.memoryLimit.toCompose() },
      reservations: { cpus: r.cpuRequest.toCompose(), memory: r.memoryRequest.toCompose() },
    },
  };
}

/** The container's security as Compose has it: read-only root with tmpfs for writable paths, capabilities dropped but those added, no new privileges, the user. */
export function composeSecurity(c: ContainerSpec): Pick<ComposeService, 'read_only' | 'tmpfs' | 'cap_drop' | 'cap_add' | 'security_opt' | 'user'> {
  const s = c.security;
  return {
    read_only: s.readOnlyRootFilesystem,
    tmpfs: s.writablePaths.length > 0 ? s.writablePaths : undefined,
    cap_drop: ['ALL'],
    cap_add: s.addCapabilities.length > 0 ? s.addCapabilities : undefined,
    security_opt: ['no-new-privileges:true'],
    user: `${s.runAsUser}:${s.runAsGroup}`,
  };
}
