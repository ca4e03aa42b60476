import { Construct } from 'constructs';
import { RenderedObject } from './object';
import { AppSettings } from '../model/app-model';

/** The chart's Namespace, labelled so that Pod Security admission enforces "restricted". */
export function renderNamespace(scope: Construct, s: AppSettings): void {
  new RenderedObject(scope, 'Namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: s.namespace,
      labels: {
        ...s.labels,
        'app.kubernetes.io/managed-by': 'cdk8s-compose',
        'app.kubernetes.io/part-of': s.appName,
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
    bodyKeys: [],
    body: () => ({}),
  });
}
