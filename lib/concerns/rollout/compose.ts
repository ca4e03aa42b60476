import type { ComposeDependency, ComposeService } from '../../render/compose/types';
import { readinessCondition, sortedDependencies } from '../../model/workload';
import type { DependencyCondition, WorkloadModel } from '../../model/workload';

/** What Compose waits for, per readiness condition of a dependency. */
export const CONDITION: Record<DependencyCondition, ComposeDependency['condition']> = {
  healthy: 'service_healthy',
  started: 'service_started',
  completed: 'service_completed_successfully',
};

/** Start order: each dependency, waited for as its kind allows (healthy, started or completed). */
export function composeDependsOn(w: WorkloadModel): Pick<ComposeService, 'depends_on'> {
  const dependsOn: Record<string, ComposeDependency> = {};
  for (const d of sortedDependencies(w)) {
    dependsOn[d.target.name] = { condition: CONDITION[readinessCondition(d.target)] };
  }
  return { depends_on: Object.keys(dependsOn).length > 0 ? dependsOn : undefined };
}
