import type { IntendedDifference, ParityPair } from '../../validation/parity-pair';

/** What the targets may differ in about jobs. */
export const JOBS_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  { feature: 'schedule of a scheduled job', why: 'Compose has no scheduler: the job is a one-shot service under the `scheduled` profile' },
];

/** Jobs run once in both targets; everything else is restarted. */
export function restartParity(p: ParityPair): void {
  const kind = p.kubernetes.kind;
  const jobLike = kind === 'Job' || kind === 'CronJob' || kind === 'InitContainer';
  p.eq('restart', jobLike ? 'no' : 'always restarted', p.compose.restart === 'no' ? 'no' : 'always restarted');
}
