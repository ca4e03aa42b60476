import type { ParityPair } from '../../validation/parity-pair';
import { bytes, cores } from '../../validation/parity-pair';

/** The same image. */
export function imageParity(p: ParityPair): void {
  p.eq('image', p.kubernetes.container.image, p.compose.image);
}

/** The same user, read-only root, dropped capabilities and no new privileges. */
export function securityParity(p: ParityPair): void {
  const sc = p.kubernetes.container.securityContext ?? {};
  const s = p.compose;
  p.eq('security.user', `${sc.runAsUser}:${sc.runAsGroup}`, s.user);
  p.eq('security.readOnlyRootFilesystem', sc.readOnlyRootFilesystem === true, s.read_only === true);
  p.eq('security.capabilities', (sc.capabilities?.drop ?? []).includes('ALL'), (s.cap_drop ?? []).includes('ALL'));
  p.eq('security.noNewPrivileges', sc.allowPrivilegeEscalation === false, (s.security_opt ?? []).includes('no-new-privileges:true'));
}

/** Limits and requests (Compose limits and reservations), compared as numbers (cores and bytes). */
export function resourcesParity(p: ParityPair): void {
  const r = p.kubernetes.container.resources ?? {};
  const lim = p.compose.deploy?.resources?.limits ?? {};
  const res = p.compose.deploy?.resources?.reservations ?? {};
  p.eq('resources.limits.cpu', cores(r.limits?.cpu), cores(lim.cpus));
  p.eq('resources.limits.memory', bytes(r.limits?.memory), bytes(lim.memory));
  p.eq('resources.requests.cpu', cores(r.requests?.cpu), cores(res.cpus));
  p.eq('resources.requests.memory', bytes(r.requests?.memory), bytes(res.memory));
}
