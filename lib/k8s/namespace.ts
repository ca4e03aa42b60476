import { Construct } from 'constructs';
import { appLabels } from './labels';
import { RenderedObject } from './object';
import { AppSettings } from '../model/app-model';
import { POD_SECURITY_LABELS, POD_SECURITY_LEVEL } from '../model/naming';

/** The chart's Namespace, labelled so that Pod Security admission enforces "restricted". */
export function renderNamespace(scope: Construct, s: AppSettings): void {
  new RenderedObject(scope, 'Namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: s.namespace,
      labels: { ...appLabels(s), ...Object.fromEntries(POD_SECURITY_LABELS.map((key) => [key, POD_SECURITY_LEVEL])) },
    },
    bodyKeys: [],
    body: () => ({}),
  });
}
