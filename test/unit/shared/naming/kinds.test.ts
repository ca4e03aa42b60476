import { hasService, isJob, isReplicated, SECRET_STORE_KINDS, WorkloadKind } from '../../../../lib/shared/naming/kinds';

const KINDS: WorkloadKind[] = ['web', 'worker', 'scheduled', 'run-once', 'database'];

describe('workload kinds', () => {
  test('which kinds have a Service, run to completion, or roll out replicas', () => {
    expect(KINDS.filter(hasService)).toEqual(['web', 'database']);
    expect(KINDS.filter(isJob)).toEqual(['scheduled', 'run-once']);
    expect(KINDS.filter(isReplicated)).toEqual(['web', 'worker']);
  });

  test('the secret store kinds', () => {
    expect(SECRET_STORE_KINDS).toEqual(['SecretStore', 'ClusterSecretStore']);
  });
});
