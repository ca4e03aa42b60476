import type { Construct } from 'constructs';
import { appLabels, waveAnnotation } from '../../render/kubernetes/labels';
import { RenderedObject } from '../../render/kubernetes/object';
import type { AppSettings } from '../../model/app-model';
import { NAMESPACE_KEEP_ANNOTATIONS, NAMESPACE_WAVE } from '../../shared/naming/gitops';
import { POD_SECURITY_ENFORCE_LABEL, POD_SECURITY_LABELS } from '../../shared/naming/labels';
import type { PodSecurityLevel } from './model';

/**
 * The chart's Namespace, labelled for Pod Security admission: `enforce` at the level its
 * workloads really meet (known at synthesis: workloads are added after the Namespace), `audit`
 * and `warn` at "restricted", so that a lowered workload stays visible.
 */
export function renderNamespace(scope: Construct, s: AppSettings, level: () => PodSecurityLevel): void {
  new RenderedObject(scope, 'Namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: s.namespace,
      labels: { ...appLabels(s), ...Object.fromEntries(POD_SECURITY_LABELS.map((key) => [key, 'restricted'])) },
      // Before everything in it (Argo CD applies wave by wave); never pruned or deleted with the
      // GitOps application: deleting a Namespace deletes the database volumes' claims in it.
      annotations: { ...waveAnnotation(NAMESPACE_WAVE), ...NAMESPACE_KEEP_ANNOTATIONS },
    },
    lateLabels: () => ({ [POD_SECURITY_ENFORCE_LABEL]: level() }),
    bodyKeys: [],
    body: () => ({}),
  });
}
