import type { AppModel } from '../model/app-model';
import { appWarnings } from '../model/app-model';
import type { WorkloadModel } from '../model/workload';
import { NO_COMPOSE_HEALTH_WARNING } from '../concerns/health/props';
import { noSchedulerWarning } from '../props/worker';

/** A warning synthesis emits (`process.emitWarning(message, { code })`). */
export interface SynthWarning {
  readonly message: string;
  readonly code: string;
}

/** The code of a workload's warnings (what one target cannot express, or a risky choice): the Compose file's header lists them too. */
export const WORKLOAD_WARNING_CODE = 'CDK8S_COMPOSE_PARITY';

/**
 * The warnings of a chart's workloads that synthesis emits, each with its construct path:
 * all of them when the chart writes Compose (the Compose file's header lists the same), else
 * all but those about the Compose file alone (a chart without one has no scheduler or
 * healthcheck to miss there).
 */
export function chartWarnings(app: AppModel, compose: boolean): SynthWarning[] {
  const messages = compose
    ? appWarnings(app)
    : app.workloads.flatMap((w) => w.warnings.filter((message) => !isComposeOnly(w, message)).map((message) => `${w.path}: ${message}`));
  return messages.map((message) => ({ message, code: WORKLOAD_WARNING_CODE }));
}

/**
 * Whether a workload's warning concerns only its Compose service: a schedule Compose does not
 * run, a health check Compose has no command for. Matched against the texts their props record.
 */
function isComposeOnly(w: WorkloadModel, message: string): boolean {
  return message === NO_COMPOSE_HEALTH_WARNING || (w.kind === 'scheduled' && message === noSchedulerWarning(w.schedule));
}
