import { AppModel, appWarnings } from '../model/app-model';

/** A warning synthesis emits (`process.emitWarning(message, { code })`). */
export interface SynthWarning {
  readonly message: string;
  readonly code: string;
}

/** The code of a workload's warnings (what one target cannot express, or a risky choice): the Compose file's header lists them too. */
export const WORKLOAD_WARNING_CODE = 'CDK8S_COMPOSE_PARITY';

/** The warnings of a chart's workloads that synthesis emits, each with its construct path: those of the charts that write Compose. */
export function chartWarnings(app: AppModel, compose: boolean): SynthWarning[] {
  return compose ? appWarnings(app).map((message) => ({ message, code: WORKLOAD_WARNING_CODE })) : [];
}
