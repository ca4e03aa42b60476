import type { ComposeService } from '../../render/compose/types';
import { isJob } from '../../shared/naming/kinds';
import { SCHEDULED_PROFILE } from '../../shared/naming/objects';
import type { WorkloadModel } from '../../model/workload';

/**
 * How Compose runs a workload: services restart unless stopped, jobs run once; a scheduled job
 * runs only on demand, under the `scheduled` profile (Compose has no scheduler).
 */
export function composeRunPolicy(w: WorkloadModel): Pick<ComposeService, 'restart' | 'profiles'> {
  const profiles = [...new Set([...(w.kind === 'scheduled' ? [SCHEDULED_PROFILE] : []), ...w.compose.profiles])].sort();
  return { restart: isJob(w.kind) ? 'no' : 'unless-stopped', profiles: profiles.length > 0 ? profiles : undefined };
}
