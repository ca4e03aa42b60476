import type { AppSettings } from '../../model/app-model';
import { ARGO_SYNC_WAVE_ANNOTATION } from '../../shared/naming/gitops';
import { imageVersion } from '../../shared/naming/images';
import { componentOf, LABEL, MANAGED_BY, selectorLabels as selectorLabelsOf } from '../../shared/naming/labels';
import type { WorkloadModel } from '../../model/workload';

/** The labels a workload's pods are selected by (see the naming contract). */
export function selectorLabels(m: WorkloadModel, s: AppSettings): Record<string, string> {
  return selectorLabelsOf(s.appName, m.name);
}

/** The recommended labels on every object of a workload. */
export function workloadLabels(m: WorkloadModel, s: AppSettings): Record<string, string> {
  // Hot path (every object of every workload): Object.assign, not spreads followed by new keys.
  return Object.assign({}, s.labels, selectorLabels(m, s), {
    [LABEL.COMPONENT]: componentOf(m.kind),
    [LABEL.MANAGED_BY]: MANAGED_BY,
    [LABEL.PART_OF]: s.appName,
  });
}

/** `app.kubernetes.io/version` from the image's tag, when it has one that is a valid label value (not for a digest alone). */
export function versionLabel(image: string): Record<string, string> {
  const version = imageVersion(image);
  return version === undefined ? {} : { [LABEL.VERSION]: version };
}

/** Argo CD's sync wave of an object, when it is not the default wave 0. */
export function waveAnnotation(wave: number): Record<string, string> {
  return wave === 0 ? {} : { [ARGO_SYNC_WAVE_ANNOTATION]: `${wave}` };
}

/** The labels of the objects that belong to the whole app (the Namespace). */
export function appLabels(s: AppSettings): Record<string, string> {
  return { ...s.labels, [LABEL.MANAGED_BY]: MANAGED_BY, [LABEL.PART_OF]: s.appName };
}
